import { creditCodeCheckCharacter } from '../../domain/credit-code.js';
import { CHECKLISTS, checklistFor } from '../../domain/labels.js';
import type { Enterprise, PrismaClient } from '../../prisma/generated/client.js';
import type { ProblemType, Severity } from '../../prisma/generated/enums.js';

// Demo records for `npm start`: a few enterprises with inspections, hazards and spot checks in
// three units (浦东新区 among them), timed on the demo campaign's compressed calendar so that
// deadlines fall due while someone watches. Idempotent: enterprises are keyed by credit code and
// a campaign that already has records gets none.

interface DemoEnterprise {
  body17: string;
  name: string;
  unitCode: string;
  category: string;
  product: string;
  producer: boolean;
  licence?: string;
  ccc?: string[];
  failedLastYear?: boolean;
  contact: { name: string; email: string };
}

const DEMO_ENTERPRISES: DemoEnterprise[] = [
  {
    body17: '91310115MA1H7G2K3',
    name: '上海浦安燃气器具有限公司',
    unitCode: 'pudong',
    category: 'gas_appliances',
    product: '家用燃气灶',
    producer: true,
    ccc: ['2023010308000001'],
    contact: { name: '陈经理', email: 'chen@puan.demo.local' },
  },
  {
    body17: '91310115MA1K2D4L5',
    name: '上海东滨电动车销售有限公司',
    unitCode: 'pudong',
    category: 'ebike_chargers_batteries',
    product: '电动自行车锂离子电池',
    producer: false,
    contact: { name: '刘店长', email: 'liu@dongbin.demo.local' },
  },
  {
    body17: '91310115MA1N6R8T2',
    name: '上海临江消防器材有限公司',
    unitCode: 'pudong',
    category: 'fire_products',
    product: '灭火器',
    producer: true,
    licence: 'XK31-001-00123',
    failedLastYear: true,
    contact: { name: '王厂长', email: 'wang@linjiang.demo.local' },
  },
  {
    body17: '91310101MA1F3B5C7',
    name: '上海黄浦电线电缆经营部',
    unitCode: 'huangpu',
    category: 'wires_cables',
    product: '电线电缆',
    producer: false,
    contact: { name: '赵经理', email: 'zhao@hpcable.demo.local' },
  },
  {
    body17: '91310101MA1G4H6J8',
    name: '上海外滩老年用品商行',
    unitCode: 'huangpu',
    category: 'elderly_products',
    product: '电热毯',
    producer: false,
    contact: { name: '孙店长', email: 'sun@bund.demo.local' },
  },
  {
    body17: '91310112MA1P5Q7R9',
    name: '上海闵申安全帽制造有限公司',
    unitCode: 'minhang',
    category: 'safety_helmets',
    product: '安全帽',
    producer: true,
    licence: 'XK16-002-00456',
    contact: { name: '周厂长', email: 'zhou@minshen.demo.local' },
  },
  {
    body17: '91310112MA1U2W3X4',
    name: '上海莘庄电动自行车有限公司',
    unitCode: 'minhang',
    category: 'ebikes',
    product: '电动自行车',
    producer: true,
    ccc: ['2022011119000002'],
    contact: { name: '吴经理', email: 'wu@xinzhuang.demo.local' },
  },
];

interface DemoHazard {
  enterprise: number;
  problemType: ProblemType;
  severity: Severity;
  description: string;
  measure: string;
  /** Deadline, in calendar days after the campaign starts. */
  dueInDays: number;
}

