import type { AnalysisBudget } from '../../engine';

/**
 * What the Debrief may spend on the best score (best.worker.ts): a browser tab has less room than
 * the command line. `tests/unit/engine/work-budgets.test.ts` analyses every library file within it
 * (its clock aside), so the best score is never "unavailable" for a shipped scenario.
 */
export const BEST_SCORE_BUDGET: AnalysisBudget = { maxMs: 20_000, maxBytes: 256 * 1024 * 1024 };
