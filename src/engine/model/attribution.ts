/**
 * The one attribution method every judgement uses, and the distributions it yields.
 */
import type { Distribution, Factor } from '../types';
import {
  type Adjustment,
  CEILING,
  FLOOR,
  type Gate,
  limited,
  limitedSlope,
  PCT,
  sigmoid,
  type Term,
  type Text,
  TOL,
  textOf,
} from './terms';
import { weight } from './weights';

// Weights read on every judgement, looked up once when the module loads (not a Map lookup per read).
const W_ATTRIBUTION_STEPS = weight('attributionSteps');
const W_MIDPOINT = weight('midpoint');

// ---------------------------------------------------------------------------- attribution

export interface Judgement {
  distribution: Distribution;
  /** Chance of the favourable result the player was after. */
  chance: number;
  chanceOf: string;
  factors: Factor[];
  doubtRemaining: number;
  /** For a bluff: the chance of exposure and the outcomes in each case (`distribution` mixes them). */
  exposure?: { chance: number; believed: Distribution; exposed: Distribution };
}

export interface Explained {
  /** Chance after clamp, gates and adjustments. */
  chance: number;
  /** Chance before gates (the favourable answer), clamped to the floor and ceiling. */
  favour: number;
  /** The log-odds behind `favour` (start plus every term). */
  z: number;
  factors: Factor[];
}

/** The favourable answer for log-odds `z`: squeezed into floor–ceiling (not cut off), so it stays strictly monotone. */
export const squeeze = (z: number, floor = FLOOR): number => floor + (CEILING - floor) * sigmoid(z);

/**
 * The one attribution method (Aumann–Shapley: the continuous Shapley value, also known as
 * integrated gradients). Every part is measured the same way: along the straight path on which
 * all parts grow together from nothing to their full size, each part is credited with what it
 * adds to the favourable answer at every point of the path. Limits are not parts: the squeeze
 * into 3–97% and the soft limit on a move's reach are inside the function, so they are spread
 * over the parts they limited. Gates are circumstances that held before anything was said: each
 * is measured on where they started, and every other part is measured with the gates in place
 * (so a part that moves a gated chance by 1 point is shown as 1 point). Adjustments (a bluff's
 * risk) are fixed changes in chance and are their own factors. Contributions are rounded by
 * largest remainder to whole percentage points, so they add up exactly to the chance shown.
 * Computed only when the factors are displayed (`detail`); the analyzer needs only the numbers.
 */
export function explain(
  start: { z: number; text: Text },
  terms: Term[],
  gates: Gate[] = [],
  adjustments: Adjustment[] = [],
  detail = true,
  reach = Number.POSITIVE_INFINITY,
  floor = FLOOR,
): Explained {
  let free = 0;
  let pull = 0;
  for (const t of terms) {
    if (t.reach && t.z > 0) pull += t.z;
    else free += t.z;
  }
  const z = start.z + free + limited(pull, reach);
  const favour = squeeze(z, floor);
  let shut = 1;
  for (const g of gates) if (g.value <= 1 - TOL) shut *= g.value;
  let chance = favour * shut;
  for (const a of adjustments) if (Math.abs(a.chance) > TOL) chance += a.chance;
  if (!detail) return { chance, favour, z, factors: [] };

  // The path integrals: `perFree` for a unit of a term outside the reach limit, `perPull` for a
  // unit of one inside it (the same slope, times the limit's slope at that point of the path).
  const steps = W_ATTRIBUTION_STEPS;
  let perFree = 0;
  let perPull = 0;
  for (let i = 0; i < steps; i++) {
    const t = (i + W_MIDPOINT) / steps;
    const s = sigmoid(start.z + t * free + limited(t * pull, reach));
    const slope = (CEILING - floor) * s * (1 - s);
    perFree += slope / steps;
    perPull += (slope * limitedSlope(t * pull, reach)) / steps;
  }
  const p0 = squeeze(start.z, floor);
  const estimate = free * perFree + pull * perPull;
  // The integral is exact in the limit; rescaling removes the small error of the sum.
  const fix = Math.abs(estimate) > TOL ? (favour - p0) / estimate : 0;
  const parts: { id: string; group: Factor['group']; value: number; say: (p: number) => string }[] = [
    { id: 'start', group: 'circumstances', value: p0, say: () => textOf(start.text) },
  ];
  let before = p0;
  for (const g of gates) {
    if (g.value > 1 - TOL) continue;
    parts.push({
      id: g.id,
      group: 'circumstances',
      value: before * (g.value - 1),
      say: () => textOf(g.text),
    });
    before *= g.value;
  }
  for (const t of terms) {
    if (Math.abs(t.z) <= TOL) continue;
    const per = t.reach && t.z > 0 ? perPull : perFree;
    parts.push({ id: t.id, group: t.group, value: t.z * per * fix * shut, say: t.say });
  }
  for (const a of adjustments) {
    if (Math.abs(a.chance) <= TOL) continue;
    parts.push({ id: a.id, group: a.group, value: a.chance, say: () => textOf(a.text) });
  }
  return { chance, favour, z, factors: factorsOf(parts, chance) };
}

