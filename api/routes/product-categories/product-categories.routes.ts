import { createRoute } from '@hono/zod-openapi';
import { authenticate, requireRole } from '../../lib/auth.js';
import { errorResponse, jsonContent } from '../../lib/openapi.js';
import { IdParams } from '../../contracts/common.js';
import {
  CreateProductCategorySchema,
  ProductCategoryListQuery,
  ProductCategoryListSchema,
  ProductCategorySchema,
  UpdateProductCategorySchema,
} from '../../contracts/product-categories.js';

const tags = ['产品类别'];
const security = [{ bearerAuth: [] }];

export const listProductCategories = createRoute({
  method: 'get',
  path: '/api/product-categories',
  tags,
  security,
  middleware: [authenticate] as const,
  summary: '产品类别及产品（按统计表行序）：指定专项行动的，或模板目录（缺省 shanghai-2023）',
  request: { query: ProductCategoryListQuery },
  responses: {
    200: jsonContent(ProductCategoryListSchema, '产品类别'),
    400: errorResponse('参数有误（专项行动或模板不存在）'),
    401: errorResponse('未登录'),
  },
});

export const getProductCategory = createRoute({
  method: 'get',
  path: '/api/product-categories/{id}',
  tags,
  security,
  middleware: [authenticate] as const,
  summary: '产品类别详情',
  request: { params: IdParams },
  responses: {
    200: jsonContent(ProductCategorySchema, '产品类别'),
    401: errorResponse('未登录'),
    404: errorResponse('不存在'),
  },
});

export const createProductCategory = createRoute({
  method: 'post',
  path: '/api/product-categories',
  tags,
  security,
  middleware: [authenticate, requireRole('city_admin')] as const,
  summary: '为专项行动增加产品类别（仅市局管理员）',
  request: {
    body: {
      content: { 'application/json': { schema: CreateProductCategorySchema } },
      required: true,
    },
  },
  responses: {
    201: jsonContent(ProductCategorySchema, '已增加'),
    400: errorResponse('参数有误'),
    401: errorResponse('未登录'),
    403: errorResponse('无权限'),
    409: errorResponse('类别代码在该专项行动中已存在'),
  },
});

export const updateProductCategory = createRoute({
  method: 'patch',
  path: '/api/product-categories/{id}',
  tags,
  security,
  middleware: [authenticate, requireRole('city_admin')] as const,
  summary: '修改专项行动的产品类别：名称、行序、产品清单（仅市局管理员；模板目录不可修改）',
  request: {
    params: IdParams,
    body: {
      content: { 'application/json': { schema: UpdateProductCategorySchema } },
      required: true,
    },
  },
  responses: {
    200: jsonContent(ProductCategorySchema, '已修改'),
    400: errorResponse('参数有误'),
    401: errorResponse('未登录'),
    403: errorResponse('无权限，或为模板目录'),
    404: errorResponse('不存在'),
  },
});
