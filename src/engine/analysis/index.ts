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
 * Analyzes a scenario: exhaustively (every path, equal states merged) when the state space is
 * small enough, otherwise by seeded sampling and a directed search for the best and worst paths.
 * Either way within a budget (`maxStates`, `maxSteps`, `maxBytes`, `maxMs`; see DEFAULT_BUDGET):
 * when it runs out the report says `method: 'partial'` and what was explored.
 */
export function analyzeScenario(scenario: Scenario, options: AnalyzeScenarioOptions = {}): Analysis {
  // An empty memo before the size pre-pass too, so the count of model evaluations depends on the
  // scenario alone (not on play or analyses of it before).
  compile(scenario).memo.clear();
  const meter = new Meter(options);
  const closeBudget = options.exactCloseBudget ?? 150_000;
  const size = interviewSize(scenario, 4000, meter, closeBudget);
  if (!size.truncated && size.closeActions <= closeBudget) {
    return analyzeExact(scenario, options, meter);
  }
  return analyzeSampled(scenario, options.samples ?? 2500, options, meter);
}
