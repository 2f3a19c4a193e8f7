import { campaignDayLength, DAY_MS } from '../../domain/calendar/day-length.js';
import {
  formatDeadline,
  formatShanghai,
  shanghaiDateOf,
  startOfShanghaiDay,
} from '../../domain/calendar/shanghai-time.js';
import { dutyState, type DutyState } from '../../domain/timeline/duty-state.js';
import type { Prisma } from '../../prisma/generated/client.js';
import type { AppDeps, AuthUser } from '../lib/context.js';
import { isCityRole } from '../lib/scope.js';

// Read-only aggregates for the dashboard pages. Scoping: city roles see every unit, a unit
// officer only their own (callers pass the unit ids the user may see).

type PrismaClient = AppDeps['db']['prisma'];
type CampaignRow = Prisma.CampaignGetPayload<{
  include: { phases: true; deadlines: true };
}>;

// ---------------------------------------------------------------------------------------------
// Campaigns and their calendar
// ---------------------------------------------------------------------------------------------

/** Campaigns to choose from: the latest real one first, then the rest newest first. */
export async function campaignChoices(prisma: PrismaClient) {
  const rows = await prisma.campaign.findMany({
    orderBy: [{ createdAt: 'desc' }, { id: 'asc' }],
    select: { id: true, name: true, demoSecondsPerDay: true, cancelledAt: true },
  });
  const rank = (r: (typeof rows)[number]) =>
    (r.cancelledAt ? 2 : 0) + (r.demoSecondsPerDay === null ? 0 : 1);
  return [...rows].sort((a, b) => rank(a) - rank(b));
}

export async function loadCampaign(prisma: PrismaClient, id: string | undefined) {
  const choices = await campaignChoices(prisma);
  const chosen = (id && choices.find((c) => c.id === id)) || choices[0];
  if (!chosen) return { choices, campaign: null };
  const campaign = await prisma.campaign.findUniqueOrThrow({
    where: { id: chosen.id },
    include: { phases: { orderBy: { order: 'asc' } }, deadlines: { orderBy: { dueAt: 'asc' } } },
  });
  return { choices, campaign };
}

/**
 * The campaign-calendar date of an instant: the Shanghai date for a real campaign; for a
 * compressed demo, the nominal date as many calendar days after the first phase's start.
 */
export function calendarDateOf(campaign: CampaignRow, instant: Date): string {
  if (campaign.demoSecondsPerDay === null) return shanghaiDateOf(instant);
  const first = campaign.phases[0];
  if (!first) return shanghaiDateOf(instant);
  const days = Math.floor(
    (instant.getTime() - campaign.startsAt.getTime()) / campaignDayLength(campaign),
  );
  return shanghaiDateOf(new Date(startOfShanghaiDay(first.startDate).getTime() + days * DAY_MS));
}

/** An instant for people: the wall-clock time, plus the calendar date for a demo campaign. */
export function describeInstant(campaign: CampaignRow | null, instant: Date): string {
  const text = formatShanghai(instant);
  if (!campaign || campaign.demoSecondsPerDay === null) return text;
  return `${text}（活动日历 ${calendarDateOf(campaign, instant)}）`;
}

export function describeDeadline(campaign: CampaignRow | null, instant: Date): string {
  const text = formatDeadline(instant);
  if (!campaign || campaign.demoSecondsPerDay === null) return text;
  return `${formatShanghai(instant)}（活动日历 ${calendarDateOf(campaign, new Date(instant.getTime() - 1))}）`;
}

// ---------------------------------------------------------------------------------------------
// Duty states
// ---------------------------------------------------------------------------------------------

/** The badge colour of each duty state (a presentational choice; the names are in labels.ts). */
export const DUTY_STATE_TONES = {
  on_time: 'ok',
  late: 'late',
  overdue: 'overdue',
  due: 'pending',
  not_due: 'future',
} as const satisfies Record<DutyState, string>;

