import { randomBytes } from 'node:crypto';
import { DomainError } from '../../../domain/errors.js';
import { renderInvitationMail } from '../../../domain/sign-in/mails.js';
import type { Prisma } from '../../../prisma/generated/client.js';
import {
  INVITATION_OUTCOME_NAMES,
  type InvitationOutcome,
  type InvitationReport,
  type InvitationRequest,
} from '../../contracts/invitations.js';
import { writeAudit } from '../../lib/audit.js';
import type { AppDeps, AuthUser } from '../../lib/context.js';
import { fieldError, notFoundError } from '../../lib/errors.js';
import { createInvitationLink } from './sign-in-links.js';
import { lockAccountEmails, presentUser } from './users.js';

// Inviting the contacts of a unit's enterprises. An invitation makes (or reuses) the enterprise
// account of the contact's e-mail address and mails it a single-use sign-in link; the account
// sees only its enterprise. A unit officer invites the contacts of their unit's register, the
// city admin those of any unit. A dry run says what would happen to each contact and changes
// nothing; the real run writes every account, link and audit entry in one transaction, then
// mails (a mail that fails is reported, the account stays: invite again to resend).

type Db = Prisma.TransactionClient;
type ContactRow = Prisma.EnterpriseContactGetPayload<{
  include: { enterprise: { include: { unit: true } } };
}>;
type Existing = { id: string; role: string; enterpriseId: string | null; disabledAt: Date | null };

interface Planned {
  contact: ContactRow;
  outcome: InvitationOutcome;
  userId: string | null;
}

/** The enterprises whose contacts the actor may invite; 403 for roles that invite nobody. */
function enterpriseScope(actor: AuthUser): Prisma.EnterpriseWhereInput {
  if (actor.role === 'city_admin') return {};
  if (actor.role === 'unit_officer' && actor.unitId) return { unitId: actor.unitId };
  throw new DomainError('FORBIDDEN', '当前身份无权邀请企业联系人');
}

const contactInclude = { enterprise: { include: { unit: true } } } as const;

async function contactsToInvite(
  db: Db,
  actor: AuthUser,
  input: InvitationRequest,
): Promise<ContactRow[]> {
  const scope = enterpriseScope(actor);
  if (input.unitId !== undefined) {
    if (actor.role === 'unit_officer' && input.unitId !== actor.unitId) {
      throw notFoundError('实施单位');
    }
    const unit = await db.unit.findUnique({ where: { id: input.unitId } });
    if (!unit) throw fieldError('unitId', '实施单位不存在');
    return db.enterpriseContact.findMany({
      where: { enterprise: { unitId: input.unitId } },
      include: contactInclude,
      orderBy: [
        { enterprise: { name: 'asc' } },
        { isPrimary: 'desc' },
        { name: 'asc' },
        { id: 'asc' },
      ],
    });
  }
  const ids = input.contactIds ?? [];
  const rows = await db.enterpriseContact.findMany({
    where: { id: { in: ids }, enterprise: scope },
    include: contactInclude,
  });
  const byId = new Map(rows.map((row) => [row.id, row]));
  const missing = ids.flatMap((id, index) =>
    byId.has(id)
      ? []
      : [{ path: `contactIds.${index}`, message: `联系人 ${id} 不存在或不在本单位企业名录中` }],
  );
  if (missing.length > 0) {
    throw new DomainError('VALIDATION_FAILED', '请求参数校验失败', missing);
  }
  return [...new Set(ids)].map((id) => byId.get(id)!);
}

/** The accounts of these addresses, by lower-cased address. */
async function accountsByEmail(db: Db, emails: string[]): Promise<Map<string, Existing[]>> {
  const found = new Map<string, Existing[]>();
  for (let i = 0; i < emails.length; i += 200) {
    const rows = await db.user.findMany({
      where: {
        OR: emails.slice(i, i + 200).map((email) => ({
          email: { equals: email, mode: 'insensitive' as const },
        })),
      },
      select: { id: true, role: true, enterpriseId: true, disabledAt: true, email: true },
    });
    for (const row of rows) {
      const key = row.email!.toLowerCase();
      found.set(key, [...(found.get(key) ?? []), row]);
    }
  }
  return found;
}

/** What becomes of each contact. Inviting a whole register leaves existing accounts alone. */
async function plan(db: Db, contacts: ContactRow[], wholeRegister: boolean): Promise<Planned[]> {
  const emails = [...new Set(contacts.flatMap((c) => (c.email ? [c.email.toLowerCase()] : [])))];
  const accounts = await accountsByEmail(db, emails);
  // An address is planned once, for the first contact that has it — primary contacts first —
  // and the result keeps the contacts' order.
  const claimed = new Map<string, string>();
  const order = contacts
    .map((contact, index) => ({ contact, index }))
    .sort((a, b) => Number(b.contact.isPrimary) - Number(a.contact.isPrimary) || a.index - b.index);
  const planned: Planned[] = new Array<Planned>(contacts.length);
  for (const { contact, index } of order) {
    planned[index] = planOne(contact, accounts, claimed, wholeRegister);
  }
  return planned;
}

