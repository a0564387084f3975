import type { Scenario } from '../format/schema';
import { compile } from '../runtime/compile';
import { type Analysis, type AnalyzeOptions, analyzeExact } from './analyze';
import { Meter } from './budget';
import { analyzeSampled, interviewSize } from './sample';

export { type AnalysisBudget, type BudgetReason, DEFAULT_BUDGET } from './budget';

export interface AnalyzeScenarioOptions extends AnalyzeOptions {
  /** Above this many close actions over all interview states, sample instead of exploring exhaustively. */
  exactCloseBudget?: number;
  samples?: number;
}

/**
 * Interview states (without closing) up to which the exhaustive analysis is chosen, when the close
 * actions are within `exactCloseBudget` too. The exhaustive analysis costs about a step per state
 * and action, plus the play after the interview from each close action: the close budget bounds
 * the second, so many states with few closes (a 20,000-node chain: 160,023 steps) are cheap to
 * explore exactly, where the sampled search walks its long routes again and again (40 million
 * steps before this was raised from 4,000). Every library file has more close actions than the
 * budget and is sampled either way.
 */
const EXACT_STATES = 25_000;

/**
 * Analyzes a scenario: exhaustively (every path, equal states merged) when the state space is
 * small enough, otherwise by seeded sampling and a directed search for the best and worst paths.
 * Either way within a budget (`maxStates`, `maxSteps`, `maxBytes`, `maxMs`; see DEFAULT_BUDGET):
 * when it runs out the report says `method: 'partial'` and what was explored.
 */
export function analyzeScenario(scenario: Scenario, options: AnalyzeScenarioOptions = {}): Analysis {
  // An empty memo before the size pre-pass too, so the count of model evaluations depends on the
  // scenario alone (not on play or analyses of it before).
  const memo = compile(scenario).memo;
  memo.clear();
  try {
    const meter = new Meter(options);
    const closeBudget = options.exactCloseBudget ?? 150_000;
    const size = interviewSize(scenario, EXACT_STATES, meter, closeBudget);
    if (!size.truncated && size.closeActions <= closeBudget) {
      return analyzeExact(scenario, options, meter);
    }
    return analyzeSampled(scenario, options.samples ?? 2500, options, meter, size.nodes);
  } finally {
    // The analysis's judgements are not kept with the scenario after it: up to 50,000 each,
    // held by every scenario an authoring session or the bench had analysed.
    memo.clear();
  }
}
