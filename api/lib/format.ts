import { SHANGHAI_OFFSET_MS } from '../../domain/calendar/shanghai-time.js';

/** ISO 8601 with the +08:00 offset: an exact instant that reads as China time. */
export function toShanghaiIso(instant: Date): string {
  const local = new Date(instant.getTime() + SHANGHAI_OFFSET_MS).toISOString();
  const withoutZone = local.endsWith('.000Z') ? local.slice(0, 19) : local.slice(0, 23);
  return `${withoutZone}+08:00`;
}
