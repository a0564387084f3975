/** What both analyses report the same way: a stop for budget, and what no path reached. */
import type { Scenario } from '../format/schema';
import type { Meter } from './budget';
import type { Analysis, AnalysisIssue } from './types';

/** Sentence and record for an analysis that ran out of budget. */
export function partialOf(
  of: 'exact' | 'sampled',
  meter: Meter,
  states: number,
  what: string,
): NonNullable<Analysis['partial']> {
  const time = meter.stopped === 'time' ? ` after ${(meter.elapsedMs() / 1000).toFixed(1)} s` : '';
  return {
    of,
    reason: meter.stopped ?? 'states',
    states,
    steps: meter.steps,
    explored: `${of === 'exact' ? 'Exhaustive' : 'Sampled'} analysis stopped at ${meter.describe()}${time}, having explored ${states.toLocaleString('en-GB')} distinct states and ${meter.steps.toLocaleString('en-GB')} engine steps (${what}); every figure covers only that part of the scenario.`,
  };
}

/** Issues for endings and nodes no explored play reached, worded by the analysis that looked. */
export function coverageIssues(
  scenario: Scenario,
  endings: Analysis['endings'],
  visited: ReadonlySet<string>,
  words: { ending(e: Analysis['endings'][number]): string; node(id: string): string },
): AnalysisIssue[] {
  const issues: AnalysisIssue[] = [];
  for (const e of endings) {
    if (!e.reachable) issues.push({ kind: 'unreachable-ending', ending: e.id, message: words.ending(e) });
  }
  for (const n of scenario.nodes) {
    if (!visited.has(n.id)) issues.push({ kind: 'unvisited-node', node: n.id, message: words.node(n.id) });
  }
  return issues;
}
