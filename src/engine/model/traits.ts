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
  coo: {
    attunement:
      'authored assumption: an operations chief values drive but judges it against how the operation runs, between a CEO and a hiring manager',
    processOrientation:
      'C4: runs the operation by its processes, so a hire follows them more than a CEO’s would',
    patience: 'authored assumption: the middle of the scale, like a hiring manager',
    authority: 'can hire into the operation they run, short of the final word a CEO or owner has',
  },
  founder: {
    attunement:
      'C7 and C9: like an owner-manager, a founder decides alone and often asked for their own first jobs',
    processOrientation: 'C7: a young company has the least process; the founder decides by judgement',
    patience: 'C7: tolerates repeated approaches a little less than an established owner, with less time',
    authority: 'the founder decides alone and can offer on the spot',
  },
  'department-head': {
    attunement: 'authored assumption: a line manager, like a hiring manager, in the middle of the scale',
    processOrientation:
      'C4: hires within a budget and a process others sign off, a little more than a hiring manager',
    patience: 'authored assumption: the middle of the scale, like a hiring manager',
    authority: 'more say than a hiring manager over their own team, but the budget is signed off above them',
  },
  board: {
    attunement: 'C7: a group deciding by procedure leaves little room for a direct ask to land, like a panel',
    processOrientation: 'C4: a board decides by procedure and vote, the most process-bound kind',
    patience: 'a board meets rarely and has little time for repeated approaches',
    authority: 'a board decides together, after the meeting, almost never on the spot',
  },
};

export function resolveTraits(dm: DecisionMaker): ResolvedTraits {
  return { ...KIND_TRAITS[dm.kind], ...dm.traits } as ResolvedTraits;
}
