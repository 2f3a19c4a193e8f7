import { DomainError } from '../../../domain/errors.js';
import type { FieldIssue } from '../../contracts/common.js';
import type { AppDeps, AuthUser } from '../../lib/context.js';
import { fieldError } from '../../lib/errors.js';
import { unitForWrite } from '../../lib/scope.js';

// The one check of what a new campaign record (inspection, hazard, spot check, case, assistance,
// interview, risk report) refers to, and of the unit it is written for.

type Db = AppDeps['db']['prisma'];
type EnterpriseRow = NonNullable<Awaited<ReturnType<Db['enterprise']['findFirst']>>>;

export interface RecordWrite {
  campaignId: string;
  unitId?: string;
  categoryId?: string | null;
  enterpriseId?: string | null;
}

/**
 * The unit a new record belongs to (403 for those who may not record; `mayRecord` adds a
 * resource's own rule), then what it points at: the campaign exists (400 on campaignId alone),
 * the category (when given) is one of that campaign's, and the enterprise (when given) is one the
 * writer may record for — a unit officer only one of their own unit. Category and enterprise
 * problems are reported together, each naming its field. Returns the unit and the enterprise.
 */
export async function resolveRecordWrite<I extends RecordWrite>(
  prisma: Db,
  user: AuthUser,
  input: I,
  mayRecord?: () => void,
): Promise<{
  unitId: string;
  enterprise: I['enterpriseId'] extends string ? EnterpriseRow : EnterpriseRow | null;
}> {
  const unitId = await unitForWrite(prisma, user, input.unitId);
  mayRecord?.();
  const campaign = await prisma.campaign.findUnique({
    where: { id: input.campaignId },
    select: { id: true },
  });
  if (!campaign) throw fieldError('campaignId', '专项行动不存在');
  const issues: FieldIssue[] = [];
  if (input.categoryId) {
    const category = await prisma.productCategory.findFirst({
      where: { id: input.categoryId, campaignId: input.campaignId },
      select: { id: true },
    });
    if (!category) issues.push({ path: 'categoryId', message: '产品类别不属于该专项行动' });
  }
  let enterprise: EnterpriseRow | null = null;
  if (input.enterpriseId) {
    enterprise = await prisma.enterprise.findFirst({
      where: {
        id: input.enterpriseId,
        ...(user.role === 'unit_officer' ? { unitId: user.unitId ?? '' } : {}),
      },
    });
    if (!enterprise) issues.push({ path: 'enterpriseId', message: '企业不存在或不属于本单位' });
  }
  if (issues.length > 0) throw new DomainError('VALIDATION_FAILED', '请求参数校验失败', issues);
  return { unitId, enterprise } as Awaited<ReturnType<typeof resolveRecordWrite<I>>>;
}
