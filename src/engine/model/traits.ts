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
};

export function resolveTraits(dm: DecisionMaker): ResolvedTraits {
  return { ...KIND_TRAITS[dm.kind], ...dm.traits } as ResolvedTraits;
}
