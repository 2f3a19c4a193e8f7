import type { z } from '@hono/zod-openapi';
import { DomainError } from '../../../domain/errors.js';
import {
  CHECKLISTS,
  CHECKLIST_TYPES,
  checklistFor,
  type ChecklistType,
} from '../../../domain/labels.js';
import type { Prisma } from '../../../prisma/generated/client.js';
import { writeAudit } from '../../lib/audit.js';
import type { AppDeps, AuthUser } from '../../lib/context.js';
import { notFoundError } from '../../lib/errors.js';
import { type FieldIssue } from '../../contracts/common.js';
import { toShanghaiIso } from '../../lib/format.js';
import { instantRange, orderBy, page, skipTake } from '../../lib/list-query.js';
import { unitReadScope } from '../../lib/scope.js';
import {
  CorrectInspectionValues,
  type CreateInspectionSchema,
  type InspectionListQuery,
} from '../../contracts/inspections.js';
import {
  type CorrectableKind,
  type CorrectionInput,
  correctRecord,
  presentRecordState,
  voidRecord,
} from './record-rows.js';
import { createHazardInTx, hazardSummaryInclude, presentHazardSummary } from './hazards.js';
import { followNewHazard } from '../timeline/notify-workflows.js';
import { resolveRecordWrite } from './references.js';

type PrismaClient = AppDeps['db']['prisma'];
type CreateInspectionInput = z.output<typeof CreateInspectionSchema>;

const summaryInclude = {
  unit: { select: { name: true } },
  enterprise: { select: { name: true } },
  category: { select: { name: true } },
  items: { select: { passed: true } },
  _count: { select: { hazards: true } },
} satisfies Prisma.InspectionInclude;

const detail = {
  unit: { select: { name: true } },
  enterprise: { select: { name: true } },
  category: { select: { name: true } },
  items: { orderBy: { order: 'asc' } },
  hazards: { include: hazardSummaryInclude, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] },
} satisfies Prisma.InspectionInclude;

type SummaryRow = Prisma.InspectionGetPayload<{ include: typeof summaryInclude }>;
type DetailRow = Prisma.InspectionGetPayload<{ include: typeof detail }>;

/** The checklist definitions with their Chinese labels. */
export function listChecklists() {
  return {
    items: (Object.keys(CHECKLISTS) as ChecklistType[]).map((type) => ({
      type,
      name: CHECKLIST_TYPES[type],
      items: CHECKLISTS[type].map(({ code, label }) => ({ code, label })),
    })),
  };
}

export async function getInspection(deps: AppDeps, user: AuthUser, input: { id: string }) {
  const row = await deps.db.prisma.inspection.findFirst({
    where: { id: input.id, ...unitReadScope(user) },
    include: detail,
  });
  if (!row) throw notFoundError('现场检查记录');
  return presentInspection(row, deps.now());
}

export async function listInspections(
  deps: AppDeps,
  user: AuthUser,
  query: z.output<typeof InspectionListQuery>,
) {
  const filters: Prisma.InspectionWhereInput[] = [
    unitReadScope(user),
    { voidedAt: query.voided ? { not: null } : null },
  ];
  if (query.unit) filters.push({ unitId: query.unit });
  if (query.enterprise) filters.push({ enterpriseId: query.enterprise });
  if (query.campaign) filters.push({ campaignId: query.campaign });
  if (query.category) {
    filters.push({ OR: [{ categoryId: query.category }, { category: { code: query.category } }] });
  }
  const inspectedAt = instantRange(query.from, query.to);
  if (inspectedAt) filters.push({ inspectedAt });
  const where: Prisma.InspectionWhereInput = { AND: filters };
  const [rows, total] = await Promise.all([
    deps.db.prisma.inspection.findMany({
      where,
      include: summaryInclude,
      orderBy: [orderBy(query.sort), { id: 'asc' }],
      ...skipTake(query),
    }),
    deps.db.prisma.inspection.count({ where }),
  ]);
  return page(rows.map(presentInspectionSummary), total, query);
}

function inspectionKind(prisma: PrismaClient): CorrectableKind<DetailRow> {
  return {
    entity: 'inspection',
    what: '现场检查记录',
    find: (where) => prisma.inspection.findFirst({ where, include: detail }),
    update: (tx, where, data) => tx.inspection.updateMany({ where, data: data }),
    reload: (tx, id) => tx.inspection.findUniqueOrThrow({ where: { id }, include: detail }),
  };
}

/** Corrects when and by whom an inspection was made (reason, version read); items stay. */
export async function correctInspection(deps: AppDeps, user: AuthUser, input: CorrectionInput) {
  const corrected = await correctRecord(
    deps,
    user,
    {
      ...inspectionKind(deps.db.prisma),
      schema: CorrectInspectionValues,
      asInput: (row) => ({
        campaignId: row.campaignId,
        inspectedAt: row.inspectedAt.toISOString(),
        inspectors: row.inspectors,
        note: row.note ?? undefined,
      }),
    },
    input,
  );
  return presentInspection(corrected, deps.now());
}

/** Voids an inspection: kept (with its hazards, which have their own life), out of the lists. */
export async function voidInspection(
  deps: AppDeps,
  user: AuthUser,
  input: { id: string; version: number; reason: string },
) {
  return presentInspection(
    await voidRecord(deps, user, inspectionKind(deps.db.prisma), input),
    deps.now(),
  );
}

/**
 * Records an on-site inspection against the enterprise type's checklist (each item exactly once);
 * every failed item becomes a hazard on the problem list, in the same transaction.
 */
