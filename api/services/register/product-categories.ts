import type { z } from '@hono/zod-openapi';
import { DomainError } from '../../../domain/errors.js';
import type { Prisma, PrismaClient } from '../../../prisma/generated/client.js';
import { writeAudit } from '../../lib/audit.js';
import { isUniqueViolation } from '../../lib/db-errors.js';
import type { AppDeps, AuthUser } from '../../lib/context.js';
import { fieldError, notFoundError } from '../../lib/errors.js';
import { CATEGORY_ORIGINS } from '../../../domain/labels.js';
import {
  type CreateProductCategorySchema,
  type ProductCategoryListQuery,
  type UpdateProductCategorySchema,
} from '../../contracts/product-categories.js';

/** The product list shown when neither a campaign nor a template is named. */
export const DEFAULT_TEMPLATE = 'shanghai-2023';

const detail = {
  products: { orderBy: { order: 'asc' } },
} satisfies Prisma.ProductCategoryInclude;
type CategoryRow = Prisma.ProductCategoryGetPayload<{ include: typeof detail }>;

const duplicateCode = (code: string) =>
  new DomainError('CONFLICT', `类别代码 ${code} 在该专项行动中已存在`);

/** A campaign's categories, or a template's, in the row order of the statistics table. */
export async function listCategories(
  deps: AppDeps,
  _user: AuthUser,
  query: z.output<typeof ProductCategoryListQuery>,
) {
  const { prisma } = deps.db;
  if (query.campaign && query.template) {
    throw fieldError('template', '不能同时指定 campaign 与 template');
  }
  let where: Prisma.ProductCategoryWhereInput;
  if (query.campaign) {
    const campaign = await prisma.campaign.findUnique({ where: { id: query.campaign } });
    if (!campaign) throw fieldError('campaign', '专项行动不存在');
    where = { campaignId: campaign.id };
  } else {
    where = { templateCode: query.template ?? DEFAULT_TEMPLATE, campaignId: null };
  }
  const rows = await prisma.productCategory.findMany({
    where,
    include: detail,
    orderBy: [{ order: 'asc' }, { code: 'asc' }],
  });
  if (!query.campaign && rows.length === 0) throw fieldError('template', '产品目录模板不存在');
  return { items: rows.map(presentCategory) };
}

export async function getCategory(deps: AppDeps, _user: AuthUser, input: { id: string }) {
  const row = await deps.db.prisma.productCategory.findUnique({
    where: { id: input.id },
    include: detail,
  });
  if (!row) throw notFoundError('产品类别');
  return presentCategory(row);
}

export async function createCategory(
  deps: AppDeps,
  user: AuthUser,
  input: z.output<typeof CreateProductCategorySchema>,
) {
  const { prisma } = deps.db;
  const campaign = await prisma.campaign.findUnique({ where: { id: input.campaignId } });
  if (!campaign) throw fieldError('campaignId', '专项行动不存在');
  const existing = await prisma.productCategory.findUnique({
    where: { campaignId_code: { campaignId: campaign.id, code: input.code } },
  });
  if (existing) throw duplicateCode(input.code);
  try {
    const created = await prisma.$transaction(async (tx) => {
      const order = input.order ?? (await nextOrder(tx, campaign.id));
      const row = await tx.productCategory.create({
        data: {
          campaignId: campaign.id,
          code: input.code,
          name: input.name,
          order,
          origin: input.origin,
          products: { create: input.products.map((name, index) => ({ name, order: index + 1 })) },
        },
        include: detail,
      });
      const presented = presentCategory(row);
      await writeAudit(tx, user, {
        action: 'create',
        entity: 'product_category',
        entityId: row.id,
        after: presented,
      });
      return presented;
    });
    return created;
  } catch (error) {
    if (isUniqueViolation(error)) throw duplicateCode(input.code);
    throw error;
  }
}

/** Renames, reorders, or replaces the product list of one campaign's category; templates stay. */
export async function updateCategory(
  deps: AppDeps,
  user: AuthUser,
  input: { id: string } & z.output<typeof UpdateProductCategorySchema>,
) {
  const { prisma } = deps.db;
  const { id } = input;
  const current = await prisma.productCategory.findUnique({ where: { id }, include: detail });
  if (!current) throw notFoundError('产品类别');
  if (!current.campaignId) {
    throw new DomainError('FORBIDDEN', '模板目录的产品类别不可修改，请修改具体专项行动的产品类别');
  }
  const before = presentCategory(current);
  return prisma.$transaction(async (tx) => {
    await tx.productCategory.update({
      where: { id },
      data: {
        ...(input.name !== undefined ? { name: input.name } : {}),
        ...(input.order !== undefined ? { order: input.order } : {}),
      },
    });
    if (input.products) {
      // Keep the rows of products that stay (stable ids), drop the others, add the new ones.
      await tx.product.deleteMany({ where: { categoryId: id, name: { notIn: input.products } } });
      for (const [index, name] of input.products.entries()) {
        await tx.product.upsert({
          where: { categoryId_name: { categoryId: id, name } },
          create: { categoryId: id, name, order: index + 1 },
          update: { order: index + 1 },
        });
      }
    }
    const after = presentCategory(
      await tx.productCategory.findUniqueOrThrow({ where: { id }, include: detail }),
    );
    await writeAudit(tx, user, {
      action: 'update',
      entity: 'product_category',
      entityId: id,
      before,
      after,
    });
    return after;
  });
}

async function nextOrder(tx: Prisma.TransactionClient | PrismaClient, campaignId: string) {
  const last = await tx.productCategory.aggregate({ where: { campaignId }, _max: { order: true } });
  return (last._max.order ?? 0) + 1;
}

export function presentCategory(row: CategoryRow) {
  return {
    id: row.id,
    campaignId: row.campaignId,
    templateCode: row.templateCode,
    code: row.code,
    name: row.name,
    order: row.order,
    origin: row.origin,
    originName: CATEGORY_ORIGINS[row.origin as keyof typeof CATEGORY_ORIGINS] ?? row.origin,
    products: row.products.map(({ id, name, order }) => ({ id, name, order })),
  };
}
