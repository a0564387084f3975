/**
 * The vocabulary every judgement shares: the log-odds helpers, the context the model reads, the
 * shape of a term, a gate and an adjustment, and the words for numbers shown to a player.
 */
import type { Situation } from '../format/schema';
import type { CloseSpec, Counterfactual, Factor, HiddenState } from '../types';
import type { ResolvedTraits } from './traits';
import { WORDS, weight } from './weights';

// Weights read on every judgement, looked up once when the module loads (not a Map lookup per read).
const W_REACH_KEEN_CAP = weight('reachKeenCap');
const W_CLOSE_REACH = weight('closeReach');
const W_REACH_SHARPNESS = weight('reachSharpness');

export const sigmoid = (z: number): number => 1 / (1 + Math.exp(-z));
export const clamp = (x: number, lo = 0, hi = 1): number => Math.min(hi, Math.max(lo, x));

export const TOL = weight('tolerance');
export const PCT = weight('percent');
export const FLOOR = weight('chanceFloor');
export const CEILING = weight('chanceCeiling');

/** A sentence, or the recipe for one: built only when a factor is displayed. */
export type Text = string | (() => string);
export const textOf = (t: Text): string => (typeof t === 'string' ? t : t());

/** What the model reads about the moment, apart from the decision-maker's own state. */
export interface DecisionContext {
  traits: ResolvedTraits;
  hidden: HiddenState;
  situation: Situation;
  commercial: number;
  moment: 'opening' | 'middle' | 'closing';
  /** The decision-maker's state before the interview began (defaults to `hidden`). */
  initial?: HiddenState;
  /**
   * The decision-maker has heard no answer yet (the interview's first node): only the share of
   * interviewers who decide in the first minute have a view to act on.
   */
  firstMinute?: boolean;
  /** The lead decision-maker's salary band, so a promise to accept can say what it costs. */
  salary?: { min: number; max: number; currency: string };
}

/** A signed term on the log-odds, with the sentence for each sign. */
export interface Term {
  id: string;
  group: Factor['group'];
  z: number;
  /** Sentence for the term as displayed: `points` is its signed share in percentage points. */
  say: (points: number) => string;
  /**
   * Part of what a move adds on its own (a close's content, a persistence act's pull): together
   * such terms are softly limited by how much the decision-maker wants the candidate (`reach`).
   */
  reach?: boolean;
}

/** A gate multiplies the chance by `value` (0–1); its factor says why. */
export interface Gate {
  id: string;
  value: number;
  text: Text;
}

/** A fixed change in chance added after the gates (a bluff's risk), with its sentence. */
export interface Adjustment {
  id: string;
  group: Factor['group'];
  chance: number;
  text: Text;
}

/**
 * The most a move's own terms can add to the log-odds: it turns interest into a decision but
 * cannot create interest. Grows with the odds of keenness, so it is nothing for a decision-maker
 * who does not want the candidate at all and barely binds for a keen one.
 */
export function reachOf(keenness: number): number {
  const k = clamp(keenness, 0, 1 - W_REACH_KEEN_CAP);
  return W_CLOSE_REACH * (k / (1 - k));
}

/** The soft limit: `gain` (≥ 0) squeezed under `reach`, smoothly (sharpness `reachSharpness`). */
export function limited(gain: number, reach: number): number {
  if (gain <= TOL) return gain;
  if (reach <= TOL) return 0;
  const k = W_REACH_SHARPNESS;
  return gain / (1 + (gain / reach) ** k) ** (1 / k);
}

/** The slope of `limited` at `gain`. */
export function limitedSlope(gain: number, reach: number): number {
  if (reach <= TOL) return 0;
  if (gain <= TOL) return 1;
  const k = W_REACH_SHARPNESS;
  const q = (gain / reach) ** k;
  return (1 + q) ** (-1 / k - 1);
}

export const pct = (x: number) => `${Math.round(x * PCT)}%`;
/** The sentence for the sign of the displayed points; built only when a factor is displayed. */
export const signed = (up: () => string, down: () => string) => (points: number) =>
  points >= 0 ? up() : down();
export const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** Keenness in the one vocabulary: keen, lukewarm or undecided. */
export function keenWord(k: number): string {
  return k >= WORDS.keen ? 'keen' : k <= WORDS.lukewarm ? 'lukewarm' : 'undecided';
}

export type CounterfactualSpec = {
  id: string;
  text: string;
  ctx?: Partial<DecisionContext>;
  close?: Partial<CloseSpec>;
};

export type { Counterfactual };
