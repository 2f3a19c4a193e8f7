import { z } from '@hono/zod-openapi';

// What a person types to sign in: an e-mail address to receive a link, or (the city admin's
// fallback) an API token.

export const SignInLinkRequestSchema = z
  .object({
    email: z
      .string({ error: '请输入邮箱' })
      .trim()
      .min(1, '请输入邮箱')
      .max(200, '邮箱最多 200 个字符')
      .pipe(z.email('邮箱格式不正确')),
    /** The dashboard page to land on after signing in. */
    next: z.string().max(500).optional(),
  })
  .openapi('SignInLinkRequest');
export type SignInLinkRequest = z.output<typeof SignInLinkRequestSchema>;

export const TokenSignInSchema = z
  .object({
    token: z.string({ error: '请输入 API 令牌' }).trim().min(1, '请输入 API 令牌').max(200),
    next: z.string().max(500).optional(),
  })
  .openapi('TokenSignIn');
