import type { z } from '@hono/zod-openapi';
import { formatDeadline } from '../../../domain/calendar/shanghai-time.js';
import { DomainError } from '../../../domain/errors.js';
import { DUTY_STATE_NAMES, DUTY_STATUS_NAMES } from '../../../domain/labels.js';
import { dutyState, isSubmitted } from '../../../domain/timeline/duty-state.js';
import type { Prisma } from '../../../prisma/generated/client.js';
import { writeAudit } from '../../lib/audit.js';
import type { AppDeps, AuthUser } from '../../lib/context.js';
import { fieldError, notFoundError, staleVersionError } from '../../lib/errors.js';
import { toShanghaiIso } from '../../lib/format.js';
import { orderBy, page, skipTake } from '../../lib/list-query.js';
import { assertCanWriteUnit, unitReadScope } from '../../lib/scope.js';
import type { DutyListQuery, SubmitDutySchema } from '../../contracts/duties.js';
import { presentReminder, remindersOf } from '../timeline/reminders.js';
import type { Upload } from '../../../lib/file-store.js';
import {
  attachmentsOf,
  findAttachment,
  recordAttachments,
  storeUploads,
} from '../../files/attachments.js';
import { dutyStatisticsSnapshot, getCaseLedger } from './statistics.js';
import { notifyWorkflow } from '../timeline/notify-workflows.js';

/** Attachments of a submitted version are recorded against it under this record type. */
const SUBMISSION_RECORD = 'duty_submission';

const summaryInclude = { unit: true, deadline: true } satisfies Prisma.UnitDutyInclude;
const detailInclude = {
  ...summaryInclude,
  submissions: { orderBy: { version: 'asc' } },
} satisfies Prisma.UnitDutyInclude;
type DutySummaryRow = Prisma.UnitDutyGetPayload<{ include: typeof summaryInclude }>;

export async function listDuties(
  deps: AppDeps,
  user: AuthUser,
  query: z.output<typeof DutyListQuery>,
) {
  const now = deps.now();
  const filters: Prisma.UnitDutyWhereInput[] = [unitReadScope(user)];
  if (query.campaign) filters.push({ campaignId: query.campaign });
  if (query.unit) filters.push({ unitId: query.unit });
  if (query.kind) filters.push({ deadline: { kind: query.kind } });
  if (query.status) filters.push({ status: query.status });
  if (query.overdue !== undefined) {
    const overdue = { status: 'pending' as const, dueAt: { lt: now } };
    filters.push(query.overdue ? overdue : { NOT: overdue });
  }
  const where = { AND: filters };
  const [rows, total] = await Promise.all([
    deps.db.prisma.unitDuty.findMany({
      where,
      include: summaryInclude,
      orderBy: [orderBy(query.sort), { unit: { order: 'asc' } }],
      ...skipTake(query),
    }),
    deps.db.prisma.unitDuty.count({ where }),
  ]);
  return page(
    rows.map((row) => presentDutySummary(row, now)),
    total,
    query,
  );
}

async function findVisibleDuty(deps: AppDeps, user: AuthUser, id: string) {
  const duty = await deps.db.prisma.unitDuty.findFirst({
    where: { AND: [{ id }, unitReadScope(user)] },
    include: detailInclude,
  });
  if (!duty) throw notFoundError('报送任务');
  return duty;
}

export async function getDuty(deps: AppDeps, user: AuthUser, input: { id: string }) {
  const { id } = input;
  const duty = await findVisibleDuty(deps, user, id);
  const reminders = await remindersOf(deps.db.prisma, 'duty', id);
  const files = await Promise.all(
    duty.submissions.map((s) =>
      attachmentsOf(deps.db.prisma, { type: SUBMISSION_RECORD, id: s.id }),
    ),
  );
  return {
    ...presentDutySummary(duty, deps.now()),
    submissions: duty.submissions.map((s, index) => ({
      id: s.id,
      version: s.version,
      text: s.text,
      attachments: s.attachments as { name: string; url: string }[],
      statistics: s.statistics,
      typicalCases: s.typicalCases as { id: string; title: string }[],
      noTypicalCases: s.noTypicalCases,
      files: files[index]!.map((a) => ({
        id: a.id,
        name: a.originalName,
        size: a.file.size,
        mediaType: a.file.mediaType,
        url: `/api/duties/${encodeURIComponent(id)}/files/${encodeURIComponent(a.id)}`,
      })),
      reason: s.reason,
      submittedById: s.submittedById,
      submittedAt: toShanghaiIso(s.submittedAt),
    })),
    reminders: reminders.map(presentReminder),
  };
}

