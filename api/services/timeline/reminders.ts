import { createHash } from 'node:crypto';
import type { z } from '@hono/zod-openapi';
import { deadlineIcs } from '../../../domain/reminders/ics.js';
import {
  renderReminder,
  type ReminderFacts,
  type ReminderKind,
} from '../../../domain/reminders/templates.js';
import { FOLLOW_UP_KIND_NAMES, HAZARD_STATUSES } from '../../../domain/labels.js';
import { DomainError } from '../../../domain/errors.js';
import type { Prisma, PrismaClient } from '../../../prisma/generated/client.js';
import type { AppDeps, AuthUser } from '../../lib/context.js';
import { reminderActionPath } from '../../../domain/reminders/links.js';
import { reminderLink } from '../people/sign-in-links.js';
import { notFoundError } from '../../lib/errors.js';
import { toShanghaiIso } from '../../lib/format.js';
import { orderBy, page, skipTake } from '../../lib/list-query.js';
import { isCityRole } from '../../lib/scope.js';
import type { ReminderListQuery } from '../../contracts/reminders.js';
import type { Reservation, ReminderRequest, SubjectType } from '../../contracts/worker-api.js';

/** Message-IDs derive from the reminder key, so a resend is recognisably the same message. */
export const messageIdFor = (key: string) =>
  `<${createHash('sha256').update(key).digest('hex').slice(0, 32)}@hazard-campaign.local>`;

interface Draft {
  facts: ReminderFacts;
  /** The subject's deadline in the records. */
  deadline: Date;
  to: string[];
  cc: string[];
  unitId: string;
  link: string;
  /** Recipients in `to` who are enterprise users: each gets a message with their own sign-in link. */
  personal: { userId: string; email: string }[];
}

const emails = (users: { email: string | null; disabledAt: Date | null }[]) =>
  users.filter((u) => u.email && !u.disabledAt).map((u) => u.email!);

