/**
 * Messages shown after a successful action, by key (`?ok=<key>` on the page the action redirects
 * to): what happened and where the record now is. Only these fixed texts are shown, never text
 * taken from the URL.
 */
export const FLASH_MESSAGES: Record<string, string> = {
  submitted: '整改材料已提交，等待监管部门核查。',
  signed_out: '已退出登录。',
  signed_out_everywhere: '已在所有设备和浏览器上退出登录。',
  inspection_recorded: '现场检查已记录，不合格项已列入问题清单。',
  hazard_created: '隐患已登记，列入该企业的问题清单。',
  hazard_updated: '隐患内容已修改。',
  closed: '核查通过，隐患已销号。',
  rejected: '整改材料已退回，企业须继续整改。',
  deadline_extended: '整改期限已延长。',
  duty_submitted: '已报送，报送内容已保存为第 1 版，见下方“报送记录”。',
  duty_resubmitted: '已重新报送，新版本已保存，见下方“报送记录”。',
  enterprise_registered: '企业已登记，已列入本单位企业名录。',
  enterprise_updated: '企业信息已保存。',
  enterprises_imported:
    '企业名录已导入：新登记和更新的企业已列入下方名录，每家企业记有审计日志。可通过“邀请企业联系人开通账号”为联系人一次开通账号。',
  follow_up_closed: '任务已办结，相关提醒随之停止。',
  interview_recorded: '约谈记录已保存。该任务尚未办结，可在下方办结。',
  interview_recorded_closed: '约谈记录已保存，该约谈任务已随之办结。',
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
