/**
 * The one attribution method every judgement uses, and the distributions it yields.
 */
import type { Distribution, Factor } from '../types';
import {
  type Adjustment,
  CEILING,
  FLOOR,
  type Gate,
  PCT,
  pct,
  sigmoid,
  type Term,
  type Text,
  TOL,
  textOf,
} from './terms';
import { weight } from './weights';

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

/**
 * The one attribution method. The start is shown as its own factor (the chance the decision-
 * maker's starting lean gives); the change from it to the unclamped chance is shared among the
 * terms in proportion to their log-odds; the clamp to 3–97%, each gate and each adjustment are
 * factors of their own. Contributions are rounded by largest remainder to whole percentage
 * points, so they add up exactly to the chance shown.
 */
export function explain(
  start: { z: number; text: Text },
  terms: Term[],
  gates: Gate[] = [],
  adjustments: Adjustment[] = [],
  detail = true,
): Explained {
  let z = start.z;
  for (const t of terms) z += t.z;
  const raw = sigmoid(z);
  // Squeezed into floor–ceiling (not cut off), so it stays strictly monotone in every term.
  const favour = FLOOR + (CEILING - FLOOR) * raw;
  if (!detail) {
    // The analyzer's search needs only the numbers: the same chance, no factors, no sentences.
    let chance = favour;
    for (const g of gates) if (g.value <= 1 - TOL) chance *= g.value;
    for (const a of adjustments) if (Math.abs(a.chance) > TOL) chance += a.chance;
    return { chance, favour, z, factors: [] };
  }
  const p0 = sigmoid(start.z);
  const slope = Math.abs(z - start.z) < TOL ? p0 * (1 - p0) : (raw - p0) / (z - start.z);
  const parts: { id: string; group: Factor['group']; value: number; say: (p: number) => string }[] = [
    { id: 'start', group: 'circumstances', value: p0, say: () => textOf(start.text) },
  ];
  for (const t of terms) if (Math.abs(t.z) > TOL) parts.push({ ...t, value: t.z * slope });
  if (Math.abs(favour - raw) > TOL) {
    parts.push({
      id: 'certainty',
      group: 'circumstances',
      value: favour - raw,
      say: () =>
        `No answer is ever certain: the model keeps every chance between ${pct(weight('chanceFloor'))} and ${pct(weight('chanceCeiling'))} unless something rules it out.`,
    });
  }
  let chance = favour;
  for (const g of gates) {
    if (g.value > 1 - TOL) continue;
    const next = chance * g.value;
    parts.push({ id: g.id, group: 'circumstances', value: next - chance, say: () => textOf(g.text) });
    chance = next;
  }
  for (const a of adjustments) {
    if (Math.abs(a.chance) <= TOL) continue;
    parts.push({ id: a.id, group: a.group, value: a.chance, say: () => textOf(a.text) });
    chance += a.chance;
  }
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
  return { chance, favour, z, factors: first ? [first, ...rest] : rest };
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

export function normalise(d: Distribution): Distribution {
  const total = Object.values(d).reduce((a, b) => a + (b ?? 0), 0);
  const out: Distribution = {};
  for (const [k, v] of Object.entries(d)) {
    if ((v ?? 0) > TOL) out[k as keyof Distribution] = (v ?? 0) / total;
  }
  return out;
}

export function mix(a: Distribution, b: Distribution, share: number): Distribution {
  const out: Distribution = {};
  for (const k of new Set([...Object.keys(a), ...Object.keys(b)]) as Set<keyof Distribution>) {
    out[k] = (a[k] ?? 0) * (1 - share) + (b[k] ?? 0) * share;
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
