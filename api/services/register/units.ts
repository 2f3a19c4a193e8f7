import type { Prisma, PrismaClient } from '../../../prisma/generated/client.js';
import { UNIT_KIND_NAMES } from '../../../domain/labels.js';
import { writeAudit } from '../../lib/audit.js';
import type { AuthUser } from '../../lib/context.js';
import { DomainError } from '../../../domain/errors.js';
import { notFoundError } from '../../lib/errors.js';
import { toShanghaiIso } from '../../lib/format.js';

/** The city division and the 18 implementing units, in the order the city lists them. */
export async function listUnits(prisma: PrismaClient) {
  const rows = await prisma.unit.findMany({ orderBy: { order: 'asc' } });
  return { items: rows.map(presentUnit) };
}

export async function getUnit(prisma: PrismaClient, id: string) {
  const row = await prisma.unit.findUnique({ where: { id } });
  if (!row) throw notFoundError('单位');
  return presentUnit(row);
}

export function presentUnit(row: Prisma.UnitModel) {
  return {
    id: row.id,
    code: row.code,
    name: row.name,
    shortName: row.shortName,
    kind: row.kind,
    kindName: UNIT_KIND_NAMES[row.kind],
    /** 实施单位: the districts and the two special units; the city division organises. */
    implementing: row.kind !== 'city_division',
    order: row.order,
    listedSupervision: row.listedSupervision,
    createdAt: toShanghaiIso(row.createdAt),
  };
}

/** 挂牌督办 or its end: while listed, the unit's reminders are copied to the city supervisors. */
export async function setListedSupervision(
  prisma: PrismaClient,
  user: AuthUser,
  id: string,
  input: { listed: boolean; reason: string },
) {
  const before = await prisma.unit.findUnique({ where: { id } });
  if (!before) throw notFoundError('单位');
  if (before.kind === 'city_division') {
    throw new DomainError('VALIDATION_FAILED', '市局业务处室不能被挂牌督办', [
      { path: 'id', message: '只能对实施单位挂牌督办' },
    ]);
  }
  const after = await prisma.$transaction(async (tx) => {
    const row = await tx.unit.update({ where: { id }, data: { listedSupervision: input.listed } });
    await writeAudit(tx, user, {
      action: input.listed ? 'list_supervision' : 'end_supervision',
      entity: 'unit',
      entityId: id,
      unitId: id,
      reason: input.reason,
      before,
      after: row,
    });
    return row;
  });
  return presentUnit(after);
}
