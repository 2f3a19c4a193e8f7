import { DomainError } from '../../../domain/errors.js';
import {
  CITY_ROLL_UP_NAME,
  FIGURES,
  computeRollUp,
  computeTable,
  monthPeriod,
  periodInstants,
  rangePeriod,
  type FigureDefinition,
  type StatisticsPeriod,
  type StatisticsRecords,
  type StatisticsRow,
  type FigureValues,
} from '../../../domain/statistics/index.js';
import type { Prisma, PrismaClient } from '../../../prisma/generated/client.js';
import { campaignDateOf, campaignScale } from '../timeline/calendar-scale.js';
import type { AppDeps, AuthUser } from '../../lib/context.js';
import { fieldError, notFoundError } from '../../lib/errors.js';
import { toShanghaiIso } from '../../lib/format.js';
import { isCityRole } from '../../lib/scope.js';

// Attachment 2 (the statistics table) and attachment 1 (the typical case ledger) read from the
// records. Each table is five queries — one per record kind, only the columns the figures need,
// only the campaign, unit and period asked for — and the pure `computeTable` does the counting
// (see domain/statistics for each figure's definition).

type Db = PrismaClient | Prisma.TransactionClient;

export interface UnitRef {
  id: string;
  code: string;
  name: string;
  shortName: string;
}

/** The reporting unit of a table; the city roll-up has no id and is named 全市汇总. */
export interface ReportingUnit {
  id: string | null;
  code: string | null;
  name: string;
  shortName: string;
}

export interface StatisticsTable {
  campaign: { id: string; name: string; year: number };
  unit: ReportingUnit;
  period: StatisticsPeriod;
  figures: FigureDefinition[];
  rows: StatisticsRow[];
  total: { values: FigureValues };
  /** Only for the city roll-up: the same table for each unit, side by side. */
  byUnit?: { unit: UnitRef; rows: StatisticsRow[]; total: { values: FigureValues } }[];
  generatedAt: string;
}

export interface LedgerEntry {
  id: string;
  unit: UnitRef;
  title: string;
  enterpriseName: string | null;
  categoryName: string;
  /** 报送时间: when reported as typical, or the filing when not reported separately. */
  reportedAt: string;
  filedAt: string;
  content: string;
  progress: string;
  exposed: boolean;
  exposedAt: string | null;
  creditPublicity: boolean;
}

export interface CaseLedger {
  campaign: { id: string; name: string; year: number };
  unit: ReportingUnit;
  period: StatisticsPeriod;
  items: LedgerEntry[];
  generatedAt: string;
}

export interface PeriodQuery {
  period?: string;
  from?: string;
  to?: string;
}

const CITY_ROLL_UP: ReportingUnit = {
  id: null,
  code: null,
  name: CITY_ROLL_UP_NAME,
  shortName: CITY_ROLL_UP_NAME,
};
const unitRef = (u: UnitRef): UnitRef => ({
  id: u.id,
  code: u.code,
  name: u.name,
  shortName: u.shortName,
});
const unitSelect = { id: true, code: true, name: true, shortName: true } as const;
const campaignRef = (c: { id: string; name: string; year: number }) => ({
  id: c.id,
  name: c.name,
  year: c.year,
});

interface Target {
  campaign: CampaignForStatistics;
  /** null: the city roll-up over every unit. */
  unit: UnitRef | null;
}

/**
 * Who may read which table: city roles (and the worker) any unit or the roll-up; a unit officer
 * their own unit only (another unit is not found; no unit means theirs); enterprise users none.
 */
async function resolveTarget(
  prisma: Db,
  user: AuthUser,
  campaignId: string,
  requestedUnitId: string | undefined,
): Promise<Target> {
  if (user.role === 'enterprise_user') {
    throw new DomainError('FORBIDDEN', '企业用户无权查看统计表和典型案例');
  }
  const campaign = await prisma.campaign.findUnique({
    where: { id: campaignId },
    select: campaignSelect,
  });
  if (!campaign) throw notFoundError('专项行动');
  let unitId = requestedUnitId;
  if (!isCityRole(user) && user.role !== 'service') {
    if (!user.unitId) throw new DomainError('FORBIDDEN', '该账号未绑定实施单位');
    unitId ??= user.unitId;
    if (unitId !== user.unitId) throw notFoundError('实施单位');
  }
  if (!unitId) return { campaign, unit: null };
  const unit = await prisma.unit.findUnique({ where: { id: unitId }, select: unitSelect });
  if (!unit) throw notFoundError('实施单位');
  return { campaign, unit };
}

/** The period as the API shows it: calendar dates and a label (not the scale behind them). */
const periodRef = ({ from, to, label }: StatisticsPeriod) => ({ from, to, label });

const campaignSelect = {
  id: true,
  name: true,
  year: true,
  startsAt: true,
  templateCode: true,
  demoSecondsPerDay: true,
} as const;

interface CampaignForStatistics {
  id: string;
  name: string;
  year: number;
  startsAt: Date;
  templateCode: string;
  demoSecondsPerDay: number | null;
}

