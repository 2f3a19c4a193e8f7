import type { AgendaSettings } from '../../workflows/deadline-agenda.js';

const DAY_MS = 86_400_000;

interface CampaignTiming {
  demoSecondsPerDay: number | null;
  reminderOffsetsDays: number[];
  overdueRepeatDays: number;
  escalationGraceDays: number;
}

/** How long one calendar day of this campaign lasts in real time (compressed for demos). */
export const campaignDayMs = (campaign: Pick<CampaignTiming, 'demoSecondsPerDay'>) =>
  campaign.demoSecondsPerDay === null ? DAY_MS : Math.round(campaign.demoSecondsPerDay * 1000);

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