// ---------------------------------------------------------------------------------------------
// Units visible to the user
// ---------------------------------------------------------------------------------------------

/** The implementing units the user may see: all 18 for city roles, their own for an officer. */
export async function visibleUnits(prisma: PrismaClient, user: AuthUser) {
  if (isCityRole(user) || user.role === 'service') {
    return prisma.unit.findMany({
      where: { kind: { not: 'city_division' } },
      orderBy: { order: 'asc' },
    });
  }
  if (user.role === 'unit_officer' && user.unitId) {
    return prisma.unit.findMany({ where: { id: user.unitId } });
  }
  return [];
}

const countBy = <K extends string>(rows: { key: K; count: number }[]) =>
  new Map(rows.map((r) => [r.key, r.count]));

export interface UnitOverviewRow {
  unit: { id: string; name: string; shortName: string; listedSupervision: boolean };
  duties: Map<string, { id: string; state: DutyState; dueAt: Date; submittedAt: Date | null }>;
  hazardsTotal: number;
  hazardsOpen: number;
  hazardsOverdue: number;
  hazardsClosed: number;
  unqualifiedSpotChecks: number;
  openReinspections: number;
  /** Activity figures of the league table (the campaign's records; the register for enterprises). */
  enterprisesRegistered: number;
  enterprisesInspected: number;
  inspections: number;
  /** 销号率 in [0, 1]; null without hazards. */
  closureRate: number | null;
  spotChecks: number;
  unqualifiedBatches: number;
  cases: number;
  assistance: number;
  followUpsOpen: number;
}

