import type { RouteHandler } from '@hono/zod-openapi';
import type { AppEnv } from '../../lib/context.js';
import * as categories from '../../services/register/product-categories.js';
import type * as routes from './product-categories.routes.js';

export const listProductCategories: RouteHandler<
  typeof routes.listProductCategories,
  AppEnv
> = async (c) =>
  c.json(await categories.listCategories(c.var.deps, c.var.user, c.req.valid('query')), 200);

export const getProductCategory: RouteHandler<typeof routes.getProductCategory, AppEnv> = async (
  c,
) => c.json(await categories.getCategory(c.var.deps, c.var.user, c.req.valid('param')), 200);

export const createProductCategory: RouteHandler<
  typeof routes.createProductCategory,
  AppEnv
> = async (c) =>
  c.json(await categories.createCategory(c.var.deps, c.var.user, c.req.valid('json')), 201);

export const updateProductCategory: RouteHandler<
  typeof routes.updateProductCategory,
  AppEnv
> = async (c) =>
  c.json(
    await categories.updateCategory(c.var.deps, c.var.user, {
      ...c.req.valid('param'),
      ...c.req.valid('json'),
    }),
    200,
  );
