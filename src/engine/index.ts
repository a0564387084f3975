/**
 * Close Call's engine: the scenario format, the runtime, the decision-maker model, scoring
 * and analysis. Plain TypeScript: no Phaser, no howler, no DOM. See README.md beside it.
 */

export { type Analysis, type AnalysisIssue, analyzeExact, closeCompositions } from './analysis/analyze';
export { type AnalysisBudget, analyzeScenario, type BudgetReason, DEFAULT_BUDGET } from './analysis/index';
export { movesAfterInterview } from './analysis/moves';
export {
  bestWithoutClosing,
  type CloseRow,
  closesAt,
  exploreNodes,
  type PathTo,
  pathsTo,
  stateAt,
} from './authoring/explore';
export { validateScenario } from './format/check';
export { generateScenario } from './format/generate';
export {
  createLocator,
  escapeForDisplay,
  MAX_SCENARIO_CHARS,
  type Problem,
  parseScenario,
} from './format/parse';
export * from './format/schema';
export { expressionFor } from './model/expression';
export { KIND_REASONS, KIND_TRAITS } from './model/traits';
export { WEIGHTS, type Weight } from './model/weights';
export { createRandom } from './random';
export { availableChoices, type Compiled, compile, holds } from './runtime/compile';
export { OTHER_ASK, whatIf } from './runtime/debrief';
export { Playthrough, type StartOptions } from './runtime/playthrough';
export {
  closeOffered,
  closeOptions,
  composeWords,
  EngineError,
  expectedResolver,
  initialState,
  type State,
  step,
} from './runtime/step';
export { OUTCOME_VALUE } from './scoring';
export type * from './types';

import type { Scenario } from './format/schema';
import { composeWords } from './runtime/step';
import type { CloseSpec } from './types';

/** The words the candidate's close will say, with its stage cue. */
export function composeCloseWords(scenario: Scenario, close: CloseSpec): { cue: string; text: string } {
  return composeWords(scenario, close);
}
