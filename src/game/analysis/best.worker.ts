/// <reference lib="webworker" />
// Works out a scenario's best achievable score off the main thread: analysing a large
// scenario takes a second or more, which would freeze the Debrief.
import { analyzeScenario, type Scenario } from '../../engine';

self.onmessage = (event: MessageEvent<{ id: number; scenario: Scenario }>) => {
  const { id, scenario } = event.data;
  try {
    const analysis = analyzeScenario(scenario);
    self.postMessage({ id, best: analysis.bestPath.score });
  } catch (err) {
    self.postMessage({ id, error: String(err) });
  }
};
