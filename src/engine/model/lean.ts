/**
 * The lean: where the decision-maker started, how the interview moved them, and the decision
 * they make alone when the interview ends without a close.
 */
import type { HiddenState } from '../types';
import { explain, type Judgement, normalise } from './attribution';
import { isComplete, openness, readiness } from './situation';
import { type DecisionContext, keenWord, pct, plural, sigmoid, signed, type Term, type Text } from './terms';
import { WORDS, weight } from './weights';

// Weights read on every judgement, looked up once when the module loads (not a Map lookup per read).
const W_KEENNESS = weight('keenness');
const W_KEENNESS_PIVOT = weight('keennessPivot');
const W_DOUBT = weight('doubt');
const W_IRRITATION = weight('irritation');
const W_RAPPORT = weight('rapport');
const W_RAPPORT_PIVOT = weight('rapportPivot');
const W_READINESS = weight('readiness');
const W_READINESS_PIVOT = weight('readinessPivot');
const W_PREVIOUS_CANDIDATE = weight('previousCandidate');
const W_OPENNESS_SHOWN = weight('opennessShown');
const W_VACANCIES = weight('vacancies');
const W_DEADLINE_DAYS = weight('deadlineDays');
const W_DEADLINE = weight('deadline');
const W_REJECT_BASE = weight('rejectBase');
const W_REJECT_IRRITATION = weight('rejectIrritation');
const W_REJECT_COOL = weight('rejectCool');
const W_REJECT_PIVOT = weight('rejectPivot');
const W_BASE = weight('base');
const W_SILENT_HOLD = weight('silentHold');

// ---------------------------------------------------------------------------- the lean

export function startOf(ctx: DecisionContext, base: number): { z: number; text: Text } {
  const h0 = ctx.initial ?? ctx.hidden;
  const z =
    base +
    W_KEENNESS * (h0.keenness - W_KEENNESS_PIVOT) -
    W_DOUBT * h0.doubt +
    W_IRRITATION * h0.irritation +
    W_RAPPORT * (h0.rapport - W_RAPPORT_PIVOT);
  return {
    z,
    text: () => {
      const doubt = h0.doubt >= WORDS.doubting ? ` and doubted your commitment (doubt ${pct(h0.doubt)})` : '';
      return `Where they started: before the interview they were ${keenWord(h0.keenness)} about you (keenness ${pct(h0.keenness)})${doubt}.`;
    },
  };
}

/** How the interview moved them from where they started, and the circumstances. */
export function stateTerms(ctx: DecisionContext, doubtNow: number): Term[] {
  const { hidden: h, situation: s } = ctx;
  const h0 = ctx.initial ?? ctx.hidden;
  const terms: Term[] = [
    {
      id: 'keenness',
      group: 'choices',
      z: W_KEENNESS * (h.keenness - h0.keenness),
      say: signed(
        () => `Your answers made them keener (keenness ${pct(h0.keenness)} → ${pct(h.keenness)}).`,
        () => `Your answers cooled them (keenness ${pct(h0.keenness)} → ${pct(h.keenness)}).`,
      ),
    },
    {
      id: 'doubt',
      group: 'choices',
      z: -W_DOUBT * (doubtNow - h0.doubt),
      say: signed(
        () =>
          `The interview eased their doubt about your commitment (doubt ${pct(h0.doubt)} → ${pct(doubtNow)}).`,
        () =>
          `The interview raised their doubt about your commitment (doubt ${pct(h0.doubt)} → ${pct(doubtNow)}).`,
      ),
    },
    {
      id: 'irritation',
      group: 'choices',
      z: W_IRRITATION * (h.irritation - h0.irritation),
      say: signed(
        () => `They calmed down (irritation ${pct(h0.irritation)} → ${pct(h.irritation)}).`,
        () =>
          `You irritated them (irritation ${pct(h0.irritation)} → ${pct(h.irritation)}): annoyed people are harder to persuade.`,
      ),
    },
    {
      id: 'rapport',
      group: 'choices',
      z: W_RAPPORT * (h.rapport - h0.rapport),
      say: signed(
        () => `You built rapport with them (rapport ${pct(h0.rapport)} → ${pct(h.rapport)}).`,
        () => `Rapport slipped (rapport ${pct(h0.rapport)} → ${pct(h.rapport)}).`,
      ),
    },
    {
      id: 'readiness',
      group: 'circumstances',
      z: W_READINESS * (readiness(s) - W_READINESS_PIVOT),
      say: signed(
        () =>
          s.candidatesRemaining === 0
            ? 'They had seen every candidate, so they were ready to decide.'
            : `Their process was far enough along to decide, with ${plural(s.candidatesRemaining, 'candidate', 'candidates')} still to see.`,
        () =>
          `They still had ${plural(s.candidatesRemaining, 'candidate', 'candidates')} to see, so they were not ready to decide.`,
      ),
    },
  ];
  if (s.previousCandidate && s.previousCandidate !== 'average') {
    const strong = s.previousCandidate === 'strong';
    terms.push({
      id: 'previous-candidate',
      group: 'circumstances',
      z: strong ? -W_PREVIOUS_CANDIDATE : W_PREVIOUS_CANDIDATE,
      say: signed(
        () => 'The candidate just before you was weak, which flattered you by contrast.',
        () => 'The candidate just before you was strong, and you were measured against them.',
      ),
    });
  }
  if (s.vacancies > 1 && openness(s) >= W_OPENNESS_SHOWN) {
    terms.push({
      id: 'vacancies',
      group: 'circumstances',
      z: W_VACANCIES * openness(s),
      say: () =>
        `They have ${s.vacancies} places to fill and not enough candidates, so they want to say yes.`,
    });
  }
  if (s.deadlineDays !== undefined && s.deadlineDays <= W_DEADLINE_DAYS) {
    terms.push({
      id: 'deadline',
      group: 'circumstances',
      z: W_DEADLINE,
      say: () => `They must hire within ${s.deadlineDays} days.`,
    });
  }
  return terms;
}

export function rejectShare(hidden: HiddenState): number {
  return sigmoid(
    W_REJECT_BASE +
      W_REJECT_IRRITATION * hidden.irritation +
      W_REJECT_COOL * (W_REJECT_PIVOT - hidden.keenness),
  );
}

/** The decision a decision-maker makes alone when the interview ends without a close. */
export function judgeAfterInterview(ctx: DecisionContext, detail = true): Judgement {
  const ex = explain(startOf(ctx, W_BASE), stateTerms(ctx, ctx.hidden.doubt), [], [], detail);
  const f = ex.favour;
  const reject = rejectShare(ctx.hidden);
  const complete = isComplete(ctx.situation);
  const hold = (1 - f) * (1 - reject) * W_SILENT_HOLD;
  const distribution = normalise({
    [complete ? 'offer-later' : 'next-stage']: f,
    'no-decision': hold,
    rejection: 1 - f - hold,
  });
  return {
    distribution,
    chance: ex.chance,
    chanceOf: complete ? 'an offer after the interview' : 'the next stage',
    factors: ex.factors,
    doubtRemaining: ctx.hidden.doubt,
  };
}
