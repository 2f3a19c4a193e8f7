import { z } from '@hono/zod-openapi';
import { Id } from './common.js';

// Inviting enterprise contacts: each invited contact gets an enterprise account (or their
// existing one) and an e-mail with a sign-in link. One by one (contactIds) or every contact of a
// unit's register at once (unitId); `dryRun` previews what would happen.

export const InvitationQuery = z.object({
  dryRun: z
    .enum(['true', 'false'], { error: 'dryRun 应为 true 或 false' })
    .default('false')
    .transform((v) => v === 'true')
    .openapi({
      param: { name: 'dryRun', in: 'query' },
      description: 'true：只预览每位联系人将如何处理，不创建账号、不发邮件；默认 false',
      example: 'true',
    }),
});

export const InvitationRequestSchema = z
  .object({
    contactIds: z
      .array(Id, { error: 'contactIds 应为联系人 id 的数组' })
      .min(1, '至少选择一位联系人')
      .max(1000, '一次最多邀请 1000 位联系人')
      .optional()
      .openapi({ description: '逐个邀请：企业联系人的 id' }),
    unitId: Id.optional().openapi({
      description: '一次邀请该实施单位企业名录中的全部联系人（尚无账号或可重新发送者）',
    }),
  })
  .strict()
  .superRefine((v, ctx) => {
    if ((v.contactIds === undefined) === (v.unitId === undefined)) {
      ctx.addIssue({
        code: 'custom',
        path: ['contactIds'],
        message: '请指定 contactIds（逐个邀请）或 unitId（整个企业名录）中的一项',
      });
    }
  })
  .openapi('InvitationRequest');
export type InvitationRequest = z.output<typeof InvitationRequestSchema>;

export const INVITATION_OUTCOMES = [
  'create',
  'resend',
  'exists',
  'no_email',
  'disabled',
  'taken',
  'duplicate',
] as const;
export type InvitationOutcome = (typeof INVITATION_OUTCOMES)[number];

/** What each outcome means, for people (the API and the page say the same). */
export const INVITATION_OUTCOME_NAMES: Record<InvitationOutcome, string> = {
  create: '开通企业账号并发送登录链接',
  resend: '已有账号，重新发送登录链接',
  exists: '已有账号，不重复发送（可逐个重新邀请）',
  no_email: '未登记邮箱，无法邀请',
  disabled: '账号已停用，不发送（如需恢复请在用户管理中恢复）',
  taken: '该邮箱已用于其他账号，无法邀请',
  duplicate: '与本企业另一位联系人邮箱相同，已合并',
};

export const InvitationItemSchema = z.object({
  contactId: z.string(),
  contactName: z.string(),
  email: z.string().nullable(),
  enterprise: z.object({ id: z.string(), name: z.string() }),
  outcome: z.enum(INVITATION_OUTCOMES),
  outcomeName: z.string(),
  /** The account invited (existing, or created by a real run). */
  userId: z.string().nullable(),
  /** Real run, invited items: whether the e-mail was handed to the mail server. */
  sent: z.boolean().nullable(),
});

export const InvitationReportSchema = z
  .object({
    dryRun: z.boolean(),
    total: z.number().int(),
    /** Contacts that are (or would be) invited: create + resend. */
    invited: z.number().int(),
    created: z.number().int(),
    skipped: z.number().int(),
    items: z.array(InvitationItemSchema),
  })
  .openapi('InvitationReport');
export type InvitationReport = z.infer<typeof InvitationReportSchema>;
