import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASE_KINDS } from '../support/databases.js';
import { createCampaign, createEnterprise, createUser, unitId } from '../support/fixtures.js';
import { startTestStack, type Caller, type HttpMethod, type TestStack } from '../support/stack.js';

const DAY = 24 * 60 * 60 * 1000;
const daysFromNow = (days: number) => new Date(Date.now() + days * DAY).toISOString();
const sameInstant = (a: string, b: string) => new Date(a).getTime() === new Date(b).getTime();
const ids = (body: { items: { id: string }[] }) => body.items.map((item) => item.id);

describe.each(DATABASE_KINDS)('problem list (hazards) on %s', (database) => {
  let stack: TestStack;
  let pudong: string;
  let huangpu: string;
  let campaign: Awaited<ReturnType<typeof createCampaign>>;
  let otherCampaign: Awaited<ReturnType<typeof createCampaign>>;
  let huangpuOfficer: { id: string; token: string };
  let enterprise: { id: string; name: string };
  let huangpuEnterprise: { id: string };
  let enterpriseUser: { id: string; token: string };

  beforeAll(async () => {
    stack = await startTestStack({ database, worker: false });
    pudong = await unitId(stack, 'pudong');
    huangpu = await unitId(stack, 'huangpu');
    campaign = await createCampaign(stack, 2031);
    otherCampaign = await createCampaign(stack, 2032);
    huangpuOfficer = await createUser(stack, { role: 'unit_officer', unitCode: 'huangpu' });
    enterprise = await createEnterprise(stack, 'unitOfficer');
    huangpuEnterprise = await createEnterprise(stack, huangpuOfficer);
    enterpriseUser = await createUser(stack, {
      role: 'enterprise_user',
      enterpriseId: enterprise.id,
    });
  });
  afterAll(async () => {
    await stack?.stop();
  });

  const count = () => stack.api.db.prisma.hazard.count();

  const hazardInput = (overrides: Record<string, unknown> = {}) => ({
    campaignId: campaign.id,
    enterpriseId: enterprise.id,
    categoryId: campaign.categoryId('gas_appliances'),
    product: '家用燃气灶',
    source: 'inspection',
    problemType: 'no_factory_inspection',
    severity: 'major',
    description: '出厂检验记录缺失熄火保护装置项目',
    measure: '补做出厂检验并完善检验记录',
    responsiblePerson: '王五',
    foundAt: daysFromNow(-1),
    deadline: daysFromNow(30),
    ...overrides,
  });

  async function createHazard(as: Caller = 'unitOfficer', overrides: Record<string, unknown> = {}) {
    const { status, body } = await stack.call('POST', '/api/hazards', {
      as,
      body: hazardInput(overrides),
    });
    if (status !== 201)
      throw new Error(`creating a hazard failed: ${status} ${JSON.stringify(body)}`);
    return body as { id: string; version: number; deadline: string; unitId: string };
  }

  it('registers a hazard, open, with Chinese names, and audits it', async () => {
    const input = hazardInput({ foundAt: '2031-07-10', deadline: '2031-08-10T17:30:00+08:00' });
    const { status, body } = await stack.call('POST', '/api/hazards', {
      as: 'unitOfficer',
      body: input,
    });
    expect(status).toBe(201);
    expect(body).toMatchObject({
      unitId: pudong,
      unitName: '浦东新区市场监督管理局',
      enterpriseId: enterprise.id,
      enterpriseName: enterprise.name,
      categoryCode: 'gas_appliances',
      categoryName: '燃气用品',
      status: 'open',
      statusName: '待整改',
      severityName: '较大',
      problemTypeName: '未检验出厂或出厂检验记录不全',
      sourceName: '现场检查',
      foundAt: '2031-07-10T00:00:00+08:00',
      deadline: '2031-08-10T17:30:00+08:00',
      overdue: false,
      closedAt: null,
      version: 1,
      submissions: [],
    });
    const stored = await stack.api.db.prisma.hazard.findUniqueOrThrow({ where: { id: body.id } });
    expect(stored.foundAt.toISOString()).toBe('2031-07-09T16:00:00.000Z');
    expect(stored.deadline.toISOString()).toBe('2031-08-10T09:30:00.000Z');
    expect(stored.responsiblePerson).toBe('王五');
    expect(stored.unitId).toBe(pudong);
    const audit = await stack.api.db.prisma.auditLog.findMany({ where: { entityId: body.id } });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ action: 'create', entity: 'hazard', unitId: pudong });
    expect((audit[0]!.after as { measure: string }).measure).toBe(input.measure);

    const read = await stack.call('GET', `/api/hazards/${body.id}`, { as: 'unitOfficer' });
    expect(read.status).toBe(200);
    // The detail also lists the reminders sent (none here: this suite runs no worker).
    expect(read.body).toEqual({ ...body, reminders: [] });
  });

  it.each([
    [
      'a deadline before the finding',
      { foundAt: '2031-07-10', deadline: '2031-07-09' },
      'deadline',
      '整改期限应晚于发现时间',
    ],
    ['an unknown severity', { severity: 'fatal' }, 'severity', '严重程度应为'],
    ['an unknown problem type', { problemType: 'bad_vibes' }, 'problemType', '问题类型应为'],
    ['a missing measure', { measure: undefined }, 'measure', ''],
    ['a blank responsible person', { responsiblePerson: '  ' }, 'responsiblePerson', '责任人'],
    ['a date of the wrong type', { foundAt: 20310710 }, 'foundAt', '时间应为 ISO 8601'],
    ['a date that is not a date', { deadline: '2031-13-45' }, 'deadline', '时间应为 ISO 8601'],
  ])('rejects %s with the field path, writing nothing', async (_what, overrides, path, message) => {
    const before = await count();
    const { status, body } = await stack.call('POST', '/api/hazards', {
      as: 'unitOfficer',
      body: hazardInput(overrides),
    });
    expect(status).toBe(400);
    expect(body.error.code).toBe('VALIDATION_FAILED');
    expect(body.error.issues).toEqual([{ path, message: expect.stringContaining(message) }]);
    expect(await count()).toBe(before);
  });

  it('rejects references outside the campaign or the unit, unknown fields and bad JSON', async () => {
    const before = await count();
    const cases: [Record<string, unknown>, string, string][] = [
      [{ campaignId: 'no-such-campaign' }, 'campaignId', '专项行动不存在'],
      [
        { categoryId: otherCampaign.categoryId('gas_appliances') },
        'categoryId',
        '产品类别不属于该专项行动',
      ],
      [{ enterpriseId: huangpuEnterprise.id }, 'enterpriseId', '企业不存在或不属于本单位'],
    ];
    for (const [overrides, path, message] of cases) {
      const { status, body } = await stack.call('POST', '/api/hazards', {
        as: 'unitOfficer',
        body: hazardInput(overrides),
      });
      expect(status).toBe(400);
      expect(body.error.issues).toEqual([{ path, message }]);
    }
    const unknown = await stack.call('POST', '/api/hazards', {
      as: 'unitOfficer',
      body: hazardInput({ status: 'closed' }),
    });
    expect(unknown.status).toBe(400);
    expect(JSON.stringify(unknown.body.error.issues)).toContain('status');

    const malformed = await stack.call('POST', '/api/hazards', {
      as: 'unitOfficer',
      rawBody: '{"campaignId": ',
    });
    expect(malformed.status).toBe(400);
    expect(malformed.body.error.code).toBe('MALFORMED_JSON');

    expect(await count()).toBe(before);
  });

  it('keeps each unit to its own hazards; the supervisor reads but may not write', async () => {
    const theirs = await createHazard(huangpuOfficer, { enterpriseId: huangpuEnterprise.id });
    expect(theirs.unitId).toBe(huangpu);
    const path = `/api/hazards/${theirs.id}`;
    const attempts: [HttpMethod, string, Record<string, unknown> | undefined][] = [
      ['GET', path, undefined],
      ['PATCH', path, { version: 1, measure: '篡改' }],
      ['POST', `${path}/start`, { version: 1 }],
      ['POST', `${path}/submissions`, { version: 1, description: '代交' }],
      ['POST', `${path}/verify`, { version: 1, decision: 'accept' }],
      ['POST', `${path}/extend`, { version: 1, deadline: daysFromNow(90), reason: '延期' }],
    ];
    for (const [method, url, body] of attempts) {
      const response = await stack.call(method, url, { as: 'unitOfficer', body });
      expect(response.status, `${method} ${url}`).toBe(404);
    }
    const list = await stack.call('GET', '/api/hazards?pageSize=200', { as: 'unitOfficer' });
    expect(ids(list.body)).not.toContain(theirs.id);
    expect(list.body.items.every((h: { unitId: string }) => h.unitId === pudong)).toBe(true);
    const byUnit = await stack.call('GET', `/api/hazards?unit=${huangpu}`, { as: 'unitOfficer' });
    expect(byUnit.body.total).toBe(0);

    const supervisorRead = await stack.call('GET', path, { as: 'citySupervisor' });
    expect(supervisorRead.status).toBe(200);
    for (const [method, url, body] of attempts.slice(1)) {
      const response = await stack.call(method, url, { as: 'citySupervisor', body });
      expect(response.status, `${method} ${url}`).toBe(403);
    }
    const supervisorCreate = await stack.call('POST', '/api/hazards', {
      as: 'citySupervisor',
      body: hazardInput(),
    });
    expect(supervisorCreate.status).toBe(403);

    const stored = await stack.api.db.prisma.hazard.findUniqueOrThrow({ where: { id: theirs.id } });
    expect(stored).toMatchObject({ status: 'open', version: 1, measure: hazardInput().measure });
    expect(await stack.api.db.prisma.auditLog.count({ where: { entityId: theirs.id } })).toBe(1);

    const forOtherUnit = await stack.call('POST', '/api/hazards', {
      as: 'unitOfficer',
      body: hazardInput({ unitId: huangpu }),
    });
    expect(forOtherUnit.status).toBe(403);
    const admin = await stack.call('POST', '/api/hazards', {
      as: 'cityAdmin',
      body: hazardInput({ unitId: huangpu, enterpriseId: huangpuEnterprise.id }),
    });
    expect(admin.status).toBe(201);
    expect(admin.body.unitId).toBe(huangpu);
    const cityLevel = await stack.call('POST', '/api/hazards', {
      as: 'cityAdmin',
      body: hazardInput(),
    });
    expect(cityLevel.status).toBe(201);
    expect(cityLevel.body.unitId).toBe(await unitId(stack, 'city'));
  });

  it('shows an enterprise user only their own hazards and lets them rectify but not verify', async () => {
    const own = await createHazard('unitOfficer');
    const other = await createHazard('unitOfficer', {
      enterpriseId: (await createEnterprise(stack, 'unitOfficer')).id,
    });
    const list = await stack.call('GET', '/api/hazards?pageSize=200', { as: enterpriseUser });
    expect(list.status).toBe(200);
    expect(ids(list.body)).toContain(own.id);
    expect(ids(list.body)).not.toContain(other.id);
    expect(
      list.body.items.every((h: { enterpriseId: string }) => h.enterpriseId === enterprise.id),
    ).toBe(true);

    expect(
      (await stack.call('GET', `/api/hazards/${other.id}`, { as: enterpriseUser })).status,
    ).toBe(404);
    const startOther = await stack.call('POST', `/api/hazards/${other.id}/start`, {
      as: enterpriseUser,
      body: { version: 1 },
    });
    expect(startOther.status).toBe(404);

    const create = await stack.call('POST', '/api/hazards', {
      as: enterpriseUser,
      body: hazardInput(),
    });
    expect(create.status).toBe(403);
    const patch = await stack.call('PATCH', `/api/hazards/${own.id}`, {
      as: enterpriseUser,
      body: { version: 1, severity: 'general' },
    });
    expect(patch.status).toBe(403);

    const started = await stack.call('POST', `/api/hazards/${own.id}/start`, {
      as: enterpriseUser,
      body: { version: 1, note: '已安排整改' },
    });
    expect(started.status).toBe(200);
    expect(started.body.status).toBe('rectifying');
    const submitted = await stack.call('POST', `/api/hazards/${own.id}/submissions`, {
      as: enterpriseUser,
      body: { version: 2, description: '已补做出厂检验' },
    });
    expect(submitted.status).toBe(201);
    const verify = await stack.call('POST', `/api/hazards/${own.id}/verify`, {
      as: enterpriseUser,
      body: { version: 3, decision: 'accept' },
    });
    expect(verify.status).toBe(403);
    const stored = await stack.api.db.prisma.hazard.findUniqueOrThrow({ where: { id: own.id } });
    expect(stored).toMatchObject({ status: 'submitted', version: 3 });
  });

  it('follows a hazard through its life: open → rectifying → submitted → rejected → submitted → closed', async () => {
    const hazard = await createHazard('unitOfficer');
    const path = `/api/hazards/${hazard.id}`;

    const tooEarly = await stack.call('POST', `${path}/verify`, {
      as: 'unitOfficer',
      body: { version: 1, decision: 'accept' },
    });
    expect(tooEarly.status).toBe(409);
    expect(tooEarly.body.error.message).toBe('当前状态为待整改，不能核查');

    const started = await stack.call('POST', `${path}/start`, {
      as: enterpriseUser,
      body: { version: 1 },
    });
    expect(started.body).toMatchObject({ status: 'rectifying', statusName: '整改中', version: 2 });
    const again = await stack.call('POST', `${path}/start`, {
      as: enterpriseUser,
      body: { version: 2 },
    });
    expect(again.status).toBe(409);
    expect(again.body.error.message).toBe('当前状态为整改中，不能开始整改');

    const first = await stack.call('POST', `${path}/submissions`, {
      as: enterpriseUser,
      body: {
        version: 2,
        description: '已补做出厂检验',
        attachments: [{ name: '检验报告.pdf', url: 'https://files.example.com/report-1.pdf' }],
      },
    });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ status: 'submitted', statusName: '待核查', version: 3 });
    expect(first.body.submissions).toHaveLength(1);
    expect(first.body.submissions[0]).toMatchObject({
      status: 'pending',
      statusName: '待核查',
      submittedById: enterpriseUser.id,
      attachments: [{ name: '检验报告.pdf', url: 'https://files.example.com/report-1.pdf' }],
    });

    const noReason = await stack.call('POST', `${path}/verify`, {
      as: 'unitOfficer',
      body: { version: 3, decision: 'reject' },
    });
    expect(noReason.status).toBe(400);
    expect(noReason.body.error.issues).toEqual([{ path: 'note', message: '退回时须说明理由' }]);
    const pastDeadline = await stack.call('POST', `${path}/verify`, {
      as: 'unitOfficer',
      body: {
        version: 3,
        decision: 'reject',
        note: '缺少检验原始记录',
        newDeadline: daysFromNow(-2),
      },
    });
    expect(pastDeadline.status).toBe(400);
    expect(pastDeadline.body.error.issues[0].path).toBe('newDeadline');
    expect(
      (await stack.api.db.prisma.hazard.findUniqueOrThrow({ where: { id: hazard.id } })).version,
    ).toBe(3);

    const newDeadline = daysFromNow(45);
    const rejected = await stack.call('POST', `${path}/verify`, {
      as: 'unitOfficer',
      body: { version: 3, decision: 'reject', note: '缺少检验原始记录', newDeadline },
    });
    expect(rejected.status).toBe(200);
    expect(rejected.body).toMatchObject({ status: 'rectifying', version: 4 });
    expect(sameInstant(rejected.body.deadline, newDeadline)).toBe(true);
    expect(rejected.body.submissions[0]).toMatchObject({
      status: 'rejected',
      statusName: '已退回',
      reviewNote: '缺少检验原始记录',
    });

    const second = await stack.call('POST', `${path}/submissions`, {
      as: enterpriseUser,
      body: { version: 4, description: '已补充检验原始记录' },
    });
    expect(second.status).toBe(201);
    expect(second.body.status).toBe('submitted');

    const accepted = await stack.call('POST', `${path}/verify`, {
      as: 'unitOfficer',
      body: { version: 5, decision: 'accept', note: '整改到位' },
    });
    expect(accepted.status).toBe(200);
    expect(accepted.body).toMatchObject({ status: 'closed', statusName: '已销号', version: 6 });
    expect(accepted.body.closedAt).not.toBeNull();

    const stored = await stack.api.db.prisma.hazardSubmission.findMany({
      where: { hazardId: hazard.id },
      orderBy: { submittedAt: 'asc' },
    });
    expect(stored.map((s) => [s.description, s.status, s.reviewNote])).toEqual([
      ['已补做出厂检验', 'rejected', '缺少检验原始记录'],
      ['已补充检验原始记录', 'accepted', '整改到位'],
    ]);
    expect(stored.every((s) => s.reviewedAt !== null)).toBe(true);
    const row = await stack.api.db.prisma.hazard.findUniqueOrThrow({ where: { id: hazard.id } });
    expect(row.status).toBe('closed');
    expect(row.closedAt).not.toBeNull();

    const afterClose = await stack.call('POST', `${path}/submissions`, {
      as: enterpriseUser,
      body: { version: 6, description: '再次提交' },
    });
    expect(afterClose.status).toBe(409);
    expect(afterClose.body.error.message).toBe('当前状态为已销号，不能提交整改材料');
    const extendClosed = await stack.call('POST', `${path}/extend`, {
      as: 'unitOfficer',
      body: { version: 6, deadline: daysFromNow(100), reason: '再延期' },
    });
    expect(extendClosed.status).toBe(409);
    const patchClosed = await stack.call('PATCH', path, {
      as: 'unitOfficer',
      body: { version: 6, measure: '改写' },
    });
    expect(patchClosed.status).toBe(409);

    const audit = await stack.api.db.prisma.auditLog.findMany({
      where: { entity: 'hazard', entityId: hazard.id },
      orderBy: { at: 'asc' },
    });
    expect(audit.map((a) => a.action)).toEqual([
      'create',
      'start',
      'submit',
      'reject',
      'submit',
      'accept',
    ]);
    expect(audit[3]!.reason).toBe('缺少检验原始记录');
    expect((audit[3]!.before as { status: string }).status).toBe('submitted');
    expect((audit[3]!.after as { status: string }).status).toBe('rectifying');
  });

  it('extends a deadline with a reason, only to a later date', async () => {
    const hazard = await createHazard('unitOfficer');
    const path = `/api/hazards/${hazard.id}/extend`;
    const earlier = await stack.call('POST', path, {
      as: 'unitOfficer',
      body: { version: 1, deadline: daysFromNow(10), reason: '企业申请' },
    });
    expect(earlier.status).toBe(400);
    expect(earlier.body.error.issues[0].path).toBe('deadline');
    const noReason = await stack.call('POST', path, {
      as: 'unitOfficer',
      body: { version: 1, deadline: daysFromNow(60) },
    });
    expect(noReason.status).toBe(400);
    expect(noReason.body.error.issues).toEqual([{ path: 'reason', message: '须说明延期理由' }]);

    const deadline = daysFromNow(60);
    const extended = await stack.call('POST', path, {
      as: 'unitOfficer',
      body: { version: 1, deadline, reason: '设备采购周期较长，企业申请延期' },
    });
    expect(extended.status).toBe(200);
    expect(extended.body.version).toBe(2);
    expect(sameInstant(extended.body.deadline, deadline)).toBe(true);
    const stored = await stack.api.db.prisma.hazard.findUniqueOrThrow({ where: { id: hazard.id } });
    expect(stored.deadline.getTime()).toBe(new Date(deadline).getTime());
    const audit = await stack.api.db.prisma.auditLog.findFirstOrThrow({
      where: { entityId: hazard.id, action: 'extend' },
    });
    expect(audit.reason).toBe('设备采购周期较长，企业申请延期');
    expect(sameInstant((audit.before as { deadline: string }).deadline, hazard.deadline)).toBe(
      true,
    );

    const stale = await stack.call('POST', path, {
      as: 'unitOfficer',
      body: { version: 1, deadline: daysFromNow(90), reason: '再次延期' },
    });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('CONFLICT');
  });

  it('edits the content with the current version, but not the deadline or the status', async () => {
    const hazard = await createHazard('unitOfficer');
    const path = `/api/hazards/${hazard.id}`;
    const edited = await stack.call('PATCH', path, {
      as: 'unitOfficer',
      body: { version: 1, severity: 'serious', measure: '停产整改', product: null },
    });
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({
      severity: 'serious',
      severityName: '重大',
      measure: '停产整改',
      product: null,
      version: 2,
    });
    for (const body of [
      { version: 2, deadline: daysFromNow(90) },
      { version: 2, status: 'closed' },
      { version: 2 },
      { version: 2, severity: 'catastrophic' },
    ]) {
      const response = await stack.call('PATCH', path, { as: 'unitOfficer', body });
      expect(response.status, JSON.stringify(body)).toBe(400);
    }
    const stored = await stack.api.db.prisma.hazard.findUniqueOrThrow({ where: { id: hazard.id } });
    expect(stored).toMatchObject({ severity: 'serious', status: 'open', version: 2 });
    expect(stored.deadline.getTime()).toBe(new Date(hazard.deadline).getTime());
    const audit = await stack.api.db.prisma.auditLog.findFirstOrThrow({
      where: { entityId: hazard.id, action: 'update' },
    });
    expect((audit.before as { severity: string }).severity).toBe('major');
    expect((audit.after as { severity: string }).severity).toBe('serious');
  });

  it('gives the loser of concurrent edits or verifications 409, never a silent overwrite', async () => {
    const edited = await createHazard('unitOfficer');
    const path = `/api/hazards/${edited.id}`;
    const [a, b] = await Promise.all([
      stack.call('PATCH', path, { as: 'unitOfficer', body: { version: 1, measure: '方案甲' } }),
      stack.call('PATCH', path, { as: 'unitOfficer', body: { version: 1, measure: '方案乙' } }),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const winner = a.status === 200 ? a : b;
    const stored = await stack.api.db.prisma.hazard.findUniqueOrThrow({ where: { id: edited.id } });
    expect(stored.measure).toBe(winner.body.measure);
    expect(stored.version).toBe(2);

    const verified = await createHazard('unitOfficer');
    const vpath = `/api/hazards/${verified.id}`;
    const submitted = await stack.call('POST', `${vpath}/submissions`, {
      as: 'unitOfficer',
      body: { version: 1, description: '代企业提交整改材料' },
    });
    expect(submitted.status).toBe(201);
    const [accept, reject] = await Promise.all([
      stack.call('POST', `${vpath}/verify`, {
        as: 'unitOfficer',
        body: { version: 2, decision: 'accept' },
      }),
      stack.call('POST', `${vpath}/verify`, {
        as: 'cityAdmin',
        body: { version: 2, decision: 'reject', note: '材料不全' },
      }),
    ]);
    expect([accept.status, reject.status].sort()).toEqual([200, 409]);
    const row = await stack.api.db.prisma.hazard.findUniqueOrThrow({
      where: { id: verified.id },
      include: { submissions: true },
    });
    expect(row.version).toBe(3);
    expect(row.status).toBe(accept.status === 200 ? 'closed' : 'rectifying');
    expect(row.submissions).toHaveLength(1);
    expect(row.submissions[0]!.status).toBe(accept.status === 200 ? 'accepted' : 'rejected');
    expect(
      await stack.api.db.prisma.auditLog.count({
        where: { entityId: verified.id, action: { in: ['accept', 'reject'] } },
      }),
    ).toBe(1);
  });

  it('derives overdue: not closed and past the deadline', async () => {
    const filterEnterprise = await createEnterprise(stack, 'unitOfficer');
    const late = await createHazard('unitOfficer', {
      enterpriseId: filterEnterprise.id,
      foundAt: daysFromNow(-40),
      deadline: daysFromNow(-10),
    });
    const onTime = await createHazard('unitOfficer', { enterpriseId: filterEnterprise.id });
    const closedLate = await createHazard('unitOfficer', {
      enterpriseId: filterEnterprise.id,
      foundAt: daysFromNow(-40),
      deadline: daysFromNow(-10),
    });
    await stack.call('POST', `/api/hazards/${closedLate.id}/submissions`, {
      as: 'unitOfficer',
      body: { version: 1, description: '整改完成' },
    });
    const closed = await stack.call('POST', `/api/hazards/${closedLate.id}/verify`, {
      as: 'unitOfficer',
      body: { version: 2, decision: 'accept' },
    });
    expect(closed.body.status).toBe('closed');

    const base = `/api/hazards?enterprise=${filterEnterprise.id}`;
    const overdue = await stack.call('GET', `${base}&overdue=true`, { as: 'unitOfficer' });
    expect(ids(overdue.body)).toEqual([late.id]);
    expect(overdue.body.items[0].overdue).toBe(true);
    const notOverdue = await stack.call('GET', `${base}&overdue=false&sort=createdAt`, {
      as: 'unitOfficer',
    });
    expect(ids(notOverdue.body)).toEqual([onTime.id, closedLate.id]);
    expect(notOverdue.body.items.map((h: { overdue: boolean }) => h.overdue)).toEqual([
      false,
      false,
    ]);
    const detail = await stack.call('GET', `/api/hazards/${late.id}`, { as: 'citySupervisor' });
    expect(detail.body.overdue).toBe(true);
    const bad = await stack.call('GET', `${base}&overdue=yes`, { as: 'unitOfficer' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.issues[0].path).toBe('overdue');
  });

  it('filters by category, status, severity, campaign and found date, and sorts', async () => {
    const filterEnterprise = await createEnterprise(stack, 'unitOfficer');
    const base = `/api/hazards?enterprise=${filterEnterprise.id}`;
    const gas = await createHazard('unitOfficer', {
      enterpriseId: filterEnterprise.id,
      foundAt: '2031-07-01T00:30:00+08:00',
      deadline: '2033-01-20',
      severity: 'general',
    });
    const ebike = await createHazard('unitOfficer', {
      enterpriseId: filterEnterprise.id,
      categoryId: campaign.categoryId('ebike_chargers_batteries'),
      foundAt: '2031-06-30T23:30:00+08:00',
      deadline: '2033-01-10',
    });
    const elsewhere = await createHazard('unitOfficer', {
      enterpriseId: filterEnterprise.id,
      campaignId: otherCampaign.id,
      categoryId: otherCampaign.categoryId('gas_appliances'),
      foundAt: '2032-07-15',
      deadline: '2033-01-30',
    });
    await stack.call('POST', `/api/hazards/${ebike.id}/start`, {
      as: 'unitOfficer',
      body: { version: 1 },
    });

    const get = async (query: string) => {
      const response = await stack.call('GET', `${base}&${query}`, { as: 'cityAdmin' });
      expect(response.status, query).toBe(200);
      return ids(response.body);
    };
    expect(await get('category=gas_appliances&sort=createdAt')).toEqual([gas.id, elsewhere.id]);
    expect(await get(`category=${campaign.categoryId('gas_appliances')}`)).toEqual([gas.id]);
    expect(await get('status=rectifying')).toEqual([ebike.id]);
    expect(await get('status=open&sort=createdAt')).toEqual([gas.id, elsewhere.id]);
    expect(await get('severity=general')).toEqual([gas.id]);
    expect(await get(`campaign=${otherCampaign.id}`)).toEqual([elsewhere.id]);
    // 00:30 on 1 July China time is July's, though it is still 30 June in UTC.
    expect(await get('from=2031-07-01&to=2031-07-31')).toEqual([gas.id]);
    expect(await get('from=2031-06-01&to=2031-06-30')).toEqual([ebike.id]);
    expect(await get(`unit=${pudong}&sort=deadline`)).toEqual([ebike.id, gas.id, elsewhere.id]);
    expect(await get('sort=-deadline')).toEqual([elsewhere.id, gas.id, ebike.id]);
    expect(await get('sort=foundAt')).toEqual([ebike.id, gas.id, elsewhere.id]);
    const paged = await stack.call('GET', `${base}&pageSize=2&page=2`, { as: 'cityAdmin' });
    expect(paged.body).toMatchObject({ total: 3, page: 2, pageSize: 2 });
    expect(ids(paged.body)).toEqual([elsewhere.id]);

    for (const [query, path] of [
      ['status=finished', 'status'],
      ['severity=fatal', 'severity'],
      ['sort=password', 'sort'],
      ['from=2031-02-30', 'from'],
    ]) {
      const response = await stack.call('GET', `${base}&${query}`, { as: 'cityAdmin' });
      expect(response.status, query).toBe(400);
      expect(response.body.error.issues[0].path).toBe(path);
    }
  });

  it('describes every hazard endpoint in /openapi.json', async () => {
    const { status, body } = await stack.call('GET', '/openapi.json', { as: null });
    expect(status).toBe(200);
    expect(Object.keys(body.paths['/api/hazards']).sort()).toEqual(['get', 'post']);
    expect(Object.keys(body.paths['/api/hazards/{id}']).sort()).toEqual(['get', 'patch']);
    for (const action of ['start', 'submissions', 'verify', 'extend']) {
      expect(body.paths[`/api/hazards/{id}/${action}`]?.post, action).toBeDefined();
    }
    expect(body.components.schemas.Hazard.properties.statusName).toBeDefined();
    expect(body.components.schemas.VerifyHazard).toBeDefined();
  });

  // Last: the API answers 413 before reading the whole body and the connection is dropped.
  it('refuses a payload over the size limit with 413, writing nothing', async () => {
    const before = await count();
    const huge = await stack.call('POST', '/api/hazards', {
      as: 'unitOfficer',
      body: hazardInput({ description: '隐'.repeat(600_000) }),
    });
    expect(huge.status).toBe(413);
    expect(huge.body.error.code).toBe('PAYLOAD_TOO_LARGE');
    expect(await count()).toBe(before);
  });
});
