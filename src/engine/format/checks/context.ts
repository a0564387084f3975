/**
 * What every check shares: the scenario, where to report, a bounded "did you mean", and the
 * facts several checks read (ids, lines, reachability). One context per checked file.
 */

import { ENGINE_VAR_NAMES, engineVar } from '../engine-vars';
import { createLocator, didYouMean, formatPath, type JsonPath, type Problem } from '../parse';
import type { Condition, Line, Scenario } from '../schema';
import type { CheckOptions } from './options';

/** Problems that get a "did you mean": past this many, a file is broken wholesale and hints cost time. */
export const MAX_SUGGESTIONS = 200;
/** Edit-distance cells all the suggestions of one file may compute (a few tens of milliseconds). */
const SUGGESTION_CELLS = 4_000_000;

export const SPEAKERS_NOT_DM = new Set(['candidate', 'narrator']);

type DecisionMaker = Scenario['decisionMakers'][number];
type Node = Scenario['nodes'][number];

export interface CheckContext {
  readonly scenario: Scenario;
  readonly options: CheckOptions;
  readonly problems: Problem[];
  add(
    severity: Problem['severity'],
    code: string,
    path: JsonPath,
    message: string,
    fix: string,
    atKey?: boolean,
  ): void;
  error(code: string, path: JsonPath, message: string, fix: string): void;
  warn(code: string, path: JsonPath, message: string, fix: string): void;
  /** The nearest candidate, while the file's suggestion budget lasts. */
  suggest(word: string, candidates: readonly string[]): string | undefined;
  /** ": a, b, c" naming what exists in a folder (with a "did you mean"), or "" when it cannot be listed. */
  existing(dir: string, wanted: string, ext: string): string;
  /** Reports every id used twice in a list. */
  duplicates(what: string, items: { id: string; path: JsonPath }[]): void;

  readonly dms: ReadonlyMap<string, DecisionMaker>;
  readonly dmIds: readonly string[];
  /** First index of each node id. */
  readonly nodeIndex: ReadonlyMap<string, number>;
  readonly nodeIds: readonly string[];
  readonly endingIds: readonly string[];
  readonly endingSet: ReadonlySet<string>;
  /** Every line of the file (nodes, closing, follow-up, negotiation) with its path. */
  readonly allLines: readonly { line: Line; path: JsonPath }[];
  readonly startIndex: number | undefined;
  /** 1 for each node play can reach from the start, ignoring conditions. */
  readonly reached: Uint8Array;
  /** Variables some choice sets or adds to. */
  readonly setVars: ReadonlySet<string>;
  /** Endings a node or a choice names. */
  readonly directEndings: ReadonlySet<string>;
  /** Variables conditions read, gathered by `walkCondition`. */
  readonly readVars: { name: string; path: JsonPath }[];

  /** Whether a node offers the close (its own flag, else the scenario's rule). */
  closesAt(node: Node): boolean;
  /** Reports a missing decision-maker reference. */
  checkDm(id: string | undefined, path: JsonPath): void;
  /** Checks a condition's references and notes the variables it reads. */
  walkCondition(cond: Condition, path: JsonPath): void;
}

/** Lists ids for a message, the first dozen only when there are many. */
export function quote(ids: readonly string[]): string {
  const shown = ids.slice(0, 12).map((i) => `"${i}"`);
  if (ids.length > shown.length) shown.push(`and ${ids.length - shown.length} more`);
  return shown.join(', ');
}

function collectLines(scenario: Scenario): { line: Line; path: JsonPath }[] {
  const allLines: { line: Line; path: JsonPath }[] = [];
  const collect = (lines: Line[] | undefined, path: JsonPath) => {
    lines?.forEach((line, i) => {
      allLines.push({ line, path: [...path, i] });
    });
  };
  for (const [n, node] of scenario.nodes.entries()) collect(node.lines, ['nodes', n, 'lines']);
  for (const [key, lines] of Object.entries(scenario.closing.responses))
    collect(lines, ['closing', 'responses', key]);
  for (const [key, lines] of Object.entries(scenario.closing.afterInterview)) {
    collect(lines, ['closing', 'afterInterview', key]);
  }
  if (scenario.followUp) {
    for (const [key, lines] of Object.entries(scenario.followUp.replies))
      collect(lines, ['followUp', 'replies', key]);
  }
  if (scenario.negotiation) {
    for (const [key, lines] of Object.entries(scenario.negotiation.replies)) {
      collect(lines, ['negotiation', 'replies', key]);
    }
  }
  return allLines;
}

/** Nodes reachable from the start through choices and `next`, ignoring conditions. */
function reachable(scenario: Scenario, nodeIndex: ReadonlyMap<string, number>, start: number | undefined) {
  const reached = new Uint8Array(scenario.nodes.length);
  if (start === undefined) return reached;
  const stack = [start];
  reached[start] = 1;
  while (stack.length > 0) {
    const node = scenario.nodes[stack.pop()!]!;
    const targets = node.choices.map((c) => c.next);
    targets.push(node.next);
    for (const t of targets) {
      if (t === undefined) continue;
      const i = nodeIndex.get(t);
      if (i !== undefined && !reached[i]) {
        reached[i] = 1;
        stack.push(i);
      }
    }
  }
  return reached;
}

