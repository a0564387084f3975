/**
 * Explores every path of a scenario. Equal states are merged (memoised by their content),
 * so the work grows with the number of distinct states, not of paths.
 *
 * Two passes share one memo of successors:
 * - random play: each top-level option (a choice, continue, "close", an act, a move) is equally
 *   likely, a close's composition is uniform among those on offer, and the model's outcomes
 *   follow their probabilities. This gives each ending's chance and the score distribution.
 * - expected play: chance resolved as in the game's expected mode; the best and worst paths.
 */
import type { Scenario } from '../format/schema';
import { availableChoices, type Compiled, compile } from '../runtime/compile';
import {
  closeOptions,
  composeWords,
  expectedResolver,
  initialState,
  type Resolver,
  type State,
  step,
} from '../runtime/step';
import { scoreParts, totalOf } from '../scoring';
import type { Action, CloseOptions, CloseSpec, Distribution } from '../types';
import { ChoiceWatch, scoreSpread, stateKey } from './common';

export interface AnalysisIssue {
  kind: 'choice-changes-nothing' | 'unreachable-ending' | 'unvisited-node' | 'state-limit';
  message: string;
  node?: string;
  choice?: string;
  ending?: string;
}

export interface PathStep {
  action: Action;
  label: string;
}

export interface Analysis {
  scenario: string;
  /** 'exact': every path explored with equal states merged; 'sampled': too many states, so seeded random play plus a directed search. */
  method: 'exact' | 'sampled';
  /** Random playthroughs behind the figures when sampled. */
  samples: number;
  nodes: number;
  /**
   * Exact: distinct paths from the start to an ending (player actions, close compositions and
   * the model's outcomes). Sampled: routes through the interview graph, ignoring conditions.
   */
  paths: number;
  /** Sampled only: distinct paths among the sampled playthroughs. */
  sampledPaths?: number;
  /** Distinct non-final states explored after merging. */
  states: number;
  statesByPhase: Record<string, number>;
  endings: { id: string; outcome: string; reachable: boolean; chance: number }[];
  score: { min: number; median: number; max: number };
  bestPath: { score: number; ending: string; steps: PathStep[] };
  worstPath: { score: number; ending: string; steps: PathStep[] };
  issues: AnalysisIssue[];
}

interface Branch {
  p: number;
  state: State;
}

interface Option {
  action: Action;
  /** Probability of this action under uniformly random play. */
  weight: number;
  label: string;
  group: string;
}

function subsets<T>(items: T[]): T[][] {
  if (items.length > 4) return [[], ...items.map((x) => [x]), items];
  const out: T[][] = [];
  for (let mask = 0; mask < 1 << items.length; mask++) out.push(items.filter((_, i) => mask & (1 << i)));
  return out;
}

export function closeCompositions(options: CloseOptions): CloseSpec[] {
  const out: CloseSpec[] = [];
  const pointSets = subsets(options.points.map((p) => p.id));
  const leverages: (string | null)[] = [null, ...options.leverage.map((l) => l.id)];
  for (const { form } of options.forms) {
    const asks = form === 'statement-of-intent' || form === 'outright-ask';
    const commits = options.canCommit && asks ? [false, true] : [false];
    for (const { delivery } of options.deliveries) {
      for (const points of pointSets) {
        for (const leverage of leverages) {
          for (const commit of commits) out.push({ form, delivery, points, leverage, commit });
        }
      }
    }
  }
  return out;
}

