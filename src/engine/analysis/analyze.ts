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
import { EXPOSED } from '../model/attribution';
import { type Compiled, compile } from '../runtime/compile';
import { expectedResolver, initialState, type Resolver, type State, step } from '../runtime/step';
import { OUTCOME_VALUE, rawTotalOf, scoreParts, totalOf } from '../scoring';
import type { Action, CloseOptions, CloseSpec, Distribution } from '../types';
import { entryBytes, Meter } from './budget';
import { ChoiceWatch, scoreSpread } from './common';
import { actionGroups, actionLabel, type CloseRule, closeCompositions, playStep } from './moves';
import { coverageIssues, partialOf } from './report';
import { shortKey } from './state-table';
import type { Analysis, AnalysisIssue, AnalyzeOptions, PathStep } from './types';

export { actionLabel, closeCompositions } from './moves';
export { partialOf } from './report';
export type { Analysis, AnalysisIssue, AnalyzeOptions, PathStep } from './types';

interface Branch {
  p: number;
  state: State;
}

interface Option {
  action: Action;
  /** Probability of this action under uniformly random play. */
  weight: number;
}

/**
 * Every close composition on offer, built once per set of points on offer: within one scenario
 * the forms, deliveries and leverage on offer never change, only which points hold. The
 * compositions are read, never changed, so states share them.
 */
function allCloses(): CloseRule {
  const known = new Map<string, { specs: CloseSpec[]; actions: Action[] }>();
  const of = (options: CloseOptions) => {
    let key = '';
    for (const p of options.points) key += `${p.id}\n`;
    let made = known.get(key);
    if (!made) {
      const specs = closeCompositions(options);
      made = { specs, actions: specs.map((spec): Action => ({ type: 'close', close: spec })) };
      known.set(key, made);
    }
    return made;
  };
  return { specs: (options) => of(options).specs, actions: (options) => of(options).actions };
}

/** The moves at a state, each weighted by its chance under uniformly random play. */
function optionsAt(compiled: Compiled, state: State, closes: CloseRule): Option[] {
  const groups = actionGroups(compiled, state, closes);
  // After the interview the groups are the scenario's own, built once: so are their options.
  const shared = state.phase !== 'interview';
  const known = shared ? laterOptions.get(groups) : undefined;
  if (known) return known;
  const out: Option[] = [];
  for (const group of groups)
    for (const action of group) out.push({ action, weight: 1 / groups.length / group.length });
  if (shared) laterOptions.set(groups, out);
  return out;
}
const laterOptions = new WeakMap<Action[][], Option[]>();

/** An action's chance outcomes, and the one expected play takes (null when it has no branch of its own). */
interface Outcomes {
  branches: Branch[];
  expected: State | null;
  /** The expected outcome value of the action's first draw (a close's answer): breaks ties. */
  odds: number;
}

/**
 * Every outcome of an action with its probability, by forcing each chance resolution in turn.
 * Each run takes the first outcome at every draw it is not told, so it is itself a leaf; the
 * other outcomes are then forced from the deepest draw up, giving the leaves in the same order
 * as a plain depth-first enumeration. The leaf whose every draw is the one expected play picks
 * is the state expected play reaches, so the search for the best and worst paths needs no step
 * of its own.
 */
function outcomes(compiled: Compiled, state: State, action: Action, meter: Meter): Outcomes {
  const out: Branch[] = [];
  let expected: State | null = null;
  let odds = -1;
  const run = (script: string[]) => {
    let call = 0;
    let p = 1;
    let onExpected = true;
    const taken: string[] = [];
    // For each draw this run took the first outcome of (not told by the script), its outcomes.
    const opens: [string, number][][] = [];
    const resolve: Resolver = (distribution: Distribution, order, draw) => {
      meter.work.judgements++;
      let key = '';
      if (call < script.length) {
        key = script[call]!;
        const q = distribution[key as keyof Distribution] ?? 0;
        p *= q > 1e-9 ? q : 0;
      } else {
        // The outcomes above 1e-9, in order; the run takes the first of them.
        const options: [string, number][] = [];
        for (const k of order) {
          const q = distribution[k as keyof Distribution] ?? 0;
          if (q > 1e-9) options.push([k, q]);
        }
        // The first run is told nothing, so its first draw gives the odds.
        if (odds < 0 && call === 0) odds = oddsOf(options);
        opens[call] = options;
        key = options[0]![0];
        p *= options[0]![1];
      }
      call++;
      taken.push(key);
      if (onExpected && key !== expectedResolver(distribution, order, draw)) onExpected = false;
      return key;
    };
    meter.step();
    meter.work.steps++;
    const result = step(compiled, state, action, resolve, false);
    out.push({ p, state: result.state });
    if (onExpected) expected = result.state;
    for (let j = call - 1; j >= script.length; j--) {
      const alternatives = opens[j]!;
      for (let a = 1; a < alternatives.length; a++) run([...taken.slice(0, j), alternatives[a]![0]]);
    }
  };
  run([]);
  meter.work.branches += out.length;
  return { branches: out.filter((b) => b.p > 1e-12), expected, odds: Math.max(0, odds) };
}

