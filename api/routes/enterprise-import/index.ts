import { createRouter } from '../../lib/create-router.js';

// Routes of this resource are registered here (see api/routes/enterprises for the pattern).
export const enterpriseImportRouter = createRouter();
