import { proxyActivities, workflowInfo } from '@temporalio/workflow';
import type { CampaignActivities } from '../activities/index.js';

/**
 * E-mail: an SMTP outage must not drop a reminder, so retry without limit, backing off to five
 * minutes; each attempt is short (connect and send), and the reservation key makes retries safe.
 */
export const mail = proxyActivities<Pick<CampaignActivities, 'sendReminder'>>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '5 seconds', backoffCoefficient: 2, maximumInterval: '5 minutes' },
});

/** Small idempotent API writes: retry quickly and keep trying while the API is down. */
export const records = proxyActivities<Omit<CampaignActivities, 'sendReminder'>>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
});

/** Keep histories to a few thousand events: past this, a long-lived workflow continues as new. */
export const DEFAULT_HISTORY_LIMIT = 2_000;

export function historyTooLong(limit = DEFAULT_HISTORY_LIMIT): boolean {
  const info = workflowInfo();
  return info.continueAsNewSuggested || info.historyLength > limit;
}

/**
 * The record's deadline when the API answered that it is no longer the one the workflow planned
 * with (a deadline-change signal that never arrived), else null. Answers recorded before the API
 * gave one (undefined in old histories) count as "not moved".
 */
export function movedDeadline(answer: { outcome: string } | undefined): number | null {
  return answer && 'deadline' in answer && answer.outcome === 'moved'
    ? Date.parse(answer.deadline as string)
    : null;
}

export const iso = (epochMs: number) => new Date(epochMs).toISOString();
