import { campaignDayLength } from '../../../domain/calendar/day-length.js';
import type { AgendaSettings } from '../../../domain/timeline/deadline-agenda.js';

interface CampaignTiming {
  demoSecondsPerDay: number | null;
  reminderOffsetsDays: number[];
  overdueRepeatDays: number;
  escalationGraceDays: number;
}

/** One calendar day of this campaign in whole milliseconds, as timers and durations count it. */
export const campaignDayMs = (campaign: Pick<CampaignTiming, 'demoSecondsPerDay'>) =>
  Math.round(campaignDayLength(campaign));

/** A campaign's reminder settings materialised into durations: workflows only see these. */
export function agendaSettings(campaign: CampaignTiming, escalate = false): AgendaSettings {
  const day = campaignDayMs(campaign);
  return {
    offsets: [...campaign.reminderOffsetsDays]
      .sort((a, b) => b - a)
      .map((days) => ({ days, ms: days * day })),
    overdueRepeatMs: campaign.overdueRepeatDays * day,
    ...(escalate ? { escalationGraceMs: campaign.escalationGraceDays * day } : {}),
  };
}
