/**
 * Analysis for scenarios whose state space is too large to explore exhaustively: seeded random
 * play for the chances and the score distribution, and a directed search (greedy and
 * ε-greedy interview routes, every sensible close at each stop, exact play after the
 * interview) for the best and worst paths. Seeded, so the same input gives the same report.
 */
import type { Scenario } from '../format/schema';
import { EXPOSED } from '../model/attribution';
import { weight } from '../model/weights';
import { createRandom } from '../random';
import { type Compiled, compile } from '../runtime/compile';
import {
  closeOptions,
  expectedResolver,
  initialState,
  pickAt,
  type Resolver,
  type State,
} from '../runtime/step';
import { OUTCOME_VALUE, rawTotalOf, scoreParts, scoreState } from '../scoring';
import type { Action, CloseOptions, CloseSpec } from '../types';
import { type AnalysisBudget, Meter } from './budget';
import { ChoiceWatch, scoreSpread } from './common';
import { actionGroups, actionLabel, closeCompositions, interviewActions, playStep } from './moves';
import { coverageIssues, partialOf } from './report';
import { PlayTable, shortKey } from './state-table';
import type { Analysis, AnalysisIssue, PathStep } from './types';

/** Interview states by their fingerprint with the settled fields (see state-table.ts). */
const keyOf = (s: State): string => shortKey(s, true);

/**
 * Counts interview states (without closing) and the close actions they offer, up to caps on each,
 * and names the nodes those states are at: every one of them is reached by some play (the count
 * steps real moves from the start), which the sampled analysis takes as found.
 */
export function interviewSize(
  scenario: Scenario,
  cap: number,
  meter = new Meter(),
  closeCap = Number.POSITIVE_INFINITY,
): { states: number; closeActions: number; truncated: boolean; nodes: Set<string> } {
  const c = compile(scenario);
  const seen = new Set<string>();
  const nodes = new Set<string>();
  const queue: State[] = [initialState(c)];
  let closeActions = 0;
  while (queue.length) {
    const s = queue.pop()!;
    if (s.phase !== 'interview') continue;
    const k = keyOf(s);
    if (seen.has(k)) continue;
    seen.add(k);
    nodes.add(s.node);
    if (seen.size > cap) return { states: seen.size, closeActions, truncated: true, nodes };
    const options = closeOptions(c, s);
    if (options) closeActions += countCompositions(options);
    // Past this many close actions the caller samples anyway: counting on is wasted work.
    if (closeActions > closeCap) return { states: seen.size, closeActions, truncated: true, nodes };
    for (const a of interviewActions(c, s)) queue.push(playStep(meter, c, s, a, expectedResolver));
  }
  return { states: seen.size, closeActions, truncated: false, nodes };
}

const countHit = (hits: Float64Array) => hits.reduce((a, h) => a + (h > 0 ? 1 : 0), 0);

/**
 * Routes from the start to the end of the interview through the node graph, ignoring
 * conditions (an edge back to a node on the current route counts once). Iterative, so a
 * graph of any depth is fine.
 */
export function interviewRoutes(scenario: Scenario): number {
  const nodes = new Map(scenario.nodes.map((n) => [n.id, n] as const));
  const memo = new Map<string, number>();
  const onRoute = new Set<string>();
  const targets = (id: string): (string | undefined)[] => {
    const node = nodes.get(id)!;
    return node.choices.length === 0 ? [node.next] : node.choices.map((ch) => ch.next);
  };
  type Frame = { id: string; targets: (string | undefined)[]; i: number; total: number };
  const stack: Frame[] = [];
  const routesFrom = (id: string | undefined): number | null => {
    if (id === undefined || !nodes.has(id)) return 1;
    const hit = memo.get(id);
    if (hit !== undefined) return hit;
    if (onRoute.has(id)) return 1;
    onRoute.add(id);
    stack.push({ id, targets: targets(id), i: 0, total: 0 });
    return null;
  };
  let result = routesFrom(scenario.start) ?? 0;
  while (stack.length) {
    const f = stack[stack.length - 1]!;
    if (f.i < f.targets.length) {
      const v = routesFrom(f.targets[f.i++]);
      if (v !== null) f.total += v;
      continue;
    }
    stack.pop();
    onRoute.delete(f.id);
    memo.set(f.id, f.total);
    const parent = stack[stack.length - 1];
    if (parent) parent.total += f.total;
    else result = f.total;
  }
  return result;
}

