import { readFile, writeFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { SHANGHAI_2023_PRODUCT_CATEGORIES } from '../../domain/products.js';
import { ALL_UNITS, CITY_DIVISION } from '../../domain/units.js';
import type { PrismaClient } from '../../prisma/generated/client.js';
import type { Role } from '../../prisma/generated/enums.js';
import { generateToken, hashToken } from '../lib/tokens.js';

/** Units and the reference product list. Idempotent: safe at every start. */
export async function seedReferenceData(prisma: PrismaClient): Promise<void> {
  for (const unit of ALL_UNITS) {
    await prisma.unit.upsert({
      where: { code: unit.code },
      create: unit,
      update: { name: unit.name, shortName: unit.shortName, kind: unit.kind, order: unit.order },
    });
  }
  const templateCode = 'shanghai-2023';
  for (const category of SHANGHAI_2023_PRODUCT_CATEGORIES) {
    const { products, ...fields } = category;
    const row = await prisma.productCategory.upsert({
      where: { templateCode_code: { templateCode, code: category.code } },
      create: { ...fields, templateCode },
      update: { name: fields.name, order: fields.order, origin: fields.origin },
    });
    for (const [index, name] of products.entries()) {
      await prisma.product.upsert({
        where: { categoryId_name: { categoryId: row.id, name } },
        create: { categoryId: row.id, name, order: index + 1 },
        update: { order: index + 1 },
      });
    }
  }
}

interface DemoAccount {
  key: 'cityAdmin' | 'citySupervisor' | 'unitOfficer' | 'enterpriseUser';
  name: string;
  email: string;
  role: Role;
  unitCode: string | null;
}

const DEMO_ACCOUNTS: DemoAccount[] = [
  {
    key: 'cityAdmin',
    name: '市局管理员（演示）',
    email: 'admin@demo.local',
    role: 'city_admin',
    unitCode: CITY_DIVISION.code,
  },
  {
    key: 'citySupervisor',
    name: '市局督导员（演示）',
    email: 'supervisor@demo.local',
    role: 'city_supervisor',
    unitCode: CITY_DIVISION.code,
  },
  {
    key: 'unitOfficer',
    name: '浦东新区监管员（演示）',
    email: 'officer.pudong@demo.local',
    role: 'unit_officer',
    unitCode: 'pudong',
  },
  {
    key: 'enterpriseUser',
    name: '企业联系人（演示）',
    email: 'contact@enterprise.demo.local',
    role: 'enterprise_user',
    unitCode: null,
  },
];

export type DemoTokens = Record<DemoAccount['key'], string>;

export const demoTokensPath = (dataDir: string) => path.join(dataDir, 'demo-tokens.json');

/**
 * Demo users and their API tokens, written to demo-tokens.json. A token already in the file and
 * still valid in the database is kept, so restarts do not invalidate what a user copied.
 */
export async function seedDemoAccounts(prisma: PrismaClient, dataDir: string): Promise<DemoTokens> {
  const file = demoTokensPath(dataDir);
  const previous = await readFile(file, 'utf8')
    .then((text) => JSON.parse(text) as Partial<DemoTokens>)
    .catch((): Partial<DemoTokens> => ({}));
  const tokens = {} as DemoTokens;
  for (const account of DEMO_ACCOUNTS) {
    const unit = account.unitCode
      ? await prisma.unit.findUniqueOrThrow({ where: { code: account.unitCode } })
      : null;
    const seedKey = `demo:${account.key}`;
    const user = await prisma.user.upsert({
      where: { seedKey },
      create: {
        seedKey,
        name: account.name,
        email: account.email,
        role: account.role,
        unitId: unit?.id ?? null,
      },
      update: { name: account.name, role: account.role, unitId: unit?.id ?? null },
    });
    const kept = previous[account.key];
    const valid =
      kept &&
      (await prisma.apiToken.findFirst({
        where: { tokenHash: hashToken(kept), userId: user.id, revokedAt: null },
      }));
    if (kept && valid) {
      tokens[account.key] = kept;
      continue;
    }
    const token = generateToken();
    await prisma.apiToken.create({
      data: { userId: user.id, tokenHash: hashToken(token), label: '演示令牌' },
    });
    tokens[account.key] = token;
  }
  await mkdir(dataDir, { recursive: true });
  await writeFile(file, `${JSON.stringify(tokens, null, 2)}\n`, { mode: 0o600 });
  return tokens;
}

/** The worker's account: its token comes from SERVICE_TOKEN; older service tokens are revoked. */
export async function ensureServiceAccount(prisma: PrismaClient, token: string): Promise<void> {
  const seedKey = 'service:worker';
  const user = await prisma.user.upsert({
    where: { seedKey },
    create: { seedKey, name: '工作流服务', role: 'service' },
    update: {},
  });
  const tokenHash = hashToken(token);
  await prisma.$transaction([
    prisma.apiToken.updateMany({
      where: { userId: user.id, revokedAt: null, NOT: { tokenHash } },
      data: { revokedAt: new Date() },
    }),
    prisma.apiToken.upsert({
      where: { tokenHash },
      create: { userId: user.id, tokenHash, label: 'SERVICE_TOKEN' },
      update: { revokedAt: null },
    }),
  ]);
}