function optionsAt(compiled: Compiled, state: State): Option[] {
  const scenario = compiled.scenario;
  const top: Option[][] = [];
  if (state.phase === 'interview') {
    const node = compiled.nodes.get(state.node)!;
    const choices = availableChoices(node, state.vars, state.hidden, compiled);
    for (const c of choices)
      top.push([{ action: { type: 'choose', choice: c.id }, weight: 1, label: c.text, group: c.id }]);
    if (choices.length === 0)
      top.push([{ action: { type: 'continue' }, weight: 1, label: 'Continue', group: 'continue' }]);
    const close = closeOptions(compiled, state);
    if (close) {
      top.push(
        closeCompositions(close).map((spec) => ({
          action: { type: 'close', close: spec },
          weight: 1,
          label: `Close: ${spec.form}, ${spec.delivery}${spec.points.length ? `, points ${spec.points.join('+')}` : ''}${spec.leverage ? `, citing ${spec.leverage}` : ''}${spec.commit ? ', committing to accept' : ''} — “${composeWords(scenario, spec).text}”`,
          group: 'close',
        })),
      );
    }
  } else if (state.phase === 'follow-up') {
    for (const a of scenario.followUp!.acts)
      top.push([{ action: { type: 'persist', act: a.id }, weight: 1, label: a.label, group: a.id }]);
    top.push([
      { action: { type: 'let-go' }, weight: 1, label: scenario.followUp!.letGoText, group: 'let-go' },
    ]);
  } else if (state.phase === 'negotiation') {
    const n = scenario.negotiation!;
    for (const m of n.moves) {
      const counter = m.kind === 'counter' || m.kind === 'counter-with-leverage';
      if (counter && state.round >= n.rounds) continue;
      top.push([{ action: { type: 'negotiate', move: m.id }, weight: 1, label: m.text, group: m.id }]);
    }
  }
  const out: Option[] = [];
  for (const group of top) for (const o of group) out.push({ ...o, weight: 1 / top.length / group.length });
  return out;
}

/** Every outcome of an action with its probability, by forcing each chance resolution in turn. */
function branches(compiled: Compiled, state: State, action: Action): Branch[] {
  const out: Branch[] = [];
  const run = (script: string[]) => {
    let call = 0;
    let p = 1;
    const pending: { open: [string, number][] | null } = { open: null };
    const resolve: Resolver = (distribution: Distribution, order) => {
      const options = order
        .map((k) => [k, distribution[k as keyof Distribution] ?? 0] as [string, number])
        .filter(([, q]) => q > 1e-9);
      if (call < script.length) {
        const forced = script[call++]!;
        p *= options.find(([k]) => k === forced)?.[1] ?? 0;
        return forced;
      }
      call++;
      if (!pending.open) pending.open = options;
      return options[0]![0];
    };
    const result = step(compiled, state, action, resolve, false);
    if (call === script.length) {
      out.push({ p, state: result.state });
      return;
    }
    for (const [k] of pending.open ?? []) run([...script, k]);
  };
  run([]);
  return out.filter((b) => b.p > 1e-12);
}

/**
 * What random play from a state leads to. Interview states keep a histogram of final scores;
 * states after the interview keep the part of the score still to be decided (`dynamic`), because
 * timing and professionalism are settled by then: merging on the rest lets far more states merge.
 */
interface Summary {
  scores: Float64Array | null;
  dynamic: Map<number, number> | null;
  endings: Float64Array;
  paths: number;
}

export interface AnalyzeOptions {
  /** Stop exploring after this many distinct states (reported as an issue). */
  maxStates?: number;
}

const isInterview = (s: State) => s.phase === 'interview';

/** Key for merging: after the interview, the settled parts of the score are left out. */
const keyOf = (s: State): string => {
  if (isInterview(s)) return stateKey(s);
  const { draws: _d, professionalism: _p, close: _c, ...rest } = s;
  return JSON.stringify(rest);
};

