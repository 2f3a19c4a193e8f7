import { assertCanWriteUnit } from '../lib/scope.js';
import { findVisibleEnterprise } from '../services/register/enterprises.js';
import { notFound, type Ctx, type PageContext } from './page.js';

// What a form that records something about one enterprise needs: the enterprise (in the user's
// scope, else 404; writable by the user, else 403), the campaign and its product categories.

export async function enterpriseForRecord(c: Ctx, ctx: PageContext) {
  const { prisma } = c.var.deps.db;
  const enterprise = await findVisibleEnterprise(c.var.deps, ctx.user, {
    id: c.req.param('id') ?? '',
  });
  assertCanWriteUnit(ctx.user, enterprise.unitId);
  if (!ctx.campaign) notFound();
  const categories = await prisma.productCategory.findMany({
    where: { campaignId: ctx.campaign.id },
    orderBy: [{ order: 'asc' }, { id: 'asc' }],
    select: { id: true, code: true, name: true },
  });
  const preferred = categories.find((k) => enterprise.categoryCodes.includes(k.code));
  return { enterprise, campaign: ctx.campaign, categories, preferredCategory: preferred?.id };
}
