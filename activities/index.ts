import type {
  DeadlineWrite,
  EscalationRequest,
  MarkOverdueRequest,
  PhaseChange,
  ReminderRequest,
  Reservation,
} from '../api/contracts/worker-api.js';
import type { Mailer } from '../lib/mailer.js';
import type { CampaignApi } from './api-client.js';

export interface ActivityDeps {
  api: CampaignApi;
  mailer: Mailer;
}

/** What became of a reminder: sent, or the reservation's reason for not sending it. */
export type ReminderOutcome = { outcome: 'sent' } | Exclude<Reservation, { outcome: 'send' }>;

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
      const { subject, ics } = reservation;
      if (reservation.to.length > 0 || reservation.cc.length > 0) {
        await mailer.send({
          to: reservation.to,
          cc: reservation.cc,
          subject,
          text: reservation.text,
          messageId: reservation.messageId,
          ics,
        });
      }
      // Each enterprise user's own message, with their sign-in link; a retry resends them all
      // under the same Message-IDs.
      for (const own of reservation.personal ?? []) {
        await mailer.send({
          to: [own.to],
          cc: [],
          subject,
          text: own.text,
          messageId: own.messageId,
          ics,
        });
      }
      await api.markReminderSent(request.key);
      return { outcome: 'sent' };
    },

    markOverdue: (input: MarkOverdueRequest): Promise<DeadlineWrite> => api.markOverdue(input),

    markEscalated: (input: EscalationRequest): Promise<DeadlineWrite> => api.markEscalated(input),
  };
}

export type CampaignActivities = ReturnType<typeof createActivities>;
