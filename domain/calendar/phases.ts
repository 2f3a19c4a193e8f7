export const CAMPAIGN_PHASES = [
  'deployment',
  'investigation',
  'resolution',
  'consolidation',
] as const;
export type CampaignPhase = (typeof CAMPAIGN_PHASES)[number];

/** The phase a campaign is in: before the first phase, one of the four, or after the last. */
export const CAMPAIGN_STATES = ['not_started', ...CAMPAIGN_PHASES, 'closed'] as const;
export type CampaignState = (typeof CAMPAIGN_STATES)[number];

export const CAMPAIGN_STATE_NAMES: Record<CampaignState, string> = {
  not_started: '未开始',
  deployment: '部署启动阶段',
  investigation: '排查阶段',
  resolution: '化解隐患阶段',
  consolidation: '巩固提升阶段',
  closed: '已结束',
};

export interface PhaseTransition {
  state: CampaignState;
  /** ISO instant. */
  at: string;
}

interface PhaseStart {
  key: CampaignPhase;
  startsAt: string;
}

/**
 * The instants at which the campaign's state changes. Phases overlap as the notice writes them
 * (deployment June–July, investigation July–August), so the state is the most recently started
 * phase; the campaign closes when the last phase ends.
 */
export function phaseTransitions(phases: readonly PhaseStart[], endsAt: string): PhaseTransition[] {
  const ordered = [...phases].sort((a, b) => Date.parse(a.startsAt) - Date.parse(b.startsAt));
  return [
    ...ordered.map((p): PhaseTransition => ({ state: p.key, at: p.startsAt })),
    { state: 'closed', at: endsAt },
  ];
}

/** The state at an instant, from the same transitions the workflow follows. */
export function stateAt(transitions: readonly PhaseTransition[], instant: Date): CampaignState {
  let state: CampaignState = 'not_started';
  for (const t of transitions) {
    if (Date.parse(t.at) <= instant.getTime()) state = t.state;
  }
  return state;
}

export function stateOrder(state: CampaignState): number {
  return CAMPAIGN_STATES.indexOf(state);
}