/** One row per unit: duty states, hazards open/overdue/closed, failed spot checks, re-inspections. */
export async function unitOverview(
  prisma: PrismaClient,
  campaign: CampaignRow,
  units: { id: string; name: string; shortName: string; listedSupervision: boolean }[],
  now: Date,
): Promise<UnitOverviewRow[]> {
  const unitIds = units.map((u) => u.id);
  const inUnits = { campaignId: campaign.id, unitId: { in: unitIds } };
  const [
    duties,
    hazardsByStatus,
    overdue,
    spotChecks,
    reinspections,
    enterprises,
    inspected,
    allSpotChecks,
    cases,
    assistance,
    followUps,
  ] = await Promise.all([
    prisma.unitDuty.findMany({ where: inUnits }),
    prisma.hazard.groupBy({ by: ['unitId', 'status'], where: inUnits, _count: { _all: true } }),
    prisma.hazard.groupBy({
      by: ['unitId'],
      where: { ...inUnits, status: { not: 'closed' }, deadline: { lt: now } },
      _count: { _all: true },
    }),
    prisma.spotCheck.groupBy({
      by: ['unitId'],
      where: { ...inUnits, unqualifiedBatches: { gt: 0 }, voidedAt: null },
      _count: { _all: true },
    }),
    prisma.followUpTask.groupBy({
      by: ['unitId'],
      where: { ...inUnits, kind: 'reinspection', status: 'open' },
      _count: { _all: true },
    }),
    // One group-by per record kind, whatever the number of units.
    prisma.enterprise.groupBy({
      by: ['unitId'],
      where: { unitId: { in: unitIds } },
      _count: { _all: true },
    }),
    prisma.inspection.groupBy({
      by: ['unitId', 'enterpriseId'],
      where: inUnits,
      _count: { _all: true },
    }),
    prisma.spotCheck.groupBy({
      by: ['unitId'],
      where: inUnits,
      _count: { _all: true },
      _sum: { unqualifiedBatches: true },
    }),
    prisma.enforcementCase.groupBy({ by: ['unitId'], where: inUnits, _count: { _all: true } }),
    prisma.assistance.groupBy({ by: ['unitId'], where: inUnits, _count: { _all: true } }),
    prisma.followUpTask.groupBy({
      by: ['unitId'],
      where: { ...inUnits, status: 'open' },
      _count: { _all: true },
    }),
  ]);
  const counted = (rows: { unitId: string; _count: { _all: number } }[]) =>
    countBy(rows.map((r) => ({ key: r.unitId, count: r._count._all })));
  const enterprisesBy = counted(enterprises);
  const casesBy = counted(cases);
  const assistanceBy = counted(assistance);
  const followUpsBy = counted(followUps);
  const spotChecksBy = new Map(allSpotChecks.map((r) => [r.unitId, r]));
  const overdueBy = countBy(overdue.map((r) => ({ key: r.unitId, count: r._count._all })));
  const failedBy = countBy(spotChecks.map((r) => ({ key: r.unitId, count: r._count._all })));
  const reinspectBy = countBy(reinspections.map((r) => ({ key: r.unitId, count: r._count._all })));
  return units.map((unit) => {
    const statuses = hazardsByStatus.filter((r) => r.unitId === unit.id);
    const total = statuses.reduce((sum, r) => sum + r._count._all, 0);
    const closed = statuses.find((r) => r.status === 'closed')?._count._all ?? 0;
    return {
      unit,
      duties: new Map(
        duties
          .filter((d) => d.unitId === unit.id)
          .map((d) => [
            d.deadlineId,
            {
              id: d.id,
              state: dutyState(d, campaign, now),
              dueAt: d.dueAt,
              submittedAt: d.submittedAt,
            },
          ]),
      ),
      hazardsTotal: total,
      hazardsOpen: total - closed,
      hazardsOverdue: overdueBy.get(unit.id) ?? 0,
      hazardsClosed: closed,
      unqualifiedSpotChecks: failedBy.get(unit.id) ?? 0,
      openReinspections: reinspectBy.get(unit.id) ?? 0,
      enterprisesRegistered: enterprisesBy.get(unit.id) ?? 0,
      enterprisesInspected: inspected.filter((r) => r.unitId === unit.id).length,
      inspections: inspected
        .filter((r) => r.unitId === unit.id)
        .reduce((sum, r) => sum + r._count._all, 0),
      closureRate: total > 0 ? closed / total : null,
      spotChecks: spotChecksBy.get(unit.id)?._count._all ?? 0,
      unqualifiedBatches: spotChecksBy.get(unit.id)?._sum.unqualifiedBatches ?? 0,
      cases: casesBy.get(unit.id) ?? 0,
      assistance: assistanceBy.get(unit.id) ?? 0,
      followUpsOpen: followUpsBy.get(unit.id) ?? 0,
    };
  });
}

/** Hazards past their deadline and not closed, and duties overdue, across the given units. */
export async function overdueItems(
  prisma: PrismaClient,
  campaignId: string,
  unitIds: string[],
  now: Date,
) {
  const where = { campaignId, unitId: { in: unitIds } };
  const [hazards, duties] = await Promise.all([
    prisma.hazard.findMany({
      where: { ...where, status: { not: 'closed' }, deadline: { lt: now } },
      include: { unit: true, enterprise: { select: { id: true, name: true } } },
      orderBy: [{ deadline: 'asc' }, { id: 'asc' }],
      take: 200,
    }),
    prisma.unitDuty.findMany({
      where: { ...where, status: 'pending', dueAt: { lt: now } },
      include: { unit: true, deadline: true },
      orderBy: [{ dueAt: 'asc' }, { unit: { order: 'asc' } }],
      take: 200,
    }),
  ]);
  return { hazards, duties };
}

// ---------------------------------------------------------------------------------------------
// Hazards found and closed over time
// ---------------------------------------------------------------------------------------------

export interface ChartBucket {
  from: Date;
  to: Date;
  label: string;
  found: number;
  closed: number;
}

/**
 * Buckets of campaign-calendar weeks (or longer, so that at most 20 bars are drawn) from the
 * campaign start (or the first hazard found, if earlier) to now (at most the campaign end, unless
 * records are later). Demo campaigns are compressed, so buckets are cut by actual instants.
 */
