/**
 * A table keyed by the state after the interview, without building a string per state: a number
 * hashed from the fields `playKey` writes, with the states in a bucket compared field by field.
 * The sampled analysis looks up every state of its after-interview search here (tens of thousands
 * per file); building and hashing a text key for each was a tenth of its time, and the strings
 * most of its garbage.
 *
 * Two states share an entry exactly when `playKey` gives them the same text, except that the
 * variables are compared by their names and values whatever order the names come in (the text
 * follows the order, so two equal states could have had two keys).
 */
import type { Vars } from '../runtime/compile';
import type { State } from '../runtime/step';
import type { HiddenState } from '../types';

// A number's 64 bits as two 32-bit halves, for hashing without strings.
const f64 = new Float64Array(1);
const halves = new Uint32Array(f64.buffer);

function mixNumber(h: number, x: number): number {
  f64[0] = x === 0 ? 0 : x; // -0 and 0 are one value here, as they are in text

  h = Math.imul(h ^ halves[0]!, 0x9e3779b1);
  h = Math.imul(h ^ halves[1]!, 0x85ebca77);
  return h ^ (h >>> 15);
}

function mixString(h: number, text: string): number {
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return Math.imul(h ^ text.length, 0x5bd1e995) ^ (h >>> 13);
}

/** Mixes a field that is a string, a number, a boolean or null. */
function mixValue(h: number, v: string | number | boolean | null): number {
  if (v === null) return Math.imul(h ^ 0x2545f491, 0x9e3779b1);
  if (typeof v === 'number') return mixNumber(Math.imul(h ^ 1, 0x27d4eb2d), v);
  if (typeof v === 'boolean') return Math.imul(h ^ (v ? 0x68e31da4 : 0x1b56c4e9), 0x9e3779b1);
  return mixString(Math.imul(h ^ 2, 0x165667b1), v);
}

/**
 * The hash of a set of variables: of their values only, summed, so the order of the names does
 * not matter (the names are compared in `sameVars`: a state's variables have the scenario's names,
 * so hashing them too told no two states apart and was the search's costliest line). The last
 * object hashed is remembered: consecutive states of the search often share their variables.
 */
let lastVars: Vars | null = null;
let lastHash = 0;
function hashVars(vars: Vars): number {
  if (vars === lastVars) return lastHash;
  let h = 0;
  let n = 0;
  for (const name in vars) {
    h = (h + mixValue(0x811c9dc5, vars[name]!)) | 0;
    n++;
  }
  lastVars = vars;
  lastHash = mixNumber(h, n);
  return lastHash;
}

function sameVars(a: Vars, b: Vars): boolean {
  if (a === b) return true;
  let n = 0;
  for (const name in a) {
    if (!Object.hasOwn(a, name)) continue;
    if (!Object.hasOwn(b, name) || a[name] !== b[name]) return false;
    n++;
  }
  let m = 0;
  for (const name in b) if (Object.hasOwn(b, name)) m++;
  return n === m;
}

function sameHidden(a: readonly HiddenState[], b: readonly HiddenState[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (
      x.keenness !== y.keenness ||
      x.doubt !== y.doubt ||
      x.irritation !== y.irritation ||
      x.rapport !== y.rapport ||
      x.believesOptions !== y.believesOptions
    )
      return false;
  }
  return true;
}

/** The hash of every field `playKey` writes. */
export function hashPlay(s: State): number {
  let h = mixString(0x811c9dc5, s.phase);
  h = mixString(h, s.node);
  h = Math.imul(h ^ hashVars(s.vars), 0x85ebca77);
  for (const x of s.hidden) {
    h = mixNumber(h, x.keenness);
    h = mixNumber(h, x.doubt);
    h = mixNumber(h, x.irritation);
    h = mixNumber(h, x.rapport);
    h = mixNumber(h, x.believesOptions);
  }
  h = mixValue(h, s.offerFrom);
  h = mixValue(h, s.offer);
  h = mixNumber(h, s.round);
  h = mixValue(h, s.status);
  h = mixNumber(h, s.day);
  h = mixNumber(h, s.persisted);
  h = mixValue(h, s.doorClosed);
  h = mixValue(h, s.committed);
  h = mixNumber(h, s.penalty);
  h = mixValue(h, s.caught);
  h = mixValue(h, s.result);
  h = mixValue(h, s.salary);
  h = mixValue(h, s.ending);
  return h | 0;
}

/** Whether two states agree on every field `playKey` writes. */
export function samePlay(a: State, b: State): boolean {
  return (
    a.phase === b.phase &&
    a.node === b.node &&
    a.offerFrom === b.offerFrom &&
    a.offer === b.offer &&
    a.round === b.round &&
    a.status === b.status &&
    a.day === b.day &&
    a.persisted === b.persisted &&
    a.doorClosed === b.doorClosed &&
    a.committed === b.committed &&
    a.penalty === b.penalty &&
    a.caught === b.caught &&
    a.result === b.result &&
    a.salary === b.salary &&
    a.ending === b.ending &&
    sameHidden(a.hidden, b.hidden) &&
    sameVars(a.vars, b.vars)
  );
}

interface Slot<V> {
  state: State;
  value: V;
  next: Slot<V> | null;
}

/** Values by state after the interview (see the file's header for which states share one). */
export class PlayTable<V> {
  private readonly buckets = new Map<number, Slot<V>>();
  size = 0;

  get(s: State): V | undefined {
    for (let e: Slot<V> | null | undefined = this.buckets.get(hashPlay(s)); e; e = e.next)
      if (samePlay(e.state, s)) return e.value;
    return undefined;
  }

  /** Adds a value for a state not in the table yet. */
  add(s: State, value: V): void {
    const h = hashPlay(s);
    this.buckets.set(h, { state: s, value, next: this.buckets.get(h) ?? null });
    this.size++;
  }
}
