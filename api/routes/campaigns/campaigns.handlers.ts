import type { RouteHandler } from '@hono/zod-openapi';
import type { AppEnv } from '../../lib/context.js';
import * as campaigns from '../../services/campaigns.js';
import type {
  cancelCampaign,
  createCampaign,
  extendDeadline,
  getCampaign,
  listCampaigns,
  recordPhaseChange,
} from './campaigns.routes.js';

export const createCampaignHandler: RouteHandler<typeof createCampaign, AppEnv> = async (c) =>
  c.json(await campaigns.createCampaign(c.var.deps, c.var.user, c.req.valid('json')), 201);

export const listCampaignsHandler: RouteHandler<typeof listCampaigns, AppEnv> = async (c) =>
  c.json({ items: await campaigns.listCampaigns(c.var.deps, c.var.user) }, 200);

export const getCampaignHandler: RouteHandler<typeof getCampaign, AppEnv> = async (c) =>
  c.json(await campaigns.getCampaign(c.var.deps, c.var.user, c.req.valid('param')), 200);

export const recordPhaseChangeHandler: RouteHandler<typeof recordPhaseChange, AppEnv> = async (
  c,
) => {
  const { state, at } = c.req.valid('json');
  return c.json(
    await campaigns.recordPhaseChange(c.var.deps, c.var.user, {
      id: c.req.valid('param').id,
      state,
      at: new Date(at),
    }),
    200,
  );
};

export const extendDeadlineHandler: RouteHandler<typeof extendDeadline, AppEnv> = async (c) =>
  c.json(
    await campaigns.extendCampaignDeadline(c.var.deps, c.var.user, {
      ...c.req.valid('param'),
      ...c.req.valid('json'),
    }),
    200,
  );

export const cancelCampaignHandler: RouteHandler<typeof cancelCampaign, AppEnv> = async (c) =>
  c.json(
    await campaigns.cancelCampaign(c.var.deps, c.var.user, {
      id: c.req.valid('param').id,
      reason: c.req.valid('json').reason,
    }),
    200,
  );
