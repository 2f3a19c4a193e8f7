import { z } from '@hono/zod-openapi';
import { ENTERPRISE_CLASSES } from '../../domain/labels.js';
import { PaginationQuery, listOf, sortQuery } from './lists.js';
import { CreditCode, Id, Instant, VersionInput } from './common.js';

const classes = Object.keys(ENTERPRISE_CLASSES) as [keyof typeof ENTERPRISE_CLASSES];

const ContactInput = z
  .object({
    name: z.string().trim().min(1, '联系人姓名不能为空').max(50),
    phone: z.string().trim().max(30).optional(),
    email: z.email('邮箱格式不正确').optional(),
    isPrimary: z.boolean().default(false),
  })
  .strict();

const enterpriseFields = {
  name: z.string().trim().min(1, '企业名称不能为空').max(200),
  isProducer: z.boolean({ error: '是否生产企业应为 true/false' }),
  isSeller: z.boolean({ error: '是否销售企业应为 true/false' }),
  address: z.string().trim().min(1, '地址不能为空').max(300),
  productionLicenceNo: z.string().trim().max(60).nullable().optional(),
  productionLicenceScope: z.string().trim().max(500).nullable().optional(),
  cccCertificates: z.array(z.string().trim().min(1).max(60)).max(100).default([]),
  categoryCodes: z.array(z.string().trim().min(1).max(60)).max(30).default([]),
  products: z.array(z.string().trim().min(1).max(100)).max(100).default([]),
  class: z.enum(classes, { error: '企业分类应为 AA、A、B、C' }).nullable().optional(),
  failedSpotCheckLastYear: z.boolean().default(false),
  manyComplaints: z.boolean().default(false),
  contacts: z.array(ContactInput).max(20).default([]),
};

export const CreateEnterpriseSchema = z
  .object({
    creditCode: CreditCode,
    unitId: Id.optional().openapi({ description: '仅市局管理员可指定；实施单位人员默认本单位' }),
    ...enterpriseFields,
  })
  .strict()
  .refine((v) => v.isProducer || v.isSeller, {
    message: '企业应至少是生产企业或销售企业之一',
    path: ['isProducer'],
  })
  .openapi('CreateEnterprise');

export const UpdateEnterpriseSchema = z
  .object({
    version: VersionInput,
    name: enterpriseFields.name.optional(),
    isProducer: enterpriseFields.isProducer.optional(),
    isSeller: enterpriseFields.isSeller.optional(),
    address: enterpriseFields.address.optional(),
    productionLicenceNo: enterpriseFields.productionLicenceNo,
    productionLicenceScope: enterpriseFields.productionLicenceScope,
    cccCertificates: z.array(z.string().trim().min(1).max(60)).max(100).optional(),
    categoryCodes: z.array(z.string().trim().min(1).max(60)).max(30).optional(),
    products: z.array(z.string().trim().min(1).max(100)).max(100).optional(),
    class: enterpriseFields.class,
    failedSpotCheckLastYear: z.boolean().optional(),
    manyComplaints: z.boolean().optional(),
    contacts: z.array(ContactInput).max(20).optional(),
  })
  .strict()
  .refine((v) => v.isProducer !== false || v.isSeller !== false, {
    message: '企业应至少是生产企业或销售企业之一',
    path: ['isProducer'],
  })
  .openapi('UpdateEnterprise');

export const EnterpriseSchema = z
  .object({
    id: z.string(),
    creditCode: z.string(),
    name: z.string(),
    unitId: z.string(),
    unitName: z.string(),
    isProducer: z.boolean(),
    isSeller: z.boolean(),
    address: z.string(),
    productionLicenceNo: z.string().nullable(),
    productionLicenceScope: z.string().nullable(),
    cccCertificates: z.array(z.string()),
    categoryCodes: z.array(z.string()),
    products: z.array(z.string()),
    class: z.enum(classes).nullable(),
    failedSpotCheckLastYear: z.boolean(),
    manyComplaints: z.boolean(),
    contacts: z.array(
      z.object({
        name: z.string(),
        phone: z.string().nullable(),
        email: z.string().nullable(),
        isPrimary: z.boolean(),
      }),
    ),
    version: z.number().int(),
    createdAt: Instant,
    updatedAt: Instant,
  })
  .openapi('Enterprise');

export const EnterpriseListSchema = listOf(EnterpriseSchema, 'EnterpriseList');

export const EnterpriseListQuery = PaginationQuery.extend({
  unit: Id.optional().openapi({ description: '实施单位 id' }),
  category: z.string().optional().openapi({ description: '产品类别代码' }),
  class: z.enum(classes).optional(),
  keyObject: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional()
    .openapi({ description: 'true：仅重点对象（上年抽查不合格或投诉集中）' }),
  q: z.string().trim().min(1).max(100).optional().openapi({ description: '名称或信用代码包含' }),
  type: z
    .enum(['producer', 'seller'])
    .optional()
    .openapi({ description: 'producer：生产企业；seller：销售企业（生产和销售企业两者都算）' }),
  sort: sortQuery(['name', 'creditCode', 'createdAt', 'updatedAt'], 'name'),
});
