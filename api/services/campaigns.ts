import { materialiseCalendar, type TimeScale } from '../../domain/calendar/materialise.js';
import {
  CAMPAIGN_STATE_NAMES,
  stateOrder,
  type CampaignPhase,
  type CampaignState,
} from '../../domain/calendar/phases.js';
import { CAMPAIGN_TEMPLATES } from '../../domain/calendar/templates.js';
import { DomainError } from '../../domain/errors.js';
import type { Prisma } from '../../prisma/generated/client.js';
import type { AppDeps } from '../lib/context.js';
import { notFoundError } from '../lib/errors.js';
import { toShanghaiIso } from '../lib/format.js';
import { campaignWorkflowId } from '../temporal/gateway.js';

export interface CreateCampaignInput {
  template: string;
  year: number;
  demo?: { secondsPerDay: number };
}

const campaignDetail = {
  phases: { orderBy: { order: 'asc' } },
  deadlines: { orderBy: { dueAt: 'asc' } },
} satisfies Prisma.CampaignInclude;

type CampaignRow = Prisma.CampaignGetPayload<{ include: typeof campaignDetail }>;

export async function createCampaign(deps: AppDeps, userId: string, input: CreateCampaignInput) {
  const { prisma } = deps.db;
  const template = CAMPAIGN_TEMPLATES[input.template];
  if (!template) throw new DomainError('UNKNOWN_TEMPLATE', `未知的专项行动模板：${input.template}`);

  if (!input.demo) {
    const existing = await prisma.campaign.findFirst({
      where: { templateCode: template.code, year: input.year, demoSecondsPerDay: null },
    });
    if (existing) {
      throw new DomainError(
        'CAMPAIGN_EXISTS',
        `${input.year}年度该模板的专项行动已存在（${existing.id}）`,
      );
    }
  }

  // Fail fast, before writing anything, when the workflow service is known to be down.
  if (!(await deps.temporal.isHealthy())) {
    throw new DomainError('DEPENDENCY_UNAVAILABLE', '工作流服务不可用，专项行动未创建，请稍后重试');
  }

  const scale: TimeScale = input.demo
    ? { kind: 'compressed', origin: deps.now(), secondsPerDay: input.demo.secondsPerDay }
    : { kind: 'real' };
  const calendar = materialiseCalendar(template, input.year, scale);
  const categories = await prisma.productCategory.findMany({
    where: { templateCode: template.productListCode },
    include: { products: { orderBy: { order: 'asc' } } },
    orderBy: { order: 'asc' },
  });

  const campaign = await prisma.$transaction(async (tx) => {
    const created = await tx.campaign.create({
      data: {
        templateCode: template.code,
        year: input.year,
        name: `${input.year}年${template.name}${input.demo ? '（演示）' : ''}`,
        demoSecondsPerDay: input.demo?.secondsPerDay ?? null,
        startsAt: calendar.startsAt,
        endsAt: calendar.endsAt,
        workflowId: 'pending',
        createdById: userId,
        phases: { create: calendar.phases },
        deadlines: { create: calendar.deadlines },
      },
    });
    // A campaign owns a copy of its template's product list, so it may change it later.
    for (const category of categories) {
      await tx.productCategory.create({
        data: {
          campaignId: created.id,
          code: category.code,
          name: category.name,
          order: category.order,
          origin: category.origin,
          products: { create: category.products.map(({ name, order }) => ({ name, order })) },
        },
      });
    }
    return tx.campaign.update({
      where: { id: created.id },
      data: { workflowId: campaignWorkflowId(created.id) },
      include: campaignDetail,
    });
  });

  try {
    await deps.temporal.startCampaign({
      campaignId: campaign.id,
      phases: campaign.phases.map((p) => ({
        key: p.key as CampaignPhase,
        startsAt: p.startsAt.toISOString(),
      })),
      endsAt: campaign.endsAt.toISOString(),
    });
  } catch (error) {
    // Without its workflow nobody would follow the campaign's deadlines: undo and say so. The
    // start may have reached the server before its deadline passed, so stop any such workflow.
    await deps.temporal
      .abandonCampaign(campaign.id, '创建专项行动失败，已回滚')
      .catch(() => undefined);
    await prisma.campaign.delete({ where: { id: campaign.id } });
    deps.logger.error('starting the campaign workflow failed', {
      campaignId: campaign.id,
      error: error instanceof Error ? error.message : String(error),
    });
    throw new DomainError('DEPENDENCY_UNAVAILABLE', '工作流服务不可用，专项行动未创建，请稍后重试');
  }
  return present(campaign, campaign.phase, 'database');
}