export async function hazardTimeline(
  prisma: PrismaClient,
  campaign: CampaignRow,
  unitIds: string[],
  now: Date,
): Promise<ChartBucket[]> {
  const rows = await prisma.hazard.findMany({
    where: { campaignId: campaign.id, unitId: { in: unitIds } },
    select: { foundAt: true, closedAt: true },
  });
  const instants = rows.flatMap((r) => [r.foundAt, ...(r.closedAt ? [r.closedAt] : [])]);
  const day = campaignDayLength(campaign);
  const start = Math.min(campaign.startsAt.getTime(), ...instants.map((d) => d.getTime()));
  const end = Math.max(
    Math.min(now.getTime(), campaign.endsAt.getTime()),
    ...instants.map((d) => d.getTime() + 1),
    start + day,
  );
  let size = 7 * day;
  if ((end - start) / size > 20) size = Math.ceil((end - start) / 20 / day) * day;
  if ((end - start) / size < 4) size = Math.max(day, Math.ceil((end - start) / 4 / day) * day);
  const buckets: ChartBucket[] = [];
  for (let from = start; from < end; from += size) {
    const to = from + size;
    const inBucket = (d: Date | null) => !!d && d.getTime() >= from && d.getTime() < to;
    buckets.push({
      from: new Date(from),
      to: new Date(to),
      label: calendarDateOf(campaign, new Date(from)).slice(5),
      found: rows.filter((r) => inBucket(r.foundAt)).length,
      closed: rows.filter((r) => inBucket(r.closedAt)).length,
    });
  }
  return buckets;
}

export type { CampaignRow };

// ---------------------------------------------------------------------------------------------
// The league table's order
// ---------------------------------------------------------------------------------------------

/** Numeric columns of the league table a link may sort by (`?sort=col` / `-col`). */
export const LEAGUE_COLUMNS = [
  'enterprisesRegistered',
  'enterprisesInspected',
  'inspections',
  'hazardsOpen',
  'hazardsOverdue',
  'hazardsClosed',
  'closureRate',
  'spotChecks',
  'unqualifiedBatches',
  'cases',
  'assistance',
  'followUpsOpen',
  'unqualifiedSpotChecks',
  'openReinspections',
] as const;
export type LeagueColumn = (typeof LEAGUE_COLUMNS)[number];

/**
 * The rows in the order asked for: `unit` (the city's order), a numeric column, or a duty
 * (`duty:<deadline id>`, by its state from best to worst); `-` in front reverses. Ties keep the
 * city's order. An unknown key leaves the city's order.
 */
export function sortLeague(rows: UnitOverviewRow[], sort: string | undefined): UnitOverviewRow[] {
  const descending = sort?.startsWith('-') ?? false;
  const key = descending ? sort!.slice(1) : (sort ?? 'unit');
  const stateRank: Record<DutyState, number> = {
    on_time: 0,
    late: 1,
    not_due: 2,
    due: 3,
    overdue: 4,
  };
  let value: ((r: UnitOverviewRow) => number) | undefined;
  if ((LEAGUE_COLUMNS as readonly string[]).includes(key)) {
    // A unit without hazards has no closure rate: it sorts below every rate, either way.
    value = (r) => r[key as LeagueColumn] ?? (descending ? -1 : Infinity);
  } else if (key.startsWith('duty:')) {
    const deadlineId = key.slice(5);
    value = (r) => {
      const duty = r.duties.get(deadlineId);
      return duty ? stateRank[duty.state] : 5;
    };
  }
  const indexed = rows.map((row, index) => ({ row, index }));
  if (!value) {
    if (key === 'unit' && descending) indexed.reverse();
    return indexed.map((r) => r.row);
  }
  const v = value;
  return indexed
    .sort((a, b) => {
      const diff = v(a.row) - v(b.row);
      return (descending ? -diff : diff) || a.index - b.index;
    })
    .map((r) => r.row);
}
