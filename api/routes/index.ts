import { assistanceRouter } from './assistance/index.js';
import { auditLogRouter } from './audit-log/index.js';
import { campaignsRouter } from './campaigns/index.js';
import { casesRouter } from './cases/index.js';
import { commitmentsRouter } from './commitments/index.js';
import { dutiesRouter } from './duties/index.js';
import { escalationActionsRouter } from './escalation-actions/index.js';
import { enterpriseImportRouter } from './enterprise-import/index.js';
import { enterprisesRouter } from './enterprises/index.js';
import { followUpsRouter } from './follow-ups/index.js';
import { hazardsRouter } from './hazards/index.js';
import { healthRouter } from './health/index.js';
import { inspectionsRouter } from './inspections/index.js';
import { internalRouter } from './internal/index.js';
import { invitationsRouter } from './invitations/index.js';
import { interviewsRouter } from './interviews/index.js';
import { productCategoriesRouter } from './product-categories/index.js';
import { remindersRouter } from './reminders/index.js';
import { riskReportsRouter } from './risk-reports/index.js';
import { selfInspectionsRouter } from './self-inspections/index.js';
import { spotChecksRouter } from './spot-checks/index.js';
import { statisticsRouter } from './statistics/index.js';
import { unitsRouter } from './units/index.js';
import { usersRouter } from './users/index.js';

/** Every resource router, mounted at the root (each route carries its full path). */
export const routers = [
  healthRouter,
  campaignsRouter,
  unitsRouter,
  productCategoriesRouter,
  enterpriseImportRouter,
  enterprisesRouter,
  inspectionsRouter,
  hazardsRouter,
  escalationActionsRouter,
  spotChecksRouter,
  casesRouter,
  assistanceRouter,
  interviewsRouter,
  riskReportsRouter,
  selfInspectionsRouter,
  commitmentsRouter,
  auditLogRouter,
  usersRouter,
  invitationsRouter,
  dutiesRouter,
  followUpsRouter,
  remindersRouter,
  statisticsRouter,
  internalRouter,
];