export async function getCampaign(deps: AppDeps, id: string) {
  const campaign = await deps.db.prisma.campaign.findUnique({
    where: { id },
    include: campaignDetail,
  });
  if (!campaign) throw notFoundError('专项行动');
  try {
    const status = await deps.temporal.campaignStatus(id);
    return present(campaign, status.state, 'workflow');
  } catch (error) {
    deps.logger.warn('campaign workflow not reachable; answering with the recorded phase', {
      campaignId: id,
      error: error instanceof Error ? error.message : String(error),
    });
    return present(campaign, campaign.phase, 'database');
  }
}

export async function listCampaigns(deps: AppDeps) {
  const rows = await deps.db.prisma.campaign.findMany({ orderBy: { createdAt: 'desc' } });
  return rows.map((row) => presentSummary(row, row.phase, 'database'));
}

/** Idempotent and monotonic: a retried or late activity never moves a campaign backwards. */
export async function recordPhaseChange(deps: AppDeps, id: string, state: CampaignState, at: Date) {
  const { prisma } = deps.db;
  return prisma.$transaction(async (tx) => {
    const campaign = await tx.campaign.findUnique({ where: { id } });
    if (!campaign) throw notFoundError('专项行动');
    if (stateOrder(state) > stateOrder(campaign.phase)) {
      await tx.campaign.update({ where: { id }, data: { phase: state, phaseChangedAt: at } });
    }
    await tx.campaignPhase.updateMany({
      where: { campaignId: id, key: state, enteredAt: null },
      data: { enteredAt: at },
    });
    const current = stateOrder(state) > stateOrder(campaign.phase) ? state : campaign.phase;
    return { state: current };
  });
}

type PhaseSource = 'workflow' | 'database';

function presentSummary(campaign: Prisma.CampaignModel, state: CampaignState, source: PhaseSource) {
  return {
    id: campaign.id,
    name: campaign.name,
    template: campaign.templateCode,
    year: campaign.year,
    demo:
      campaign.demoSecondsPerDay === null ? null : { secondsPerDay: campaign.demoSecondsPerDay },
    workflowId: campaign.workflowId,
    startsAt: toShanghaiIso(campaign.startsAt),
    endsAt: toShanghaiIso(campaign.endsAt),
    phase: { key: state, name: CAMPAIGN_STATE_NAMES[state], source },
    createdAt: toShanghaiIso(campaign.createdAt),
  };
}

function present(campaign: CampaignRow, state: CampaignState, source: PhaseSource) {
  return {
    ...presentSummary(campaign, state, source),
    phases: campaign.phases.map((p) => ({
      key: p.key,
      name: p.name,
      order: p.order,
      startDate: p.startDate,
      endDate: p.endDate,
      startsAt: toShanghaiIso(p.startsAt),
      endsAt: toShanghaiIso(p.endsAt),
      enteredAt: p.enteredAt ? toShanghaiIso(p.enteredAt) : null,
    })),
    deadlines: campaign.deadlines.map((d) => ({
      kind: d.kind,
      period: d.period,
      name: d.name,
      dueDate: d.dueDate,
      dueAt: toShanghaiIso(d.dueAt),
    })),
  };
}
