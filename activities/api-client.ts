import { ApplicationFailure } from '@temporalio/common';
import type { z } from '@hono/zod-openapi';
import {
  DeadlineWriteSchema,
  OkSchema,
  PhaseChangeResultSchema,
  ReservationSchema,
  type DeadlineWrite,
  type EscalationRequest,
  type MarkOverdueRequest,
  type PhaseChange,
  type ReminderRequest,
  type Reservation,
} from '../api/contracts/worker-api.js';
import { isErrorCode } from '../domain/errors.js';

/** What activities need from the API. Tests pass their own value of this type. */
export interface CampaignApi {
  recordPhaseChange(change: PhaseChange): Promise<void>;
  reserveReminder(request: ReminderRequest): Promise<Reservation>;
  markReminderSent(key: string): Promise<void>;
  markOverdue(input: MarkOverdueRequest): Promise<DeadlineWrite>;
  markEscalated(input: EscalationRequest): Promise<DeadlineWrite>;
}

export interface HttpApiOptions {
  baseUrl: string;
  token: string;
  /** Per-request timeout; the activity's own timeout and retry policy sit above it. */
  timeoutMs?: number;
}

/**
 * Client for the API over HTTP (workers never open the database). Every answer is parsed with the
 * worker↔API contract. A 4xx other than 408/429 is a business failure that retrying cannot fix:
 * a non-retryable ApplicationFailure typed with the API's error code. Anything else (network,
 * 5xx, an answer that does not match the contract) is thrown plainly so Temporal retries it.
 */
export function createHttpApi({ baseUrl, token, timeoutMs = 15_000 }: HttpApiOptions): CampaignApi {
  async function send<S extends z.ZodType>(
    schema: S,
    method: string,
    path: string,
    body: unknown,
  ): Promise<z.output<S>> {
    const response = await fetch(new URL(path, baseUrl), {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(timeoutMs),
    });
    const text = await response.text();
    const payload: unknown = text ? JSON.parse(text) : undefined;
    if (response.ok) {
      const parsed = schema.safeParse(payload);
      if (!parsed.success) {
        throw new Error(`${method} ${path}: answer outside the contract: ${parsed.error.message}`);
      }
      return parsed.data;
    }
    const error = (payload as { error?: { code?: unknown; message?: string } } | undefined)?.error;
    const message = `${method} ${path} → ${response.status}: ${error?.message ?? text}`;
    if (response.status >= 400 && response.status < 500 && ![408, 429].includes(response.status)) {
      throw ApplicationFailure.nonRetryable(
        message,
        isErrorCode(error?.code) ? error.code : 'INTERNAL',
      );
    }
    throw new Error(message);
  }
  const id = encodeURIComponent;

  return {
    async recordPhaseChange({ campaignId, ...change }) {
      await send(
        PhaseChangeResultSchema,
        'POST',
        `/api/campaigns/${id(campaignId)}/phase-changes`,
        change,
      );
    },
    reserveReminder: (request) =>
      send(ReservationSchema, 'POST', '/api/internal/reminders', request),
    async markReminderSent(key) {
      await send(OkSchema, 'POST', `/api/internal/reminders/${id(key)}/sent`, {});
    },
    markOverdue: (input) => send(DeadlineWriteSchema, 'POST', '/api/internal/overdue', input),
    markEscalated: ({ hazardId, ...input }) =>
      send(DeadlineWriteSchema, 'POST', `/api/internal/hazards/${id(hazardId)}/escalation`, input),
  };
}
