import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashToken } from '../../api/lib/tokens.js';
import { DATABASE_KINDS } from '../support/databases.js';
import { createEnterprise, createUser, unitId } from '../support/fixtures.js';
import { linkIn, mailTo, sessionCookie, useLinkOverHttp } from '../support/sign-in.js';
import { startTestStack, type TestStack } from '../support/stack.js';

// Inviting enterprise contacts (POST /api/invitations): the preview changes nothing; a real run
// makes or reuses the enterprise account of each address, mails a single-use link and audits
// both; a unit officer reaches only their unit's register; bad input is 400 and changes nothing.

describe.each(DATABASE_KINDS)('invitations on %s', (database) => {
  let stack: TestStack;
  let pudong: string;
  let huangpu: string;
  let huangpuOfficer: { id: string; token: string };
  let first: { id: string; name: string };
  let second: { id: string; name: string };
  let huangpuEnterprise: { id: string };

  const counts = async () => ({
    users: await stack.api.db.prisma.user.count(),
    links: await stack.api.db.prisma.signInLink.count(),
    audits: await stack.api.db.prisma.auditLog.count(),
    mails: stack.smtp.messages.length,
  });

  beforeAll(async () => {
    stack = await startTestStack({ database, worker: false });
    pudong = await unitId(stack, 'pudong');
    huangpu = await unitId(stack, 'huangpu');
    huangpuOfficer = await createUser(stack, { role: 'unit_officer', unitCode: 'huangpu' });
    // Two registered enterprises of 浦东 with contacts: new, without e-mail, the same address
    // twice, and an address an officer already uses.
    first = await createEnterprise(stack, 'unitOfficer', {
      name: '上海甲燃气具有限公司',
      contacts: [
        { name: '甲经理', email: 'jia@invite.test', isPrimary: true },
        { name: '甲助理', phone: '021-12345678' },
        { name: '甲同事', email: 'Jia@Invite.test' },
      ],
    });
    second = await createEnterprise(stack, 'unitOfficer', {
      name: '上海乙电器有限公司',
      contacts: [
        { name: '乙经理', email: 'yi@invite.test', isPrimary: true },
        { name: '乙同事', email: 'JIA@invite.test' },
        { name: '乙兼职', email: 'officer.pudong@demo.local' },
      ],
    });
    huangpuEnterprise = await createEnterprise(stack, huangpuOfficer, {
      contacts: [{ name: '黄浦联系人', email: 'hp@invite.test', isPrimary: true }],
    });
  });
  afterAll(async () => {
    await stack?.stop();
  });

  const contactId = async (name: string) =>
    (await stack.api.db.prisma.enterpriseContact.findFirstOrThrow({ where: { name } })).id;

  it('previews the whole register: what each contact would get, nothing written or sent', async () => {
    const before = await counts();
    const { status, body } = await stack.call('POST', '/api/invitations?dryRun=true', {
      as: 'unitOfficer',
      body: { unitId: pudong },
    });
    expect(status).toBe(200);
    expect(body).toMatchObject({ dryRun: true, total: 6, invited: 2, created: 2, skipped: 4 });
    const outcomes = Object.fromEntries(
      body.items.map((i: { contactName: string; outcome: string }) => [i.contactName, i.outcome]),
    );
    expect(outcomes).toEqual({
      甲经理: 'create',
      甲助理: 'no_email',
      // The same person listed twice by one enterprise (any letter case): one account.
      甲同事: 'duplicate',
      乙经理: 'create',
      // 甲经理's address, in another enterprise: one account belongs to one enterprise.
      乙同事: 'taken',
      乙兼职: 'taken',
    });
    // Grouped by enterprise, the primary contact first.
    const names = body.items.map((i: { contactName: string }) => i.contactName);
    expect(names.indexOf('甲经理')).toBeLessThan(names.indexOf('甲助理'));
    expect(names.indexOf('乙经理')).toBeLessThan(names.indexOf('乙同事'));
    const jiaItem = body.items.find((i: { contactName: string }) => i.contactName === '甲经理');
    expect(jiaItem.outcomeName).toBe('开通企业账号并发送登录链接');
    expect(body.items.every((i: { sent: null }) => i.sent === null)).toBe(true);
    expect(await counts()).toEqual(before);
  });

  it('invites the whole register: accounts bound to their enterprise, a link each, audited', async () => {
    const before = await counts();
    const { status, body } = await stack.call('POST', '/api/invitations', {
      as: 'unitOfficer',
      body: { unitId: pudong },
    });
    expect(status).toBe(200);
    expect(body).toMatchObject({ dryRun: false, invited: 2, created: 2 });
    const invited = body.items.filter((i: { outcome: string }) => i.outcome === 'create');
    expect(invited.map((i: { sent: boolean }) => i.sent)).toEqual([true, true]);

    const jia = await stack.api.db.prisma.user.findFirstOrThrow({
      where: { email: 'jia@invite.test' },
    });
    expect(jia).toMatchObject({
      name: '甲经理',
      role: 'enterprise_user',
      enterpriseId: first.id,
      unitId: null,
      disabledAt: null,
    });
    expect(invited.map((i: { userId: string }) => i.userId)).toContain(jia.id);
    const mail = await mailTo(stack, 'jia@invite.test', '账号开通', before.mails);
    expect(mail.subject).toContain(first.name);
    expect(mail.text).toContain('浦东新区市场监督管理局');
    const link = linkIn(mail);
    const row = await stack.api.db.prisma.signInLink.findUniqueOrThrow({
      where: { tokenHash: hashToken(link.split('/').at(-1)!) },
    });
    expect(row).toMatchObject({ userId: jia.id, purpose: 'invitation', usedAt: null });
    expect(row.expiresAt.getTime() - row.createdAt.getTime()).toBe(7 * 86_400_000);
    await mailTo(stack, 'yi@invite.test', '账号开通', before.mails);
    const audit = await stack.api.db.prisma.auditLog.findMany({
      where: { entityId: jia.id },
      orderBy: { at: 'asc' },
    });
    expect(audit.map((a) => a.action)).toEqual(['create', 'invite']);
    expect(audit[1]).toMatchObject({ unitId: pudong, entity: 'user' });
    expect(audit[1]!.after).toMatchObject({ created: true, email: 'jia@invite.test' });
    expect(JSON.stringify(audit)).not.toContain(link.split('/').at(-1)!);

    // The link signs the contact in as that enterprise's account, which sees only it.
    const opened = await useLinkOverHttp(link);
    expect(opened.status).toBe(303);
    const cookie = sessionCookie(opened)!;
    const home = await fetch(`${stack.api.url}/dashboard`, { headers: { cookie } });
    expect(home.status).toBe(200);
    expect(
      (await fetch(`${stack.api.url}/dashboard/enterprises/${second.id}`, { headers: { cookie } }))
        .status,
    ).toBe(404);

    // Again for the whole register: existing accounts are left alone, nobody is mailed.
    const mailsBefore = stack.smtp.messages.length;
    const again = await stack.call('POST', '/api/invitations', {
      as: 'unitOfficer',
      body: { unitId: pudong },
    });
    expect(again.body).toMatchObject({ invited: 0, created: 0 });
    expect(
      again.body.items.find((i: { contactName: string }) => i.contactName === '甲经理').outcome,
    ).toBe('exists');
    await new Promise((r) => setTimeout(r, 200));
    expect(stack.smtp.messages.length).toBe(mailsBefore);
  });

  it('re-invites one contact with a fresh link on the same account; a disabled one gets nothing', async () => {
    const jiaId = await contactId('甲经理');
    const users = await stack.api.db.prisma.user.count();
    const since = stack.smtp.messages.length;
    const { status, body } = await stack.call('POST', '/api/invitations', {
      as: 'unitOfficer',
      body: { contactIds: [jiaId] },
    });
    expect(status).toBe(200);
    expect(body.items).toMatchObject([{ outcome: 'resend', sent: true }]);
    expect(await stack.api.db.prisma.user.count()).toBe(users);
    await mailTo(stack, 'jia@invite.test', '账号开通', since);

    const yi = await stack.api.db.prisma.user.findFirstOrThrow({
      where: { email: 'yi@invite.test' },
    });
    expect(
      (
        await stack.call('PATCH', `/api/users/${yi.id}`, {
          as: 'unitOfficer',
          body: { disabled: true },
        })
      ).status,
    ).toBe(200);
    const before = await counts();
    const disabled = await stack.call('POST', '/api/invitations', {
      as: 'unitOfficer',
      body: { contactIds: [await contactId('乙经理')] },
    });
    expect(disabled.body.items).toMatchObject([{ outcome: 'disabled', sent: null }]);
    expect(await counts()).toEqual(before);
  });

  it('keeps a unit officer to their own register; other roles get 403; nothing changes', async () => {
    const before = await counts();
    const hp = await contactId('黄浦联系人');
    const other = await stack.call('POST', '/api/invitations', {
      as: 'unitOfficer',
      body: { contactIds: [hp] },
    });
    expect(other.status).toBe(400);
    expect(other.body.error.issues).toEqual([
      { path: 'contactIds.0', message: expect.stringMatching(/不在本单位企业名录中/) },
    ]);
    const otherUnit = await stack.call('POST', '/api/invitations', {
      as: 'unitOfficer',
      body: { unitId: huangpu },
    });
    expect(otherUnit.status).toBe(404);
    for (const as of ['citySupervisor', 'enterpriseUser'] as const) {
      const refused = await stack.call('POST', '/api/invitations', {
        as,
        body: { unitId: pudong },
      });
      expect(refused.status).toBe(403);
    }
    expect(await counts()).toEqual(before);

    // The city admin reaches every unit's register.
    const admin = await stack.call('POST', '/api/invitations?dryRun=true', {
      body: { contactIds: [hp] },
    });
    expect(admin.status).toBe(200);
    expect(admin.body.items[0]).toMatchObject({
      outcome: 'create',
      enterprise: { id: huangpuEnterprise.id },
    });
  });

  it.each([
    ['neither contacts nor a unit', {}, ['contactIds']],
    ['both contacts and a unit', { contactIds: ['a'], unitId: 'b' }, ['contactIds']],
    ['an empty contact list', { contactIds: [] }, ['contactIds']],
    ['contacts that are not a list', { contactIds: 'abc' }, ['contactIds']],
    ['an unknown field', { unitId: 'x', all: true }, ['(root)']],
  ])('rejects %s with 400, changing nothing', async (_what, body, paths) => {
    const before = await counts();
    const { status, body: answer } = await stack.call('POST', '/api/invitations', {
      as: 'unitOfficer',
      body,
    });
    expect(status).toBe(400);
    expect(answer.error.issues.map((i: { path: string }) => i.path)).toEqual(paths);
    expect(answer.error.issues[0].message).toMatch(/[\u4e00-\u9fa5]/);
    expect(await counts()).toEqual(before);
  });

  it('is described in /openapi.json', async () => {
    const { body } = await stack.call('GET', '/openapi.json', { as: null });
    const route = body.paths['/api/invitations'].post;
    expect(route.summary).toContain('邀请企业联系人');
    expect(Object.keys(route.responses)).toEqual(
      expect.arrayContaining(['200', '400', '401', '403', '404']),
    );
  });
});
