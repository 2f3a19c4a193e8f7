import type { CampaignApi, PhaseChange } from './api-client.js';

export interface ActivityDeps {
  api: CampaignApi;
}

export function createActivities({ api }: ActivityDeps) {
  return {
    async recordPhaseChange(change: PhaseChange): Promise<void> {
      await api.recordPhaseChange(change);
    },
  };
}

export type CampaignActivities = ReturnType<typeof createActivities>;
