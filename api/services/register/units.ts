import type { z } from '@hono/zod-openapi';
import type { Prisma } from '../../../prisma/generated/client.js';
import { UNIT_KIND_NAMES } from '../../../domain/labels.js';
import { shanghaiDateOf } from '../../../domain/calendar/shanghai-time.js';
import { renderListingNotice } from '../../../domain/reminders/listing-notice.js';
import { writeAudit } from '../../lib/audit.js';
import type { AppDeps, AuthUser } from '../../lib/context.js';
import { DomainError } from '../../../domain/errors.js';
import { fieldError, notFoundError } from '../../lib/errors.js';
import { toShanghaiIso } from '../../lib/format.js';
import { canReadUnit } from '../../lib/scope.js';
import type { ListedSupervisionSchema } from '../../contracts/units.js';
import { messageIdFor } from '../timeline/reminders.js';

/** The city division and the 18 implementing units, in the order the city lists them. */
export async function listUnits(deps: AppDeps, _user: AuthUser) {
  const rows = await deps.db.prisma.unit.findMany({ orderBy: { order: 'asc' } });
  return { items: rows.map(presentUnit) };
}

/**
 * A unit, with its current 挂牌督办 and the earlier ones (for the city roles and the unit's own
 * people; others see the unit as reference data only).
 */
export async function getUnit(deps: AppDeps, user: AuthUser, input: { id: string }) {
  const row = await deps.db.prisma.unit.findUnique({
    where: { id: input.id },
    include: { listings: { orderBy: [{ openedAt: 'desc' }, { id: 'desc' }] } },
  });
  if (!row) throw notFoundError('单位');
  const listings = canReadUnit(user, row.id) ? row.listings.map(presentListing) : [];
  return {
    ...presentUnit(row),
    listing: listings.find((l) => l.liftedAt === null) ?? null,
    listings,
  };
}

export function presentUnit(row: Prisma.UnitModel) {
  return {
    id: row.id,
    code: row.code,
    name: row.name,
    shortName: row.shortName,
    kind: row.kind,
    kindName: UNIT_KIND_NAMES[row.kind],
    /** 实施单位: the districts and the two special units; the city division organises. */
    implementing: row.kind !== 'city_division',
    order: row.order,
    listedSupervision: row.listedSupervision,
    createdAt: toShanghaiIso(row.createdAt),
  };
}

export function presentListing(row: Prisma.ListedSupervisionModel) {
  return {
    id: row.id,
    reason: row.reason,
    items: row.items,
    deadlineDate: row.deadlineDate,
    openedAt: toShanghaiIso(row.openedAt),
    openedById: row.openedById,
    liftedAt: row.liftedAt ? toShanghaiIso(row.liftedAt) : null,
    liftedById: row.liftedById,
    liftReason: row.liftReason,
  };
}

/**
 * 挂牌督办 (`listed: true`, with its reason, items and deadline) or 解除挂牌 (`listed: false`,
 * with a reason). Each listing is its own record, kept after it is lifted; `Unit.listedSupervision`
 * mirrors "has an open listing" (while listed, the unit's reminders are copied to the city
 * supervisors). Listing a listed unit again, or lifting an unlisted one, records the reason and
 * changes nothing else. The unit's officers are told by e-mail after the change is committed.
 */
