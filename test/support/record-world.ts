import type { DatabaseKind } from './databases.js';
import { createCampaign, createEnterprise, createUser, unitId } from './fixtures.js';
import { startTestStack, type TestStack } from './stack.js';

/**
 * What the officer-recorded record suites (spot checks, cases, assistance, interviews, risk
 * reports) start from: a stack without worker, a real-calendar campaign, 浦东新区 (the demo
 * officer's unit) and 黄浦 with an officer of its own, and one enterprise in each.
 */
export interface RecordWorld {
  stack: TestStack;
  campaign: Awaited<ReturnType<typeof createCampaign>>;
  pudong: string;
  huangpu: string;
  huangpuOfficer: { token: string };
  ours: { id: string; name: string };
  theirs: { id: string };
}

export async function startRecordWorld(database: DatabaseKind): Promise<RecordWorld> {
  const stack = await startTestStack({ database, worker: false });
  const huangpuOfficer = await createUser(stack, { role: 'unit_officer', unitCode: 'huangpu' });
  return {
    stack,
    campaign: await createCampaign(stack, 2027),
    pudong: await unitId(stack, 'pudong'),
    huangpu: await unitId(stack, 'huangpu'),
    huangpuOfficer,
    ours: await createEnterprise(stack, 'unitOfficer'),
    theirs: await createEnterprise(stack, huangpuOfficer),
  };
}

export const ids = (body: { items: { id: string }[] }) => body.items.map((item) => item.id);

export { issuePaths } from './contract-cases.js';