/** `period=YYYY-MM`, or `from`/`to` (each defaulting to the campaign start and today). */
export function resolvePeriod(
  campaign: CampaignForStatistics,
  query: PeriodQuery,
  now: Date,
): StatisticsPeriod {
  const scale = campaignScale(campaign);
  if (query.period) return { ...monthPeriod(query.period), scale };
  const from = query.from ?? campaignDateOf(campaign, campaign.startsAt);
  const today = campaignDateOf(campaign, now);
  // Before the campaign starts "start to today" would be backwards: show its first day.
  const to = query.to ?? (today < from ? from : today);
  if (from > to) throw fieldError('to', '截止日期不能早于起始日期（或专项行动开始日期）');
  return { ...rangePeriod(from, to), scale };
}

/** The records one table needs: five queries, each limited to the campaign, unit and period. */
export async function loadStatisticsRecords(
  prisma: Db,
  campaignId: string,
  unitId: string | null,
  period: StatisticsPeriod,
): Promise<StatisticsRecords> {
  const range = periodInstants(period);
  // Voided records are out of the live table (frozen tables in submissions keep what they had).
  const base = { campaignId, ...(unitId ? { unitId } : {}), voidedAt: null };
  const [riskReports, spotChecks, cases, assistance, interviews] = await Promise.all([
    prisma.riskReport.findMany({
      where: { ...base, reportedAt: range },
      select: {
        unitId: true,
        categoryId: true,
        kind: true,
        reportedAt: true,
        batchesMonitored: true,
        problemsFound: true,
      },
    }),
    prisma.spotCheck.findMany({
      where: { ...base, checkedAt: range },
      select: {
        unitId: true,
        categoryId: true,
        enterpriseId: true,
        checkedAt: true,
        batches: true,
        unqualifiedBatches: true,
      },
    }),
    // A case counts in a period when any of its four instants does (each for its own figures).
    prisma.enforcementCase.findMany({
      where: {
        ...base,
        OR: [
          { filedAt: range },
          { penaltyDecidedAt: range },
          { transferredAt: range },
          { exposedAt: range },
        ],
      },
      select: {
        unitId: true,
        categoryId: true,
        filedAt: true,
        penaltyDecidedAt: true,
        fines: true,
        caseValue: true,
        transferredAt: true,
        exposedAt: true,
      },
    }),
    prisma.assistance.findMany({
      where: { ...base, assistedAt: range },
      select: {
        unitId: true,
        categoryId: true,
        enterpriseId: true,
        assistedAt: true,
        problemsSolved: true,
        outputValueRaised: true,
      },
    }),
    prisma.interview.findMany({
      where: { ...base, interviewedAt: range },
      select: { unitId: true, categoryId: true, enterpriseId: true, interviewedAt: true },
    }),
  ]);
  return {
    riskReports,
    spotChecks,
    // Decimal → exact decimal string; the domain sums it as integer hundredths.
    cases: cases.map((c) => ({ ...c, fines: c.fines.toFixed(), caseValue: c.caseValue.toFixed() })),
    assistance: assistance.map((a) => ({ ...a, outputValueRaised: a.outputValueRaised.toFixed() })),
    interviews,
  };
}

async function campaignCategories(prisma: Db, campaignId: string) {
  return prisma.productCategory.findMany({
    where: { campaignId },
    orderBy: { order: 'asc' },
    select: { id: true, code: true, name: true },
  });
}

/** One unit's table, or (unit null) the city roll-up with the table of every unit beside it. */
export async function buildStatisticsTable(
  prisma: Db,
  campaign: { id: string; name: string; year: number },
  unit: UnitRef | null,
  period: StatisticsPeriod,
  now: Date,
): Promise<StatisticsTable> {
  const categories = await campaignCategories(prisma, campaign.id);
  const records = await loadStatisticsRecords(prisma, campaign.id, unit?.id ?? null, period);
  const head = {
    campaign: campaignRef(campaign),
    period: periodRef(period),
    figures: FIGURES.map((f) => ({ ...f })),
    generatedAt: toShanghaiIso(now),
  };
  if (unit) {
    return { ...head, unit: unitRef(unit), ...computeTable(categories, records, period) };
  }
  const units = await prisma.unit.findMany({ orderBy: { order: 'asc' }, select: unitSelect });
  const rollUp = computeRollUp(units, categories, records, period);
  return {
    ...head,
    unit: CITY_ROLL_UP,
    rows: rollUp.rows,
    total: rollUp.total,
    byUnit: rollUp.byUnit.map(({ unit: u, rows, total }) => ({ unit: unitRef(u), rows, total })),
  };
}

/** GET /api/campaigns/:id/statistics */
export async function getStatistics(
  deps: AppDeps,
  user: AuthUser,
  query: PeriodQuery & { campaignId: string; unit?: string },
): Promise<StatisticsTable> {
  const { prisma } = deps.db;
  const { campaign, unit } = await resolveTarget(prisma, user, query.campaignId, query.unit);
  const now = deps.now();
  return buildStatisticsTable(prisma, campaign, unit, resolvePeriod(campaign, query, now), now);
}

