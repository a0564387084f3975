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
  key: number;
  keenness: number;
  doubt: number;
  irritation: number;
  rapport: number;
  believesOptions: number;
  value: unknown;
  next: Entry | null;
}

/** Entries kept per scenario before the memo starts again (a long random run must not grow without end). */
const MAX_ENTRIES = 50_000;

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

export class JudgementMemo {
  private readonly entries = new Map<number, Entry>();
  private readonly ids = new Map<string, number>();

  /** Forgets every judgement (an analysis starts empty, so its counts depend on its input alone). */
  clear(): void {
    this.entries.clear();
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
    const hash =
      key * 7.919 +
      h.keenness +
      3.1 * h.doubt +
      17.3 * h.irritation +
      101.9 * h.rapport +
      997.7 * h.believesOptions;
    const first = this.entries.get(hash);
    for (let e: Entry | null | undefined = first; e; e = e.next) {
      if (
        e.key === key &&
        e.keenness === h.keenness &&
        e.doubt === h.doubt &&
        e.irritation === h.irritation &&
        e.rapport === h.rapport &&
        e.believesOptions === h.believesOptions
      )
        return e.value as T;
    }
    judgementCounts.evaluated++;
    const value = judge();
    if (this.entries.size >= MAX_ENTRIES) this.entries.clear();
    this.entries.set(hash, {
      key,
      keenness: h.keenness,
      doubt: h.doubt,
      irritation: h.irritation,
      rapport: h.rapport,
      believesOptions: h.believesOptions,
      value,
      next: this.entries.get(hash) ?? null,
    });
    return value;
  }
}
