import type { z } from '@hono/zod-openapi';
import { endOfShanghaiDay } from '../../domain/calendar/shanghai-time.js';
import { DomainError } from '../../domain/errors.js';
import type { FieldIssue } from '../contracts/common.js';

// One posted form through its contract and its service: what the page needs to either redirect
// (the service's result) or render the form again (status, message, field issues).

export type Attempt<T> =
  { ok: true; value: T } | { ok: false; status: 400 | 409; error: string; issues: FieldIssue[] };

const issuesOf = (error: z.ZodError): FieldIssue[] =>
  error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));

/** Parses `input` with the contract, then runs the service; a DomainError becomes a rejection. */
export async function attempt<S extends z.ZodType, T>(
  schema: S,
  input: unknown,
  run: (parsed: z.output<S>) => Promise<T>,
  what = '保存',
): Promise<Attempt<T>> {
  const invalid = `${what}未成功，请按提示修改后重试。`;
  const parsed = schema.safeParse(input);
  if (!parsed.success)
    return { ok: false, status: 400, error: invalid, issues: issuesOf(parsed.error) };
  try {
    return { ok: true, value: await run(parsed.data) };
  } catch (error) {
    if (error instanceof DomainError && error.code === 'CONFLICT') {
      return { ok: false, status: 409, error: `${what}未成功：${error.message}`, issues: [] };
    }
    if (error instanceof DomainError && error.code === 'VALIDATION_FAILED') {
      const issues = Array.isArray(error.details) ? (error.details as FieldIssue[]) : [];
      return { ok: false, status: 400, error: invalid, issues };
    }
    throw error;
  }
}

/** A `datetime-local` value (China time, no offset) as an ISO instant; anything else unchanged. */
export function chinaInstant(value: string | undefined): string | undefined {
  const text = value?.trim();
  if (!text) return undefined;
  return /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(text) ? `${text}:00+08:00` : text;
}

/** Today's date in China (YYYY-MM-DD), for a date field's default. */
export const chinaDate = (at: Date) =>
  new Date(at.getTime() + 8 * 60 * 60 * 1000).toISOString().slice(0, 10);

/** Now in China as a `datetime-local` value (YYYY-MM-DDTHH:mm). */
export const chinaDateTime = (at: Date) =>
  new Date(at.getTime() + 8 * 60 * 60 * 1000).toISOString().slice(0, 16);

/**
 * A deadline picked as a calendar date means the end of that day in China (24:00, as deadlines
 * are shown); other values are left to the contract.
 */
export function deadlineOfDate(value: unknown): unknown {
  return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value.trim())
    ? endOfShanghaiDay(value.trim()).toISOString()
    : value;
}