/**
 * The table a duty submission freezes: the month for a monthly table, campaign start to the due
 * date for the annual summary; nothing for other duties.
 */
export async function dutyStatisticsSnapshot(
  prisma: Db,
  duty: {
    campaignId: string;
    unitId: string;
    deadline: { kind: string; period: string; dueDate: string };
  },
  now: Date,
): Promise<StatisticsTable | undefined> {
  let period: StatisticsPeriod;
  const campaign = await prisma.campaign.findUniqueOrThrow({
    where: { id: duty.campaignId },
    select: campaignSelect,
  });
  const scale = campaignScale(campaign);
  if (duty.deadline.kind === 'monthly_statistics') {
    period = { ...monthPeriod(duty.deadline.period), scale };
  } else if (duty.deadline.kind === 'annual_summary') {
    // Calendar dates (a demo campaign's in its compressed calendar): start to the due date.
    period = {
      ...rangePeriod(campaignDateOf(campaign, campaign.startsAt), duty.deadline.dueDate),
      scale,
    };
  } else return undefined;
  const unit = await prisma.unit.findUniqueOrThrow({
    where: { id: duty.unitId },
    select: unitSelect,
  });
  return buildStatisticsTable(prisma, campaign, unit, period, now);
}

/** GET /api/duties/:id/statistics: the table as submitted (latest version unless one is named). */
export async function getSubmittedStatistics(
  deps: AppDeps,
  user: AuthUser,
  input: { id: string; version?: number },
): Promise<StatisticsTable & { submission: { version: number; submittedAt: string } }> {
  const { id: dutyId, version } = input;
  if (user.role === 'enterprise_user') {
    throw new DomainError('FORBIDDEN', '企业用户无权查看统计表和典型案例');
  }
  const duty = await deps.db.prisma.unitDuty.findFirst({
    where: {
      id: dutyId,
      ...(isCityRole(user) || user.role === 'service' ? {} : { unitId: user.unitId ?? '' }),
    },
    select: { id: true },
  });
  if (!duty) throw notFoundError('报送任务');
  const submissions = await deps.db.prisma.dutySubmission.findMany({
    where: { dutyId, ...(version ? { version } : {}) },
    orderBy: { version: 'desc' },
  });
  const submission = submissions.find((s) => s.statistics !== null);
  if (!submission?.statistics) {
    throw notFoundError(version ? `第 ${version} 版报送的统计表` : '已报送的统计表');
  }
  return {
    ...(submission.statistics as unknown as StatisticsTable),
    submission: { version: submission.version, submittedAt: toShanghaiIso(submission.submittedAt) },
  };
}

/**
 * 典型案例 (attachment 1): the typical cases of the unit (or every unit) reported in the period —
 * by typicalReportedAt, or by filedAt when the case was not reported separately.
 */
export async function getCaseLedger(
  deps: AppDeps,
  user: AuthUser,
  query: PeriodQuery & { campaignId: string; unit?: string },
): Promise<CaseLedger> {
  const { prisma } = deps.db;
  const { campaignId } = query;
  const { campaign, unit } = await resolveTarget(prisma, user, campaignId, query.unit);
  const now = deps.now();
  const period = resolvePeriod(campaign, query, now);
  const range = periodInstants(period);
  const rows = await prisma.enforcementCase.findMany({
    where: {
      campaignId,
      ...(unit ? { unitId: unit.id } : {}),
      isTypical: true,
      voidedAt: null,
      OR: [{ typicalReportedAt: range }, { typicalReportedAt: null, filedAt: range }],
    },
    include: {
      unit: { select: { ...unitSelect, order: true } },
      enterprise: { select: { name: true } },
      category: { select: { name: true } },
    },
  });
  const reportedAt = (r: (typeof rows)[number]) => r.typicalReportedAt ?? r.filedAt;
  rows.sort(
    (a, b) =>
      reportedAt(a).getTime() - reportedAt(b).getTime() ||
      a.unit.order - b.unit.order ||
      a.filedAt.getTime() - b.filedAt.getTime() ||
      a.id.localeCompare(b.id),
  );
  return {
    campaign: campaignRef(campaign),
    unit: unit ? unitRef(unit) : CITY_ROLL_UP,
    period: periodRef(period),
    items: rows.map((r) => ({
      id: r.id,
      unit: unitRef(r.unit),
      title: r.title,
      enterpriseName: r.enterprise?.name ?? null,
      categoryName: r.category.name,
      reportedAt: toShanghaiIso(reportedAt(r)),
      filedAt: toShanghaiIso(r.filedAt),
      content: r.typicalContent ?? r.title,
      progress: r.typicalProgress ?? '',
      exposed: r.exposedAt !== null,
      exposedAt: r.exposedAt ? toShanghaiIso(r.exposedAt) : null,
      creditPublicity: r.creditPublicity,
    })),
    generatedAt: toShanghaiIso(now),
  };
}
