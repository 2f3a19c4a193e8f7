import { randomInt } from 'node:crypto';
import { creditCodeCheckCharacter } from '../../domain/credit-code.js';
import { generateToken, hashToken } from '../../api/lib/tokens.js';
import type { Role } from '../../prisma/generated/enums.js';
import type { Caller, TestStack } from './stack.js';

const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';

/** A fresh, valid 统一社会信用代码 (Shanghai, enterprise legal person). */
export function validCreditCode(): string {
  let body = '91310115';
  for (let i = 0; i < 9; i += 1) body += ALPHABET[randomInt(ALPHABET.length)];
  return body + creditCodeCheckCharacter(body);
}

export async function unitId(stack: TestStack, code: string): Promise<string> {
  return (await stack.api.db.prisma.unit.findUniqueOrThrow({ where: { code } })).id;
}

/** A user with a token, made directly in the database (test setup, not the path under test). */
export async function createUser(
  stack: TestStack,
  options: { role: Role; unitCode?: string; enterpriseId?: string; name?: string; email?: string },
): Promise<{ id: string; token: string }> {
  const token = generateToken();
  const user = await stack.api.db.prisma.user.create({
    data: {
      name: options.name ?? `测试用户-${options.role}`,
      email: options.email ?? null,
      role: options.role,
      unitId: options.unitCode ? await unitId(stack, options.unitCode) : null,
      enterpriseId: options.enterpriseId ?? null,
      tokens: { create: { tokenHash: hashToken(token), label: 'test' } },
    },
  });
  return { id: user.id, token };
}

export function enterpriseInput(overrides: Record<string, unknown> = {}) {
  return {
    creditCode: validCreditCode(),
    name: `上海测试燃气用具有限公司${randomInt(100_000)}`,
    isProducer: true,
    isSeller: false,
    address: '上海市浦东新区测试路 1 号',
    productionLicenceNo: 'XK21-001-00001',
    categoryCodes: ['gas_appliances'],
    products: ['家用燃气灶'],
    contacts: [{ name: '张三', email: 'zhangsan@example.com', isPrimary: true }],
    ...overrides,
  };
}

/** Registers an enterprise through the API as the given caller (a demo key or a raw token). */
export async function createEnterprise(
  stack: TestStack,
  as: Caller,
  overrides: Record<string, unknown> = {},
) {
  const { status, body } = await stack.call('POST', '/api/enterprises', {
    as,
    body: enterpriseInput(overrides),
  });
  if (status !== 201)
    throw new Error(`creating an enterprise failed: ${status} ${JSON.stringify(body)}`);
  return body as { id: string; unitId: string; version: number; creditCode: string; name: string };
}

/** A real-calendar campaign through the API, and its product categories by code. */
export async function createCampaign(stack: TestStack, year: number) {
  const { status, body } = await stack.call('POST', '/api/campaigns', {
    body: { template: 'shanghai-2023', year },
  });
  if (status !== 201)
    throw new Error(`creating a campaign failed: ${status} ${JSON.stringify(body)}`);
  const categories = await stack.api.db.prisma.productCategory.findMany({
    where: { campaignId: body.id },
  });
  return {
    id: body.id as string,
    categoryId: (code: string) => {
      const found = categories.find((c) => c.code === code);
      if (!found) throw new Error(`no category ${code}`);
      return found.id;
    },
  };
}
