/**
 * Messages shown after a successful action, by key (`?ok=<key>` on the page the action redirects
 * to): what happened and where the record now is. Only these fixed texts are shown, never text
 * taken from the URL.
 */
export const FLASH_MESSAGES: Record<string, string> = {
  submitted: '整改材料已提交，等待监管部门核查。',
  signed_out: '已退出登录。',
  unit_listed: '已挂牌督办，并已通知该单位工作人员。督办情况见本页“挂牌督办”。',
  unit_unlisted: '已解除挂牌督办，并已通知该单位工作人员。记录保留在“历次挂牌督办”中。',
  escalation_action: '督办情况已记录，见本页“市局督办记录”，隐患所属单位可查看。',
  user_created: '账号已创建，见下方用户列表。',
  user_updated: '账号已更新，见下方用户列表。',
};

/** The fixed message for an `ok` key from the URL, or undefined for an unknown key. */
export const flashMessage = (key: string | undefined) =>
  key && Object.hasOwn(FLASH_MESSAGES, key) ? FLASH_MESSAGES[key] : undefined;

/** A success notice (role=status) or an error notice (role=alert); nothing without a text. */
export function Flash(props: {
  kind: 'ok' | 'err';
  text?: string;
  /** Where the record now is, when the page shown is not the record's own. */
  link?: { href: string; label: string };
}) {
  if (!props.text) return null;
  return (
    <div class={`flash ${props.kind}`} role={props.kind === 'err' ? 'alert' : 'status'}>
      {props.text}
      {props.link && (
        <>
          {' '}
          <a href={props.link.href}>{props.link.label}</a>
        </>
      )}
    </div>
  );
}