/** The month's typical cases of the duty's unit, as the case ledger lists them. */
async function monthTypicalCases(
  deps: AppDeps,
  user: AuthUser,
  duty: { campaignId: string; unitId: string; deadline: { period: string } },
) {
  const ledger = await getCaseLedger(deps, user, {
    campaignId: duty.campaignId,
    unit: duty.unitId,
    period: duty.deadline.period,
  });
  return ledger.items;
}

/**
 * What a submission of the duty would carry if made now: the table it freezes (monthly table,
 * or the year's for the annual summary) and, for the monthly table, the month's typical cases.
 */
export async function previewDutySubmission(deps: AppDeps, user: AuthUser, input: { id: string }) {
  const duty = await findVisibleDuty(deps, user, input.id);
  const statistics = await dutyStatisticsSnapshot(deps.db.prisma, duty, deps.now());
  const typicalCases =
    duty.deadline.kind === 'monthly_statistics' ? await monthTypicalCases(deps, user, duty) : [];
  return { statistics: statistics ?? null, typicalCases };
}

/**
 * The typical cases reported with a monthly table: those named (each must be one of the month's),
 * or all of the month's; when the month has none the unit must declare 本月无典型案例.
 */
async function reportedTypicalCases(
  deps: AppDeps,
  user: AuthUser,
  duty: { campaignId: string; unitId: string; deadline: { period: string } },
  input: { typicalCaseIds?: string[]; noTypicalCases?: boolean },
) {
  const listed = await monthTypicalCases(deps, user, duty);
  const named = input.typicalCaseIds ?? (input.noTypicalCases ? [] : listed.map((c) => c.id));
  if (input.noTypicalCases && named.length > 0) {
    throw fieldError('noTypicalCases', '已选择典型案例时不能勾选「本月无典型案例」');
  }
  if (named.length === 0 && !input.noTypicalCases) {
    throw fieldError(
      'noTypicalCases',
      listed.length === 0
        ? '本月没有典型案例：请勾选「本月无典型案例」后再报送'
        : '请选择随表报送的典型案例，或勾选「本月无典型案例」',
    );
  }
  return named.map((id) => {
    const entry = listed.find((c) => c.id === id);
    if (!entry) throw fieldError('typicalCaseIds', '所选案件不是本单位本月的典型案例');
    return { id: entry.id, title: entry.title };
  });
}

/**
 * 报送: the first submission fulfils the duty (on time when before its due instant) and stops its
 * reminders; a later one is a new version and must say why. `statistics` freezes the table.
 */
