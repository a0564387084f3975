/**
 * Graph and reference checks beyond the schema: missing targets, duplicate ids, unreachable
 * nodes, dead ends, missing assets and style warnings. One rule per file in `checks/`; this
 * file runs them in order (later rules read what earlier ones gathered). Pure TypeScript.
 */

import { checkAfterInterview } from './checks/after-interview';
import { checkDecisionMakersAndAssets } from './checks/assets';
import { checkCloseMoments } from './checks/close-moments';
import { checkCloseWords } from './checks/close-words';
import { type CheckContext, createContext } from './checks/context';
import { checkEndingsPicked, checkOutcomesCovered, checkUnreachableEndings } from './checks/endings';
import { checkLines } from './checks/lines';
import { checkWaysOut } from './checks/no-way-out';
import { checkNodes } from './checks/nodes';
import type { CheckOptions } from './checks/options';
import { checkReachability } from './checks/reachability';
import { checkRefersAndMoments } from './checks/refers-and-moments';
import { checkSelfGatedChoices } from './checks/self-gated';
import { checkLineConditions, checkVariables } from './checks/variables';
import {
  displayable,
  escapeForDisplay,
  type ParseResult,
  type Problem,
  parseScenarioText,
  sortProblems,
} from './parse';
import { repairForChecks, touches } from './repair';
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
  checkCloseWords,
  checkUnreachableEndings,
  checkEndingsPicked,
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
  if (!parsed.ok) {
    // One pass: where the schema fails, the rest of the file is still checked, on a copy
    // repaired just enough to run the checks (problems at the repaired places are left out).
    const repaired = parsed.data === undefined ? null : repairForChecks(parsed.data);
    if (!repaired) return { ok: false, problems: parsed.problems };
    const touched = repaired.touched.map(escapeForDisplay);
    const more = checkScenario(repaired.scenario, file, { ...options, locator: parsed.locator }).filter(
      (p) => !touches(p.path, touched),
    );
    return { ok: false, problems: sortProblems([...parsed.problems, ...more]) };
  }
  const problems = sortProblems([
    ...parsed.problems,
    ...checkScenario(parsed.scenario, file, { ...options, locator: parsed.locator }),
  ]);
  if (problems.some((p) => p.severity === 'error')) return { ok: false, problems };
  return { ok: true, scenario: parsed.scenario, problems };
}
