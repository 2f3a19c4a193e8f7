import { ApplicationFailure } from '@temporalio/common';
import type { CampaignState } from '../domain/calendar/phases.js';
import { isErrorCode } from '../domain/errors.js';
import type { ReminderKind } from '../domain/reminders/templates.js';

export interface PhaseChange {
  campaignId: string;
  state: CampaignState;
  at: string;
}

export type SubjectType = 'duty' | 'hazard' | 'task';

export interface ReminderRequest {
  key: string;
  kind: ReminderKind;
  subjectType: SubjectType;
  subjectId: string;
  daysLeft?: number;
  repeat?: number;
}

/** The API's answer to a reservation: what to send, or why not. */
export type Reservation =
  | {
      outcome: 'send';
      messageId: string;
      to: string[];
      cc: string[];
      subject: string;
      text: string;
      ics: { filename: string; content: string };
    }
  | { outcome: 'already_sent' | 'skipped' }
  /** The subject no longer needs it (duty submitted, hazard closed …): its current status. */
  | { outcome: 'obsolete'; subjectStatus: string };

export interface DeadlineExtensionRequest {
  campaignId: string;
  kind: string;
  period: string;
  unitId?: string;
  dueAt: string;
  reason: string;
  actorId: string;
}

/** What activities need from the API. Tests pass their own value of this type. */
export interface CampaignApi {
  recordPhaseChange(change: PhaseChange): Promise<void>;
  reserveReminder(request: ReminderRequest): Promise<Reservation>;
  markReminderSent(key: string): Promise<void>;
  markOverdue(input: { subjectType: SubjectType; subjectId: string; since: string }): Promise<void>;
  markEscalated(input: { hazardId: string; at: string }): Promise<void>;
  applyDeadlineExtension(
    request: DeadlineExtensionRequest,
  ): Promise<{ duties: { dutyId: string; unitId: string; dueAt: string }[] }>;
  recordCampaignCancellation(input: {
    campaignId: string;
    reason: string;
    actorId: string;
  }): Promise<void>;
}

export interface HttpApiOptions {
  baseUrl: string;
  token: string;
  /** Per-request timeout; the activity's own timeout and retry policy sit above it. */
  timeoutMs?: number;
}

/**
 * Client for the API over HTTP (workers never open the database). A 4xx other than 408/429 is a
 * business failure that retrying cannot fix: a non-retryable ApplicationFailure typed with the
 * API's error code. Anything else (network, 5xx) is thrown plainly so Temporal retries it.
 */
export function createHttpApi({ baseUrl, token, timeoutMs = 15_000 }: HttpApiOptions): CampaignApi {
  async function send<T>(method: string, path: string, body?: unknown): Promise<T> {
    const response = await fetch(new URL(path, baseUrl), {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(timeoutMs),
    });
    const text = await response.text();
    const payload: unknown = text ? JSON.parse(text) : undefined;
    if (response.ok) return payload as T;
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
    async recordPhaseChange(change) {
      await send('POST', `/api/campaigns/${id(change.campaignId)}/phase-changes`, {
        state: change.state,
        at: change.at,
      });
    },
    reserveReminder: (request) => send('POST', '/api/internal/reminders', request),
    async markReminderSent(key) {
      await send('POST', `/api/internal/reminders/${id(key)}/sent`, {});
    },
    async markOverdue(input) {
      await send('POST', '/api/internal/overdue', input);
    },
    async markEscalated(input) {
      await send('POST', `/api/internal/hazards/${id(input.hazardId)}/escalation`, {
        at: input.at,
      });
    },
    applyDeadlineExtension: ({ campaignId, ...extension }) =>
      send('POST', `/api/internal/campaigns/${id(campaignId)}/deadline-extensions`, extension),
    async recordCampaignCancellation({ campaignId, ...rest }) {
      await send('POST', `/api/internal/campaigns/${id(campaignId)}/cancellation`, rest);
    },
  };
}
