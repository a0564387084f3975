/**
 * A table keyed by the state after the interview, without building a string per state and
 * without keeping the states: each state is known by a 64-bit fingerprint, two independent
 * 32-bit hashes of the fields `playKey` writes (the first picks the bucket, the second tells the
 * states in it apart). The sampled analysis looks up every state of its after-interview search
 * here (55,000 states for Doorstep): text keys were a tenth of its time, and keeping each state
 * for an exact comparison made the collector copy them again and again (a third of the time).
 *
 * Two different states share a fingerprint only if both hashes agree by chance: about once in
 * 2^64 pairs, so with the largest library search (some 55,000 states, 250,000 lookups) the chance
 * that any lookup in an analysis finds the wrong state is below one in a billion. The variables
 * are hashed by name and value whatever order the names come in (the text key follows the order,
 * so two equal states could have had two keys). `shortKey` gives the same fingerprint as a short
 * text, for the analyses' other tables (the exhaustive analysis, the sampled analysis's interview
 * states): with the 25,000 states an exhaustive analysis may hold, two different states share one
 * with a chance of about one in 10^11.
 */
import type { Vars } from '../runtime/compile';
import type { State } from '../runtime/step';

// A number's 64 bits as two 32-bit halves, for hashing without strings.
const f64 = new Float64Array(1);
const halves = new Uint32Array(f64.buffer);

// The two lanes of the fingerprint while a state is hashed (module state: no allocation per
// state). Each lane has its own multipliers, so the two hashes do not collide together.
let a = 0;
let b = 0;

function num(x: number): void {
  f64[0] = x === 0 ? 0 : x; // -0 and 0 are one value here, as they are in text
  const lo = halves[0]!;
  const hi = halves[1]!;
  a = Math.imul(a ^ lo, 0x9e3779b1);
  a = Math.imul(a ^ hi, 0x85ebca77);
  a ^= a >>> 15;
  b = Math.imul(b ^ lo, 0xcc9e2d51);
  b = Math.imul(b ^ hi, 0x1b873593);
  b ^= b >>> 13;
}

function tag(k: number): void {
  a = Math.imul(a ^ k, 0x27d4eb2d);
  b = Math.imul(b ^ k, 0x165667b1);
}

function str(text: string): void {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995);
    b ^= b >>> 15;
  }
  tag(text.length);
}

/** A field that is a string, a number, a boolean or null. */
function value(v: string | number | boolean | null): void {
  if (v === null) tag(1);
  else if (typeof v === 'number') {
    tag(2);
    num(v);
  } else if (typeof v === 'boolean') tag(v ? 3 : 4);
  else {
    tag(5);
    str(v);
  }
}

/** Spreads each lane's bits (murmur3's finaliser), so the low bits pick buckets well. */
function avalanche(h: number, k1: number, k2: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, k1);
  h ^= h >>> 13;
  h = Math.imul(h, k2);
  return h ^ (h >>> 16);
}

/**
 * The variables' two hashes: each name and value hashed on its own and the results summed, so the
 * order of the names does not matter. The last object hashed is remembered (consecutive states
 * of the search often share their variables), and so is each name's part of the hash (a scenario
 * has few names, and the searches make many variables objects: remembering every object's
 * hashes in a WeakMap instead cost more than it saved once the names were remembered).
 */
