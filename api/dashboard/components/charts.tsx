import { DAY_MS } from '../../../domain/calendar/day-length.js';
import { startOfShanghaiDay } from '../../../domain/calendar/shanghai-time.js';
import { calendarDateOf, type CampaignRow, type ChartBucket } from '../queries.js';

// Inline SVG drawn on the server: the phase timeline and the hazards found/closed chart.

const PHASE_COLOURS = ['#4c78a8', '#f58518', '#54a24b', '#b279a2'];

/**
 * The four phases as bars over the campaign's calendar (June–October), month ticks, the
 * reporting deadlines, and today's marker. Positions are by nominal calendar date; "now" is placed
 * by instant between the campaign's start and end, so a compressed demo campaign shows where it is.
 */
export function PhaseTimeline({ campaign, now }: { campaign: CampaignRow; now: Date }) {
  const first = campaign.phases[0];
  if (!first) return <p class="muted">该专项行动没有阶段安排。</p>;
  const startDay = startOfShanghaiDay(first.startDate).getTime();
  const endDay = Math.max(
    ...campaign.phases.map((p) => startOfShanghaiDay(p.endDate).getTime() + DAY_MS),
  );
  const width = 1000;
  const left = 120;
  const right = 20;
  const span = width - left - right;
  const xOfDate = (date: string) =>
    left + ((startOfShanghaiDay(date).getTime() - startDay) / (endDay - startDay)) * span;
  const rowHeight = 26;
  const top = 28;
  const height = top + campaign.phases.length * rowHeight + 34;

  const months: string[] = [];
  for (let t = startDay; t < endDay; t += DAY_MS) {
    const date = new Date(t + 8 * 3600_000).toISOString().slice(0, 10);
    if (date.endsWith('-01')) months.push(date);
  }
  const fraction =
    (now.getTime() - campaign.startsAt.getTime()) /
    (campaign.endsAt.getTime() - campaign.startsAt.getTime());
  const nowX = left + Math.min(1, Math.max(0, fraction)) * span;
  const nowLabel =
    fraction < 0
      ? '尚未开始'
      : fraction > 1
        ? '已结束'
        : `今天 ${calendarDateOf(campaign, now).slice(5)}`;
  const deadlines = campaign.deadlines.filter(
    (d) => startOfShanghaiDay(d.dueDate).getTime() < endDay,
  );

  return (
    <svg
      class="timeline"
      role="img"
      aria-label="专项行动阶段时间轴"
      viewBox={`0 0 ${width} ${height}`}
      width="100%"
      preserveAspectRatio="xMidYMid meet"
    >
      {months.map((m) => (
        <>
          <line x1={xOfDate(m)} x2={xOfDate(m)} y1={top - 6} y2={height - 28} stroke="#d9e2ec" />
          <text x={xOfDate(m) + 4} y={top - 10} font-size="12" fill="#616e7c">
            {`${Number(m.slice(5, 7))}月`}
          </text>
        </>
      ))}
      {campaign.phases.map((p, i) => {
        const x1 = xOfDate(p.startDate);
        const x2 = xOfDate(p.endDate) + (span * DAY_MS) / (endDay - startDay);
        const y = top + i * rowHeight;
        return (
          <>
            <text x={left - 8} y={y + 16} font-size="13" text-anchor="end" fill="#1f2933">
              {p.name}
            </text>
            <rect
              x={x1}
              y={y + 3}
              width={x2 - x1}
              height={rowHeight - 8}
              rx="3"
              fill={PHASE_COLOURS[i % 4]}
              opacity={campaign.phase === p.key ? 1 : 0.55}
            >
              <title>{`${p.name}：${p.startDate} 至 ${p.endDate}`}</title>
            </rect>
          </>
        );
      })}
      {deadlines.map((d) => {
        const x = xOfDate(d.dueDate) + (span * DAY_MS) / (endDay - startDay);
        const y = height - 26;
        return (
          <path d={`M${x} ${y} l5 6 l-5 6 l-5 -6 z`} fill="#c53030">
            <title>{`${d.name}：${d.dueDate} 前报送`}</title>
          </path>
        );
      })}
      <text x={left - 8} y={height - 16} font-size="12" text-anchor="end" fill="#616e7c">
        报送期限
      </text>
      <line
        class="today"
        x1={nowX}
        x2={nowX}
        y1={top - 4}
        y2={height - 28}
        stroke="#c53030"
        stroke-width="2"
        stroke-dasharray="4 3"
      />
      <text x={Math.min(nowX + 4, width - 80)} y={height - 2} font-size="12" fill="#c53030">
        {nowLabel}
      </text>
    </svg>
  );
}

/** Grouped bars: hazards found and hazards closed (销号) per bucket. */
export function HazardChart({ buckets }: { buckets: ChartBucket[] }) {
  if (buckets.every((b) => b.found === 0 && b.closed === 0)) {
    return <p class="muted">暂无隐患记录。</p>;
  }
  const width = 1000;
  const height = 260;
  const left = 44;
  const bottom = 40;
  const top = 30;
  const plotHeight = height - top - bottom;
  const max = Math.max(1, ...buckets.map((b) => Math.max(b.found, b.closed)));
  const step = Math.max(1, Math.ceil(max / 5));
  const ticks: number[] = [];
  for (let v = 0; v <= max; v += step) ticks.push(v);
  const yMax = ticks[ticks.length - 1]! < max ? max : ticks[ticks.length - 1]!;
  const yOf = (v: number) => top + plotHeight - (v / Math.max(1, yMax)) * plotHeight;
  const slot = (width - left - 10) / Math.max(1, buckets.length);
  const bar = Math.min(28, slot / 3);
  return (
    <svg
      class="hazard-chart"
      role="img"
      aria-label="隐患发现与销号趋势"
      viewBox={`0 0 ${width} ${height}`}
      width="100%"
    >
      <rect x={left} y="4" width="12" height="12" fill="#e45756" />
      <text x={left + 16} y="15" font-size="12">
        发现隐患
      </text>
      <rect x={left + 90} y="4" width="12" height="12" fill="#54a24b" />
      <text x={left + 106} y="15" font-size="12">
        销号
      </text>
      {ticks.map((v) => (
        <>
          <line x1={left} x2={width - 10} y1={yOf(v)} y2={yOf(v)} stroke="#eef2f7" />
          <text x={left - 6} y={yOf(v) + 4} font-size="11" text-anchor="end" fill="#616e7c">
            {v}
          </text>
        </>
      ))}
      {buckets.map((b, i) => {
        const x = left + i * slot + slot / 2;
        return (
          <g class="bucket">
            <rect
              class="found"
              x={x - bar - 1}
              y={yOf(b.found)}
              width={bar}
              height={yOf(0) - yOf(b.found)}
              fill="#e45756"
            >
              <title>{`${b.label} 起：发现 ${b.found} 条`}</title>
            </rect>
            <rect
              class="closed"
              x={x + 1}
              y={yOf(b.closed)}
              width={bar}
              height={yOf(0) - yOf(b.closed)}
              fill="#54a24b"
            >
              <title>{`${b.label} 起：销号 ${b.closed} 条`}</title>
            </rect>
            <text x={x} y={height - bottom + 16} font-size="11" text-anchor="middle" fill="#616e7c">
              {b.label}
            </text>
          </g>
        );
      })}
      <line x1={left} x2={width - 10} y1={yOf(0)} y2={yOf(0)} stroke="#9aa5b1" />
      <text x={left} y={height - 6} font-size="11" fill="#616e7c">
        横轴：各时段起始日期（活动日历）；纵轴：隐患条数
      </text>
    </svg>
  );
}
