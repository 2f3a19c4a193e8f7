import { createRoute } from '@hono/zod-openapi';
import { authenticate, requireRole } from '../../lib/auth.js';
import { errorResponse, jsonContent } from '../../lib/openapi.js';
import {
  InvitationQuery,
  InvitationReportSchema,
  InvitationRequestSchema,
} from '../../contracts/invitations.js';

const description = `为企业联系人开通企业账号并发送登录邀请邮件（链接仅可使用一次，INVITATION_LINK_DAYS 天内有效；此后在登录页输入邮箱即可获取登录链接）。

- 逐个邀请：\`contactIds\`；整个企业名录：\`unitId\`（该单位全部企业的联系人）。
- 实施单位工作人员只能邀请本单位企业的联系人（其他单位：404）；市局管理员可邀请任一单位。
- 每位联系人的处理（\`outcome\`）：\`create\` 开通账号并发送；\`resend\` 已有本企业账号，重新发送登录链接（仅逐个邀请）；\`exists\` 已有账号，整个名录邀请时不重复发送；\`no_email\` 未登记邮箱；\`disabled\` 账号已停用；\`taken\` 邮箱已用于其他账号；\`duplicate\` 与前面的联系人邮箱相同。
- \`dryRun=true\` 只预览，不创建账号、不发邮件。正式邀请在一个事务内创建账号和链接（审计日志：create、invite），然后逐封发送；\`sent=false\` 表示该邮件未能交给邮件服务器，可稍后重新邀请。`;

export const inviteContacts = createRoute({
  method: 'post',
  path: '/api/invitations',
  tags: ['用户与令牌'],
  security: [{ bearerAuth: [] }],
  middleware: [authenticate, requireRole('city_admin', 'unit_officer')] as const,
  summary: '邀请企业联系人开通企业账号（可预览）',
  description,
  request: {
    query: InvitationQuery,
    body: { content: { 'application/json': { schema: InvitationRequestSchema } }, required: true },
  },
  responses: {
    200: jsonContent(InvitationReportSchema, '每位联系人的处理结果（预览时为将会如何处理）'),
    400: errorResponse('参数有误（联系人不存在或不在本单位名录中等）'),
    401: errorResponse('未登录'),
    403: errorResponse('无权限'),
    404: errorResponse('实施单位不存在或不在本人范围内'),
  },
});
