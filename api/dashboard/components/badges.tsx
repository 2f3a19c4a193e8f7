import { HAZARD_STATUSES } from '../../../domain/labels.js';
import { isHazardOverdue } from '../../../domain/timeline/overdue.js';

export type Tone = 'ok' | 'late' | 'overdue' | 'pending' | 'future' | 'listed';

export function Badge(props: { tone: Tone; title?: string; children: string }) {
  return (
    <span class={`badge s-${props.tone}`} title={props.title}>
      {props.children}
    </span>
  );
}

const hazardTone = (status: string, overdue: boolean): Tone =>
  overdue ? 'overdue' : status === 'closed' ? 'ok' : status === 'submitted' ? 'pending' : 'late';

/** A hazard's status, and 已逾期 beside it when an open hazard is past its deadline. */
export function HazardStatusBadge(props: {
  hazard: { status: keyof typeof HAZARD_STATUSES; deadline: Date };
  now: Date;
}) {
  const { hazard, now } = props;
  const overdue = isHazardOverdue(hazard, now);
  return (
    <>
      <Badge tone={hazardTone(hazard.status, overdue)}>{HAZARD_STATUSES[hazard.status]}</Badge>
      {overdue && (
        <>
          {' '}
          <Badge tone="overdue">已逾期</Badge>
        </>
      )}
    </>
  );
}

export const percent = (part: number, whole: number) =>
  whole === 0 ? '—' : `${((part / whole) * 100).toFixed(1)}%`;
