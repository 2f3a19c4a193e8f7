// The length of one day of a campaign's calendar in real time: a real day for a real campaign, a
// few seconds for a compressed demo. Calendar scales, reminder settings and the dashboard all
// take it from here.

/** One real calendar day in milliseconds. */
export const DAY_MS = 86_400_000;

/** Real milliseconds per campaign-calendar day (`demoSecondsPerDay` seconds for a demo). */
export const campaignDayLength = (campaign: { demoSecondsPerDay: number | null }): number =>
  campaign.demoSecondsPerDay === null ? DAY_MS : campaign.demoSecondsPerDay * 1000;
