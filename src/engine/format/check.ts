/**
 * Graph and reference checks beyond the schema: missing targets, duplicate ids, unreachable
 * nodes, dead ends, missing assets and style warnings. One rule per file in `checks/`; this
 * file runs them in order (later rules read what earlier ones gathered). Pure TypeScript.
 */

import { checkAfterInterview } from './checks/after-interview';
import { checkDecisionMakersAndAssets } from './checks/assets';
import { checkCloseMoments } from './checks/close-moments';
import { type CheckContext, createContext } from './checks/context';
import { checkOutcomesCovered, checkUnreachableEndings } from './checks/endings';
import { checkLines } from './checks/lines';
import { checkWaysOut } from './checks/no-way-out';
import { checkNodes } from './checks/nodes';
import type { CheckOptions } from './checks/options';
import { checkReachability } from './checks/reachability';
import { checkRefersAndMoments } from './checks/refers-and-moments';
import { checkSelfGatedChoices } from './checks/self-gated';
import { checkLineConditions, checkVariables } from './checks/variables';
import { displayable, type ParseResult, type Problem, parseScenarioText, sortProblems } from './parse';
import type { Scenario } from './schema';

export { isPlainName } from './checks/assets';
export { MAX_SUGGESTIONS } from './checks/context';
export { MAX_LINE_CHARS } from './checks/lines';
export type { CheckOptions } from './checks/options';

/** The rules, in the order they run. `checkVariables` reads what the rules before it walked. */
const RULES: readonly ((ctx: CheckContext) => void)[] = [
  checkDecisionMakersAndAssets,
  checkLines,
  checkNodes,
  checkReachability,
  checkAfterInterview,
  checkSelfGatedChoices,
  checkWaysOut,
  checkLineConditions,
  checkVariables,
  checkCloseMoments,
  checkUnreachableEndings,
  checkOutcomesCovered,
  checkRefersAndMoments,
];

/** Runs every check on a scenario that passed the schema. */
export function checkScenario(scenario: Scenario, file: string, options: CheckOptions = {}): Problem[] {
  const ctx = createContext(scenario, file, options);
  for (const rule of RULES) rule(ctx);
  return sortProblems(ctx.problems.map(displayable));
}

/** Parses, schema-checks and graph-checks a scenario text in one go. */
export function validateScenario(
  text: string,
  file: string,
  options: Omit<CheckOptions, 'locator'> = {},
): ParseResult {
  const parsed = parseScenarioText(text, file);
  if (!parsed.ok) return { ok: false, problems: parsed.problems };
  const problems = sortProblems([
    ...parsed.problems,
    ...checkScenario(parsed.scenario, file, { ...options, locator: parsed.locator }),
  ]);
  if (problems.some((p) => p.severity === 'error')) return { ok: false, problems };
  return { ok: true, scenario: parsed.scenario, problems };
}
