/**
 * The exact expected score of an action: every outcome the model can give (including a
 * bluff's exposure) is followed with its probability, and afterwards the player follows a
 * fixed policy (accept the first offer, let a no go), so two actions are compared on the
 * model's own numbers, not on one draw.
 */
import type { Action } from '../../src/engine';
import type { Compiled } from '../../src/engine/runtime/compile';
import { type State, step } from '../../src/engine/runtime/step';
import { scoreState } from '../../src/engine/scoring';

class Branch {
  constructor(
    readonly distribution: Record<string, number | undefined>,
    readonly order: readonly string[],
  ) {}
}

/** Every state an action can lead to, with its probability. */
export function outcomesOf(c: Compiled, s: State, a: Action): { p: number; state: State }[] {
  const out: { p: number; state: State }[] = [];
  const explore = (prefix: string[], p: number) => {
    let calls = 0;
    try {
      const r = step(
        c,
        s,
        a,
        (d, order) => {
          if (calls < prefix.length) return prefix[calls++]!;
          throw new Branch(d as Record<string, number>, order);
        },
        false,
      );
      out.push({ p, state: r.state });
    } catch (e) {
      if (!(e instanceof Branch)) throw e;
      const total = e.order.reduce((sum, k) => sum + (e.distribution[k] ?? 0), 0);
      for (const k of e.order) {
        const q = e.distribution[k] ?? 0;
        if (q > 0) explore([...prefix, k], (p * q) / total);
      }
    }
  };
  explore([], 1);
  return out;
}

/** What the player does after the close: accept an offer, let a no go. */
export type Policy = (s: State) => Action;
export const settle: Policy = (s) =>
  s.phase === 'negotiation' ? { type: 'negotiate', move: 'accept' } : { type: 'let-go' };

/** The final score of every branch, with its probability, after `a` and then `policy`. */
export function finals(
  c: Compiled,
  s: State,
  a: Action,
  policy: Policy = settle,
): { p: number; state: State; total: number }[] {
  const out: { p: number; state: State; total: number }[] = [];
  const walk = (state: State, action: Action, p: number, depth: number) => {
    if (depth > 20) throw new Error('policy does not end the playthrough');
    for (const o of outcomesOf(c, state, action)) {
      if (o.state.phase === 'ended')
        out.push({ p: p * o.p, state: o.state, total: scoreState(c, o.state).total });
      else walk(o.state, policy(o.state), p * o.p, depth + 1);
    }
  };
  walk(s, a, 1, 0);
  return out;
}

export const expectedScore = (c: Compiled, s: State, a: Action, policy: Policy = settle): number =>
  finals(c, s, a, policy).reduce((sum, f) => sum + f.p * f.total, 0);