export async function createInspection(
  deps: AppDeps,
  user: AuthUser,
  input: CreateInspectionInput,
) {
  const { prisma } = deps.db;
  const { unitId, enterprise } = await resolveRecordWrite(prisma, user, input);
  const checklist = input.checklist ?? checklistFor(enterprise);
  checkItems(checklist, input.items);
  await checkHazardCategories(prisma, input);

  const definitions = CHECKLISTS[checklist];
  const byCode = new Map(input.items.map((item) => [item.code, item]));
  const created = await prisma.$transaction(async (tx) => {
    const inspection = await tx.inspection.create({
      data: {
        campaignId: input.campaignId,
        unitId,
        enterpriseId: input.enterpriseId,
        categoryId: input.categoryId ?? null,
        inspectedAt: input.inspectedAt,
        inspectors: input.inspectors,
        checklist,
        note: input.note ?? null,
        createdById: user.id,
      },
    });
    // One statement for the items (a nested create would run its inserts concurrently on one
    // transaction connection).
    await tx.inspectionItem.createMany({
      data: definitions.map((definition, index) => {
        const item = byCode.get(definition.code)!;
        return {
          inspectionId: inspection.id,
          code: definition.code,
          label: definition.label,
          passed: item.passed,
          note: item.note ?? null,
          order: index + 1,
        };
      }),
    });
    for (const definition of definitions) {
      const item = byCode.get(definition.code)!;
      if (item.passed || !item.hazard) continue;
      const { hazard } = item;
      await createHazardInTx(tx, user, {
        campaignId: input.campaignId,
        unitId,
        enterpriseId: input.enterpriseId,
        categoryId: (hazard.categoryId ?? input.categoryId)!,
        product: hazard.product ?? null,
        source: 'inspection',
        problemType: hazard.problemType,
        severity: hazard.severity,
        description:
          hazard.description ??
          `现场检查“${definition.label}”不合格${item.note ? `：${item.note}` : ''}`,
        measure: hazard.measure,
        responsiblePerson: hazard.responsiblePerson,
        foundAt: input.inspectedAt,
        deadline: hazard.deadline,
        inspectionId: inspection.id,
        createdById: user.id,
      });
    }
    const row = await tx.inspection.findUniqueOrThrow({
      where: { id: inspection.id },
      include: detail,
    });
    await writeAudit(tx, user, {
      action: 'create',
      entity: 'inspection',
      entityId: row.id,
      unitId,
      after: row,
    });
    return row;
  });
  for (const hazard of created.hazards) await followNewHazard(deps, hazard);
  return presentInspection(created, deps.now());
}

/** Each item of the chosen checklist exactly once, and nothing else. */
function checkItems(checklist: ChecklistType, items: CreateInspectionInput['items']) {
  const definitions = CHECKLISTS[checklist];
  const known = new Set(definitions.map((d) => d.code));
  const seen = new Set<string>();
  const issues: FieldIssue[] = [];
  items.forEach((item, index) => {
    if (!known.has(item.code)) {
      issues.push({
        path: `items.${index}.code`,
        message: `检查项“${item.code}”不属于“${CHECKLIST_TYPES[checklist]}”检查表（可选：${[...known].join('、')}）`,
      });
    } else if (seen.has(item.code)) {
      issues.push({ path: `items.${index}.code`, message: `检查项“${item.code}”重复` });
    }
    seen.add(item.code);
  });
  const missing = definitions.filter((d) => !seen.has(d.code));
  if (missing.length > 0) {
    issues.push({
      path: 'items',
      message: `缺少检查项：${missing.map((d) => `${d.label}（${d.code}）`).join('、')}`,
    });
  }
  if (issues.length > 0) throw new DomainError('VALIDATION_FAILED', '请求参数校验失败', issues);
}

/** A category named on a failed item must belong to the inspection's campaign too. */
async function checkHazardCategories(prisma: PrismaClient, input: CreateInspectionInput) {
  const named = input.items
    .map((item, index) => ({ index, categoryId: item.hazard?.categoryId }))
    .filter((x): x is { index: number; categoryId: string } => Boolean(x.categoryId));
  if (named.length === 0) return;
  const found = await prisma.productCategory.findMany({
    where: { campaignId: input.campaignId, id: { in: named.map((x) => x.categoryId) } },
    select: { id: true },
  });
  const valid = new Set(found.map((c) => c.id));
  const issues = named
    .filter((x) => !valid.has(x.categoryId))
    .map((x) => ({
      path: `items.${x.index}.hazard.categoryId`,
      message: '产品类别不属于该专项行动',
    }));
  if (issues.length > 0) throw new DomainError('VALIDATION_FAILED', '请求参数校验失败', issues);
}

function inspectionFields(row: SummaryRow | DetailRow) {
  return {
    id: row.id,
    campaignId: row.campaignId,
    unitId: row.unitId,
    unitName: row.unit.name,
    enterpriseId: row.enterpriseId,
    enterpriseName: row.enterprise.name,
    categoryId: row.categoryId,
    categoryName: row.category?.name ?? null,
    inspectedAt: toShanghaiIso(row.inspectedAt),
    inspectors: row.inspectors,
    checklist: row.checklist,
    checklistName: CHECKLIST_TYPES[row.checklist],
    note: row.note,
    createdById: row.createdById,
    createdAt: toShanghaiIso(row.createdAt),
    ...presentRecordState(row),
  };
}

function presentInspectionSummary(row: SummaryRow) {
  return {
    ...inspectionFields(row),
    itemCount: row.items.length,
    failedCount: row.items.filter((item) => !item.passed).length,
    hazardCount: row._count.hazards,
  };
}

function presentInspection(row: DetailRow, now: Date) {
  return {
    ...inspectionFields(row),
    items: row.items.map(({ code, label, passed, note, order }) => ({
      code,
      label,
      passed,
      note,
      order,
    })),
    hazards: row.hazards.map((hazard) => presentHazardSummary(hazard, now)),
  };
}