export function createContext(scenario: Scenario, file: string, options: CheckOptions): CheckContext {
  const locator = options.locator ?? createLocator('');
  const problems: Problem[] = [];
  let suggestionsLeft = MAX_SUGGESTIONS;
  const work = { cells: SUGGESTION_CELLS };
  const suggest = (word: string, candidates: readonly string[]) =>
    suggestionsLeft-- > 0 && work.cells > 0 ? didYouMean(word, candidates, work) : undefined;
  const add: CheckContext['add'] = (severity, code, path, message, fix, atKey = false) => {
    problems.push({
      file,
      ...(atKey ? locator.key(path) : locator.value(path)),
      path: formatPath(path),
      severity,
      code,
      message,
      fix,
    });
  };
  const error = (code: string, path: JsonPath, message: string, fix: string) =>
    add('error', code, path, message, fix);
  const warn = (code: string, path: JsonPath, message: string, fix: string) =>
    add('warning', code, path, message, fix);

  const dms = new Map(scenario.decisionMakers.map((dm) => [dm.id, dm]));
  const dmIds = [...dms.keys()];
  const nodeIndex = new Map<string, number>();
  scenario.nodes.forEach((node, i) => {
    if (!nodeIndex.has(node.id)) nodeIndex.set(node.id, i);
  });
  const endingIds = scenario.endings.map((e) => e.id);
  const startIndex = nodeIndex.get(scenario.start);
  const setVars = new Set<string>();
  const directEndings = new Set<string>();
  for (const node of scenario.nodes) {
    if (node.ending !== undefined) directEndings.add(node.ending);
    for (const choice of node.choices) {
      if (choice.ending !== undefined) directEndings.add(choice.ending);
      for (const how of ['set', 'add'] as const) {
        for (const k of Object.keys(choice.effects?.[how] ?? {}))
          if (!ENGINE_VAR_NAMES.has(k)) setVars.add(k);
      }
    }
  }
  const readVars: { name: string; path: JsonPath }[] = [];

  const ctx: CheckContext = {
    scenario,
    options,
    problems,
    add,
    error,
    warn,
    suggest,
    existing(dir, wanted, ext) {
      const names = (options.assetList?.(dir) ?? [])
        .filter((n) => n.endsWith(ext))
        .map((n) => (ext ? n.slice(0, -ext.length) : n))
        .sort();
      if (names.length === 0) return '';
      const near = suggest(wanted, names);
      return `${near ? ` (did you mean "${near}"?)` : ''}; those that exist: ${quote(names)}`;
    },
    duplicates(what, items) {
      const seen = new Map<string, JsonPath>();
      for (const item of items) {
        const first = seen.get(item.id);
        if (first) {
          error(
            'duplicate-id',
            item.path,
            `${what} id "${item.id}" is used twice (first at ${formatPath(first)})`,
            `Give this ${what} a different id; ids must be unique.`,
          );
        } else seen.set(item.id, item.path);
      }
    },
    dms,
    dmIds,
    nodeIndex,
    nodeIds: [...nodeIndex.keys()],
    endingIds,
    endingSet: new Set(endingIds),
    allLines: collectLines(scenario),
    startIndex,
    reached: reachable(scenario, nodeIndex, startIndex),
    setVars,
    directEndings,
    readVars,
    closesAt: (node) =>
      node.closeAllowed ?? (scenario.closing.allowed === 'anywhere' || node.moment === 'closing'),
    checkDm(id, path) {
      if (id === undefined || dms.has(id)) return;
      const near = suggest(id, dmIds);
      error(
        'missing-decision-maker',
        path,
        `there is no decision-maker "${id}"${near ? ` — did you mean "${near}"?` : ''}`,
        `Use one of the ids in decisionMakers: ${quote(dmIds)}.`,
      );
    },
    walkCondition(cond, path) {
      if ('var' in cond) {
        readVars.push({ name: cond.var, path: [...path, 'var'] });
        checkEngineValue(ctx, cond, path);
      } else if ('state' in cond) ctx.checkDm(cond.dm, [...path, 'dm']);
      else if ('all' in cond) {
        for (const [i, c] of cond.all.entries()) ctx.walkCondition(c, [...path, 'all', i]);
      } else if ('any' in cond) {
        for (const [i, c] of cond.any.entries()) ctx.walkCondition(c, [...path, 'any', i]);
      } else if ('not' in cond) ctx.walkCondition(cond.not, [...path, 'not']);
    },
  };
  return ctx;
}

/** A comparison of an engine variable with a value of the wrong type, or one it never takes. */
function checkEngineValue(ctx: CheckContext, cond: Extract<Condition, { var: string }>, path: JsonPath) {
  const spec = engineVar(cond.var);
  if (!spec || cond.equals === undefined) return;
  const wrongType = typeof cond.equals !== spec.type;
  const wrongValue = spec.values !== undefined && !spec.values.includes(String(cond.equals));
  if (!wrongType && !wrongValue) return;
  const near =
    typeof cond.equals === 'string' && spec.values ? ctx.suggest(cond.equals, [...spec.values]) : undefined;
  ctx.warn(
    'engine-variable-value',
    [...path, 'equals'],
    `the engine variable "${cond.var}" is a ${spec.type}${
      spec.values ? ` (one of ${quote(spec.values)})` : ''
    }, so it never equals ${JSON.stringify(cond.equals)}${near ? ` — did you mean "${near}"?` : ''}`,
    spec.values
      ? `Compare it with one of ${quote(spec.values)}.`
      : `Compare it with a ${spec.type}${spec.type === 'number' ? ', or use atLeast / atMost' : ''}.`,
  );
}
