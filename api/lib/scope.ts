import { CITY_DIVISION } from '../../domain/units.js';
import { DomainError } from '../../domain/errors.js';
import type { AuthUser } from './context.js';
import type { PrismaClient } from '../../prisma/generated/client.js';

// Who sees and changes what: a unit officer only their unit's records, an enterprise user only
// their enterprise's hazards, submissions and self-inspections, city roles read everything and
// the city admin may also record for any unit (city-level work is the city division's).
// A record outside one's scope is answered as not found; a forbidden action as 403.

export const isCityRole = (user: AuthUser) =>
  user.role === 'city_admin' || user.role === 'city_supervisor';

/** `where` fragment limiting unit-owned records to those the user may read. */
export function unitReadScope(user: AuthUser): { unitId?: string } {
  if (isCityRole(user) || user.role === 'service') return {};
  if (user.role === 'unit_officer' && user.unitId) return { unitId: user.unitId };
  throw new DomainError('FORBIDDEN', '无权查看该类记录');
}

/** `where` fragment for records an enterprise user may also read (their own enterprise's). */
export function enterpriseReadScope(user: AuthUser): { unitId?: string; enterpriseId?: string } {
  if (user.role === 'enterprise_user') {
    if (!user.enterpriseId) throw new DomainError('FORBIDDEN', '该企业账号未绑定企业');
    return { enterpriseId: user.enterpriseId };
  }
  return unitReadScope(user);
}

export function canReadUnit(user: AuthUser, unitId: string): boolean {
  return isCityRole(user) || user.role === 'service' || user.unitId === unitId;
}

/**
 * The unit a new record belongs to: an officer's own unit (naming another is forbidden); for the
 * city admin the unit named, or the city division. Others may not record.
 */
export async function unitForWrite(
  prisma: PrismaClient,
  user: AuthUser,
  requestedUnitId: string | undefined,
): Promise<string> {
  if (user.role === 'unit_officer' && user.unitId) {
    if (requestedUnitId && requestedUnitId !== user.unitId) {
      throw new DomainError('FORBIDDEN', '不能为其他实施单位录入记录');
    }
    return user.unitId;
  }
  if (user.role === 'city_admin') {
    if (requestedUnitId) {
      const unit = await prisma.unit.findUnique({ where: { id: requestedUnitId } });
      if (!unit) {
        throw new DomainError('VALIDATION_FAILED', '请求参数校验失败', [
          { path: 'unitId', message: '实施单位不存在' },
        ]);
      }
      return unit.id;
    }
    const city = await prisma.unit.findUniqueOrThrow({ where: { code: CITY_DIVISION.code } });
    return city.id;
  }
  throw new DomainError('FORBIDDEN', '当前身份无权录入或修改记录');
}

/** Officers may change their unit's records; the city admin any; everyone else nothing. */
export function assertCanWriteUnit(user: AuthUser, unitId: string): void {
  if (user.role === 'city_admin') return;
  if (user.role === 'unit_officer' && user.unitId === unitId) return;
  throw new DomainError('FORBIDDEN', '当前身份无权修改该记录');
}
