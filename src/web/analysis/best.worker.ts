/// <reference lib="webworker" />
// Works out a scenario's best achievable score off the main thread: analysing a large
// scenario takes a second or more, which would freeze the Debrief. The analysis runs within
// a budget; when it runs out (a hostile or enormous scenario) there is no best score to show.
import { analyzeScenario, type Scenario } from '../../engine';
import { BEST_SCORE_BUDGET } from './budget';

self.onmessage = (event: MessageEvent<{ id: number; scenario: Scenario }>) => {
  const { id, scenario } = event.data;
  try {
    const analysis = analyzeScenario(scenario, BEST_SCORE_BUDGET);
    if (analysis.method === 'partial' || !(analysis.bestPath.score >= 0)) {
      self.postMessage({ id, error: analysis.partial?.explored ?? 'no path reaches an ending' });
    } else self.postMessage({ id, best: analysis.bestPath.score });
  } catch (err) {
    self.postMessage({ id, error: String(err) });
  }
};
