import { calendarScale } from '../../../domain/calendar/materialise.js';
import { toCalendarInstant, type CalendarScale } from '../../../domain/calendar/scale.js';
import { shanghaiDateOf } from '../../../domain/calendar/shanghai-time.js';
import { CAMPAIGN_TEMPLATES } from '../../../domain/calendar/templates.js';

interface CampaignTiming {
  templateCode: string;
  year: number;
  startsAt: Date;
  demoSecondsPerDay: number | null;
}

/** The campaign's calendar scale (the identity for real campaigns). */
export function campaignScale(campaign: CampaignTiming): CalendarScale {
  const template = CAMPAIGN_TEMPLATES[campaign.templateCode];
  if (!template) throw new Error(`Unknown campaign template ${campaign.templateCode}`);
  return calendarScale(
    template,
    campaign.year,
    campaign.demoSecondsPerDay === null
      ? { kind: 'real' }
      : {
          kind: 'compressed',
          origin: campaign.startsAt,
          secondsPerDay: campaign.demoSecondsPerDay,
        },
  );
}

/** The campaign calendar's date of an instant (for a demo, the compressed calendar's date). */
export const campaignDateOf = (campaign: CampaignTiming, instant: Date) =>
  shanghaiDateOf(toCalendarInstant(campaignScale(campaign), instant));
