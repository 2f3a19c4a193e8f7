import { isPastDeadline } from '../../../domain/timeline/overdue.js';
import type { getDuty } from '../../services/reporting/duties.js';
import type { PageContext } from '../page.js';
import { describeInstant } from '../queries.js';
import { Badge } from './badges.js';

// Every submitted version of a duty: who, when, on time or late, the reason of a correction, the
// typical cases reported (or 本月无典型案例), the summary and its files, and the table frozen with it.

type Submission = Awaited<ReturnType<typeof getDuty>>['submissions'][number];

export function DutyVersions(props: {
  dutyId: string;
  dueAt: Date;
  kind: string;
  campaign: PageContext['campaign'];
  submissions: Submission[];
  submitters: Map<string, string>;
}) {
  if (props.submissions.length === 0) return <p class="muted">尚未报送。</p>;
  const base = `/dashboard/duties/${encodeURIComponent(props.dutyId)}`;
  const monthly = props.kind === 'monthly_statistics';
  return (
    <table>
      <thead>
        <tr>
          <th>版本</th>
          <th>报送人</th>
          <th>报送时间</th>
          <th>是否按时</th>
          <th>更正原因</th>
          {monthly && <th>典型案例</th>}
          <th>总结正文</th>
          <th>附件</th>
          <th>统计表（已冻结）</th>
        </tr>
      </thead>
      <tbody>
        {props.submissions.map((s) => {
          const submittedAt = new Date(s.submittedAt);
          const onTime = !isPastDeadline(props.dueAt, submittedAt);
          const table = `${base}/statistics?version=${s.version}`;
          return (
            <tr id={`v${s.version}`}>
              <td>第 {s.version} 版</td>
              <td>{props.submitters.get(s.submittedById) ?? '—'}</td>
              <td>{describeInstant(props.campaign, submittedAt)}</td>
              <td>
                <Badge tone={onTime ? 'ok' : 'late'}>{onTime ? '按时' : '逾期'}</Badge>
              </td>
              <td>{s.reason ?? '—'}</td>
              {monthly && (
                <td>
                  {s.noTypicalCases
                    ? '本月无典型案例'
                    : s.typicalCases.map((c) => <div>{c.title}</div>)}
                </td>
              )}
              <td>{s.text ?? '—'}</td>
              <td>
                {s.files.length === 0
                  ? '—'
                  : s.files.map((f) => (
                      <div>
                        <a href={`${base}/files/${encodeURIComponent(f.id)}`}>{f.name}</a>
                      </div>
                    ))}
              </td>
              <td>
                {s.statistics ? (
                  <>
                    <a href={table}>查看</a> · <a href={`${table}&format=xlsx`}>XLSX</a> ·{' '}
                    <a href={`${table}&format=csv`}>CSV</a>
                  </>
                ) : (
                  '—'
                )}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
