// Times the statistics table on a realistic volume (run: npm run bench:statistics).
// Seeds in-memory PGlite directly with Prisma createMany at about Shanghai's 2014 volumes
// (DOMAIN.md): ~3,900 enterprises, ~2,500 spot-check records with ~5,400 batches, ~650 cases,
// risk reports, assistance and interviews across the 18 units and the city division, June to
// October. Then computes the city roll-up (with the table of every unit) and one unit's table,
// as JSON and as XLSX, several times each, and prints min/median in milliseconds.

import { performance } from 'node:perf_hooks';
import { materialiseCalendar } from '../domain/calendar/materialise.js';
import { SHANGHAI_2023 } from '../domain/calendar/templates.js';
import { applyMigrations } from '../api/db/migrate.js';
import { openDatabase } from '../api/db/database.js';
import { seedReferenceData } from '../api/db/seed.js';
import { statisticsXlsx } from '../api/services/reporting/exports/statistics-export.js';
import { buildStatisticsTable } from '../api/services/reporting/statistics.js';
import { monthPeriod, rangePeriod } from '../domain/statistics/period.js';

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const YEAR = 2027;
const VOLUME = {
  enterprises: 3_900,
  spotChecks: 2_500,
  spotCheckBatches: 5_400,
  cases: 650,
  riskReports: 600,
  assistance: 400,
  interviews: 250,
};

// A small deterministic generator, so every run seeds the same data.
let seed = 20_140_101;
const random = () => {
  seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
  return seed / 2_147_483_648;
};
const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
const campaignStart = Date.parse(`${YEAR}-06-01T00:00:00+08:00`);
const campaignDays = 153; // June to October
const instantInCampaign = () => new Date(campaignStart + random() * campaignDays * 86_400_000);
const money = (max: number) => (Math.round(random() * max * 100) / 100).toFixed(2);

async function time<T>(label: string, fn: () => Promise<T>): Promise<T> {
  const samples: number[] = [];
  let result: T | undefined;
  for (let i = 0; i < RUNS; i += 1) {
    const t0 = performance.now();
    result = await fn();
    samples.push(performance.now() - t0);
  }
  samples.sort((a, b) => a - b);
  const median = samples[Math.floor(samples.length / 2)]!;
  console.log(
    `${label.padEnd(44)} min ${samples[0]!.toFixed(1).padStart(8)} ms   median ${median.toFixed(1).padStart(8)} ms`,
  );
  return result!;
}

