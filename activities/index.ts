import type { Mailer } from '../lib/mailer.js';
import type {
  CampaignApi,
  DeadlineExtensionRequest,
  PhaseChange,
  ReminderRequest,
  SubjectType,
} from './api-client.js';

export interface ActivityDeps {
  api: CampaignApi;
  mailer: Mailer;
}

export type ReminderOutcome =
  { outcome: 'sent' | 'already_sent' | 'skipped' } | { outcome: 'obsolete'; subjectStatus: string };

export function createActivities({ api, mailer }: ActivityDeps) {
  return {
    async recordPhaseChange(change: PhaseChange): Promise<void> {
      await api.recordPhaseChange(change);
    },

    /**
     * Reserve (in the database, under its key) → send → mark sent. A retry after a failure in
     * between finds the reservation and sends the same message (same Message-ID) again; once it
     * is marked sent, no retry sends it a second time.
     */
    async sendReminder(request: ReminderRequest): Promise<ReminderOutcome> {
      const reservation = await api.reserveReminder(request);
      if (reservation.outcome !== 'send') return reservation;
      await mailer.send({
        to: reservation.to,
        cc: reservation.cc,
        subject: reservation.subject,
        text: reservation.text,
        messageId: reservation.messageId,
        ics: reservation.ics,
      });
      await api.markReminderSent(request.key);
      return { outcome: 'sent' };
    },

    async markOverdue(input: { subjectType: SubjectType; subjectId: string; since: string }) {
      await api.markOverdue(input);
    },

    async markEscalated(input: { hazardId: string; at: string }) {
      await api.markEscalated(input);
    },

    applyDeadlineExtension: (request: DeadlineExtensionRequest) =>
      api.applyDeadlineExtension(request),

    async recordCampaignCancellation(input: {
      campaignId: string;
      reason: string;
      actorId: string;
    }) {
      await api.recordCampaignCancellation(input);
    },
  };
}

export type CampaignActivities = ReturnType<typeof createActivities>;
