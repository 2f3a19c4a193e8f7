import type { z } from '@hono/zod-openapi';
import { DomainError } from '../../../domain/errors.js';
import { CITY_DIVISION } from '../../../domain/units.js';
import type { Prisma } from '../../../prisma/generated/client.js';
import { writeAudit } from '../../lib/audit.js';
import { ROLE_NAMES } from '../../contracts/roles.js';
import type { AppDeps, AuthUser } from '../../lib/context.js';
import { fieldError, notFoundError } from '../../lib/errors.js';
import { toShanghaiIso } from '../../lib/format.js';
import { orderBy, page, skipTake } from '../../lib/list-query.js';
import { generateToken, hashToken } from '../../lib/tokens.js';
import {
  STAFF_ROLES,
  type CreateUserSchema,
  type IssueTokenSchema,
  type UpdateUserSchema,
  type UserListQuery,
} from '../../contracts/users.js';

// Accounts and their API tokens. A token is shown in plain once, when issued; only its SHA-256
// hash is stored, and neither the token nor its hash ever goes into the audit log.

const detail = { unit: true, enterprise: true } satisfies Prisma.UserInclude;
type UserRow = Prisma.UserGetPayload<{ include: typeof detail }>;

/**
 * The accounts a user manages: the city admin every account; a unit officer the enterprise
 * accounts (enterprise_user) of their unit's enterprises. Others none (403). An account outside
 * the scope is answered as not found.
 */
export function userScope(actor: AuthUser): Prisma.UserWhereInput {
  if (actor.role === 'city_admin') return {};
  if (actor.role === 'unit_officer' && actor.unitId) {
    return { role: 'enterprise_user', enterprise: { unitId: actor.unitId } };
  }
  throw new DomainError('FORBIDDEN', '当前身份无权管理用户');
}

async function findManagedUser(deps: AppDeps, actor: AuthUser, id: string) {
  const row = await deps.db.prisma.user.findFirst({
    where: { AND: [{ id }, userScope(actor)] },
    include: detail,
  });
  if (!row) throw notFoundError('用户');
  return row;
}

/** The unit of a staff account: the city division for city roles, a real unit for officers. */
async function staffUnitId(
  deps: AppDeps,
  role: (typeof STAFF_ROLES)[number],
  unitId: string | undefined,
): Promise<string> {
  const { prisma } = deps.db;
  if (role !== 'unit_officer') {
    return (await prisma.unit.findUniqueOrThrow({ where: { code: CITY_DIVISION.code } })).id;
  }
  if (!unitId) throw fieldError('unitId', '实施单位工作人员必须指定所属单位');
  const unit = await prisma.unit.findUnique({ where: { id: unitId } });
  if (!unit) throw fieldError('unitId', '实施单位不存在');
  if (unit.kind === 'city_division') {
    throw fieldError('unitId', '实施单位工作人员应属于实施单位（市局人员请用市局角色）');
  }
  return unit.id;
}

/** Serialises checks of e-mail addresses across API processes (transaction-scoped lock). */
const EMAIL_LOCK_KEY = 731_204_118;