export async function submitDuty(
  deps: AppDeps,
  user: AuthUser,
  input: { id: string } & z.output<typeof SubmitDutySchema> & {
      statistics?: Prisma.InputJsonValue;
      /** Files (multipart): stored and attached to the new version. */
      uploads?: Upload[];
    },
) {
  const { id } = input;
  const duty = await findVisibleDuty(deps, user, id);
  assertCanWriteUnit(user, duty.unitId);
  const campaign = await deps.db.prisma.campaign.findUniqueOrThrow({
    where: { id: duty.campaignId },
  });
  if (campaign.cancelledAt) throw new DomainError('CONFLICT', '专项行动已撤销，无需报送');
  const resubmission = duty.submissions.length > 0;
  if (resubmission && !input.reason) throw fieldError('reason', '重新报送须说明更正原因');
  const uploads = input.uploads ?? [];
  const monthly = duty.deadline.kind === 'monthly_statistics';
  if (!monthly && !input.text && input.attachments.length === 0 && uploads.length === 0) {
    throw fieldError('text', '请填写总结正文或上传附件');
  }
  const typicalCases = monthly ? await reportedTypicalCases(deps, user, duty, input) : [];
  // Files are checked and stored before anything is recorded: a refused file records nothing.
  const stored = await storeUploads(deps, uploads);
  const now = deps.now();
  await deps.db.prisma.$transaction(async (tx) => {
    // The monthly table (or the year's, for the annual summary) as it stands now, frozen with
    // the submission: later edits to records change the live table, never a submitted one.
    const statistics =
      input.statistics ??
      ((await dutyStatisticsSnapshot(tx, duty, now)) as Prisma.InputJsonValue | undefined);
    const { count } = await tx.unitDuty.updateMany({
      where: { id, version: duty.version },
      data: {
        status: 'submitted',
        submittedAt: duty.submittedAt ?? now,
        version: { increment: 1 },
      },
    });
    if (count === 0) throw staleVersionError();
    const submission = await tx.dutySubmission.create({
      data: {
        dutyId: id,
        version: duty.submissions.length + 1,
        text: input.text ?? null,
        attachments: input.attachments,
        statistics,
        typicalCases,
        noTypicalCases: monthly && typicalCases.length === 0,
        reason: input.reason ?? null,
        submittedById: user.id,
        submittedAt: now,
      },
    });
    const files = await recordAttachments(
      tx,
      user,
      { type: SUBMISSION_RECORD, id: submission.id },
      stored,
    );
    await writeAudit(tx, user, {
      action: resubmission ? 'resubmit' : 'submit',
      entity: 'unit_duty',
      entityId: id,
      unitId: duty.unitId,
      reason: input.reason,
      before: { status: duty.status, submittedAt: duty.submittedAt },
      after: {
        status: 'submitted',
        submission,
        files: files.map((f) => ({ id: f.id, name: f.originalName, sha256: f.file.sha256 })),
      },
    });
  });
  if (!resubmission) {
    await notifyWorkflow(deps, `duty ${id} submitted`, () =>
      deps.temporal.dutySubmitted(duty.campaignId, duty.unitId, id),
    );
  }
  return getDuty(deps, user, { id });
}

/**
 * A file of one of the duty's submitted versions, for download; not found when the duty is not
 * visible to the user or the attachment belongs to something else.
 */
export async function dutyAttachment(
  deps: AppDeps,
  user: AuthUser,
  input: { id: string; attachmentId: string },
) {
  const duty = await findVisibleDuty(deps, user, input.id);
  const attachment = await findAttachment(deps.db.prisma, input.attachmentId);
  const ours =
    attachment.recordType === SUBMISSION_RECORD &&
    duty.submissions.some((s) => s.id === attachment.recordId);
  if (!ours) throw notFoundError('附件');
  return attachment;
}

export function presentDutySummary(row: DutySummaryRow, now: Date) {
  // The API does not tell "due" from "not yet due": without reminder settings both are 待报送.
  const state = dutyState(row, null, now);
  return {
    id: row.id,
    campaignId: row.campaignId,
    unitId: row.unitId,
    unitName: row.unit.name,
    kind: row.deadline.kind,
    period: row.deadline.period,
    name: row.deadline.name,
    dueDate: formatDeadline(row.dueAt).slice(0, 10),
    dueAt: toShanghaiIso(row.dueAt),
    status: row.status,
    statusName: isSubmitted(state) ? DUTY_STATUS_NAMES.submitted : DUTY_STATE_NAMES[state],
    overdue: state === 'overdue',
    overdueSince: row.overdueSince ? toShanghaiIso(row.overdueSince) : null,
    submittedAt: row.submittedAt ? toShanghaiIso(row.submittedAt) : null,
    onTime: isSubmitted(state) ? state === 'on_time' : null,
    version: row.version,
  };
}
