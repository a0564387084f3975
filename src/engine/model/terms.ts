/**
 * The vocabulary every judgement shares: the log-odds helpers, the context the model reads, the
 * shape of a term, a gate and an adjustment, and the words for numbers shown to a player.
 */
import type { Situation } from '../format/schema';
import type { CloseSpec, Counterfactual, Factor, HiddenState } from '../types';
import type { ResolvedTraits } from './traits';
import { WORDS, weight } from './weights';

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
}

/** A signed term on the log-odds, with the sentence for each sign. */
export interface Term {
  id: string;
  group: Factor['group'];
  z: number;
  /** Sentence for the term as displayed: `points` is its signed share in percentage points. */
  say: (points: number) => string;
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