const DEMO_HAZARDS: DemoHazard[] = [
  {
    enterprise: 0,
    problemType: 'no_factory_inspection',
    severity: 'major',
    description: '部分批次燃气灶出厂检验记录缺失',
    measure: '补齐出厂检验记录，完善检验制度',
    dueInDays: 12,
  },
  {
    enterprise: 1,
    problemType: 'selling_unlicensed',
    severity: 'serious',
    description: '店内销售无CCC标志的电动自行车电池',
    measure: '下架并封存涉事电池，追溯进货来源',
    dueInDays: 3,
  },
  {
    enterprise: 2,
    problemType: 'cutting_corners',
    severity: 'major',
    description: '灭火器筒体壁厚抽测不足',
    measure: '停产整改，更换原材料供应商',
    dueInDays: 20,
  },
  {
    enterprise: 3,
    problemType: 'inconsistency',
    severity: 'general',
    description: '电缆实物与CCC证书型号不一致',
    measure: '核对证书，停止销售不一致产品',
    dueInDays: 7,
  },
  {
    enterprise: 4,
    problemType: 'substandard',
    severity: 'general',
    description: '电热毯说明书缺少安全警示',
    measure: '联系供货商补正标识',
    dueInDays: 15,
  },
  {
    enterprise: 5,
    problemType: 'no_factory_inspection',
    severity: 'general',
    description: '安全帽冲击吸收性能未逐批检验',
    measure: '按标准逐批检验并留存记录',
    dueInDays: 25,
  },
];

