import { isFollowUpOverdue } from '../../../domain/timeline/overdue.js';
import type { Prisma } from '../../../prisma/generated/client.js';
import { FOLLOW_UP_KIND_NAMES, FOLLOW_UP_STATUS_NAMES } from '../../../domain/labels.js';
import type { PageContext } from '../page.js';
import { describeDeadline } from '../queries.js';
import { Badge, type Tone } from './badges.js';

/** Special on-site inspections and interviews of a unit, with their deadlines and status. */
export function FollowUpTable(props: {
  ctx: PageContext;
  rows: Prisma.FollowUpTaskGetPayload<{ include: { enterprise: true } }>[];
}) {
  const { ctx, rows } = props;
  if (rows.length === 0) return <p class="muted">暂无跟进任务。</p>;
  return (
    <table>
      <thead>
        <tr>
          <th>类型</th>
          <th>企业</th>
          <th>原因</th>
          <th>办理期限</th>
          <th>状态</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((f) => {
          const overdue = isFollowUpOverdue(f, ctx.now);
          const tone: Tone =
            f.status === 'done'
              ? 'ok'
              : f.status === 'cancelled'
                ? 'future'
                : overdue
                  ? 'overdue'
                  : 'pending';
          return (
            <tr>
              <td>
                <a href={`/dashboard/follow-ups/${f.id}`}>{FOLLOW_UP_KIND_NAMES[f.kind]}</a>
              </td>
              <td>{f.enterprise.name}</td>
              <td>{f.reason}</td>
              <td>{describeDeadline(ctx.campaign, f.dueAt)}</td>
              <td>
                <Badge tone={tone}>{FOLLOW_UP_STATUS_NAMES[f.status]}</Badge>
                {overdue && (
                  <>
                    {' '}
                    <Badge tone="overdue">已逾期</Badge>
                  </>
                )}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
