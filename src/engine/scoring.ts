import type { OutcomeName } from './format/schema';
import { clamp } from './model/decision';
import { weight } from './model/weights';
import type { Compiled } from './runtime/compile';
import type { State } from './runtime/state';
import type { Score, ScoreDimension } from './types';

// Weights read on every judgement, looked up once when the module loads (not a Map lookup per read).
const W_VALUE_OFFER_NOW = weight('valueOfferNow');
const W_VALUE_OFFER_LATER = weight('valueOfferLater');
const W_VALUE_NEXT_STAGE = weight('valueNextStage');
const W_VALUE_SHORTLISTED = weight('valueShortlisted');
const W_VALUE_NO_DECISION = weight('valueNoDecision');
const W_VALUE_WITHDRAWN = weight('valueWithdrawn');
const W_VALUE_REJECTION = weight('valueRejection');
const W_VALUE_RESCINDED = weight('valueRescinded');
const W_OUTCOME_WEIGHT = weight('outcomeWeight');
const W_TERMS_WEIGHT = weight('termsWeight');
const W_TIMING_WEIGHT = weight('timingWeight');
const W_PROFESSIONALISM_WEIGHT = weight('professionalismWeight');
const W_RELATIONSHIP_WEIGHT = weight('relationshipWeight');
const W_DOOR_SHUT_OUTCOME = weight('doorShutOutcome');
const W_REL_IRRITATION = weight('relIrritation');
const W_REL_RAPPORT = weight('relRapport');
const W_REL_KEENNESS = weight('relKeenness');
const W_DOOR_SHUT_RELATIONSHIP = weight('doorShutRelationship');
const W_NO_CLOSE_TIMING = weight('noCloseTiming');

/** How good each outcome is for the candidate, 0–100 (authored assumptions in `model/weights.ts`). */
export const OUTCOME_VALUE: Record<OutcomeName, number> = {
  'offer-now': W_VALUE_OFFER_NOW,
  'offer-later': W_VALUE_OFFER_LATER,
  'next-stage': W_VALUE_NEXT_STAGE,
  shortlisted: W_VALUE_SHORTLISTED,
  'no-decision': W_VALUE_NO_DECISION,
  withdrawn: W_VALUE_WITHDRAWN,
  rejection: W_VALUE_REJECTION,
  'offer-rescinded': W_VALUE_RESCINDED,
};

const WEIGHTS = {
  outcome: W_OUTCOME_WEIGHT,
  terms: W_TERMS_WEIGHT,
  timing: W_TIMING_WEIGHT,
  professionalism: W_PROFESSIONALISM_WEIGHT,
  relationship: W_RELATIONSHIP_WEIGHT,
};

const PCT = weight('percent');

/** The outcome dimension: the outcome's value, less the cost of a door shut for good. */
function outcomeOf(state: State): number {
  if (!state.result) return 0;
  const base = OUTCOME_VALUE[state.result];
  return state.doorClosed ? Math.max(0, base - W_DOOR_SHUT_OUTCOME) : base;
}

function termsOf(compiled: Compiled, state: State): number {
  if (state.salary === null) return 0; // no offer: no terms to judge (the Debrief says "no offer")
  const dm = compiled.scenario.decisionMakers[compiled.lead]!;
  const target = Math.min(compiled.scenario.candidate.targetSalary, dm.salary.max);
  const span = Math.max(1, target - dm.salary.min);
  return Math.round(clamp((state.salary - dm.salary.min) / span) * PCT);
}

function relationshipOf(compiled: Compiled, state: State): number {
  const h = state.hidden[compiled.lead]!;
  const warmth = clamp(
    W_REL_IRRITATION * (1 - h.irritation) + W_REL_RAPPORT * h.rapport + W_REL_KEENNESS * h.keenness,
  );
  return Math.round(warmth * (state.doorClosed ? W_DOOR_SHUT_RELATIONSHIP : 1) * PCT);
}

/** Professionalism lost after the interview (a bluff in negotiation, a broken promise). */
const laterPenalty = (state: State): number => state.penalty ?? 0;

