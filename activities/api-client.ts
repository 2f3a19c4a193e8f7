import { ApplicationFailure } from '@temporalio/common';
import { isErrorCode } from '../domain/errors.js';
import type { CampaignState } from '../domain/calendar/phases.js';

export interface PhaseChange {
  campaignId: string;
  state: CampaignState;
  at: string;
}

/** What activities need from the API. Tests pass their own value of this type. */
export interface CampaignApi {
  recordPhaseChange(change: PhaseChange): Promise<void>;
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
  async function send(method: string, path: string, body?: unknown): Promise<unknown> {
    const response = await fetch(new URL(path, baseUrl), {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(timeoutMs),
    });
    const text = await response.text();
    const payload: unknown = text ? JSON.parse(text) : undefined;
    if (response.ok) return payload;
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

  return {
    async recordPhaseChange(change) {
      await send('POST', `/api/campaigns/${encodeURIComponent(change.campaignId)}/phase-changes`, {
        state: change.state,
        at: change.at,
      });
    },
  };
}
