import { z } from '@hono/zod-openapi';
import { ROLE_NAMES } from './roles.js';
import { PaginationQuery, listOf, sortQuery } from './lists.js';
import { Id, Instant } from './common.js';

const roles = Object.keys(ROLE_NAMES) as [keyof typeof ROLE_NAMES];
/** Roles a city admin may create: the worker's service account is set up by the system only. */
export const CREATABLE_ROLES = [
  'city_admin',
  'city_supervisor',
  'unit_officer',
  'enterprise_user',
] as const;

const userName = z
  .string({ error: '姓名应为字符串' })
  .trim()
  .min(1, '姓名不能为空')
  .max(50, '姓名最多 50 个字符');
const email = z.email('邮箱格式不正确').max(200);

export const CreateUserSchema = z
  .object({
    name: userName.openapi({ example: '王五' }),
    email: email.optional().openapi({ example: 'wangwu@example.com' }),
    role: z
      .enum(CREATABLE_ROLES, {
        error:
          '角色应为 city_admin、city_supervisor、unit_officer 或 enterprise_user（不能创建系统服务账号）',
      })
      .openapi({ example: 'unit_officer' }),
    unitId: Id.optional().openapi({
      description: '实施单位工作人员必填；市局账号固定为市局质量处，企业用户随所属企业，均不填',
    }),
    enterpriseId: Id.optional().openapi({ description: '企业用户必填，其他角色不填' }),
  })
  .strict()
  .superRefine((v, ctx) => {
    if (v.role === 'unit_officer' && !v.unitId) {
      ctx.addIssue({
        code: 'custom',
        path: ['unitId'],
        message: '实施单位工作人员必须指定所属单位',
      });
    }
    if (v.role !== 'unit_officer' && v.unitId) {
      ctx.addIssue({
        code: 'custom',
        path: ['unitId'],
        message:
          v.role === 'enterprise_user'
            ? '企业用户不指定单位（随所属企业）'
            : '市局账号不指定单位（固定为市局质量处）',
      });
    }
    if (v.role === 'enterprise_user' && !v.enterpriseId) {
      ctx.addIssue({ code: 'custom', path: ['enterpriseId'], message: '企业用户必须指定所属企业' });
    }
    if (v.role !== 'enterprise_user' && v.enterpriseId) {
      ctx.addIssue({ code: 'custom', path: ['enterpriseId'], message: '仅企业用户可绑定企业' });
    }
  })
  .openapi('CreateUser');

/** Roles a staff account may be moved between (enterprise accounts keep theirs). */
export const STAFF_ROLES = ['city_admin', 'city_supervisor', 'unit_officer'] as const;

export const UpdateUserSchema = z
  .object({
    name: userName.optional(),
    email: email.nullable().optional(),
    disabled: z
      .boolean({ error: '是否停用应为 true/false' })
      .optional()
      .openapi({ description: 'true：停用（其令牌和登录随即失效）；false：恢复' }),
    role: z
      .enum(STAFF_ROLES, {
        error: '角色只能调整为 city_admin、city_supervisor 或 unit_officer',
      })
      .optional()
      .openapi({ description: '仅市局管理员可调整工作人员的角色；该账号的登录随即结束' }),
    unitId: Id.optional().openapi({
      description: '实施单位工作人员的所属单位（仅市局管理员可调整；该账号的登录随即结束）',
    }),
  })
  .strict()
  .refine(
    (v) =>
      v.name !== undefined ||
      v.email !== undefined ||
      v.disabled !== undefined ||
      v.role !== undefined ||
      v.unitId !== undefined,
    { message: '至少应修改姓名、邮箱、停用状态、角色或所属单位中的一项' },
  )
  .openapi('UpdateUser');

export const IssueTokenSchema = z
  .object({
    label: z
      .string({ error: '令牌用途说明应为字符串' })
      .trim()
      .min(1, '令牌用途说明不能为空')
      .max(100, '令牌用途说明最多 100 个字符')
      .openapi({ example: '区局数据对接' }),
  })
  .strict()
  .openapi('IssueToken');

const UnitRef = z.object({ id: z.string(), name: z.string(), shortName: z.string() });
const EnterpriseRef = z.object({ id: z.string(), name: z.string(), creditCode: z.string() });

export const TokenSummarySchema = z
  .object({
    id: z.string(),
    userId: z.string(),
    label: z.string(),
    createdAt: Instant,
    revokedAt: Instant.nullable(),
  })
  .openapi('ApiTokenSummary');

export const IssuedTokenSchema = TokenSummarySchema.extend({
  token: z.string().openapi({
    description: '明文令牌：仅此一次显示，系统只保存其 SHA-256 摘要',
    example: 'hcm_…',
  }),
}).openapi('IssuedApiToken');

export const UserSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    email: z.string().nullable(),
    role: z.enum(roles),
    roleName: z.string().openapi({ example: '实施单位工作人员' }),
    unit: UnitRef.nullable(),
    enterprise: EnterpriseRef.nullable(),
    disabled: z.boolean(),
    disabledAt: Instant.nullable(),
    createdAt: Instant,
  })
  .openapi('User');

export const UserDetailSchema = UserSchema.extend({
  tokens: z.array(TokenSummarySchema),
}).openapi('UserDetail');

export const UserListSchema = listOf(UserSchema, 'UserList');

export const UserListQuery = PaginationQuery.extend({
  role: z.enum(roles, { error: `角色应为：${roles.join('、')}` }).optional(),
  unit: Id.optional().openapi({ description: '所属单位 id' }),
  enterprise: Id.optional().openapi({ description: '所属企业 id' }),
  disabled: z
    .enum(['true', 'false'], { error: 'disabled 应为 true 或 false' })
    .transform((v) => v === 'true')
    .optional(),
  q: z.string().trim().min(1).max(100).optional().openapi({ description: '姓名或邮箱包含' }),
  sort: sortQuery(['name', 'createdAt'], 'createdAt'),
});

export const MeSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    role: z.enum(roles),
    roleName: z.string(),
    unit: UnitRef.extend({ kind: z.string() }).nullable(),
    enterprise: EnterpriseRef.extend({ unitId: z.string() }).nullable(),
  })
  .openapi('Me');