function countCompositions(o: CloseOptions): number {
  const points = o.points.length > 4 ? o.points.length + 2 : 2 ** o.points.length;
  const asks = o.forms.filter((f) => f.form === 'statement-of-intent' || f.form === 'outright-ask').length;
  const formsWeighted = o.canCommit ? o.forms.length + asks : o.forms.length;
  return formsWeighted * o.deliveries.length * points * (o.leverage.length + 1);
}

function randomClose(options: CloseOptions, rng: () => number): CloseSpec {
  const pick = <T>(xs: T[]): T => xs[Math.floor(rng() * xs.length)]!;
  const form = pick(options.forms).form;
  const asks = form === 'statement-of-intent' || form === 'outright-ask';
  return {
    form,
    delivery: pick(options.deliveries).delivery,
    points: options.points.filter(() => rng() < 0.5).map((p) => p.id),
    leverage: pick([null, ...options.leverage.map((l) => l.id)]),
    commit: options.canCommit && asks ? rng() < 0.5 : false,
  };
}

/** When random play may close: anywhere, never, or only in the closing minutes. */
type Closes = 'anywhere' | 'never' | 'closing';

function topLevel(c: Compiled, s: State, rng: () => number, closes: Closes = 'anywhere'): Action[][] {
  return actionGroups(c, s, {
    may: (node) => closes === 'anywhere' || (closes === 'closing' && node.moment === 'closing'),
    specs: (options) => [randomClose(options, rng)],
  });
}

const SWEEP_CLOSES: readonly Closes[] = ['anywhere', 'never', 'closing'];

/** Longest playthrough the sampler follows; one still going after this many steps is stuck in a loop. */
const MAX_PATH_STEPS = 100_000;
/** Engine steps the sampler spends on random play in all (at least 20 playthroughs are taken). */
const SAMPLE_STEPS = 1_500_000;
/** Engine steps the directed search spends before it stops starting new runs (at least 4 runs). */
const SEARCH_STEPS = 3_000_000;
/**
 * The reachability sweep stops after this many playthroughs in a row found nothing new, and at
 * least SWEEP_PATIENCE times as many as it took to find the last new ending or node (authored
 * assumption: with these values every library report, and the generated 10,000-node scenario's,
 * reached the same endings and nodes as the full 7,500-playthrough sweep).
 */
const SWEEP_QUIET = 300;
const SWEEP_PATIENCE = 4;
/**
 * The first two directed runs try every sensible close at every interview state they pass; past
 * this many states outside the closing moment in one run they try closes only in the closing
 * moment (as later runs do), so a run along a very long route does not search the after-interview
 * play from each of its thousands of states. Library files try closes at 107–130 states in all.
 */
const EARLY_CLOSE_STATES = 300;

