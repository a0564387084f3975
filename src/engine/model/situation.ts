/**
 * The circumstances of a judgement: where the hiring process stands (openness, readiness, the
 * stage, the pool), how direct each close form is, and what a cited option is.
 */
import type { CloseFormName, Situation } from '../format/schema';
import { clamp, type DecisionContext, TOL } from './terms';
import { weight } from './weights';

// Weights read on every judgement, looked up once when the module loads (not a Map lookup per read).
const W_EARLY_STAGE_PROGRESS = weight('earlyStageProgress');
const W_SEEN_STILL_IN_RUNNING = weight('seenStillInRunning');
const W_SCARCITY_HALF = weight('scarcityHalf');
const W_TOLERANCE = weight('tolerance');
const W_DIRECTNESS_STATEMENT = weight('directnessStatement');
const W_DIRECTNESS_OUTRIGHT = weight('directnessOutright');
const W_DIRECTNESS_NEXT_STAGE = weight('directnessNextStage');
const W_DIRECTNESS_TENTATIVE = weight('directnessTentative');
const W_MIN_EXPOSE_CHANCE = weight('minExposeChance');
const W_DEFAULT_EXPOSE_CHANCE = weight('defaultExposeChance');

// ---------------------------------------------------------------------------- circumstances

/** Vacancies against the candidates still to see: 1 when there are more jobs than candidates. */
export function openness(s: Situation): number {
  return clamp(s.vacancies / (s.candidatesRemaining + 1));
}

/** How far the hiring process lets the decision-maker decide now: 0 (just begun) to 1 (everyone seen). */
export function readiness(s: Situation): number {
  const pool = s.candidatesSeen + s.candidatesRemaining;
  const progress = pool === 0 ? 1 : s.candidatesSeen / pool;
  const stageProgress =
    s.candidatesRemaining === 0 ? 1 : progress * (isFinal(s) ? 1 : W_EARLY_STAGE_PROGRESS);
  return Math.max(stageProgress, openness(s));
}

/** The final stage: a favourable answer here is an offer. */
export function isFinal(s: Situation): boolean {
  return s.stage === 'final' || s.nextStage === 'offer';
}

/**
 * A complete process: the final stage, or every candidate seen, or more places than candidates
 * left. A favourable answer from a complete process is an offer, whichever judgement gives it
 * (a close, the decision after the interview, a change of mind after a no).
 */
export function isComplete(s: Situation): boolean {
  return isFinal(s) || readiness(s) >= 1 - TOL;
}

/**
 * Candidate scarcity for persistence, from the pool: those still to see and the share of those
 * seen still in the running, per vacancy. 1 when nobody else competes, ½ at `scarcityHalf`.
 */
export function scarcity(s: Situation): number {
  const competing = s.candidatesRemaining + W_SEEN_STILL_IN_RUNNING * s.candidatesSeen;
  return 1 / (1 + competing / s.vacancies / W_SCARCITY_HALF);
}

/**
 * The share of the time a decision-maker still considers a candidate who comes back after a no:
 * 1 while the pool is no larger than `scarcityHalf` real alternatives per place, else the neutral
 * pool over the competitors per place (the odds of scarcity). The rest of the time they simply
 * hire one of the others.
 */
export function poolShare(s: Situation): number {
  const sc = scarcity(s);
  return clamp(sc / Math.max(1 - sc, W_TOLERANCE));
}

/**
 * How coming back reads (C7), from the pool: as loyalty, in proportion to scarcity, for the
 * share of the time they still consider the candidate; as pressure (−1) for the rest. Equal to
 * scarcity while the pool is neutral or scarce; negative once candidates are plentiful.
 */
export function persistReading(s: Situation): number {
  const share = poolShare(s);
  return scarcity(s) * share - (1 - share);
}

/** How far the stage lets anyone offer on the spot: 1 at the final stage, else openness. */
export function stageGate(s: Situation): number {
  return isFinal(s) ? 1 : openness(s);
}

/** How much the decision-maker is free to offer on the spot. */
export function canOfferNow(ctx: DecisionContext): number {
  return clamp(ctx.traits.authority * stageGate(ctx.situation));
}

export const DIRECTNESS: Record<CloseFormName, number> = {
  'statement-of-intent': W_DIRECTNESS_STATEMENT,
  'outright-ask': W_DIRECTNESS_OUTRIGHT,
  'next-stage': W_DIRECTNESS_NEXT_STAGE,
  shortlist: W_DIRECTNESS_NEXT_STAGE,
  tentative: W_DIRECTNESS_TENTATIVE,
};

export const asksForOffer = (form: CloseFormName) =>
  form === 'statement-of-intent' || form === 'outright-ask';

export interface LeverageUse {
  kind: 'offer' | 'interview';
  real: boolean;
  /** For a bluff: the chance it is seen through (never below `minExposeChance`). */
  exposeChance: number;
}

/** The exposure chance the model uses for a bluffed option. */
export function exposeChanceOf(option: { real: boolean; exposeChance?: number }): number {
  if (option.real) return 0;
  return Math.max(W_MIN_EXPOSE_CHANCE, option.exposeChance ?? W_DEFAULT_EXPOSE_CHANCE);
}
