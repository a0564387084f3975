/**
 * Judgements remembered per scenario and state, for steps that show no factors (`explain` off:
 * the analyses, replays for the state, the bench). The model is a pure function of the decision
 * context and the move, and an analysis asks it the same question many times: every chance
 * branch of a move re-runs the move, and random play passes the same states again and again.
 *
 * What a judgement reads of the state is the context `context()` builds: the lead's hidden state,
 * the moment of the node and whether it is the first minute; everything else in the context is
 * the scenario's and fixed per compiled scenario. So a judgement is kept under a number for its
 * move, moment and first minute, with the lead's five hidden values compared exactly (no strings
 * are built: a lookup is a hash of six numbers). Explained judgements (with factors) are never
 * kept: a view that shows them gets its own objects, which it may change.
 *
 * `tests/unit/engine/memo.test.ts` plays every library scenario with the memo on and off and
 * checks every state and every judgement's numbers agree.
 */

import type { DecisionContext } from '../model/decision';

interface Entry {
  /** The hash of the six numbers below, kept for growing the table. */
  hash: number;
  key: number;
  keenness: number;
  doubt: number;
  irritation: number;
  rapport: number;
  believesOptions: number;
  value: unknown;
}

/** Entries kept per scenario before the memo starts again (a long random run must not grow without end). */
const MAX_ENTRIES = 50_000;
/** Slots a new table starts with; it doubles while over half full, up to twice MAX_ENTRIES rounded up. */
const FIRST_SLOTS = 1024;
const MAX_SLOTS = 131_072;

// A number's 64 bits, read as two 32-bit halves for hashing (no strings, no boxed keys).
const f64 = new Float64Array(1);
const halves = new Uint32Array(f64.buffer);
function mix(h: number, x: number): number {
  f64[0] = x;
  h = Math.imul(h ^ halves[0]!, 0x9e3779b1);
  h = Math.imul(h ^ halves[1]!, 0x85ebca77);
  return h ^ (h >>> 15);
}

let enabled = true;

/**
 * Judgements asked for through `judged` and those the model worked out (the rest came from the
 * memo), counted since the engine loaded: the work-budget test reads them around a run.
 */
export const judgementCounts = { asked: 0, evaluated: 0 };

/** Turns the memo off (and on again), for the test that checks it changes nothing. */
export function setJudgementMemo(on: boolean): void {
  enabled = on;
}

const MOMENT = { opening: 0, middle: 1, closing: 2 } as const;

/**
 * What each kind of judgement (the last base-8 digit of a move, `JUDGED` in core.ts: after the
 * interview, timing, close, persistence, counter-offer) leaves unread of the lead's hidden state,
 * so the memo keeps one judgement for every value of it. The decision after the interview
 * (model/lean.ts) never reads the believed options; persistence (model/persistence.ts) and a
 * counter-offer (model/negotiation.ts) read only keenness, doubt and irritation.
 * `tests/unit/engine/memo.test.ts` checks each gives the same numbers whatever the values it
 * leaves out, and plays the library with the memo on and off.
 */
const SKIPS_RAPPORT: readonly boolean[] = [false, false, false, true, true];
const SKIPS_BELIEVED: readonly boolean[] = [true, false, false, true, true];

export class JudgementMemo {
  /**
   * An open-addressing table (linear probing, a power of two in size) of positions in `entries`
   * plus one; 0 is an empty slot.
   */
  private slots = new Int32Array(FIRST_SLOTS);
  private entries: Entry[] = [];
  private readonly ids = new Map<string, number>();

  /** Forgets every judgement (an analysis starts empty, so its counts depend on its input alone). */
  clear(): void {
    this.slots = new Int32Array(FIRST_SLOTS);
    this.entries = [];
    this.ids.clear();
  }

  /** A whole number for a description of a move, the same every time. */
  id(name: string): number {
    let n = this.ids.get(name);
    if (n === undefined) {
      n = this.ids.size;
      this.ids.set(name, n);
    }
    return n;
  }

  /**
   * The judgement for `move` in context `ctx`: remembered, or worked out by `judge` and kept.
   * `move` is a whole number naming everything the judgement reads besides the context (the
   * kind of judgement and the close, the act and its count, the counter-offer), below 2^48.
   */
  get<T>(ctx: DecisionContext, move: number, judge: () => T): T {
    if (!enabled) {
      judgementCounts.evaluated++;
      return judge();
    }
    const h = ctx.hidden;
    const key = move * 8 + MOMENT[ctx.moment] * 2 + (ctx.firstMinute ? 1 : 0);
    // A value the judgement never reads is kept as 0, so every value of it finds the same entry.
    const kind = move % 8;
    const rapport = SKIPS_RAPPORT[kind] === true ? 0 : h.rapport;
    const believesOptions = SKIPS_BELIEVED[kind] === true ? 0 : h.believesOptions;
    const hash = mix(
      mix(mix(mix(mix(mix(0x811c9dc5, key), h.keenness), h.doubt), h.irritation), rapport),
      believesOptions,
    );
    const slots = this.slots;
    const entries = this.entries;
    const mask = slots.length - 1;
    let i = hash & mask;
    for (let at = slots[i]!; at !== 0; at = slots[i]!) {
      const e = entries[at - 1]!;
      if (
        e.key === key &&
        e.keenness === h.keenness &&
        e.doubt === h.doubt &&
        e.irritation === h.irritation &&
        e.rapport === rapport &&
        e.believesOptions === believesOptions
      )
        return e.value as T;
      i = (i + 1) & mask;
    }
    judgementCounts.evaluated++;
    const value = judge();
    this.keep({
      hash,
      key,
      keenness: h.keenness,
      doubt: h.doubt,
      irritation: h.irritation,
      rapport,
      believesOptions,
      value,
    });
    return value;
  }

  private keep(entry: Entry): void {
    if (this.entries.length >= MAX_ENTRIES) {
      this.slots = new Int32Array(this.slots.length);
      this.entries = [];
    } else if (2 * (this.entries.length + 1) > this.slots.length && this.slots.length < MAX_SLOTS) {
      this.slots = new Int32Array(this.slots.length * 2);
      for (let at = 1; at <= this.entries.length; at++) this.place(this.entries[at - 1]!.hash, at);
    }
    this.entries.push(entry);
    this.place(entry.hash, this.entries.length);
  }

  private place(hash: number, at: number): void {
    const slots = this.slots;
    const mask = slots.length - 1;
    let i = hash & mask;
    while (slots[i] !== 0) i = (i + 1) & mask;
    slots[i] = at;
  }
}