export function analyzeSampled(
  scenario: Scenario,
  samples: number,
  limits: AnalysisBudget = {},
  meter = new Meter(limits),
  /** Nodes already known to be reached (by the size count's exploration of the interview). */
  reachedNodes: Iterable<string> = [],
): Analysis {
  const c = compile(scenario);
  // An empty memo, so the count of model evaluations depends on the scenario alone.
  c.memo.clear();
  const rng = createRandom(0x5eed);
  const endingIndex = new Map(scenario.endings.map((e, i) => [e.id, i] as const));
  const endingHits = new Float64Array(scenario.endings.length);
  const scores = new Float64Array(101);
  const visited = new Set<string>(reachedNodes);
  const statesSeen = new Set<string>();
  const paths = new Set<string>();
  const watch = new ChoiceWatch(c, meter);
  const checksPerNode = new Map<string, number>();
  const realistic: Resolver = (d, order) => pickAt(d, order, rng());

  const noteChoices = (s: State) => {
    const n = checksPerNode.get(s.node) ?? 0;
    if (n >= 6) return;
    checksPerNode.set(s.node, n + 1);
    watch.note(s);
  };

  // Long scenarios take fewer samples, so a run stays within a fixed budget of steps.
  let budget = samples * 24;
  let longest = 0;
  let taken = 0;
  let stuck = 0;
  const sampleSteps = meter.steps + SAMPLE_STEPS;
  for (
    let i = 0;
    i < samples && (i < 200 || budget > 0) && (i < 20 || meter.steps < sampleSteps) && !meter.stopped;
    i++
  ) {
    taken++;
    let s = initialState(c);
    // A path is identified by a hash of its picks and the draws that resolved them.
    let h1 = 0x811c9dc5;
    let h2 = 0x01000193;
    let length = 0;
    while (s.phase !== 'ended' && length < MAX_PATH_STEPS && !meter.step()) {
      if (s.phase === 'interview') {
        visited.add(s.node);
        if ((checksPerNode.get(s.node) ?? 0) < 6) {
          const k = keyOf(s);
          if (!statesSeen.has(k)) {
            statesSeen.add(k);
            meter.keep(2 * k.length + 64);
            noteChoices(s);
          }
        }
      }
      const groups = topLevel(c, s, rng);
      const pick = Math.floor(rng() * groups.length);
      const action = groups[pick]![0]!;
      const mark = action.type === 'close' ? JSON.stringify(action.close).length * 131 + pick : pick;
      const before = s.draws;
      s = playStep(meter, c, s, action, realistic);
      const value = mark * 17 + (s.draws - before) * 7 + (s.result ? s.result.length : 0);
      h1 = Math.imul(h1 ^ value, 0x01000193) >>> 0;
      h2 = Math.imul(h2 ^ (value + length), 0x5bd1e995) >>> 0;
      length++;
      budget--;
    }
    longest = Math.max(longest, length);
    if (s.phase !== 'ended') {
      if (!meter.stopped) stuck++;
      continue;
    }
    endingHits[endingIndex.get(s.ending!) ?? 0]!++;
    scores[scoreState(c, s).total]!++;
    paths.add(`${h1.toString(36)}.${h2.toString(36)}.${length}.${s.ending}`);
  }

  const sampling = meter.stopped !== null;

  // Reachability sweep: rare endings need rare draws, so these playthroughs resolve every
  // chance uniformly among the outcomes that can happen. They count for reachability only.
  // A third close anywhere, a third never close and a third close only in the closing minutes:
  // random play offers the close at almost every step, so it seldom reaches the end of an
  // interview without asking, or the end of it having asked, and the endings (and nodes)
  // written for those players would look unreachable.
  const reached = new Set<string>();
  const anyOutcome: Resolver = (d, order) => {
    const possible = order.filter((k) => (d[k as keyof typeof d] ?? 0) > 1e-9);
    return possible[Math.floor(rng() * possible.length)] ?? order[0]!;
  };
  // It stops once every ending has been reached both ways, once every node has been visited and
  // every ending reached either way (nothing is left to find), or once it has found nothing new (no
  // ending, no node) for SWEEP_PATIENCE times as many playthroughs as it took to find the last
  // new thing, and at least SWEEP_QUIET in a row: on a large graph whose every node was reached
  // early, thousands more long playthroughs only looked again for an ending no play reaches.
  let swept = 0; // the playthroughs taken, which the coverage issues report
  let lastFound = 0;
  // A choice that leads to a node no play has reached yet is taken first (at random among such
  // choices), so the sweep finds the graph's far corners in a few playthroughs instead of waiting
  // for chance to walk there; otherwise every move is equally likely.
  const sweepMove = (s: State, groups: Action[][]): Action => {
    if (s.phase === 'interview') {
      const choices = c.nodes.get(s.node)?.choices ?? [];
      let fresh: Action[] | null = null;
      for (const g of groups) {
        const a = g[0]!;
        if (a.type !== 'choose') continue;
        const next = choices.find((ch) => ch.id === a.choice)?.next;
        if (next === undefined || visited.has(next)) continue;
        fresh ??= [];
        fresh.push(a);
      }
      if (fresh) return fresh[Math.floor(rng() * fresh.length)]!;
    }
    return groups[Math.floor(rng() * groups.length)]![0]!;
  };
  // The sweep adds only to the nodes visited and the endings reached (its random numbers are its
  // own to the end of the analysis: the search after it draws from another generator).
  const nothingLeft = () =>
    visited.size >= scenario.nodes.length &&
    scenario.endings.every((e, k) => endingHits[k]! > 0 || reached.has(e.id));
  for (
    ;
    swept < 3 * taken &&
    !meter.stopped &&
    reached.size + countHit(endingHits) < scenario.endings.length * 2 &&
    swept - lastFound < Math.max(SWEEP_QUIET, SWEEP_PATIENCE * lastFound) &&
    !nothingLeft();
    swept++
  ) {
    const i = swept;
    let s = initialState(c);
    let guard = 0;
    const closes = SWEEP_CLOSES[i % SWEEP_CLOSES.length]!;
    const known = visited.size + reached.size;
    while (s.phase !== 'ended' && guard++ < MAX_PATH_STEPS && !meter.step()) {
      if (s.phase === 'interview') visited.add(s.node);
      s = playStep(meter, c, s, sweepMove(s, topLevel(c, s, rng, closes)), anyOutcome);
    }
    if (s.ending) reached.add(s.ending);
    if (visited.size + reached.size > known) lastFound = i + 1;
  }

  // Directed search for the best and worst paths in expected mode.
  // After the interview, play depends neither on the professionalism shown in it nor on the
  // close's timing: those make the score's fixed part, settled when the interview ends. So the
  // search below values the dynamic part only, keyed without them (as the exact analysis does),
  // and states that differ only there share one search; the total adds the fixed part back
  // (a sum, rounded and clamped: the same order, so the same best and worst moves).
  // Each value links to the value of the state its best (and worst) move leads to, so a path is
  // read off the links when it is wanted instead of being copied at every state searched.
  type PostValue = {
    best: number;
    worst: number;
    bestMove: Action | null;
    bestNext: PostValue | null;
    worstMove: Action | null;
    worstNext: PostValue | null;
  };
  const leaf = (best: number, worst: number): PostValue => ({
    best,
    worst,
    bestMove: null,
    bestNext: null,
    worstMove: null,
    worstNext: null,
  });
  const bestMoves = (v: PostValue): Action[] => {
    const out: Action[] = [];
    for (let x: PostValue | null = v; x?.bestMove; x = x.bestNext) out.push(x.bestMove);
    return out;
  };
  const worstMoves = (v: PostValue): Action[] => {
    const out: Action[] = [];
    for (let x: PostValue | null = v; x?.worstMove; x = x.worstNext) out.push(x.worstMove);
    return out;
  };
  // Keyed by every field of the state but the draws, the three the interview settles, and what
  // play after the interview never reads: the variables, the believed options and the other
  // decision-makers' hidden state. No move on offer, no step and no score after the interview
  // reads them (they choose only an ending's id and the words, which the score does not read;
  // a caught bluff sets the believed options to 0 without reading them), so states that differ
  // only there have the same values and moves: sharing them saved 42-54% of the steps of each
  // library file with play after the interview. tests/unit/engine/after-interview-reads.test.ts
  // holds the engine to this.
  const post = new PlayTable<PostValue>({ readBy: c.lead });
  // After the interview play lasts at most the follow-up days and the negotiation rounds
  // (at most 10 and 5 by the schema), so this recursion has a small fixed depth.
  const postDynamic = (s: State): PostValue => {
    if (s.phase === 'interview') return leaf(-Infinity, Infinity);
    meter.step();
    if (s.phase === 'ended') {
      const v = scoreParts(c, s).dynamic;
      return leaf(v, v);
    }
    const hit = post.get(s);
    if (hit) return hit;
    const result = leaf(-Infinity, Infinity);
    for (const group of topLevel(c, s, rng)) {
      const a = group[0]!;
      const v = postDynamic(playStep(meter, c, s, a, expectedResolver));
      if (v.best > result.best) {
        result.best = v.best;
        result.bestMove = a;
        result.bestNext = v;
      }
      if (v.worst < result.worst) {
        result.worst = v.worst;
        result.worstMove = a;
        result.worstNext = v;
      }
    }
    post.add(s, result);
    return result;
  };
  /** The best and worst totals (before rounding) reachable from a state, with the moves to each. */
  const postValue = (s: State): PostValue => {
    if (s.phase === 'interview') return leaf(-1, 101);
    const v = postDynamic(s);
    if (v.best === -Infinity) return leaf(-1, 101);
    const fixed = scoreParts(c, s).fixed;
    return { ...v, best: rawTotalOf(v.best, fixed), worst: rawTotalOf(v.worst, fixed) };
  };
  // No points, or as many of each kind as count (C12: one or two; more add nothing, and the
  // best close should not be the longest one on offer).
  const counted = weight('pointsCounted');
  const sensibleCloses = (options: CloseOptions): CloseSpec[] => {
    const all = [
      ...options.points.filter((p) => p.kind === 'why-us').slice(0, counted),
      ...options.points.filter((p) => p.kind === 'reason').slice(0, counted),
    ].map((p) => p.id);
    return closeCompositions({ ...options, points: [] }).flatMap((spec) => [spec, { ...spec, points: all }]);
  };
  let best = { score: -1, path: [] as Action[], odds: -1 };
  /** The expected mode's resolver, noting the expected outcome value of the first answer (the close's). */
  const answerOdds =
    (odds: { value: number; seen?: boolean }): Resolver =>
    (d, order, draw) => {
      if (!odds.seen) {
        odds.seen = true;
        for (const k of order) {
          const outcome = k.replace(EXPOSED, '') as keyof typeof OUTCOME_VALUE;
          odds.value += (d[k as keyof typeof d] ?? 0) * (OUTCOME_VALUE[outcome] ?? 0);
        }
      }
      return expectedResolver(d, order, draw);
    };
  let worst = { score: 101, path: [] as Action[] };
  const searchRng = createRandom(0xbe57);
  // Fewer directed runs on very long scenarios, so the search stays within a fixed budget of steps.
  const runs = Math.max(4, Math.min(40, Math.floor(6000 / Math.max(1, longest))));
  const searchSteps = meter.steps + SEARCH_STEPS;
  const closesTried = new Set<string>();
  /** The move greedy look-ahead picks at a state (for best, "+", or worst, "-"), and where it leads. */
  const lookahead = new Map<string, { action: Action; next: State; draws: number }>();
  for (let r = 0; r < runs && !meter.stopped && (r < 4 || meter.steps < searchSteps); r++) {
    const greedyBest = r % 2 === 0;
    const epsilon = r < 2 ? 0 : 0.35;
    let s = initialState(c);
    const prefix: Action[] = [];
    let guard = 0;
    let earlyCloses = 0;
    while (s.phase === 'interview' && guard++ < MAX_PATH_STEPS && !meter.step()) {
      const close = closeOptions(c, s);
      const node = c.nodes.get(s.node)!;
      const here = keyOf(s);
      // Closes tried at a state once are not tried again: the same state gives the same values,
      // which can no longer beat the best and worst found (they only improve).
      if (
        close &&
        (node.moment === 'closing' || (r < 2 && earlyCloses++ < EARLY_CLOSE_STATES)) &&
        !closesTried.has(here)
      ) {
        closesTried.add(here);
        for (const spec of sensibleCloses(close)) {
          const a: Action = { type: 'close', close: spec };
          const odds: { value: number; seen?: boolean } = { value: 0 };
          const v = postValue(playStep(meter, c, s, a, answerOdds(odds)));
          // Two closes that lead to the same play (the same median answer, the same score) are
          // told apart by their odds: the better close is the one more likely to be answered well.
          if (v.best > best.score || (v.best === best.score && odds.value > best.odds))
            best = { score: v.best, path: [...prefix, a, ...bestMoves(v)], odds: odds.value };
          if (v.worst < worst.score) worst = { score: v.worst, path: [...prefix, a, ...worstMoves(v)] };
        }
      }
      const actions = interviewActions(c, s);
      let action = actions[0]!;
      // The states the greedy look-ahead reached, so the move it picks is not stepped twice.
      const peeked = new Map<Action, State>();
      if (actions.length > 1) {
        const known = lookahead.get(`${greedyBest ? '+' : '-'}${here}`);
        if (searchRng() < epsilon) action = actions[Math.floor(searchRng() * actions.length)]!;
        else if (known) {
          // The same move from the same state (draws apart) leads to the same state.
          action = known.action;
          peeked.set(action, { ...known.next, draws: s.draws + known.draws });
        } else {
          let bestH = greedyBest ? -Infinity : Infinity;
          for (const a of actions) {
            const next = playStep(meter, c, s, a, expectedResolver);
            peeked.set(a, next);
            const h = next.hidden[c.lead]!;
            const value = h.keenness - h.doubt - 1.5 * h.irritation + 0.5 * h.rapport;
            if (greedyBest ? value > bestH : value < bestH) {
              bestH = value;
              action = a;
            }
          }
        }
      }
      prefix.push(action);
      const next = peeked.get(action) ?? playStep(meter, c, s, action, expectedResolver);
      if (actions.length > 1 && peeked.size > 0)
        lookahead.set(`${greedyBest ? '+' : '-'}${here}`, { action, next, draws: next.draws - s.draws });
      s = next;
    }
    const v = postValue(s);
    if (v.best > best.score) best = { score: v.best, path: [...prefix, ...bestMoves(v)], odds: -1 };
    if (v.worst < worst.score) worst = { score: v.worst, path: [...prefix, ...worstMoves(v)] };
  }
  const replay = (path: Action[]) => {
    let s = initialState(c);
    const steps: PathStep[] = [];
    for (const a of path) {
      steps.push({ action: a, label: actionLabel(c, s, a) });
      s = playStep(meter, c, s, a, expectedResolver);
    }
    return { ending: s.ending ?? '', steps };
  };
  const bestReplay = replay(best.path);
  const worstReplay = replay(worst.path);
  const replayEnding = (path: Action[]) => (path === best.path ? bestReplay : worstReplay).ending;

  const spread = scoreSpread(scores);
  const issues: AnalysisIssue[] = watch.issues();
  const endings = scenario.endings.map((e, i) => ({
    id: e.id,
    outcome: e.outcome,
    reachable:
      endingHits[i]! > 0 ||
      reached.has(e.id) ||
      replayEnding(best.path) === e.id ||
      replayEnding(worst.path) === e.id,
    chance: taken > 0 ? Math.round((endingHits[i]! / taken) * 10000) / 10000 : 0,
  }));
  if (!meter.stopped) {
    issues.push(
      ...coverageIssues(scenario, endings, visited, {
        ending: (e) =>
          `Ending "${e.id}" (${e.outcome}) was reached by none of ${taken} sampled playthroughs, ${swept} more that tried every possible outcome (a third never closing, a third closing only at the end), nor the best or worst path.`,
        node: (id) =>
          `Node "${id}" was reached by no sampled playthrough, nor by those that tried every possible outcome, nor by the exploration of the interview that chose the method.`,
      }),
    );
  }
  if (stuck > 0) {
    issues.push({
      kind: 'no-way-out',
      message: `${stuck} of ${taken} sampled playthroughs were still going after ${MAX_PATH_STEPS.toLocaleString('en-GB')} steps: a loop the player cannot leave once in it (check the conditions on its ways out).`,
    });
  }
  const partial = meter.stopped
    ? partialOf(
        'sampled',
        meter,
        statesSeen.size,
        `${taken} random playthroughs${sampling ? '' : ', then part of the search for the best and worst paths'}`,
      )
    : undefined;
  if (partial) issues.push({ kind: 'budget', message: partial.explored });
  issues.sort((a, b) => a.message.localeCompare(b.message));
  return {
    scenario: scenario.meta.id,
    method: partial ? 'partial' : 'sampled',
    ...(partial ? { partial } : {}),
    samples: taken,
    nodes: scenario.nodes.length,
    paths: interviewRoutes(scenario),
    sampledPaths: paths.size,
    states: statesSeen.size,
    statesByPhase: { interview: statesSeen.size },
    endings,
    score: spread,
    bestPath: { score: Math.round(best.score), ending: bestReplay.ending, steps: bestReplay.steps },
    worstPath: { score: Math.round(worst.score), ending: worstReplay.ending, steps: worstReplay.steps },
    issues,
    work: meter.counts(),
  };
}
