import { Hono } from 'hono';
import { DomainError } from '../../domain/errors.js';
import { HTTP_STATUS } from '../lib/errors.js';
import { dashboardDownload } from './downloads.js';
import {
  forbiddenPage,
  notFoundPage,
  pageContext,
  render,
  showPage,
  type Ctx,
  type DashboardRouter,
} from './page.js';
import * as duty from './pages/duty.js';
import * as dutyStatistics from './pages/duty-statistics.js';
import * as enterpriseHome from './pages/enterprise-home.js';
import * as enterprise from './pages/enterprise.js';
import * as enterpriseForm from './pages/enterprise-form.js';
import * as escalation from './pages/escalation.js';
import * as followUp from './pages/follow-up.js';
import * as hazard from './pages/hazard.js';
import * as hazardEdit from './pages/hazard-edit.js';
import * as hazardList from './pages/hazard-list.js';
import * as hazardNew from './pages/hazard-new.js';
import * as inspection from './pages/inspection.js';
import * as invitations from './pages/invitations.js';
import * as inspectionNew from './pages/inspection-new.js';
import * as link from './pages/link.js';
import * as login from './pages/login.js';
import * as message from './pages/message.js';
import * as overview from './pages/overview.js';
import * as register from './pages/register.js';
import * as registerImport from './pages/register-import.js';
import * as unit from './pages/unit.js';
import * as unitListing from './pages/unit-listing.js';
import * as users from './pages/users.js';
import { requireSession, type DashboardEnv } from './session.js';

// The supervisors' dashboard, server-rendered in Simplified Chinese at /dashboard. City roles see
// every unit, a unit officer their own unit, an enterprise user their enterprise's hazards and a
// form to submit rectification evidence. One module per page in pages/ (a loader and a view);
// data comes from the same services the API uses (they enforce scoping with the signed-in user)
// plus read-only aggregates in queries.ts.

export const dashboardRouter: DashboardRouter = new Hono<DashboardEnv>();

dashboardRouter.onError((error, context) => {
  const c = context as Ctx;
  if (error instanceof DomainError) {
    const status = HTTP_STATUS[error.code];
    if (status === 404) return notFoundPage(c);
    if (status === 403) return forbiddenPage(c, error.message);
    if (status === 401) return c.redirect('/dashboard/login', 303);
  }
  c.var.logger?.error('dashboard error', {
    path: c.req.path,
    error: error instanceof Error ? (error.stack ?? error.message) : String(error),
  });
  return render(c, <message.View title="系统错误" text="服务器内部错误，请稍后重试。" />, 500);
});

login.register(dashboardRouter);
link.register(dashboardRouter);

// The home page: the overview for supervisors, the hazard list for an enterprise user.
dashboardRouter.get('/dashboard', requireSession, async (c) => {
  const ctx = await pageContext(c);
  if (ctx.user.role === 'enterprise_user') {
    return render(c, <enterpriseHome.View ctx={ctx} data={await enterpriseHome.load(c, ctx)} />);
  }
  return render(c, <overview.View ctx={ctx} data={await overview.load(c, ctx)} />);
});
dashboardRouter.get('/dashboard/', (c) => c.redirect('/dashboard', 301));

showPage(dashboardRouter, '/dashboard/units/:id', unit);
// The register: import and new-enterprise routes before the list's own path.
registerImport.register(dashboardRouter);
enterpriseForm.register(dashboardRouter);
showPage(dashboardRouter, '/dashboard/units/:id/enterprises', register);
showPage(dashboardRouter, '/dashboard/units/:id/invitations', invitations);
invitations.register(dashboardRouter);
showPage(dashboardRouter, '/dashboard/enterprises/:id', enterprise);
showPage(dashboardRouter, '/dashboard/hazards/:id', hazard);
showPage(dashboardRouter, '/dashboard/duties/:id', duty);
showPage(dashboardRouter, '/dashboard/follow-ups/:id', followUp);
hazard.register(dashboardRouter);
showPage(dashboardRouter, '/dashboard/units/:id/hazards', hazardList);
showPage(dashboardRouter, '/dashboard/enterprises/:id/inspections/new', inspectionNew);
inspectionNew.register(dashboardRouter);
showPage(dashboardRouter, '/dashboard/inspections/:id', inspection);
showPage(dashboardRouter, '/dashboard/enterprises/:id/hazards/new', hazardNew);
hazardNew.register(dashboardRouter);
showPage(dashboardRouter, '/dashboard/hazards/:id/edit', hazardEdit);
hazardEdit.register(dashboardRouter);
duty.register(dashboardRouter);
dutyStatistics.register(dashboardRouter);
followUp.register(dashboardRouter);
showPage(dashboardRouter, '/dashboard/escalations/:id', escalation);
escalation.register(dashboardRouter);
unitListing.register(dashboardRouter);
showPage(dashboardRouter, '/dashboard/users', users);
users.register(dashboardRouter);

dashboardRouter.get('/dashboard/campaigns/:id/statistics', requireSession, (c) =>
  dashboardDownload(c, 'statistics'),
);
dashboardRouter.get('/dashboard/campaigns/:id/case-ledger', requireSession, (c) =>
  dashboardDownload(c, 'case-ledger'),
);

dashboardRouter.all('/dashboard/*', requireSession, (c) => notFoundPage(c));