export function analyzeExact(scenario: Scenario, options: AnalyzeOptions = {}): Analysis {
  const compiled = compile(scenario);
  const maxStates = options.maxStates ?? 400_000;
  const endingCount = scenario.endings.length;
  const endingIndex = new Map(scenario.endings.map((e, i) => [e.id, i] as const));
  const summaries = new Map<string, Summary>();
  const watch = new ChoiceWatch(compiled);
  const visitedNodes = new Set<string>();
  const byPhase: Record<string, number> = {};
  let limited = false;

  const terminal = (state: State): Summary => {
    const parts = scoreParts(compiled, state);
    const endings = new Float64Array(endingCount);
    endings[endingIndex.get(state.ending!) ?? 0] = 1;
    return {
      scores: null,
      dynamic: new Map([[Math.round(parts.dynamic * 100) / 100, 1]]),
      endings,
      paths: 1,
    };
  };

  /** Adds w × child into acc (acc belongs to `parent`). */
  const merge = (parent: State, acc: Summary, child: Summary, childState: State, w: number) => {
    for (let k = 0; k < endingCount; k++) acc.endings[k]! += w * child.endings[k]!;
    acc.paths += child.paths;
    if (isInterview(parent)) {
      const scores = acc.scores!;
      if (child.scores) {
        for (let k = 0; k <= 100; k++) scores[k]! += w * child.scores[k]!;
      } else {
        const fixed = scoreParts(compiled, childState).fixed;
        for (const [dyn, p] of child.dynamic!) scores[totalOf(dyn, fixed)]! += w * p;
      }
    } else {
      const dynamic = acc.dynamic!;
      for (const [dyn, p] of child.dynamic!) dynamic.set(dyn, (dynamic.get(dyn) ?? 0) + w * p);
    }
  };

  // Iterative depth-first search with an explicit stack (deep scenarios must not overflow).
  type Frame = {
    state: State;
    key: string;
    options: Option[];
    i: number;
    branches: Branch[];
    j: number;
    acc: Summary;
  };
  const stack: Frame[] = [];
  const enter = (state: State): Summary | null => {
    if (state.phase === 'ended') return terminal(state);
    const key = keyOf(state);
    const hit = summaries.get(key);
    if (hit) return hit;
    if (summaries.size >= maxStates) {
      limited = true;
      return terminal({ ...state, phase: 'ended', result: 'no-decision', ending: scenario.endings[0]!.id });
    }
    if (isInterview(state)) visitedNodes.add(state.node);
    byPhase[state.phase] = (byPhase[state.phase] ?? 0) + 1;
    const opts = optionsAt(compiled, state);
    if (isInterview(state)) watch.note(state);
    stack.push({
      state,
      key,
      options: opts,
      i: -1,
      branches: [],
      j: 0,
      acc: {
        scores: isInterview(state) ? new Float64Array(101) : null,
        dynamic: isInterview(state) ? null : new Map(),
        endings: new Float64Array(endingCount),
        paths: 0,
      },
    });
    return null;
  };

  const root = initialState(compiled);
  let summary = enter(root);
  while (stack.length) {
    const f = stack[stack.length - 1]!;
    if (f.j >= f.branches.length) {
      f.i++;
      if (f.i >= f.options.length) {
        stack.pop();
        summaries.set(f.key, f.acc);
        const parent = stack[stack.length - 1];
        if (parent) {
          const b = parent.branches[parent.j - 1]!;
          merge(parent.state, parent.acc, f.acc, f.state, parent.options[parent.i]!.weight * b.p);
        } else summary = f.acc;
        continue;
      }
      f.branches = branches(compiled, f.state, f.options[f.i]!.action);
      f.j = 0;
      continue;
    }
    const b = f.branches[f.j++]!;
    const child = enter(b.state);
    if (child) merge(f.state, f.acc, child, b.state, f.options[f.i]!.weight * b.p);
  }
  if (!summary) throw new Error('analysis produced no summary');

  // Expected play: best and worst totals, by the same split of the score.
  type Value = {
    best: number;
    worst: number;
    bestAction: number;
    worstAction: number;
    bestNext: State | null;
    worstNext: State | null;
  };
  const values = new Map<string, Value>();
  const totalFrom = (parent: State, child: State, v: Value, which: 'best' | 'worst') =>
    isInterview(parent) && !isInterview(child)
      ? totalOf(v[which], scoreParts(compiled, child).fixed)
      : v[which];
  const valueAt = (state: State): Value | null => {
    if (state.phase === 'ended') {
      const d = scoreParts(compiled, state).dynamic;
      return { best: d, worst: d, bestAction: -1, worstAction: -1, bestNext: null, worstNext: null };
    }
    return values.get(keyOf(state)) ?? null;
  };
  type EFrame = { state: State; key: string; options: Option[]; nexts: State[]; i: number };
  const estack: EFrame[] = [];
  const epush = (state: State) => {
    if (valueAt(state)) return;
    if (values.size >= maxStates) {
      limited = true;
      values.set(keyOf(state), {
        best: 0,
        worst: 0,
        bestAction: -1,
        worstAction: -1,
        bestNext: null,
        worstNext: null,
      });
      return;
    }
    estack.push({ state, key: keyOf(state), options: optionsAt(compiled, state), nexts: [], i: 0 });
  };
  epush(root);
  while (estack.length) {
    const f = estack[estack.length - 1]!;
    if (f.i < f.options.length) {
      const next = step(compiled, f.state, f.options[f.i]!.action, expectedResolver, false).state;
      f.nexts.push(next);
      f.i++;
      epush(next);
      continue;
    }
    estack.pop();
    const v: Value = {
      best: -Infinity,
      worst: Infinity,
      bestAction: -1,
      worstAction: -1,
      bestNext: null,
      worstNext: null,
    };
    f.nexts.forEach((n, i) => {
      const child = valueAt(n)!;
      const best = totalFrom(f.state, n, child, 'best');
      const worst = totalFrom(f.state, n, child, 'worst');
      if (best > v.best) {
        v.best = best;
        v.bestAction = i;
        v.bestNext = n;
      }
      if (worst < v.worst) {
        v.worst = worst;
        v.worstAction = i;
        v.worstNext = n;
      }
    });
    values.set(f.key, v);
  }

  const follow = (which: 'best' | 'worst') => {
    const steps: PathStep[] = [];
    let state: State = root;
    let value = valueAt(root)!;
    const score = which === 'best' ? value.best : value.worst;
    while (state.phase !== 'ended') {
      const index = which === 'best' ? value.bestAction : value.worstAction;
      const next = which === 'best' ? value.bestNext : value.worstNext;
      if (index < 0 || !next) break;
      const option = optionsAt(compiled, state)[index]!;
      steps.push({ action: option.action, label: option.label });
      state = next;
      const nv = valueAt(state);
      if (!nv) break;
      value = nv;
    }
    return { score, ending: state.ending ?? '', steps };
  };

  const spread = scoreSpread(summary.scores ?? new Float64Array(101));

  const issues: AnalysisIssue[] = watch.issues();
  const endings = scenario.endings.map((e, i) => ({
    id: e.id,
    outcome: e.outcome,
    reachable: summary.endings[i]! > 1e-12,
    chance: Math.round(summary.endings[i]! * 10000) / 10000,
  }));
  for (const e of endings) {
    if (!e.reachable) {
      issues.push({
        kind: 'unreachable-ending',
        ending: e.id,
        message: `Ending "${e.id}" (${e.outcome}) is reached by no path.`,
      });
    }
  }
  for (const n of scenario.nodes) {
    if (!visitedNodes.has(n.id)) {
      issues.push({
        kind: 'unvisited-node',
        node: n.id,
        message: `Node "${n.id}" is reached by no path of play.`,
      });
    }
  }
  if (limited) {
    issues.push({
      kind: 'state-limit',
      message: `Exploration stopped at ${maxStates} distinct states; figures are partial.`,
    });
  }
  issues.sort((a, b) =>
    (a.kind + (a.node ?? '') + (a.choice ?? '') + (a.ending ?? '')).localeCompare(
      b.kind + (b.node ?? '') + (b.choice ?? '') + (b.ending ?? ''),
    ),
  );

  return {
    scenario: scenario.meta.id,
    method: 'exact',
    samples: 0,
    nodes: scenario.nodes.length,
    paths: summary.paths,
    states: summaries.size,
    statesByPhase: byPhase,
    endings,
    score: spread,
    bestPath: follow('best'),
    worstPath: follow('worst'),
    issues,
  };
}
