import type { DecisionMaker, DecisionMakerKind } from '../format/schema';

export interface ResolvedTraits {
  attunement: number;
  processOrientation: number;
  patience: number;
  authority: number;
}

/** Defaults by kind of decision-maker (authored assumptions drawn from domain claims C7 and C9). */
export const KIND_TRAITS: Record<DecisionMakerKind, ResolvedTraits> = {
  'owner-manager': { attunement: 0.85, processOrientation: 0.2, patience: 0.6, authority: 1 },
  ceo: { attunement: 0.75, processOrientation: 0.3, patience: 0.5, authority: 1 },
  'sales-director': { attunement: 0.8, processOrientation: 0.4, patience: 0.5, authority: 0.7 },
  'hiring-manager': { attunement: 0.5, processOrientation: 0.5, patience: 0.5, authority: 0.6 },
  'hr-panel': { attunement: 0.2, processOrientation: 0.9, patience: 0.4, authority: 0.2 },
  recruiter: { attunement: 0.25, processOrientation: 0.85, patience: 0.3, authority: 0.1 },
  // Authored assumptions for the kinds authors asked for (issue #12), placed between the kinds above:
  // a chief operating officer runs the operation by process but can hire into it (between a CEO and a hiring manager).
  coo: { attunement: 0.55, processOrientation: 0.6, patience: 0.5, authority: 0.8 },
  // A founder decides alone and, like the owner-managers of C7 and C9, often asked for their own first jobs.
  founder: { attunement: 0.85, processOrientation: 0.15, patience: 0.55, authority: 1 },
  // A department head hires for their team within a budget someone else signs off (a hiring manager with more say).
  'department-head': { attunement: 0.5, processOrientation: 0.55, patience: 0.5, authority: 0.65 },
  // A board decides as a group by procedure: little room for a direct ask to land, no offer on the spot (like hr-panel).
  board: { attunement: 0.15, processOrientation: 0.95, patience: 0.35, authority: 0.15 },
};

/** Why each kind's defaults are what they are (shown in docs/authoring.md and by tools). */
export const KIND_REASONS: Record<DecisionMakerKind, string> = {
  'owner-manager': 'Domain claims C7 and C9: attuned to a direct ask and to persistence; decides alone.',
  ceo: 'Domain claims C7 and C9: attuned to directness; full authority, a little less patient.',
  'sales-director':
    'Domain claim C9: a seller reads a confident close as the job being done; some authority.',
  'hiring-manager': 'Authored assumption: the middle of every scale; can recommend more than decide.',
  'hr-panel': 'Authored assumption: a process decides, so attunement and authority are low.',
  recruiter: 'Authored assumption: screens for a client, by process; cannot offer.',
  coo: 'Authored assumption: runs the operation by process but can hire into it (between ceo and hiring-manager).',
  founder: 'Authored assumption from C7 and C9: like an owner-manager, deciding alone, even less process.',
  'department-head':
    'Authored assumption: hires for their team within a budget others sign off (a hiring-manager with more say).',
  board: 'Authored assumption: a group deciding by procedure, like hr-panel; no offer on the spot.',
};

export function resolveTraits(dm: DecisionMaker): ResolvedTraits {
  return { ...KIND_TRAITS[dm.kind], ...dm.traits } as ResolvedTraits;
}