/** The expected outcome value of a draw (0 for draws that are not outcomes, such as "holding"). */
function oddsOf(options: [string, number][]): number {
  let total = 0;
  let value = 0;
  for (const [k, q] of options) {
    total += q;
    value += q * (OUTCOME_VALUE[k.replace(EXPOSED, '') as keyof typeof OUTCOME_VALUE] ?? 0);
  }
  return total > 0 ? value / total : 0;
}

/**
 * What random play from a state leads to. Interview states keep a histogram of final scores;
 * states after the interview keep the part of the score still to be decided (`dynamic`), because
 * timing and professionalism are settled by then: merging on the rest lets far more states merge.
 * `mass` is the share of play from here that reaches an ending (below 1 only before the figures
 * are normalised, when some moves were left out because they loop back).
 */
interface Summary {
  scores: Float64Array | null;
  dynamic: Map<number, number> | null;
  endings: Float64Array;
  paths: number;
  mass: number;
}

/**
 * `into += w × from`, element by element. The summaries' arithmetic lives in small functions of
 * their own so the JIT optimises them on their own: inside the search's closures it ran
 * unoptimised and boxed every number it wrote (130 MB of garbage for the 20,000-node chain).
 */
function addScaled(into: Float64Array, from: Float64Array, w: number): void {
  for (let k = 0; k < into.length; k++) into[k]! += w * from[k]!;
}

function divideBy(values: Float64Array, m: number): void {
  for (let k = 0; k < values.length; k++) values[k]! /= m;
}

const isInterview = (s: State) => s.phase === 'interview';

/** Key for merging: after the interview, the settled parts of the score are left out. */
const keyOf = (s: State): string => shortKey(s, isInterview(s));

/**
 * Loops. Play leaves a loop because the player chooses to; so the analysis treats a move that
 * would return to a state already on the current path as a move the player does not make, and
 * shares its weight among the other moves there. A loop nobody can leave is a validator error.
 */