async function main() {
  const db = await openDatabase({ kind: 'pglite' });
  await applyMigrations(db);
  const { prisma } = db;
  await seedReferenceData(prisma);

  const t0 = performance.now();
  const units = await prisma.unit.findMany({ orderBy: { order: 'asc' } });
  const user = await prisma.user.create({ data: { name: '基准测试', role: 'city_admin' } });
  const calendar = materialiseCalendar(SHANGHAI_2023, YEAR);
  const campaign = await prisma.campaign.create({
    data: {
      templateCode: SHANGHAI_2023.code,
      year: YEAR,
      name: `${YEAR}年${SHANGHAI_2023.name}（基准）`,
      startsAt: calendar.startsAt,
      endsAt: calendar.endsAt,
      workflowId: 'bench',
      createdById: user.id,
    },
  });
  const templateCategories = await prisma.productCategory.findMany({
    where: { templateCode: SHANGHAI_2023.productListCode },
    orderBy: { order: 'asc' },
  });
  await prisma.productCategory.createMany({
    data: templateCategories.map(({ code, name, order, origin }) => ({
      campaignId: campaign.id,
      code,
      name,
      order,
      origin,
    })),
  });
  const categories = await prisma.productCategory.findMany({
    where: { campaignId: campaign.id },
  });
  const categoryIds = categories.map((c) => c.id);
  const districts = units.filter((u) => u.kind !== 'city_division');

  await prisma.enterprise.createMany({
    data: Array.from({ length: VOLUME.enterprises }, (_, i) => ({
      creditCode: `BENCH${String(i).padStart(13, '0')}`,
      name: `基准企业${i}`,
      unitId: pick(districts).id,
      isProducer: random() < 0.6,
      isSeller: true,
      address: '上海市',
    })),
  });
  const enterprises = await prisma.enterprise.findMany({ select: { id: true, unitId: true } });
  // Most records are the enterprise's own unit's; some are the city division's.
  const owner = (e: { unitId: string }) => (random() < 0.1 ? units[0]!.id : e.unitId);
  const base = () => {
    const e = pick(enterprises);
    return {
      campaignId: campaign.id,
      unitId: owner(e),
      enterpriseId: e.id,
      categoryId: pick(categoryIds),
      createdById: user.id,
    };
  };

  let batchesLeft = VOLUME.spotCheckBatches;
  let seededBatches = 0;
  await prisma.spotCheck.createMany({
    data: Array.from({ length: VOLUME.spotChecks }, (_, i) => {
      const remaining = VOLUME.spotChecks - i;
      const batches = Math.max(
        1,
        Math.min(batchesLeft - (remaining - 1), 1 + Math.floor(random() * 3.4)),
      );
      batchesLeft -= batches;
      seededBatches += batches;
      const unqualified = random() < 0.1 ? 1 : 0;
      return {
        ...base(),
        level: random() < 0.3 ? ('city' as const) : ('district' as const),
        product: '抽查产品',
        checkedAt: instantInCampaign(),
        batches,
        unqualifiedBatches: unqualified,
        failedItems: unqualified ? ['标志标识'] : [],
      };
    }),
  });
  await prisma.enforcementCase.createMany({
    data: Array.from({ length: VOLUME.cases }, (_, i) => {
      const filedAt = instantInCampaign();
      const later = (days: number) => new Date(filedAt.getTime() + random() * days * 86_400_000);
      const decided = random() < 0.7;
      return {
        ...base(),
        title: `基准案件${i}`,
        filedAt,
        penaltyDecidedAt: decided ? later(40) : null,
        fines: decided ? money(20) : '0',
        caseValue: money(60),
        transferredAt: random() < 0.04 ? later(30) : null,
        exposedAt: random() < 0.2 ? later(30) : null,
        creditPublicity: random() < 0.3,
        isTypical: random() < 0.1,
        typicalContent: '典型案例',
        typicalProgress: '办理中',
      };
    }),
  });
  await prisma.riskReport.createMany({
    data: Array.from({ length: VOLUME.riskReports }, (_, i) => {
      const monitoring = random() < 0.5;
      return {
        ...base(),
        kind: monitoring ? ('monitoring' as const) : ('information' as const),
        reportedAt: instantInCampaign(),
        title: `风险报告${i}`,
        batchesMonitored: monitoring ? 1 + Math.floor(random() * 3) : 0,
        problemsFound: monitoring ? Math.floor(random() * 2) : 0,
      };
    }),
  });
  await prisma.assistance.createMany({
    data: Array.from({ length: VOLUME.assistance }, () => ({
      ...base(),
      kind: pick(['training', 'diagnosis', 'joint'] as const),
      assistedAt: instantInCampaign(),
      problemsSolved: Math.floor(random() * 4),
      outputValueRaised: money(50),
    })),
  });
  await prisma.interview.createMany({
    data: Array.from({ length: VOLUME.interviews }, () => ({
      ...base(),
      interviewedAt: instantInCampaign(),
      reason: '抽查不合格',
    })),
  });
  console.log(
    `seeded ${VOLUME.enterprises} enterprises, ${VOLUME.spotChecks} spot checks ` +
      `(${seededBatches} batches), ${VOLUME.cases} cases, ${VOLUME.riskReports} risk ` +
      `reports, ${VOLUME.assistance} assistance, ${VOLUME.interviews} interviews in ` +
      `${((performance.now() - t0) / 1000).toFixed(1)} s; ${RUNS} runs each:`,
  );

  const now = new Date();
  const whole = rangePeriod(`${YEAR}-06-01`, `${YEAR}-11-15`);
  const pudong = units.find((u) => u.code === 'pudong')!;
  const rollUp = await time('city roll-up + 19 unit tables, JSON', async () =>
    JSON.stringify(await buildStatisticsTable(prisma, campaign, null, whole, now)),
  );
  await time('city roll-up + 19 unit tables, XLSX', async () =>
    statisticsXlsx(await buildStatisticsTable(prisma, campaign, null, whole, now)),
  );
  await time('one unit (浦东新区), whole campaign, JSON', async () =>
    JSON.stringify(await buildStatisticsTable(prisma, campaign, pudong, whole, now)),
  );
  await time('one unit (浦东新区), whole campaign, XLSX', async () =>
    statisticsXlsx(await buildStatisticsTable(prisma, campaign, pudong, whole, now)),
  );
  await time('one unit (浦东新区), July, JSON', async () =>
    JSON.stringify(
      await buildStatisticsTable(prisma, campaign, pudong, monthPeriod(`${YEAR}-07`), now),
    ),
  );
  const total = (JSON.parse(rollUp) as { total: { values: Record<string, unknown> } }).total.values;
  console.log('city total:', JSON.stringify(total));
  await db.close();
}

await main();
