import type { RouteHandler, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { DomainError } from '../../../domain/errors.js';
import { SubmitDutySchema } from '../../contracts/duties.js';
import { downloadAttachment } from '../../files/download.js';
import { isMultipart, readUploads } from '../../files/uploads.js';
import type { AppEnv } from '../../lib/context.js';
import { zodIssues } from '../../lib/validation.js';
import * as duties from '../../services/reporting/duties.js';
import type * as routes from './duties.routes.js';

export const listDuties: RouteHandler<typeof routes.listDuties, AppEnv> = async (c) =>
  c.json(await duties.listDuties(c.var.deps, c.var.user, c.req.valid('query')), 200);

export const getDuty: RouteHandler<typeof routes.getDuty, AppEnv> = async (c) =>
  c.json(await duties.getDuty(c.var.deps, c.var.user, c.req.valid('param')), 200);

/** A multipart submission: its text fields parsed by the JSON contract, its files as uploads. */
async function multipartSubmission(c: Context<AppEnv>) {
  const uploads = await readUploads(c, ['files']);
  const body = await c.req.parseBody({ all: true });
  const text = (name: string) => {
    const value = body[name];
    return typeof value === 'string' && value.trim() !== '' ? value : undefined;
  };
  const ids = ([] as unknown[])
    .concat(body.typicalCaseIds ?? [])
    .filter((v): v is string => typeof v === 'string' && v !== '');
  const parsed = SubmitDutySchema.safeParse({
    text: text('text'),
    reason: text('reason'),
    typicalCaseIds: body.typicalCaseIds === undefined ? undefined : ids,
    noTypicalCases:
      text('noTypicalCases') === undefined ? undefined : text('noTypicalCases') === 'true',
  });
  if (!parsed.success) {
    throw new DomainError('VALIDATION_FAILED', '请求参数校验失败', zodIssues(parsed.error));
  }
  return { ...parsed.data, uploads };
}

export const submitDuty: RouteHandler<typeof routes.submitDuty, AppEnv> = async (c) => {
  const input = isMultipart(c)
    ? await multipartSubmission(c)
    : (c.req.valid('json') as z.output<typeof SubmitDutySchema>);
  return c.json(
    await duties.submitDuty(c.var.deps, c.var.user, { ...input, ...c.req.valid('param') }),
    201,
  );
};

export const downloadDutyFile: RouteHandler<typeof routes.downloadDutyFile, AppEnv> = async (c) => {
  const attachment = await duties.dutyAttachment(c.var.deps, c.var.user, c.req.valid('param'));
  return downloadAttachment(c, c.var.deps.files, attachment);
};