/** Until the transaction ends, no other one checks or gives out an account's e-mail address. */
export async function lockAccountEmails(tx: Prisma.TransactionClient): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(${EMAIL_LOCK_KEY}::bigint)`;
}

/**
 * An address signs in one account: it may not belong to another one (any letter case). Takes a
 * lock for the rest of the transaction, so two requests cannot both find it free.
 */
export async function assertEmailFree(
  tx: Prisma.TransactionClient,
  email: string,
  exceptUserId: string | null,
): Promise<void> {
  await lockAccountEmails(tx);
  const taken = await tx.user.findFirst({
    where: {
      email: { equals: email.trim(), mode: 'insensitive' },
      ...(exceptUserId ? { NOT: { id: exceptUserId } } : {}),
    },
  });
  if (taken) {
    throw new DomainError('CONFLICT', `邮箱 ${email} 已用于其他账号`, [
      { path: 'email', message: '该邮箱已用于其他账号（每个邮箱只对应一个账号，用于邮件登录）' },
    ]);
  }
}

const serviceAccountError = () =>
  new DomainError('FORBIDDEN', '系统服务账号由系统配置（SERVICE_TOKEN），不能在此修改或签发令牌');

export async function getMe(deps: AppDeps, user: AuthUser) {
  const row = await deps.db.prisma.user.findUniqueOrThrow({
    where: { id: user.id },
    include: detail,
  });
  return {
    id: row.id,
    name: row.name,
    role: row.role,
    roleName: ROLE_NAMES[row.role],
    unit: row.unit
      ? {
          id: row.unit.id,
          name: row.unit.name,
          shortName: row.unit.shortName,
          kind: row.unit.kind,
        }
      : null,
    enterprise: row.enterprise
      ? {
          id: row.enterprise.id,
          name: row.enterprise.name,
          creditCode: row.enterprise.creditCode,
          unitId: row.enterprise.unitId,
        }
      : null,
  };
}

export async function listUsers(
  deps: AppDeps,
  actor: AuthUser,
  query: z.output<typeof UserListQuery>,
) {
  const filters: Prisma.UserWhereInput[] = [userScope(actor)];
  if (query.role) filters.push({ role: query.role });
  if (query.unit) filters.push({ unitId: query.unit });
  if (query.enterprise) filters.push({ enterpriseId: query.enterprise });
  if (query.disabled !== undefined) {
    filters.push(query.disabled ? { disabledAt: { not: null } } : { disabledAt: null });
  }
  if (query.q) {
    filters.push({ OR: [{ name: { contains: query.q } }, { email: { contains: query.q } }] });
  }
  const where: Prisma.UserWhereInput = { AND: filters };
  const [rows, total] = await Promise.all([
    deps.db.prisma.user.findMany({
      where,
      include: detail,
      orderBy: [orderBy(query.sort), { id: 'asc' }],
      ...skipTake(query),
    }),
    deps.db.prisma.user.count({ where }),
  ]);
  return page(rows.map(presentUser), total, query);
}

export async function getUser(deps: AppDeps, actor: AuthUser, input: { id: string }) {
  const row = await deps.db.prisma.user.findFirst({
    where: { AND: [{ id: input.id }, userScope(actor)] },
    include: { ...detail, tokens: { orderBy: { createdAt: 'asc' } } },
  });
  if (!row) throw notFoundError('用户');
  return { ...presentUser(row), tokens: row.tokens.map(presentToken) };
}

export async function createUser(
  deps: AppDeps,
  actor: AuthUser,
  input: z.output<typeof CreateUserSchema>,
) {
  const { prisma } = deps.db;
  userScope(actor);
  if (actor.role === 'unit_officer' && input.role !== 'enterprise_user') {
    throw new DomainError('FORBIDDEN', '实施单位工作人员只能为本单位的企业创建企业账号');
  }
  let unitId: string | null = null;
  let enterpriseId: string | null = null;
  if (input.role !== 'enterprise_user') {
    unitId = await staffUnitId(deps, input.role, input.unitId);
  } else {
    const enterprise = await prisma.enterprise.findUnique({
      where: { id: input.enterpriseId ?? '' },
    });
    if (!enterprise) throw fieldError('enterpriseId', '企业不存在');
    if (actor.role === 'unit_officer' && enterprise.unitId !== actor.unitId) {
      throw notFoundError('企业');
    }
    enterpriseId = enterprise.id;
  }
  return prisma.$transaction(async (tx) => {
    if (input.email) await assertEmailFree(tx, input.email, null);
    const row = await tx.user.create({
      data: {
        name: input.name,
        email: input.email ?? null,
        role: input.role,
        unitId,
        enterpriseId,
      },
      include: detail,
    });
    const presented = presentUser(row);
    await writeAudit(tx, actor, {
      action: 'create',
      entity: 'user',
      entityId: row.id,
      unitId: row.unitId ?? row.enterprise?.unitId ?? null,
      after: presented,
    });
    return presented;
  });
}

export async function updateUser(
  deps: AppDeps,
  actor: AuthUser,
  input: { id: string } & z.output<typeof UpdateUserSchema>,
) {
  const { prisma } = deps.db;
  const { id } = input;
  const current = await findManagedUser(deps, actor, id);
  if (current.role === 'service') throw serviceAccountError();
  if (input.disabled === true && id === actor.id) {
    throw fieldError('disabled', '不能停用当前登录的账号');
  }
  const placement = await newPlacement(deps, actor, current, input);
  const before = presentUser(current);
  return prisma.$transaction(async (tx) => {
    if (input.email) await assertEmailFree(tx, input.email, id);
    const row = await tx.user.update({
      where: { id },
      data: {
        ...(input.name !== undefined ? { name: input.name } : {}),
        ...(input.email !== undefined ? { email: input.email } : {}),
        ...(input.disabled !== undefined
          ? { disabledAt: input.disabled ? (current.disabledAt ?? deps.now()) : null }
          : {}),
        ...(placement ?? {}),
      },
      include: detail,
    });
    // Disabled, or moved to another role or unit: every open session ends now. (The session
    // check would refuse them at their next request anyway; this leaves no row behind.)
    if (
      (row.disabledAt && !current.disabledAt) ||
      row.role !== current.role ||
      row.unitId !== current.unitId
    ) {
      await tx.session.deleteMany({ where: { userId: id } });
    }
    const after = presentUser(row);
    await writeAudit(tx, actor, {
      action: 'update',
      entity: 'user',
      entityId: id,
      unitId: row.unitId ?? row.enterprise?.unitId ?? null,
      before,
      after,
    });
    return after;
  });
}

/**
 * A staff account's new role and unit, when the input changes either (city admin only); null
 * when it changes neither.
 */
async function newPlacement(
  deps: AppDeps,
  actor: AuthUser,
  current: UserRow,
  input: z.output<typeof UpdateUserSchema>,
): Promise<{ role: (typeof STAFF_ROLES)[number]; unitId: string } | null> {
  if (input.role === undefined && input.unitId === undefined) return null;
  if (actor.role !== 'city_admin') {
    throw new DomainError('FORBIDDEN', '只有市局管理员可以调整账号的角色或所属单位');
  }
  const staffRole = STAFF_ROLES.find((r) => r === current.role);
  if (!staffRole) {
    throw fieldError('role', '企业账号的角色和所属企业不能调整（请为其他企业另开账号）');
  }
  if (current.id === actor.id) throw fieldError('role', '不能调整当前登录账号的角色或所属单位');
  const role = input.role ?? staffRole;
  if (role !== 'unit_officer' && input.unitId !== undefined) {
    throw fieldError('unitId', '市局账号不指定单位（固定为市局质量处）');
  }
  const unitId = await staffUnitId(
    deps,
    role,
    input.unitId ?? (current.role === 'unit_officer' ? (current.unitId ?? undefined) : undefined),
  );
  return { role, unitId };
}

export async function issueToken(
  deps: AppDeps,
  actor: AuthUser,
  input: { id: string } & z.output<typeof IssueTokenSchema>,
) {
  const { prisma } = deps.db;
  const { id: userId } = input;
  const owner = await findManagedUser(deps, actor, userId);
  if (owner.role === 'service') throw serviceAccountError();
  if (owner.disabledAt) throw new DomainError('CONFLICT', '该用户已停用，不能签发令牌');
  const token = generateToken();
  const issued = await prisma.$transaction(async (tx) => {
    const row = await tx.apiToken.create({
      data: { userId, tokenHash: hashToken(token), label: input.label },
    });
    const presented = presentToken(row);
    await writeAudit(tx, actor, {
      action: 'issue',
      entity: 'api_token',
      entityId: row.id,
      unitId: owner.unitId ?? owner.enterprise?.unitId ?? null,
      after: presented,
    });
    return presented;
  });
  return { ...issued, token };
}

/** Revokes a token; revoking one already revoked changes nothing and answers as it stands. */
export async function revokeToken(deps: AppDeps, actor: AuthUser, input: { id: string }) {
  const { prisma } = deps.db;
  const { id } = input;
  const current = await prisma.apiToken.findUnique({
    where: { id },
    include: { user: { include: detail } },
  });
  if (!current) throw notFoundError('令牌');
  await findManagedUser(deps, actor, current.userId);
  if (current.user.role === 'service') throw serviceAccountError();
  if (current.revokedAt) return presentToken(current);
  return prisma.$transaction(async (tx) => {
    const { count } = await tx.apiToken.updateMany({
      where: { id, revokedAt: null },
      data: { revokedAt: deps.now() },
    });
    const row = await tx.apiToken.findUniqueOrThrow({ where: { id } });
    if (count === 0) return presentToken(row);
    // Dashboard sessions opened with this token end with it.
    await tx.session.deleteMany({ where: { apiTokenId: id } });
    const after = presentToken(row);
    await writeAudit(tx, actor, {
      action: 'revoke',
      entity: 'api_token',
      entityId: id,
      unitId: current.user.unitId ?? current.user.enterprise?.unitId ?? null,
      before: presentToken(current),
      after,
    });
    return after;
  });
}

/** Never the hash: what an admin needs to recognise and revoke a token. */
function presentToken(row: Prisma.ApiTokenModel) {
  return {
    id: row.id,
    userId: row.userId,
    label: row.label,
    createdAt: toShanghaiIso(row.createdAt),
    revokedAt: row.revokedAt ? toShanghaiIso(row.revokedAt) : null,
  };
}

export function presentUser(row: UserRow) {
  return {
    id: row.id,
    name: row.name,
    email: row.email,
    role: row.role,
    roleName: ROLE_NAMES[row.role],
    unit: row.unit ? { id: row.unit.id, name: row.unit.name, shortName: row.unit.shortName } : null,
    enterprise: row.enterprise
      ? { id: row.enterprise.id, name: row.enterprise.name, creditCode: row.enterprise.creditCode }
      : null,
    disabled: row.disabledAt !== null,
    disabledAt: row.disabledAt ? toShanghaiIso(row.disabledAt) : null,
    createdAt: toShanghaiIso(row.createdAt),
  };
}
