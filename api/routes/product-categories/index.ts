import { createRouter } from '../../lib/create-router.js';
import * as handlers from './product-categories.handlers.js';
import * as routes from './product-categories.routes.js';

export const productCategoriesRouter = createRouter()
  .openapi(routes.listProductCategories, handlers.listProductCategories)
  .openapi(routes.getProductCategory, handlers.getProductCategory)
  .openapi(routes.createProductCategory, handlers.createProductCategory)
  .openapi(routes.updateProductCategory, handlers.updateProductCategory);