export async function seedDemoRecords(
  prisma: PrismaClient,
  options: { campaignId: string; authorId: string; startsAt: Date; secondsPerDay: number },
): Promise<{ enterprises: number; hazards: number } | null> {
  if ((await prisma.hazard.count({ where: { campaignId: options.campaignId } })) > 0) return null;
  const day = (n: number) =>
    new Date(options.startsAt.getTime() + n * options.secondsPerDay * 1000);
  // What happened, happened at seeding, on the demo calendar's first day; deadlines lie ahead.
  const now = new Date(Math.max(Date.now(), options.startsAt.getTime()));
  const categories = await prisma.productCategory.findMany({
    where: { campaignId: options.campaignId },
  });
  const categoryId = (code: string) => categories.find((c) => c.code === code)!.id;

  const enterprises: Enterprise[] = [];
  for (const e of DEMO_ENTERPRISES) {
    const unit = await prisma.unit.findUniqueOrThrow({ where: { code: e.unitCode } });
    const creditCode = e.body17 + creditCodeCheckCharacter(e.body17);
    const fields = {
      name: e.name,
      unitId: unit.id,
      isProducer: e.producer,
      isSeller: !e.producer,
      address: `上海市${unit.shortName}${e.producer ? '工业园区' : '商业街'}${enterprises.length + 1}号`,
      productionLicenceNo: e.licence ?? null,
      cccCertificates: e.ccc ?? [],
      categoryCodes: [e.category],
      products: [e.product],
      failedSpotCheckLastYear: e.failedLastYear ?? false,
    };
    enterprises.push(
      await prisma.enterprise.upsert({
        where: { creditCode },
        create: {
          ...fields,
          creditCode,
          contacts: { create: [{ ...e.contact, isPrimary: true }] },
        },
        update: {},
      }),
    );
  }

  const record = { campaignId: options.campaignId, createdById: options.authorId };
  for (const [index, h] of DEMO_HAZARDS.entries()) {
    const enterprise = enterprises[h.enterprise]!;
    const demo = DEMO_ENTERPRISES[h.enterprise]!;
    const checklist = checklistFor(enterprise);
    const inspection = await prisma.inspection.create({
      data: {
        ...record,
        unitId: enterprise.unitId,
        enterpriseId: enterprise.id,
        categoryId: categoryId(demo.category),
        inspectedAt: now,
        inspectors: ['李明', '张华'],
        checklist,
        items: {
          create: CHECKLISTS[checklist].map((item, order) => ({
            code: item.code,
            label: item.label,
            passed: order !== 0,
            order,
          })),
        },
      },
    });
    await prisma.hazard.create({
      data: {
        ...record,
        unitId: enterprise.unitId,
        enterpriseId: enterprise.id,
        categoryId: categoryId(demo.category),
        product: demo.product,
        source: 'inspection',
        problemType: h.problemType,
        severity: h.severity,
        description: h.description,
        measure: h.measure,
        responsiblePerson: demo.contact.name,
        foundAt: now,
        deadline: day(h.dueInDays),
        inspectionId: inspection.id,
        status: index === 3 ? 'rectifying' : 'open',
      },
    });
  }

  // Spot checks: the fire-extinguisher maker fails twice (the two-in-two-years rule).
  const spotChecks: { enterprise: number; batches: number; unqualified: number }[] = [
    { enterprise: 2, batches: 3, unqualified: 1 },
    { enterprise: 2, batches: 2, unqualified: 1 },
    { enterprise: 0, batches: 4, unqualified: 0 },
    { enterprise: 3, batches: 2, unqualified: 1 },
    { enterprise: 6, batches: 5, unqualified: 0 },
  ];
  for (const s of spotChecks) {
    const enterprise = enterprises[s.enterprise]!;
    const demo = DEMO_ENTERPRISES[s.enterprise]!;
    await prisma.spotCheck.create({
      data: {
        ...record,
        unitId: enterprise.unitId,
        level: 'district',
        enterpriseId: enterprise.id,
        categoryId: categoryId(demo.category),
        product: demo.product,
        checkedAt: now,
        batches: s.batches,
        unqualifiedBatches: s.unqualified,
        failedItems: s.unqualified > 0 ? ['标志和使用说明'] : [],
      },
    });
  }

  const shop = enterprises[1]!;
  await prisma.enforcementCase.create({
    data: {
      ...record,
      unitId: shop.unitId,
      enterpriseId: shop.id,
      categoryId: categoryId('ebike_chargers_batteries'),
      title: '销售未经CCC认证的电动自行车电池案',
      filedAt: now,
      penaltyDecidedAt: now,
      fines: '3.50',
      caseValue: '1.28',
      exposedAt: now,
      isTypical: true,
      typicalContent: '当事人销售未经CCC认证的电动自行车锂离子电池 36 块，已责令停止销售并处罚款。',
      typicalProgress: '已作出行政处罚决定',
      typicalReportedAt: now,
    },
  });
  await prisma.interview.create({
    data: {
      ...record,
      unitId: shop.unitId,
      enterpriseId: shop.id,
      categoryId: categoryId('ebike_chargers_batteries'),
      interviewedAt: now,
      reason: '销售无CCC标志电池，存在重大隐患',
    },
  });
  const helmetMaker = enterprises[5]!;
  await prisma.assistance.create({
    data: {
      ...record,
      unitId: helmetMaker.unitId,
      enterpriseId: helmetMaker.id,
      categoryId: categoryId('safety_helmets'),
      kind: 'diagnosis',
      assistedAt: now,
      problemsSolved: 2,
      outputValueRaised: '15.00',
      note: '指导建立逐批出厂检验制度',
    },
  });
  await prisma.riskReport.createMany({
    data: [
      {
        ...record,
        unitId: enterprises[0]!.unitId,
        categoryId: categoryId('gas_appliances'),
        kind: 'information',
        reportedAt: now,
        title: '网络舆情：燃气灶熄火保护失效投诉',
      },
      {
        ...record,
        unitId: enterprises[0]!.unitId,
        categoryId: categoryId('gas_appliances'),
        kind: 'monitoring',
        reportedAt: now,
        title: '燃气灶熄火保护装置风险监测',
        batchesMonitored: 6,
        problemsFound: 2,
      },
    ],
  });
  return { enterprises: enterprises.length, hazards: DEMO_HAZARDS.length };
}

/** Binds the demo enterprise user to the first demo enterprise (浦东新区). */
export async function bindDemoEnterpriseUser(prisma: PrismaClient): Promise<void> {
  const body = DEMO_ENTERPRISES[0]!.body17;
  const enterprise = await prisma.enterprise.findUnique({
    where: { creditCode: body + creditCodeCheckCharacter(body) },
  });
  if (!enterprise) return;
  // The demo enterprise user is that enterprise's contact, as an invitation would have made them:
  // its reminders reach them with their own sign-in link.
  await prisma.user.updateMany({
    where: { seedKey: 'demo:enterpriseUser' },
    data: { enterpriseId: enterprise.id, email: DEMO_ENTERPRISES[0]!.contact.email },
  });
}