/**
 * The parts of the total: `fixed` is settled when the interview ends (timing and the
 * professionalism shown in it); `dynamic` is the rest, including professionalism lost later.
 */
export function scoreParts(compiled: Compiled, state: State): { dynamic: number; fixed: number } {
  const timing = state.close ? state.close.timing : W_NO_CLOSE_TIMING;
  return {
    dynamic:
      outcomeOf(state) * WEIGHTS.outcome +
      termsOf(compiled, state) * WEIGHTS.terms +
      relationshipOf(compiled, state) * WEIGHTS.relationship -
      laterPenalty(state) * WEIGHTS.professionalism,
    fixed: timing * WEIGHTS.timing + Math.round(state.professionalism) * WEIGHTS.professionalism,
  };
}

export const totalOf = (dynamic: number, fixed: number): number => clamp(Math.round(dynamic + fixed), 0, PCT);

/**
 * The total before rounding. Searches for the best and worst play compare these, so two plays
 * that show the same whole-number score are told apart by what rounding hid (a warmer decision-
 * maker, a few pounds more); `Math.round` of it is `totalOf`.
 */
export const rawTotalOf = (dynamic: number, fixed: number): number => clamp(dynamic + fixed, 0, PCT);

/** The score of a finished (or, provisionally, unfinished) playthrough. Always within 0–100. */
export function scoreState(compiled: Compiled, state: State): Score {
  const scenario = compiled.scenario;
  const dm = scenario.decisionMakers[compiled.lead]!;
  const terms = termsOf(compiled, state);
  const termsNote =
    state.salary === null
      ? noOfferNote(state.result)
      : `${dm.salary.currency} ${state.salary.toLocaleString('en-GB')} against a target of ${scenario.candidate.targetSalary.toLocaleString('en-GB')}.`;
  const timing = state.close ? state.close.timing : W_NO_CLOSE_TIMING;
  const professionalism = clamp(Math.round(state.professionalism) - laterPenalty(state), 0, PCT);
  const dims: ScoreDimension[] = [
    {
      id: 'outcome',
      label: 'Outcome',
      value: outcomeOf(state),
      weight: WEIGHTS.outcome,
      note: state.result
        ? `The result: ${state.result.replace('-', ' ')}${state.doorClosed ? ', with the door shut for good' : ''}.`
        : 'Not finished.',
    },
    {
      id: 'terms',
      label: 'Terms of the offer',
      value: terms,
      weight: WEIGHTS.terms,
      note: termsNote,
      ...(state.salary === null ? { status: 'no-offer' as const } : {}),
    },
    {
      id: 'timing',
      label: 'Timing judgement',
      value: timing,
      weight: WEIGHTS.timing,
      note: state.close
        ? 'How well the moment and the form of your close fitted the process.'
        : 'You never asked: the decision was left to them.',
    },
    {
      id: 'professionalism',
      label: 'Professionalism',
      value: professionalism,
      weight: WEIGHTS.professionalism,
      note:
        laterPenalty(state) > 0
          ? 'Your answers, your delivery and your honesty, including what you did after the interview.'
          : 'Your answers, your delivery and your honesty.',
    },
    {
      id: 'relationship',
      label: 'Relationship',
      value: relationshipOf(compiled, state),
      weight: WEIGHTS.relationship,
      note: state.doorClosed ? 'You pushed until they shut the door.' : 'How they feel about you now.',
    },
  ];
  const parts = scoreParts(compiled, state);
  return { dimensions: dims, total: totalOf(parts.dynamic, parts.fixed) };
}

/** Why there are no terms to judge: there is no offer at the end. */
function noOfferNote(result: OutcomeName | null): string {
  if (result === 'withdrawn')
    return 'You turned the offer down, so no terms were agreed: no offer, nothing scored here.';
  if (result === 'offer-rescinded')
    return 'The offer was withdrawn, so no terms were agreed: no offer, nothing scored here.';
  return 'No offer was made, so there were no terms to judge: no offer, nothing scored here.';
}
