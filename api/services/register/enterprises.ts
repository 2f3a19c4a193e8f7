import { DomainError } from '../../../domain/errors.js';
import type { Prisma } from '../../../prisma/generated/client.js';
import type { AppDeps, AuthUser } from '../../lib/context.js';
import { writeAudit } from '../../lib/audit.js';
import { notFoundError, staleVersionError } from '../../lib/errors.js';
import { toShanghaiIso } from '../../lib/format.js';
import { orderBy, page, skipTake } from '../../lib/list-query.js';
import { assertCanWriteUnit, enterpriseReadScope, unitForWrite } from '../../lib/scope.js';
import type { z } from '@hono/zod-openapi';
import type {
  CreateEnterpriseSchema,
  EnterpriseListQuery,
  UpdateEnterpriseSchema,
} from '../../contracts/enterprises.js';

const detail = {
  unit: true,
  contacts: { orderBy: [{ isPrimary: 'desc' }, { name: 'asc' }] },
} satisfies Prisma.EnterpriseInclude;
type EnterpriseRow = Prisma.EnterpriseGetPayload<{ include: typeof detail }>;

/** Reads one enterprise the user may see (their unit's, their own, or any for city roles). */
export async function findVisibleEnterprise(deps: AppDeps, user: AuthUser, input: { id: string }) {
  const scope = enterpriseReadScope(user);
  const where: Prisma.EnterpriseWhereInput = {
    AND: [{ id: input.id }, 'enterpriseId' in scope ? { id: scope.enterpriseId } : scope],
  };
  const enterprise = await deps.db.prisma.enterprise.findFirst({ where, include: detail });
  if (!enterprise) throw notFoundError('企业');
  return enterprise;
}

export async function listEnterprises(
  deps: AppDeps,
  user: AuthUser,
  query: z.output<typeof EnterpriseListQuery>,
) {
  const scope = enterpriseReadScope(user);
  const filters: Prisma.EnterpriseWhereInput[] = [
    'enterpriseId' in scope ? { id: scope.enterpriseId } : scope,
  ];
  if (query.unit) filters.push({ unitId: query.unit });
  if (query.category) filters.push({ categoryCodes: { has: query.category } });
  if (query.class) filters.push({ class: query.class });
  if (query.type === 'producer') filters.push({ isProducer: true });
  if (query.type === 'seller') filters.push({ isSeller: true });
  if (query.keyObject !== undefined) {
    const keyObject = { OR: [{ failedSpotCheckLastYear: true }, { manyComplaints: true }] };
    filters.push(query.keyObject ? keyObject : { NOT: keyObject });
  }
  if (query.q) {
    filters.push({
      OR: [{ name: { contains: query.q } }, { creditCode: { contains: query.q.toUpperCase() } }],
    });
  }
  const where: Prisma.EnterpriseWhereInput = { AND: filters };
  const [rows, total] = await Promise.all([
    deps.db.prisma.enterprise.findMany({
      where,
      include: detail,
      orderBy: orderBy(query.sort),
      ...skipTake(query),
    }),
    deps.db.prisma.enterprise.count({ where }),
  ]);
  return page(rows.map(presentEnterprise), total, query);
}

export async function createEnterprise(
  deps: AppDeps,
  user: AuthUser,
  input: z.output<typeof CreateEnterpriseSchema>,
) {
  const { prisma } = deps.db;
  const unitId = await unitForWrite(prisma, user, input.unitId);
  const existing = await prisma.enterprise.findUnique({ where: { creditCode: input.creditCode } });
  if (existing) {
    // Only that the code is taken: the enterprise may be another unit's, not the caller's to see.
    throw new DomainError('CONFLICT', `统一社会信用代码 ${input.creditCode} 已登记`, [
      { path: 'creditCode', message: '该统一社会信用代码已登记' },
    ]);
  }
  const { contacts, unitId: _requested, ...fields } = input;
  const created = await prisma.$transaction(async (tx) => {
    const row = await tx.enterprise.create({
      data: { ...fields, unitId, contacts: { create: contacts } },
      include: detail,
    });
    await writeAudit(tx, user, {
      action: 'create',
      entity: 'enterprise',
      entityId: row.id,
      unitId,
      after: row,
    });
    return row;
  });
  return presentEnterprise(created);
}

export async function updateEnterprise(
  deps: AppDeps,
  user: AuthUser,
  input: { id: string } & z.output<typeof UpdateEnterpriseSchema>,
) {
  const { prisma } = deps.db;
  const before = await findVisibleEnterprise(deps, user, input);
  assertCanWriteUnit(user, before.unitId);
  const { id, version, contacts, ...fields } = input;
  const updated = await prisma.$transaction(async (tx) => {
    const { count } = await tx.enterprise.updateMany({
      where: { id, version },
      data: { ...fields, version: { increment: 1 } },
    });
    if (count === 0) throw staleVersionError();
    if (contacts) {
      await tx.enterpriseContact.deleteMany({ where: { enterpriseId: id } });
      await tx.enterpriseContact.createMany({
        data: contacts.map((c) => ({ ...c, enterpriseId: id })),
      });
    }
    const after = await tx.enterprise.findUniqueOrThrow({ where: { id }, include: detail });
    await writeAudit(tx, user, {
      action: 'update',
      entity: 'enterprise',
      entityId: id,
      unitId: after.unitId,
      before,
      after,
    });
    return after;
  });
  return presentEnterprise(updated);
}

export function presentEnterprise(row: EnterpriseRow) {
  return {
    id: row.id,
    creditCode: row.creditCode,
    name: row.name,
    unitId: row.unitId,
    unitName: row.unit.name,
    isProducer: row.isProducer,
    isSeller: row.isSeller,
    address: row.address,
    productionLicenceNo: row.productionLicenceNo,
    productionLicenceScope: row.productionLicenceScope,
    cccCertificates: row.cccCertificates,
    categoryCodes: row.categoryCodes,
    products: row.products,
    class: row.class,
    failedSpotCheckLastYear: row.failedSpotCheckLastYear,
    manyComplaints: row.manyComplaints,
    contacts: row.contacts.map(({ name, phone, email, isPrimary }) => ({
      name,
      phone,
      email,
      isPrimary,
    })),
    version: row.version,
    createdAt: toShanghaiIso(row.createdAt),
    updatedAt: toShanghaiIso(row.updatedAt),
  };
}
