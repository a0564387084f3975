/** Pieces both analyses share: spotting choices that change nothing, and the score spread. */
import { availableChoices, type Compiled } from '../runtime/compile';
import { expectedResolver, type State } from '../runtime/step';
import type { Meter } from './budget';
import { playStep, stateKey } from './moves';
import type { AnalysisIssue } from './types';

/**
 * Watches the choices offered at each interview state it is shown: a choice that leads to
 * the same state as another choice there, every time it is seen, changes nothing.
 */
export class ChoiceWatch {
  private readonly seen = new Map<
    string,
    { seen: number; same: number; node: string; choice: string; twin: string }
  >();

  constructor(
    private readonly compiled: Compiled,
    private readonly meter: Meter,
  ) {}

  note(state: State): void {
    const c = this.compiled;
    const node = c.nodes.get(state.node)!;
    const nexts = new Map<string, string>();
    for (const ch of availableChoices(node, state.vars, state.hidden, c)) {
      const next = stateKey(
        playStep(this.meter, c, state, { type: 'choose', choice: ch.id }, expectedResolver),
      );
      const id = `${state.node}/${ch.id}`;
      const entry = this.seen.get(id) ?? { seen: 0, same: 0, node: state.node, choice: ch.id, twin: '' };
      entry.seen++;
      const twin = nexts.get(next);
      if (twin) {
        entry.same++;
        entry.twin = twin;
      } else nexts.set(next, ch.id);
      this.seen.set(id, entry);
    }
  }

  issues(): AnalysisIssue[] {
    const out: AnalysisIssue[] = [];
    for (const c of this.seen.values()) {
      if (c.seen > 0 && c.same === c.seen) {
        out.push({
          kind: 'choice-changes-nothing',
          node: c.node,
          choice: c.choice,
          message: `Choice "${c.choice}" at node "${c.node}" changes nothing: it leads to the same state as "${c.twin}". Give it different effects or a different next node.`,
        });
      }
    }
    return out;
  }
}

/** Min, median and max of a histogram of scores 0–100 (weights need not sum to 1). */
export function scoreSpread(histogram: Float64Array): { min: number; median: number; max: number } {
  const total = histogram.reduce((a, b) => a + b, 0);
  let min = -1;
  let max = -1;
  let median = -1;
  let cumulative = 0;
  for (let k = 0; k <= 100; k++) {
    if (histogram[k]! > 1e-12) {
      if (min < 0) min = k;
      max = k;
      cumulative += histogram[k]!;
      if (median < 0 && cumulative >= total / 2 - 1e-12) median = k;
    }
  }
  return { min, median, max };
}
