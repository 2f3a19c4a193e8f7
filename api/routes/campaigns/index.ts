import { createRouter } from '../../lib/create-router.js';
import * as handlers from './campaigns.handlers.js';
import * as routes from './campaigns.routes.js';

export const campaignsRouter = createRouter()
  .openapi(routes.createCampaign, handlers.createCampaignHandler)
  .openapi(routes.listCampaigns, handlers.listCampaignsHandler)
  .openapi(routes.getCampaign, handlers.getCampaignHandler)
  .openapi(routes.recordPhaseChange, handlers.recordPhaseChangeHandler)
  .openapi(routes.extendDeadline, handlers.extendDeadlineHandler)
  .openapi(routes.cancelCampaign, handlers.cancelCampaignHandler);