/** Addresses once each, whatever their letter case (the first spelling kept). */
const unique = (list: string[]) => {
  const seen = new Set<string>();
  return list.filter((address) => {
    const key = address.toLowerCase();
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
};

async function officersOf(prisma: PrismaClient, unitId: string) {
  return emails(await prisma.user.findMany({ where: { unitId, role: 'unit_officer' } }));
}

async function citySupervisors(prisma: PrismaClient) {
  return emails(await prisma.user.findMany({ where: { role: 'city_supervisor' } }));
}

/**
 * Reserves a reminder under its key and returns what to send — or why nothing is to be sent:
 * already sent, nobody to send to, or the subject no longer needs it (then with its status, so
 * the workflow can catch up with a change whose signal it missed).
 */
export async function reserveReminder(
  deps: AppDeps,
  _user: AuthUser,
  request: ReminderRequest,
): Promise<Reservation> {
  const { prisma } = deps.db;
  const existing = await prisma.reminder.findUnique({ where: { key: request.key } });
  if (existing?.status === 'sent') return { outcome: 'already_sent' };
  if (existing?.status === 'skipped') return { outcome: 'skipped' };

  const draft = await draftFor(deps, request);
  if ('obsolete' in draft) return { outcome: 'obsolete', subjectStatus: draft.obsolete };
  // Planned for a deadline the record no longer has (its signal was lost): the workflow moves.
  if (request.dueAt !== undefined && Date.parse(request.dueAt) !== draft.deadline.getTime()) {
    if (existing) {
      await prisma.reminder.updateMany({
        where: { key: request.key, status: 'reserved' },
        data: { status: 'skipped' },
      });
    }
    return { outcome: 'moved', deadline: draft.deadline.toISOString() };
  }
  const text = renderReminder(draft.facts, draft.link);
  const to = unique(draft.to);
  const lowerTo = new Set(to.map((a) => a.toLowerCase()));
  const cc = unique(draft.cc).filter((address) => !lowerTo.has(address.toLowerCase()));
  const messageId = messageIdFor(request.key);
  const row = {
    key: request.key,
    messageId,
    kind: request.kind,
    subjectType: request.subjectType,
    subjectId: request.subjectId,
    unitId: draft.unitId,
    recipients: to,
    cc,
    subject: text.subject,
    status: to.length === 0 ? ('skipped' as const) : ('reserved' as const),
  };
  if (!existing) {
    await prisma.reminder.upsert({ where: { key: request.key }, create: row, update: {} });
  }
  if (to.length === 0) return { outcome: 'skipped' };
  const personal = await personalMessages(deps, request, draft);
  const own = new Set(personal.map((p) => p.to.toLowerCase()));
  return {
    outcome: 'send',
    messageId,
    to: to.filter((address) => !own.has(address.toLowerCase())),
    cc,
    personal,
    subject: text.subject,
    text: text.text,
    ics: {
      filename: 'deadline.ics',
      content: deadlineIcs({
        uid: `${request.subjectType}-${request.subjectId}-${text.event.dueAt.getTime()}@hazard-campaign.local`,
        summary: text.event.summary,
        description: text.subject,
        dueAt: text.event.dueAt,
        url: draft.link,
        stamp: deps.now(),
      }),
    },
  };
}

/**
 * The reminder's text for each enterprise user it goes to, with their own sign-in link to the
 * record (minted now, or found again at a resend: same link, same expiry).
 */
async function personalMessages(deps: AppDeps, request: ReminderRequest, draft: Draft) {
  const target = reminderActionPath(request.kind, request.subjectId);
  const messages: { to: string; messageId: string; text: string }[] = [];
  for (const { userId, email } of draft.personal) {
    const link = await reminderLink(deps, null, { reminderKey: request.key, userId, target });
    messages.push({
      to: email,
      messageId: messageIdFor(`${request.key}#${userId}`),
      text: renderReminder(draft.facts, link.url, { validUntil: link.expiresAt }).text,
    });
  }
  return messages;
}

export async function markReminderSent(
  deps: AppDeps,
  _user: AuthUser,
  input: { key: string },
): Promise<void> {
  const { count } = await deps.db.prisma.reminder.updateMany({
    where: { key: input.key, status: { in: ['reserved', 'sent'] } },
    data: { status: 'sent', sentAt: deps.now() },
  });
  if (count === 0) throw notFoundError('提醒记录');
}

async function draftFor(
  deps: AppDeps,
  request: ReminderRequest,
): Promise<Draft | { obsolete: string }> {
  const { prisma } = deps.db;
  const link = (subjectId: string) =>
    new URL(reminderActionPath(request.kind, subjectId), deps.publicUrl).toString();
  const kind: ReminderKind = request.kind;

  if (request.subjectType === 'duty') {
    const duty = await prisma.unitDuty.findUnique({
      where: { id: request.subjectId },
      include: { unit: true, deadline: true, campaign: true },
    });
    if (!duty) throw notFoundError('报送任务');
    if (duty.status === 'submitted') return { obsolete: 'submitted' };
    if (kind !== 'duty_reminder' && kind !== 'duty_overdue') throw wrongKind(kind, 'duty');
    const supervisors = await citySupervisors(prisma);
    const copyCity = kind === 'duty_overdue' || duty.unit.listedSupervision;
    return {
      facts: {
        kind,
        duty: {
          unitName: duty.unit.name,
          dutyName: duty.deadline.name,
          campaignName: duty.campaign.name,
          dueAt: duty.dueAt,
        },
        daysLeft: request.daysLeft,
        repeat: request.repeat,
      },
      deadline: duty.dueAt,
      to: await officersOf(prisma, duty.unitId),
      cc: copyCity ? supervisors : [],
      unitId: duty.unitId,
      link: link(duty.id),
      personal: [],
    };
  }

  if (request.subjectType === 'hazard') {
    const hazard = await prisma.hazard.findUnique({
      where: { id: request.subjectId },
      include: { unit: true, enterprise: { include: { contacts: true, users: true } } },
    });
    if (!hazard) throw notFoundError('隐患');
    if (!kind.startsWith('hazard_')) throw wrongKind(kind, 'hazard');
    const obsolete = obsoleteFor(kind as HazardKind, hazard.status);
    if (obsolete) return { obsolete: hazard.status };
    const latestReview = await prisma.hazardSubmission.findFirst({
      where: { hazardId: hazard.id, status: 'rejected' },
      orderBy: { reviewedAt: 'desc' },
    });
    // The enterprise's users (active, with an address) get the reminder with their own sign-in
    // link; its contacts without an account get it with the page's address.
    const users = hazard.enterprise.users.filter(
      (u) => u.role === 'enterprise_user' && u.email && !u.disabledAt,
    );
    const enterprise = unique([
      ...users.map((u) => u.email!),
      ...hazard.enterprise.contacts.flatMap((c) => (c.email ? [c.email] : [])),
    ]);
    const officers = await officersOf(prisma, hazard.unitId);
    const recipients: Record<HazardKind, { to: string[]; cc: string[] }> = {
      hazard_opened: { to: enterprise, cc: [] },
      hazard_reminder: { to: enterprise, cc: [] },
      hazard_rejected: { to: enterprise, cc: [] },
      hazard_closed: { to: enterprise, cc: [] },
      hazard_submitted: { to: officers, cc: [] },
      hazard_overdue: { to: [...enterprise, ...officers], cc: [] },
      hazard_escalated: { to: [], cc: officers },
    };
    // Only the escalation goes to the city: read its supervisors for that kind alone.
    if (kind === 'hazard_escalated') recipients.hazard_escalated.to = await citySupervisors(prisma);
    const chosen = recipients[kind as HazardKind];
    const inTo = new Set(chosen.to.map((a) => a.toLowerCase()));
    return {
      facts: {
        kind: kind as HazardKind,
        hazard: {
          enterpriseName: hazard.enterprise.name,
          unitName: hazard.unit.name,
          description: hazard.description,
          measure: hazard.measure,
          deadline: hazard.deadline,
          statusName: HAZARD_STATUSES[hazard.status],
          note: latestReview?.reviewNote,
        },
        daysLeft: request.daysLeft,
        repeat: request.repeat,
      },
      deadline: hazard.deadline,
      ...chosen,
      unitId: hazard.unitId,
      link: link(hazard.id),
      personal: users
        .filter((u) => inTo.has(u.email!.toLowerCase()))
        .map((u) => ({ userId: u.id, email: u.email! })),
    };
  }

  const task = await prisma.followUpTask.findUnique({
    where: { id: request.subjectId },
    include: { unit: true, enterprise: true },
  });
  if (!task) throw notFoundError('跟进任务');
  if (task.status !== 'open') return { obsolete: task.status };
  if (!kind.startsWith('followup_')) throw wrongKind(kind, 'task');
  return {
    facts: {
      kind: kind as Extract<ReminderKind, `followup_${string}`>,
      task: {
        kindName: FOLLOW_UP_KIND_NAMES[task.kind],
        enterpriseName: task.enterprise.name,
        unitName: task.unit.name,
        reason: task.reason,
        dueAt: task.dueAt,
      },
      daysLeft: request.daysLeft,
      repeat: request.repeat,
    },
    deadline: task.dueAt,
    to: await officersOf(prisma, task.unitId),
    cc: kind === 'followup_overdue' ? await citySupervisors(prisma) : [],
    unitId: task.unitId,
    link: link(task.id),
    personal: [],
  };
}

type HazardKind = Extract<ReminderKind, `hazard_${string}`>;

/** Whether a hazard in this status still needs this kind of message. */
function obsoleteFor(kind: HazardKind, status: string): boolean {
  switch (kind) {
    case 'hazard_closed':
      return status !== 'closed';
    case 'hazard_submitted':
      return status !== 'submitted';
    case 'hazard_opened':
    case 'hazard_rejected':
      return status === 'closed';
    default:
      return status === 'closed' || status === 'submitted';
  }
}

const wrongKind = (kind: string, subject: string) =>
  new DomainError('VALIDATION_FAILED', `提醒类型 ${kind} 不适用于 ${subject}`, [
    { path: 'kind', message: `提醒类型 ${kind} 不适用于 ${subject}` },
  ]);

/** The reminders of one duty, hazard or task, oldest first (as listed on it). */
export function remindersOf(prisma: PrismaClient, subjectType: SubjectType, subjectId: string) {
  return prisma.reminder.findMany({
    where: { subjectType, subjectId },
    orderBy: [{ reservedAt: 'asc' }, { id: 'asc' }],
  });
}

/** Reminders of one subject, or a unit's, as people may read them. */
export async function listReminders(
  deps: AppDeps,
  user: AuthUser,
  query: z.output<typeof ReminderListQuery>,
) {
  const where: Prisma.ReminderWhereInput = {
    ...(query.subjectType ? { subjectType: query.subjectType } : {}),
    ...(query.subjectId ? { subjectId: query.subjectId } : {}),
    ...(query.unit ? { unitId: query.unit } : {}),
  };
  if (!isCityRole(user)) {
    if (user.role !== 'unit_officer' || !user.unitId) {
      throw new DomainError('FORBIDDEN', '无权查看提醒记录');
    }
    where.AND = { unitId: user.unitId };
  }
  const [rows, total] = await Promise.all([
    deps.db.prisma.reminder.findMany({ where, orderBy: orderBy(query.sort), ...skipTake(query) }),
    deps.db.prisma.reminder.count({ where }),
  ]);
  return page(rows.map(presentReminder), total, query);
}

export function presentReminder(row: Prisma.ReminderModel) {
  return {
    key: row.key,
    messageId: row.messageId,
    kind: row.kind,
    subjectType: row.subjectType,
    subjectId: row.subjectId,
    recipients: row.recipients,
    cc: row.cc,
    subject: row.subject,
    status: row.status,
    reservedAt: toShanghaiIso(row.reservedAt),
    sentAt: row.sentAt ? toShanghaiIso(row.sentAt) : null,
  };
}
