import {
  materialiseCalendar,
  type DeadlineKind,
  type TimeScale,
} from '../../domain/calendar/materialise.js';
import {
  CAMPAIGN_STATE_NAMES,
  stateOrder,
  type CampaignPhase,
  type CampaignState,
} from '../../domain/calendar/phases.js';
import { CAMPAIGN_TEMPLATES } from '../../domain/calendar/templates.js';
import { DomainError } from '../../domain/errors.js';
import type { Prisma } from '../../prisma/generated/client.js';
import type { AppDeps, AuthUser } from '../lib/context.js';
import { fieldError, notFoundError } from '../lib/errors.js';
import { toShanghaiIso } from '../lib/format.js';
import { campaignWorkflowId } from '../temporal/gateway.js';
import { writeAudit } from '../lib/audit.js';
import { notifyWorkflow } from './timeline/notify-workflows.js';
import { agendaSettings } from './timeline/agenda-settings.js';

export interface CreateCampaignInput {
  template: string;
  year: number;
  demo?: { secondsPerDay: number };
  reminders?: {
    offsetsDays?: number[];
    overdueRepeatDays?: number;
    escalationGraceDays?: number;
    followUpDueDays?: number;
  };
}

const campaignDetail = {
  phases: { orderBy: { order: 'asc' } },
  deadlines: { orderBy: { dueAt: 'asc' } },
} satisfies Prisma.CampaignInclude;

type CampaignRow = Prisma.CampaignGetPayload<{ include: typeof campaignDetail }>;

