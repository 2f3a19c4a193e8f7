import type { presentEscalationAction } from '../../services/records/escalation-actions.js';
import type { CampaignRow } from '../queries.js';
import { describeInstant } from '../queries.js';

// The city's 督办 records of an escalated hazard, on its escalation page and its hazard page.

export type EscalationActionRow = ReturnType<typeof presentEscalationAction>;

export function EscalationActionTable(props: {
  campaign: CampaignRow | null;
  actions: EscalationActionRow[];
}) {
  if (props.actions.length === 0) return <p class="muted">市局尚未记录督办情况。</p>;
  return (
    <table class="escalation-actions">
      <thead>
        <tr>
          <th>记录时间</th>
          <th>记录人</th>
          <th>督办指令</th>
          <th>备注</th>
          <th>跟进日期</th>
        </tr>
      </thead>
      <tbody>
        {props.actions.map((a) => (
          <tr>
            <td>{describeInstant(props.campaign, new Date(a.createdAt))}</td>
            <td>
              {a.actorName}（{a.actorRoleName}）
            </td>
            <td>{a.instruction}</td>
            <td>{a.note ?? '—'}</td>
            <td>{a.followUpDate ?? '—'}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
