import type { DecisionMaker, DecisionMakerKind } from '../format/schema';

export interface ResolvedTraits {
  /** How far directness and determination land with them (C9, C7): 0–1. */
  attunement: number;
  /** How far they follow a set process rather than their own judgement: 0–1. */
  processOrientation: number;
  /** How much pressure and repetition they take before it irritates: 0–1. */
  patience: number;
  /** How free they are to make an offer on the spot: 0–1. */
  authority: number;
}

type Trait = keyof ResolvedTraits;

/**
 * Defaults by kind of decision-maker. Every number is an authored assumption: the domain
 * claims give the order between kinds (who is attuned, who follows a process, who can offer
 * alone), not sizes. Each has its reason below (`KIND_TRAIT_REASONS`); a scenario may override
 * any trait.
 */
export const KIND_TRAITS: Record<DecisionMakerKind, ResolvedTraits> = {
  'owner-manager': { attunement: 0.85, processOrientation: 0.2, patience: 0.6, authority: 1 },
  ceo: { attunement: 0.75, processOrientation: 0.3, patience: 0.5, authority: 1 },
  'sales-director': { attunement: 0.8, processOrientation: 0.4, patience: 0.5, authority: 0.7 },
  'hiring-manager': { attunement: 0.5, processOrientation: 0.5, patience: 0.5, authority: 0.6 },
  'hr-panel': { attunement: 0.2, processOrientation: 0.9, patience: 0.4, authority: 0.2 },
  recruiter: { attunement: 0.25, processOrientation: 0.85, patience: 0.3, authority: 0.1 },
};

/** Why each default has its value (authored assumptions, with the claim they follow). */
export const KIND_TRAIT_REASONS: Record<DecisionMakerKind, Record<Trait, string>> = {
  'owner-manager': {
    attunement:
      'C7 and C9: owner-managers are the ones who read persistence as commitment and often asked for their own jobs; the most attuned kind, short of certain',
    processOrientation: 'C7: an owner decides by judgement; some process remains (references, a second look)',
    patience: 'C7: they tolerate repeated approaches more than most before conceding or shutting the door',
    authority: 'it is their business: nobody else signs the offer',
  },
  ceo: {
    attunement:
      'C7: CEOs are named with owner-managers as those who concede to persistence; a little less hands-on',
    processOrientation: 'a CEO has an organisation behind them, so somewhat more process than an owner',
    patience: 'the middle of the scale: a busy senior person, neither quick to irritate nor slow',
    authority: 'a CEO can offer on their own say-so',
  },
  'sales-director': {
    attunement: 'C1 and C9: sales leaders expect a candidate to close; just below an owner',
    processOrientation: 'works inside a company process, though a sales culture bends it',
    patience: 'the middle of the scale',
    authority: 'can usually offer but some offers need HR or finance sign-off',
  },
  'hiring-manager': {
    attunement: 'C1 and C10: outside sales, closing helps but is not looked for: the middle of the scale',
    processOrientation: 'follows the organisation’s process about half the time: the middle of the scale',
    patience: 'the middle of the scale',
    authority: 'often needs HR or a second interviewer to agree before an offer',
  },
  'hr-panel': {
    attunement: 'C7: with process-bound decision-makers directness and persistence backfire; low, not zero',
    processOrientation: 'C4 and C5: a panel exists to run a fair, fixed process',
    patience: 'a panel reads pressure as a breach of process, so it tires sooner than average',
    authority: 'a panel recommends; the offer is made elsewhere and rarely on the spot',
  },
  recruiter: {
    attunement: 'C7: an intermediary screens against a brief, so directness counts for little',
    processOrientation: 'C4: a recruiter follows the client’s process and screening criteria',
    patience: 'a recruiter handles many candidates and has the least time for repeated approaches',
    authority: 'a recruiter cannot offer the job; the client decides',
  },
};

export function resolveTraits(dm: DecisionMaker): ResolvedTraits {
  return { ...KIND_TRAITS[dm.kind], ...dm.traits } as ResolvedTraits;
}