export async function createCampaign(deps: AppDeps, user: AuthUser, input: CreateCampaignInput) {
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
        createdById: user.id,
        ...(input.reminders?.offsetsDays
          ? { reminderOffsetsDays: input.reminders.offsetsDays }
          : {}),
        ...(input.reminders?.overdueRepeatDays
          ? { overdueRepeatDays: input.reminders.overdueRepeatDays }
          : {}),
        ...(input.reminders?.escalationGraceDays !== undefined
          ? { escalationGraceDays: input.reminders.escalationGraceDays }
          : {}),
        ...(input.reminders?.followUpDueDays
          ? { followUpDueDays: input.reminders.followUpDueDays }
          : {}),
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
    // Every implementing unit owes every deadline (the city division receives, it does not report).
    const deadlines = await tx.campaignDeadline.findMany({ where: { campaignId: created.id } });
    const units = await tx.unit.findMany({ where: { kind: { not: 'city_division' } } });
    await tx.unitDuty.createMany({
      data: units.flatMap((unit) =>
        deadlines.map((d) => ({
          campaignId: created.id,
          unitId: unit.id,
          deadlineId: d.id,
          dueAt: d.dueAt,
        })),
      ),
    });
    return tx.campaign.update({
      where: { id: created.id },
      data: { workflowId: campaignWorkflowId(created.id) },
      include: campaignDetail,
    });
  });
  const duties = await prisma.unitDuty.findMany({
    where: { campaignId: campaign.id },
    orderBy: { dueAt: 'asc' },
  });
  const units = [...new Set(duties.map((d) => d.unitId))].map((unitId) => ({
    unitId,
    duties: duties
      .filter((d) => d.unitId === unitId)
      .map((d) => ({ dutyId: d.id, dueAt: d.dueAt.getTime() })),
  }));

  try {
    await deps.temporal.startCampaign({
      campaignId: campaign.id,
      phases: campaign.phases.map((p) => ({
        key: p.key as CampaignPhase,
        startsAt: p.startsAt.toISOString(),
      })),
      endsAt: campaign.endsAt.toISOString(),
      units,
      dutySettings: agendaSettings(campaign),
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

export async function getCampaign(deps: AppDeps, _user: AuthUser, input: { id: string }) {
  const { id } = input;
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

export async function listCampaigns(deps: AppDeps, _user: AuthUser) {
  const rows = await deps.db.prisma.campaign.findMany({ orderBy: { createdAt: 'desc' } });
  return rows.map((row) => presentSummary(row, row.phase, 'database'));
}

/** Idempotent and monotonic: a retried or late activity never moves a campaign backwards. */
export async function recordPhaseChange(
  deps: AppDeps,
  _user: AuthUser,
  input: { id: string; state: CampaignState; at: Date },
) {
  const { prisma } = deps.db;
  const { id, state, at } = input;
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
    cancelledAt: campaign.cancelledAt ? toShanghaiIso(campaign.cancelledAt) : null,
    cancelReason: campaign.cancelReason,
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

/**
 * Moves a deadline for one unit or all, for duties not yet submitted: written and audited with the
 * reason in one transaction, then the unit workflows are told. If Temporal cannot be reached the
 * extension stands; the workflow learns it from reconciliation or, at the latest, when its old
 * timer fires and the API answers that the deadline has moved.
 */
export async function extendCampaignDeadline(
  deps: AppDeps,
  user: AuthUser,
  input: {
    id: string;
    kind: DeadlineKind;
    period: string;
    unitId?: string;
    dueAt: Date;
    reason: string;
  },
) {
  const { prisma } = deps.db;
  const { id: campaignId } = input;
  const campaign = await prisma.campaign.findUnique({ where: { id: campaignId } });
  if (!campaign) throw notFoundError('专项行动');
  if (campaign.cancelledAt) throw new DomainError('CONFLICT', '专项行动已撤销');
  const deadline = await prisma.campaignDeadline.findUnique({
    where: { campaignId_kind_period: { campaignId, kind: input.kind, period: input.period } },
  });
  if (!deadline) throw notFoundError(`报送期限（${input.kind} ${input.period}）`);
  if (input.unitId && !(await prisma.unit.findUnique({ where: { id: input.unitId } }))) {
    throw fieldError('unitId', '实施单位不存在');
  }
  if (input.dueAt.getTime() <= deps.now().getTime()) {
    throw fieldError('dueAt', '新的截止时间应晚于当前时间');
  }
  const duties = await prisma.$transaction(async (tx) => {
    const pending = await tx.unitDuty.findMany({
      where: {
        deadlineId: deadline.id,
        status: 'pending',
        ...(input.unitId ? { unitId: input.unitId } : {}),
      },
    });
    if (pending.length === 0) {
      throw new DomainError('CONFLICT', '没有可延期的报送任务（均已报送或单位不存在）');
    }
    const earlier = pending.find((d) => d.dueAt.getTime() >= input.dueAt.getTime());
    if (earlier) {
      throw fieldError(
        'dueAt',
        `新的截止时间应晚于当前截止时间（${toShanghaiIso(earlier.dueAt)}）`,
      );
    }
    await tx.unitDuty.updateMany({
      where: { id: { in: pending.map((d) => d.id) } },
      data: { dueAt: input.dueAt, overdueSince: null, version: { increment: 1 } },
    });
    for (const duty of pending) {
      await writeAudit(tx, user, {
        action: 'extend',
        entity: 'unit_duty',
        entityId: duty.id,
        unitId: duty.unitId,
        reason: input.reason,
        before: { dueAt: duty.dueAt },
        after: { dueAt: input.dueAt },
      });
    }
    return pending;
  });
  for (const duty of duties) {
    await notifyWorkflow(deps, `duty deadline changed ${duty.id}`, () =>
      deps.temporal.dutyDeadlineChanged(campaignId, duty.unitId, duty.id, input.dueAt.getTime()),
    );
  }
  return {
    duties: duties.map((d) => ({
      dutyId: d.id,
      unitId: d.unitId,
      dueAt: toShanghaiIso(input.dueAt),
    })),
  };
}

/**
 * 撤销: recorded and audited in one transaction, then the campaign's workflow is told and stops
 * its timeline and its units'. A lost signal is repeated by reconciliation.
 */
export async function cancelCampaign(
  deps: AppDeps,
  user: AuthUser,
  input: { id: string; reason: string },
) {
  const { id: campaignId, reason } = input;
  await deps.db.prisma.$transaction(async (tx) => {
    const campaign = await tx.campaign.findUnique({ where: { id: campaignId } });
    if (!campaign) throw notFoundError('专项行动');
    if (campaign.cancelledAt) throw new DomainError('CONFLICT', '专项行动已撤销');
    const after = await tx.campaign.update({
      where: { id: campaignId },
      data: { cancelledAt: deps.now(), cancelReason: reason },
    });
    await writeAudit(tx, user, {
      action: 'cancel',
      entity: 'campaign',
      entityId: campaignId,
      reason,
      before: campaign,
      after,
    });
  });
  await notifyWorkflow(deps, `campaign cancelled ${campaignId}`, () =>
    deps.temporal.campaignCancelled(campaignId, reason),
  );
  return getCampaign(deps, user, { id: campaignId });
}
