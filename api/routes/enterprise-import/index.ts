import { createRouter } from '../../lib/create-router.js';
import * as handlers from './enterprise-import.handlers.js';
import * as routes from './enterprise-import.routes.js';

// Import of the enterprise register from CSV/XLSX, and its template.
export const enterpriseImportRouter = createRouter()
  .openapi(routes.importTemplate, handlers.importTemplate)
  .openapi(routes.importEnterprises, handlers.importEnterprises);