/** Whole points by largest remainder, adding up to the chance; the start first, then by size. */
export function factorsOf(
  parts: { id: string; group: Factor['group']; value: number; say: (p: number) => string }[],
  chance: number,
): Factor[] {
  const points = largestRemainder(
    parts.map((p) => p.value * PCT),
    Math.round(chance * PCT),
  );
  const factors: Factor[] = [];
  parts.forEach((p, i) => {
    const pts = points[i]!;
    if (pts === 0 && p.id !== 'start') return;
    factors.push({ id: p.id, group: p.group, points: pts, text: p.say(pts) });
  });
  const [first, ...rest] = factors;
  rest.sort((a, b) => Math.abs(b.points) - Math.abs(a.points));
  return first ? [first, ...rest] : rest;
}

/** Rounds values to integers that sum to `target`: floors, then units to the largest remainders. */
export function largestRemainder(values: number[], target: number): number[] {
  const floors = values.map((v) => Math.floor(v + TOL));
  let missing = target - floors.reduce((a, b) => a + b, 0);
  const order = values.map((v, i) => ({ i, r: v - floors[i]! })).sort((a, b) => b.r - a.r || a.i - b.i);
  const out = floors.slice();
  for (let k = 0; missing > 0 && order.length > 0; k = (k + 1) % order.length, missing--) out[order[k]!.i]!++;
  for (
    let k = order.length - 1;
    missing < 0 && order.length > 0;
    k = (k - 1 + order.length) % order.length, missing++
  )
    out[order[k]!.i]!--;
  return out;
}

// Both below walk the keys with for…in (no lists of entries are built): every judgement's
// distribution passes through them.
export function normalise(d: Distribution): Distribution {
  let total = 0;
  for (const k in d) total += d[k as keyof Distribution] ?? 0;
  const out: Distribution = {};
  for (const k in d) {
    const v = d[k as keyof Distribution] ?? 0;
    if (v > TOL) out[k as keyof Distribution] = v / total;
  }
  return out;
}

export function mix(a: Distribution, b: Distribution, share: number): Distribution {
  const out: Distribution = {};
  // a's outcomes in a's order, then those only b has, as the union of their keys gives them.
  for (const k in a) out[k as keyof Distribution] = (a[k as keyof Distribution] ?? 0) * (1 - share);
  for (const k in b) {
    const key = k as keyof Distribution;
    out[key] = (out[key] ?? 0) + (b[key] ?? 0) * share;
  }
  return normalise(out);
}

/** Key of an outcome reached with the bluff seen through, in a joint distribution. */
export const EXPOSED = '!exposed';

/**
 * The distribution to resolve for a judgement and the order to resolve it in: a bluff's
 * outcomes come in two kinds (believed, seen through), each right after the same outcome
 * believed, so expected mode takes the median of the mixture.
 */
export function jointOf(
  j: Judgement,
  order: readonly string[],
): { distribution: Distribution; order: string[] } {
  if (!j.exposure) return { distribution: j.distribution, order: [...order] };
  const e = j.exposure.chance;
  const out: Record<string, number> = {};
  const keys: string[] = [];
  for (const k of order) {
    const b = (j.exposure.believed[k as keyof Distribution] ?? 0) * (1 - e);
    const x = (j.exposure.exposed[k as keyof Distribution] ?? 0) * e;
    if (b > TOL) out[k] = b;
    if (x > TOL) out[k + EXPOSED] = x;
    keys.push(k, k + EXPOSED);
  }
  return { distribution: out as Distribution, order: keys };
}
