import type { Scenario } from '../format/schema';
import { type Analysis, type AnalyzeOptions, analyzeExact } from './analyze';
import { analyzeSampled, interviewSize } from './sample';

export interface AnalyzeScenarioOptions extends AnalyzeOptions {
  /** Above this many close actions over all interview states, sample instead of exploring exhaustively. */
  exactCloseBudget?: number;
  samples?: number;
}

/**
 * Analyzes a scenario: exhaustively (every path, equal states merged) when the state space is
 * small enough, otherwise by seeded sampling and a directed search for the best and worst paths.
 */
export function analyzeScenario(scenario: Scenario, options: AnalyzeScenarioOptions = {}): Analysis {
  const size = interviewSize(scenario, 4000);
  if (!size.truncated && size.closeActions <= (options.exactCloseBudget ?? 150_000)) {
    return analyzeExact(scenario, options);
  }
  return analyzeSampled(scenario, options.samples ?? 2500);
}
