/**
 * The honesty limit on a bluff believed, shared by closes and counters.
 */
import type { Factor } from '../types';
import { CEILING, clamp, FLOOR, PCT, type Term, TOL } from './terms';

/**
 * The honesty limit on a bluff believed. A claimed option is weighed like a real one when it is
 * believed, but a claim that cannot be checked never buys more than its risk costs: the believed
 * branch's favour is lowered, where needed, so that believed and seen-through together give no
 * more than `honest` (the same move citing nothing). Every outcome of a close or a counter is a
 * fixed split of the favour, so the bluff's outcomes are then never better than the honest ones:
 * over the model's own analysis a bluff cannot pay (issue #8, "honesty has weight").
 * `keep` is the share of the favour that turns into the good result (1 − a risk to the offer).
 */
export function honestyLimit(
  believed: { favour: number; z: number },
  exposed: { favour: number },
  honest: { favour: number },
  e: number,
  keep: { believed: number; exposed: number; honest: number },
  say: (points: number) => string,
): Term[] {
  const good = (1 - e) * believed.favour * keep.believed + e * exposed.favour * keep.exposed;
  const allowed = honest.favour * keep.honest;
  if (good <= allowed + TOL || e >= 1 - TOL || keep.believed <= TOL) return [];
  const favour = (allowed - e * exposed.favour * keep.exposed) / ((1 - e) * keep.believed);
  const raw = clamp((favour - FLOOR) / (CEILING - FLOOR), TOL, 1 - TOL);
  const z = Math.log(raw / (1 - raw));
  return [{ id: 'honesty', group: 'choices', z: z - believed.z, say }];
}

export const BLUFF_LIMIT = (what: string) => (): string =>
  `A ${what} they could not check counted for less: in this model a bluff never wins more than the same move without it.`;

/**
 * The factors of a bluffed move: the honest move's factors (the same move citing nothing) and
 * one factor for the bluff, the difference it made to the chance shown. The honesty limit keeps
 * that difference at or below zero, so a bluff is never shown as a help.
 */
export function withBluff(honest: Factor[], chance: number, text: () => string): Factor[] {
  const points = Math.round(chance * PCT) - honest.reduce((a, f) => a + f.points, 0);
  if (points === 0) return honest;
  const [first, ...rest] = honest;
  const all = [...rest, { id: 'bluff', group: 'choices' as const, points, text: text() }];
  all.sort((a, b) => Math.abs(b.points) - Math.abs(a.points));
  return first ? [first, ...all] : all;
}