function planOne(
  contact: ContactRow,
  accounts: Map<string, Existing[]>,
  claimed: Map<string, string>,
  wholeRegister: boolean,
): Planned {
  if (!contact.email) return { contact, outcome: 'no_email', userId: null };
  const key = contact.email.toLowerCase();
  const claimedBy = claimed.get(key);
  if (claimedBy !== undefined) {
    // The same person listed twice in one enterprise; another enterprise's address is taken.
    const outcome = claimedBy === contact.enterpriseId ? 'duplicate' : 'taken';
    return { contact, outcome, userId: null };
  }
  claimed.set(key, contact.enterpriseId);
  const users = accounts.get(key) ?? [];
  const own = users.find(
    (u) => u.role === 'enterprise_user' && u.enterpriseId === contact.enterpriseId,
  );
  if (own) {
    if (own.disabledAt) return { contact, outcome: 'disabled', userId: own.id };
    return { contact, outcome: wholeRegister ? 'exists' : 'resend', userId: own.id };
  }
  if (users.length > 0) return { contact, outcome: 'taken', userId: null };
  return { contact, outcome: 'create', userId: null };
}

const isInvited = (outcome: InvitationOutcome) => outcome === 'create' || outcome === 'resend';

function report(
  dryRun: boolean,
  planned: Planned[],
  sent: Map<string, boolean> = new Map(),
): InvitationReport {
  const items = planned.map(({ contact, outcome, userId }) => ({
    contactId: contact.id,
    contactName: contact.name,
    email: contact.email,
    enterprise: { id: contact.enterprise.id, name: contact.enterprise.name },
    outcome,
    outcomeName: INVITATION_OUTCOME_NAMES[outcome],
    userId,
    sent: dryRun || !isInvited(outcome) ? null : (sent.get(contact.id) ?? false),
  }));
  const invited = items.filter((i) => isInvited(i.outcome)).length;
  return {
    dryRun,
    total: items.length,
    invited,
    created: items.filter((i) => i.outcome === 'create').length,
    skipped: items.length - invited,
    items,
  };
}

export async function inviteContacts(
  deps: AppDeps,
  actor: AuthUser,
  input: InvitationRequest & { dryRun: boolean },
): Promise<InvitationReport> {
  const { prisma } = deps.db;
  const wholeRegister = input.unitId !== undefined;
  if (input.dryRun) {
    const planned = await plan(prisma, await contactsToInvite(prisma, actor, input), wholeRegister);
    return report(true, planned);
  }
  const { planned, mails } = await prisma.$transaction(
    async (tx) => {
      const contacts = await contactsToInvite(tx, actor, input);
      // Under the lock every account creation takes: the plan stays true until commit.
      await lockAccountEmails(tx);
      const planned = await plan(tx, contacts, wholeRegister);
      const mails: {
        contactId: string;
        mail: ReturnType<typeof renderInvitationMail>;
        to: string;
      }[] = [];
      for (const item of planned) {
        if (!isInvited(item.outcome)) continue;
        const { contact } = item;
        const unitId = contact.enterprise.unitId;
        if (item.outcome === 'create') {
          const row = await tx.user.create({
            data: {
              name: contact.name,
              email: contact.email,
              role: 'enterprise_user',
              enterpriseId: contact.enterpriseId,
              createdAt: deps.now(),
            },
            include: { unit: true, enterprise: true },
          });
          item.userId = row.id;
          await writeAudit(tx, actor, {
            action: 'create',
            entity: 'user',
            entityId: row.id,
            unitId,
            after: presentUser(row),
          });
        }
        const link = await createInvitationLink(deps, tx, {
          userId: item.userId!,
          target: '/dashboard',
        });
        await writeAudit(tx, actor, {
          action: 'invite',
          entity: 'user',
          entityId: item.userId!,
          unitId,
          after: {
            contactId: contact.id,
            email: contact.email,
            enterpriseId: contact.enterpriseId,
            created: item.outcome === 'create',
            linkId: link.id,
            linkExpiresAt: link.expiresAt,
          },
        });
        mails.push({
          contactId: contact.id,
          to: contact.email!,
          mail: renderInvitationMail({
            contactName: contact.name,
            enterpriseName: contact.enterprise.name,
            unitName: contact.enterprise.unit.name,
            link: link.url,
            expiresAt: link.expiresAt,
          }),
        });
      }
      return { planned, mails };
    },
    { maxWait: 10_000, timeout: 120_000 },
  );
  const sent = new Map<string, boolean>();
  for (const { contactId, to, mail } of mails) {
    sent.set(contactId, await send(deps, to, mail));
  }
  return report(false, planned, sent);
}

async function send(
  deps: AppDeps,
  to: string,
  mail: { subject: string; text: string },
): Promise<boolean> {
  if (!deps.mailer) {
    deps.logger.warn('no mailer: invitation not sent', { to });
    return false;
  }
  try {
    await deps.mailer.send({
      to: [to],
      cc: [],
      ...mail,
      messageId: `<${randomBytes(16).toString('hex')}@hazard-campaign.local>`,
    });
    return true;
  } catch (error) {
    deps.logger.error('sending an invitation failed', { to, error: String(error) });
    return false;
  }
}