export function analyzeExact(
  scenario: Scenario,
  options: AnalyzeOptions = {},
  meter = new Meter(options),
): Analysis {
  const compiled = compile(scenario);
  const closes = allCloses();
  // An empty memo, so the count of model evaluations depends on the scenario alone.
  compiled.memo.clear();
  const endingCount = scenario.endings.length;
  const endingIndex = new Map(scenario.endings.map((e, i) => [e.id, i] as const));
  const summaries = new Map<string, Summary>();
  const watch = new ChoiceWatch(compiled, meter);
  const visitedNodes = new Set<string>();
  const byPhase: Record<string, number> = {};
  const loops = new Map<string, AnalysisIssue>();

  // An ending's summary is read, never changed (merge adds it into its parent's), so endings
  // that leave the same part of the score open share one.
  const terminals = new Map<string, Summary>();
  const terminal = (state: State): Summary => {
    const index = endingIndex.get(state.ending!) ?? 0;
    const dynamic = Math.round(scoreParts(compiled, state).dynamic * 100) / 100;
    const key = `${index}|${dynamic}`;
    const known = terminals.get(key);
    if (known) return known;
    const endings = new Float64Array(endingCount);
    endings[index] = 1;
    const made: Summary = { scores: null, dynamic: new Map([[dynamic, 1]]), endings, paths: 1, mass: 1 };
    terminals.set(key, made);
    return made;
  };
  const NOTHING: Summary = {
    scores: null,
    dynamic: new Map(),
    endings: new Float64Array(endingCount),
    paths: 0,
    mass: 0,
  };

  /** Adds w × child into acc (acc belongs to `parent`). */
  const merge = (parent: State, acc: Summary, child: Summary, childState: State, w: number) => {
    if (child.mass <= 0) return;
    addScaled(acc.endings, child.endings, w);
    acc.paths += child.paths;
    acc.mass += w * child.mass;
    if (isInterview(parent)) {
      const scores = acc.scores!;
      if (child.scores) {
        addScaled(scores, child.scores, w);
      } else {
        const fixed = scoreParts(compiled, childState).fixed;
        child.dynamic!.forEach((p, dyn) => {
          scores[totalOf(dyn, fixed)]! += w * p;
        });
      }
    } else {
      const dynamic = acc.dynamic!;
      child.dynamic!.forEach((p, dyn) => {
        dynamic.set(dyn, (dynamic.get(dyn) ?? 0) + w * p);
      });
    }
  };

  /** Scales a finished summary so its share of play reaching an ending is 1. */
  const normalise = (acc: Summary) => {
    const m = acc.mass;
    if (m <= 0 || Math.abs(m - 1) < 1e-12) return;
    divideBy(acc.endings, m);
    if (acc.scores) divideBy(acc.scores, m);
    const dynamic = acc.dynamic;
    if (dynamic)
      dynamic.forEach((p, dyn) => {
        dynamic.set(dyn, p / m);
      });
    acc.mass = 1;
  };

  const noteLoop = (from: State, action: Action) => {
    if (!isInterview(from)) return;
    const choice = action.type === 'choose' ? action.choice : undefined;
    const id = `${from.node}/${choice ?? action.type}`;
    if (loops.has(id)) return;
    loops.set(id, {
      kind: 'loop',
      node: from.node,
      ...(choice ? { choice } : {}),
      message: `${choice ? `Choice "${choice}" at node "${from.node}"` : `Node "${from.node}" (${action.type})`} can lead back to a point already played, a loop; the analysis counts play that leaves the loop, as a player does.`,
    });
  };

  // Expected play: best and worst totals, by the same split of the score, judged in the same
  // pass as each state is finished (its expected children are finished by then, or on the
  // current path, a loop, and left out as in random play). A state none of whose moves reaches
  // an ending without looping back keeps best -Infinity and is never chosen.
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
      ? rawTotalOf(v[which], scoreParts(compiled, child).fixed)
      : v[which];
  const valueAt = (state: State): Value | null => {
    if (state.phase === 'ended') {
      const d = scoreParts(compiled, state).dynamic;
      return { best: d, worst: d, bestAction: -1, worstAction: -1, bestNext: null, worstNext: null };
    }
    return values.get(keyOf(state)) ?? null;
  };
  const judge = (f: { state: State; key: string; expected: (State | null)[]; odds: number[] }) => {
    // Two moves that lead to equal best totals are told apart by their odds: of two closes that
    // play out the same, the one more likely to be answered well is the better close.
    let bestOdds = -1;
    const v: Value = {
      best: -Infinity,
      worst: Infinity,
      bestAction: -1,
      worstAction: -1,
      bestNext: null,
      worstNext: null,
    };
    f.expected.forEach((n, i) => {
      if (!n) return;
      const child = valueAt(n);
      if (!child || (child.bestAction < 0 && n.phase !== 'ended')) return;
      const best = totalFrom(f.state, n, child, 'best');
      const worst = totalFrom(f.state, n, child, 'worst');
      const odds = f.odds[i] ?? 0;
      if (best > v.best || (best === v.best && odds > bestOdds)) {
        v.best = best;
        v.bestAction = i;
        v.bestNext = n;
        bestOdds = odds;
      }
      if (worst < v.worst) {
        v.worst = worst;
        v.worstAction = i;
        v.worstNext = n;
      }
    });
    values.set(f.key, v);
    meter.keep(entryBytes(f.key.length, 160));
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
    bytes: number;
    /** For each option, the state expected play reaches by it. */
    expected: (State | null)[];
    /** For each option, the expected outcome value of its first draw (`oddsOf`). */
    odds: number[];
  };
  const stack: Frame[] = [];
  const onPath = new Set<string>();
  const enter = (state: State): Summary | null => {
    if (state.phase === 'ended') return terminal(state);
    const key = keyOf(state);
    const hit = summaries.get(key);
    if (hit) return hit;
    const from = stack[stack.length - 1];
    if (onPath.has(key)) {
      if (from) noteLoop(from.state, from.options[from.i]!.action);
      return NOTHING;
    }
    if (meter.stopped) return NOTHING;
    if (isInterview(state)) visitedNodes.add(state.node);
    byPhase[state.phase] = (byPhase[state.phase] ?? 0) + 1;
    const opts = optionsAt(compiled, state, closes);
    if (isInterview(state)) watch.note(state);
    const bytes = entryBytes(key.length, 1200 + opts.length * 96);
    meter.hold(bytes);
    onPath.add(key);
    stack.push({
      state,
      key,
      options: opts,
      i: -1,
      branches: [],
      j: 0,
      bytes,
      expected: [],
      odds: [],
      acc: {
        scores: isInterview(state) ? new Float64Array(101) : null,
        dynamic: isInterview(state) ? null : new Map(),
        endings: new Float64Array(endingCount),
        paths: 0,
        mass: 0,
      },
    });
    return null;
  };

  /** The state expected play reaches when none of the action's branches is it (a draw under 1e-9). */
  const expectedStep = (state: State, action: Action): State => {
    meter.step();
    return playStep(meter, compiled, state, action, expectedResolver);
  };

  const root = initialState(compiled);
  let summary = enter(root);
  while (stack.length) {
    const f = stack[stack.length - 1]!;
    if (meter.stopped) {
      // Out of budget: finish every open state with what it has.
      f.i = f.options.length;
      f.j = f.branches.length;
    }
    if (f.j >= f.branches.length) {
      f.i++;
      if (f.i >= f.options.length) {
        stack.pop();
        onPath.delete(f.key);
        meter.release(f.bytes);
        normalise(f.acc);
        summaries.set(f.key, f.acc);
        judge(f);
        meter.keep(entryBytes(f.key.length, f.acc.scores ? 1000 : 200 + (f.acc.dynamic?.size ?? 0) * 48));
        const parent = stack[stack.length - 1];
        if (parent) {
          const b = parent.branches[parent.j - 1]!;
          merge(parent.state, parent.acc, f.acc, f.state, parent.options[parent.i]!.weight * b.p);
        } else summary = f.acc;
        continue;
      }
      const action = f.options[f.i]!.action;
      const found = outcomes(compiled, f.state, action, meter);
      f.branches = found.branches;
      f.expected[f.i] = found.expected ?? expectedStep(f.state, action);
      f.odds[f.i] = found.odds;
      f.j = 0;
      continue;
    }
    const b = f.branches[f.j++]!;
    const child = enter(b.state);
    if (child) merge(f.state, f.acc, child, b.state, f.options[f.i]!.weight * b.p);
  }
  if (!summary) throw new Error('analysis produced no summary');
  const exploredStates = summaries.size;

  const follow = (which: 'best' | 'worst') => {
    const steps: PathStep[] = [];
    let state: State = root;
    let value = valueAt(root);
    const raw = value ? (which === 'best' ? value.best : value.worst) : Number.NaN;
    const score = Number.isFinite(raw) ? Math.round(raw) : -1;
    const seen = new Set<string>();
    while (value && state.phase !== 'ended' && !seen.has(keyOf(state))) {
      seen.add(keyOf(state));
      const index = which === 'best' ? value.bestAction : value.worstAction;
      const next = which === 'best' ? value.bestNext : value.worstNext;
      if (index < 0 || !next) break;
      const option = optionsAt(compiled, state, closes)[index]!;
      steps.push({ action: option.action, label: actionLabel(compiled, state, option.action) });
      state = next;
      value = valueAt(state);
    }
    return { score, ending: state.ending ?? '', steps };
  };

  const spread = scoreSpread(summary.scores ?? new Float64Array(101));

  const issues: AnalysisIssue[] = [...watch.issues(), ...loops.values()];
  const endings = scenario.endings.map((e, i) => ({
    id: e.id,
    outcome: e.outcome,
    reachable: summary.endings[i]! > 1e-12,
    chance: Math.round(summary.endings[i]! * 10000) / 10000,
  }));
  if (!meter.stopped) {
    issues.push(
      ...coverageIssues(scenario, endings, visitedNodes, {
        ending: (e) => `Ending "${e.id}" (${e.outcome}) is reached by no path.`,
        node: (id) => `Node "${id}" is reached by no path of play.`,
      }),
    );
  }
  if (summary.mass <= 0 && !meter.stopped) {
    issues.push({
      kind: 'no-way-out',
      message: 'No way of playing this scenario reaches an ending: every path loops back on itself.',
    });
  }
  const partial = meter.stopped
    ? partialOf(
        'exact',
        meter,
        exploredStates,
        'chances, scores and the best and worst paths are judged together, over the states finished',
      )
    : undefined;
  if (partial) issues.push({ kind: 'budget', message: partial.explored });
  issues.sort((a, b) =>
    (a.kind + (a.node ?? '') + (a.choice ?? '') + (a.ending ?? '')).localeCompare(
      b.kind + (b.node ?? '') + (b.choice ?? '') + (b.ending ?? ''),
    ),
  );

  return {
    scenario: scenario.meta.id,
    method: partial ? 'partial' : 'exact',
    ...(partial ? { partial } : {}),
    samples: 0,
    nodes: scenario.nodes.length,
    paths: summary.paths,
    states: exploredStates,
    statesByPhase: byPhase,
    endings,
    score: spread,
    bestPath: follow('best'),
    worstPath: follow('worst'),
    issues,
    work: meter.counts(),
  };
}