export async function setListedSupervision(
  deps: AppDeps,
  user: AuthUser,
  input: { id: string } & z.output<typeof ListedSupervisionSchema>,
) {
  if (user.role !== 'city_admin') {
    throw new DomainError('FORBIDDEN', '只有市局管理员可以挂牌督办或解除挂牌');
  }
  const { prisma } = deps.db;
  const { id } = input;
  const before = await prisma.unit.findUnique({ where: { id } });
  if (!before) throw notFoundError('单位');
  if (before.kind === 'city_division') {
    throw new DomainError('VALIDATION_FAILED', '市局业务处室不能被挂牌督办', [
      { path: 'id', message: '只能对实施单位挂牌督办' },
    ]);
  }
  const now = deps.now();
  if (input.listed && input.deadline && input.deadline < shanghaiDateOf(now)) {
    throw fieldError('deadline', '督办期限不能早于今天');
  }
  const result = await prisma.$transaction(async (tx) => {
    const open = await tx.listedSupervision.findFirst({
      where: { unitId: id, liftedAt: null },
      orderBy: { openedAt: 'desc' },
    });
    let changed: Prisma.ListedSupervisionModel | null = null;
    if (input.listed && !open) {
      changed = await tx.listedSupervision.create({
        data: {
          unitId: id,
          reason: input.reason,
          items: input.items ?? [],
          deadlineDate: input.deadline ?? null,
          openedAt: now,
          openedById: user.id,
        },
      });
    } else if (!input.listed && open) {
      changed = await tx.listedSupervision.update({
        where: { id: open.id },
        data: { liftedAt: now, liftedById: user.id, liftReason: input.reason },
      });
    }
    const row = await tx.unit.update({ where: { id }, data: { listedSupervision: input.listed } });
    await writeAudit(tx, user, {
      action: input.listed ? 'list_supervision' : 'end_supervision',
      entity: 'unit',
      entityId: id,
      unitId: id,
      reason: input.reason,
      before: { ...before, listing: open ? presentListing(open) : null },
      after: { ...row, listing: changed ? presentListing(changed) : null },
    });
    const link = `${deps.publicUrl}/dashboard/units/${id}`;
    const notice = changed ? await recordNotice(tx, row, changed, input.listed, link) : null;
    return { row, notice };
  });
  if (result.notice) await sendNotice(deps, result.notice);
  return getUnit(deps, user, { id });
}

interface Notice {
  key: string;
  to: string[];
  subject: string;
  text: string;
}

/** The notice to the unit's officers, reserved in the transaction (the Reminder table). */
async function recordNotice(
  tx: Prisma.TransactionClient,
  unit: Prisma.UnitModel,
  listing: Prisma.ListedSupervisionModel,
  listed: boolean,
  link: string,
): Promise<Notice | null> {
  const officers = await tx.user.findMany({
    where: { unitId: unit.id, role: 'unit_officer', disabledAt: null, email: { not: null } },
  });
  const to = [...new Set(officers.map((o) => o.email!))];
  const kind = listed ? 'listing_opened' : 'listing_lifted';
  const key = `unit:${unit.id}:listing:${listing.id}:${listed ? 'opened' : 'lifted'}`;
  const { subject, text } = renderListingNotice(
    {
      kind,
      unitName: unit.name,
      reason: listed ? listing.reason : (listing.liftReason ?? ''),
      items: listing.items,
      deadlineDate: listing.deadlineDate,
    },
    link,
  );
  await tx.reminder.create({
    data: {
      key,
      messageId: messageIdFor(key),
      kind,
      subjectType: 'unit',
      subjectId: unit.id,
      unitId: unit.id,
      recipients: to,
      cc: [],
      subject,
      status: to.length > 0 ? 'reserved' : 'skipped',
    },
  });
  return to.length > 0 ? { key, to, subject, text } : null;
}

/**
 * Sends a reserved notice with the API's mailer and marks it sent. A failure leaves it reserved
 * (logged): the listing itself stands.
 */
async function sendNotice(deps: AppDeps, notice: Notice) {
  if (!deps.mailer) {
    deps.logger.warn('no mailer: listing notice left reserved', { key: notice.key });
    return;
  }
  try {
    await deps.mailer.send({
      to: notice.to,
      cc: [],
      subject: notice.subject,
      text: notice.text,
      messageId: messageIdFor(notice.key),
    });
    await deps.db.prisma.reminder.update({
      where: { key: notice.key },
      data: { status: 'sent', sentAt: deps.now() },
    });
  } catch (error) {
    deps.logger.warn('listing notice not sent', { key: notice.key, error: String(error) });
  }
}
