/**
 * Messages shown after a successful action, by key (`?ok=<key>` on the page the action redirects
 * to): what happened and where the record now is. Only these fixed texts are shown, never text
 * taken from the URL.
 */
export const FLASH_MESSAGES: Record<string, string> = {
  submitted: '整改材料已提交，等待监管部门核查。',
  signed_out: '已退出登录。',
  enterprise_registered: '企业已登记，已列入本单位企业名录。',
  enterprise_updated: '企业信息已保存。',
  enterprises_imported: '企业名录已导入：新登记和更新的企业已列入下方名录，每家企业记有审计日志。',
  follow_up_closed: '任务已办结，相关提醒随之停止。',
  interview_recorded: '约谈记录已保存。该任务尚未办结，可在下方办结。',
  interview_recorded_closed: '约谈记录已保存，该约谈任务已随之办结。',
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