let lastVars: Vars | null = null;
let lastA = 0;
let lastB = 0;
const afterName = new Map<string, readonly [number, number]>();
function vars(v: Vars): void {
  if (v !== lastVars) {
    const saveA = a;
    const saveB = b;
    let sumA = 0;
    let sumB = 0;
    let n = 0;
    for (const name in v) {
      // The lanes after the name, remembered per name (a scenario has few variable names).
      let lanes = afterName.get(name);
      if (!lanes) {
        a = 0x811c9dc5;
        b = 0x3c6ef372;
        str(name);
        lanes = [a, b];
        afterName.set(name, lanes);
      }
      a = lanes[0];
      b = lanes[1];
      value(v[name]!);
      sumA = (sumA + avalanche(a, 0x85ebca6b, 0xc2b2ae35)) | 0;
      sumB = (sumB + avalanche(b, 0x7feb352d, 0x846ca68b)) | 0;
      n++;
    }
    a = saveA;
    b = saveB;
    lastVars = v;
    lastA = (sumA + n) | 0;
    lastB = (sumB ^ n) | 0;
  }
  a = Math.imul(a ^ lastA, 0x85ebca77);
  b = Math.imul(b ^ lastB, 0xc2b2ae3d);
}

/**
 * Hashes every field `playKey` writes into the two lanes `a` and `b`; with `settled`, also the two
 * the interview settles that `stateKey` adds (professionalism and the close's timing). With a
 * `readBy` lead (0 or more), only what play after the interview reads: no variables, and of the
 * hidden state only that decision-maker's keenness, doubt, irritation and rapport.
 */
function fingerprint(s: State, settled = false, readBy = -1): void {
  a = 0x811c9dc5;
  b = 0x3c6ef372;
  str(s.phase);
  str(s.node);
  if (readBy < 0) {
    vars(s.vars);
    for (const x of s.hidden) {
      num(x.keenness);
      num(x.doubt);
      num(x.irritation);
      num(x.rapport);
      num(x.believesOptions);
    }
  } else {
    const x = s.hidden[readBy]!;
    num(x.keenness);
    num(x.doubt);
    num(x.irritation);
    num(x.rapport);
  }
  tag(s.hidden.length);
  value(s.offerFrom);
  value(s.offer);
  num(s.round);
  value(s.status);
  num(s.day);
  num(s.persisted);
  value(s.doorClosed);
  value(s.committed);
  num(s.penalty);
  value(s.caught);
  value(s.result);
  value(s.salary);
  value(s.ending);
  if (settled) {
    num(s.professionalism);
    value(s.close === null ? null : s.close.timing);
  }
  a = avalanche(a, 0x85ebca6b, 0xc2b2ae35);
  b = avalanche(b, 0x7feb352d, 0x846ca68b);
}

/** The fingerprint of a state after the interview, as two 32-bit numbers. */
export function fingerprintOf(s: State): [number, number] {
  fingerprint(s);
  return [a, b];
}

/**
 * A short text key for a state: its fingerprint, with the fields `stateKey` writes (`settled`) or
 * those `playKey` writes. The analyses' tables keep one per state; the text keys they replace
 * ran to hundreds of characters, which the collector copied and the tables held.
 */
export function shortKey(s: State, settled: boolean): string {
  fingerprint(s, settled);
  return `${(a >>> 0).toString(36)},${(b >>> 0).toString(36)}`;
}

interface Slot<V> {
  check: number;
  value: V;
  next: Slot<V> | null;
}

/**
 * Values by state after the interview (see the file's header for which states share one). With
 * `{ readBy: lead }` the key holds only what play after the interview reads (see `fingerprint`),
 * so states that differ only in the rest share a value: for a value that depends on nothing else
 * (the sampled analysis's search after the interview, sample.ts).
 */
export class PlayTable<V> {
  private readonly buckets = new Map<number, Slot<V>>();
  private readonly readBy: number;
  size = 0;

  constructor(options: { readBy?: number } = {}) {
    this.readBy = options.readBy ?? -1;
  }

  get(s: State): V | undefined {
    fingerprint(s, false, this.readBy);
    const check = b;
    for (let e: Slot<V> | null | undefined = this.buckets.get(a); e; e = e.next)
      if (e.check === check) return e.value;
    return undefined;
  }

  /** Adds a value for a state not in the table yet. */
  add(s: State, value: V): void {
    fingerprint(s, false, this.readBy);
    this.buckets.set(a, { check: b, value, next: this.buckets.get(a) ?? null });
    this.size++;
  }
}
