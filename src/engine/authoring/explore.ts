/**
 * Tools for authors: where each node is reached from (its most likely path and the hidden state
 * there), how often random play reaches it, and what every close on offer at a state would do.
 * Used by `npm run analyze -- FILE --at NODE`, the story map and "Play from here". Pure TypeScript;
 * every search has a budget so a huge or cyclic scenario answers in bounded time.
 */
import { closeCompositions } from '../analysis/analyze';
import type { Scenario } from '../format/schema';
import { createRandom } from '../random';
import { availableChoices, type Compiled, compile, type Vars } from '../runtime/compile';
import {
  closeOptions,
  expectedResolver,
  initialState,
  type Resolver,
  type State,
  step,
} from '../runtime/step';
import { scoreState } from '../scoring';
import type { Action, CloseSpec, Distribution, HiddenState } from '../types';

/** The path of play most likely (under uniformly random play) to reach a node, and the state there. */
export interface LikelyPath {
  node: string;
  /** Probability of this exact path under uniformly random play. */
  p: number;
  actions: Action[];
  /** What the player did at each step, in words. */
  labels: string[];
  state: State;
}

export interface NodeReport {
  /** Most likely path to each node that any path reaches. */
  likely: Map<string, LikelyPath>;
  /** Fraction of seeded random playthroughs that visit each node (0 for nodes none visits). */
  reach: Map<string, number>;
  /** Nodes where play was seen to stall: choices exist but none was available, and the node has no other way on. */
  stalls: Set<string>;
  samples: number;
  /** True when a budget stopped the search before every state was seen. */
  partial: boolean;
}

const keyOf = (s: State): string => {
  const { draws: _d, ...rest } = s;
  return JSON.stringify(rest);
};

interface Top {
  action: Action;
  label: string;
  close?: boolean;
}

/** The top-level options of random play at an interview state (a close counts as one option). */
function topOptions(compiled: Compiled, state: State): Top[] {
  const node = compiled.nodes.get(state.node);
  if (!node) return [];
  const choices = availableChoices(node, state.vars, state.hidden, compiled);
  const out: Top[] = choices.map((c) => ({ action: { type: 'choose', choice: c.id }, label: c.text }));
  if (choices.length === 0) out.push({ action: { type: 'continue' }, label: 'Continue' });
  if (closeOptions(compiled, state)) out.push({ action: { type: 'continue' }, label: 'Close', close: true });
  return out;
}

/** A small binary heap on a number (lowest first). */
class Heap<T> {
  private readonly items: { k: number; v: T }[] = [];
  get size(): number {
    return this.items.length;
  }
  push(k: number, v: T): void {
    const a = this.items;
    a.push({ k, v });
    let i = a.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (a[p]!.k <= a[i]!.k) break;
      [a[p], a[i]] = [a[i]!, a[p]!];
      i = p;
    }
  }
  pop(): { k: number; v: T } | undefined {
    const a = this.items;
    const top = a[0];
    const last = a.pop();
    if (a.length > 0 && last) {
      a[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < a.length && a[l]!.k < a[m]!.k) m = l;
        if (r < a.length && a[r]!.k < a[m]!.k) m = r;
        if (m === i) break;
        [a[m], a[i]] = [a[i]!, a[m]!];
        i = m;
      }
    }
    return top;
  }
}

export interface ExploreOptions {
  /** Distinct interview states the most-likely-path search may visit. */
  maxStates?: number;
  /** Seeded random playthroughs behind the reach chances. */
  samples?: number;
  seed?: number;
}

/** Most likely path to every node, reach chances and stalls. Deterministic for the same input. */
export function exploreNodes(scenario: Scenario, options: ExploreOptions = {}): NodeReport {
  const compiled = compile(scenario);
  const maxStates = options.maxStates ?? 20_000;
  const samples = options.samples ?? 600;
  const likely = new Map<string, LikelyPath>();
  const stalls = new Set<string>();
  let partial = false;

  // Most likely path: a best-first search on -log(probability), so the first time a node is
  // taken from the heap, it is by its most likely path.
  type Item = { state: State; p: number; actions: Action[]; labels: string[] };
  const heap = new Heap<Item>();
  // States merge on node and variables: the hidden state is carried along from the most likely
  // arrival, which keeps the search small (hidden values differ on almost every path).
  const searchKey = (st: State) => `${st.node}\u0000${JSON.stringify(st.vars)}`;
  const done = new Set<string>();
  heap.push(0, { state: initialState(compiled), p: 1, actions: [], labels: [] });
  while (heap.size > 0) {
    const { v: item } = heap.pop()!;
    const key = searchKey(item.state);
    if (done.has(key)) continue;
    if (done.size >= maxStates) {
      partial = true;
      break;
    }
    done.add(key);
    const s = item.state;
    if (!likely.has(s.node)) {
      likely.set(s.node, { node: s.node, p: item.p, actions: item.actions, labels: item.labels, state: s });
    }
    const top = topOptions(compiled, s);
    const node = compiled.nodes.get(s.node);
    if (node && node.choices.length > 0 && !top.some((t) => t.action.type === 'choose') && !node.next) {
      stalls.add(s.node);
    }
    for (const t of top) {
      if (t.close) continue;
      let next: State;
      try {
        next = step(compiled, s, t.action, expectedResolver, false).state;
      } catch {
        continue;
      }
      if (next.phase !== 'interview') continue;
      const p = item.p / top.length;
      heap.push(-Math.log(p), {
        state: next,
        p,
        actions: [...item.actions, t.action],
        labels: [...item.labels, t.label],
      });
    }
  }

  // Reach chances: seeded random play through the interview.
  const counts = new Map<string, number>();
  const random = createRandom(options.seed ?? 20_261_130);
  for (let i = 0; i < samples; i++) {
    let s = initialState(compiled);
    const seen = new Set<string>([s.node]);
    for (let n = 0; n < 400 && s.phase === 'interview'; n++) {
      const top = topOptions(compiled, s);
      if (top.length === 0) break;
      const t = top[Math.floor(random() * top.length)]!;
      if (t.close) break;
      try {
        s = step(compiled, s, t.action, expectedResolver, false).state;
      } catch {
        break;
      }
      if (s.phase === 'interview') seen.add(s.node);
    }
    for (const node of seen) counts.set(node, (counts.get(node) ?? 0) + 1);
  }
  const reach = new Map<string, number>();
  for (const node of scenario.nodes) reach.set(node.id, (counts.get(node.id) ?? 0) / Math.max(1, samples));
  return { likely, reach, stalls, samples, partial };
}

/** One close composition at a state: its chance, what it could lead to, and the score to expect. */
export interface CloseRow {
  spec: CloseSpec;
  /** Chance (0–1) of the favourable result asked for, as the game shows it. */
  chance: number;
  chanceOf: string;
  /** True when an authority or stage gate limits the chance. */
  gated: boolean;
  /** The model's outcomes of the close with their probabilities. */
  distribution: Distribution;
  /** Expected total score (0–100) over the model's outcomes, playing the rest of the scenario as well as possible. */
  expected: number;
}

/** Every outcome of an action with its probability, by forcing each chance resolution in turn. */
function outcomes(compiled: Compiled, state: State, action: Action): { p: number; state: State }[] {
  const out: { p: number; state: State }[] = [];
  const run = (script: string[], depth: number) => {
    let call = 0;
    let p = 1;
    let open: string[] | null = null;
    const resolve: Resolver = (distribution, order) => {
      const opts = order.filter((k) => (distribution[k as keyof Distribution] ?? 0) > 1e-9);
      if (call < script.length) {
        const forced = script[call++]!;
        p *= distribution[forced as keyof Distribution] ?? 0;
        return forced;
      }
      call++;
      if (!open) open = opts;
      return opts[0] ?? order[0]!;
    };
    const result = step(compiled, state, action, resolve, false);
    if (call === script.length || depth > 6) {
      if (p > 1e-12) out.push({ p, state: result.state });
      return;
    }
    for (const k of (open as string[] | null) ?? []) run([...script, k], depth + 1);
  };
  run([], 0);
  return out;
}

/** The best expected score from a state after the interview (follow-up and negotiation played well). */
function bestAfter(compiled: Compiled, state: State, memo: Map<string, number>, depth = 0): number {
  if (state.phase === 'ended' || depth > 30) return scoreState(compiled, state).total;
  const key = keyOf(state);
  const hit = memo.get(key);
  if (hit !== undefined) return hit;
  const scenario = compiled.scenario;
  const actions: Action[] = [];
  if (state.phase === 'follow-up' && scenario.followUp) {
    for (const a of scenario.followUp.acts) actions.push({ type: 'persist', act: a.id });
    actions.push({ type: 'let-go' });
  } else if (state.phase === 'negotiation' && scenario.negotiation) {
    const n = scenario.negotiation;
    for (const m of n.moves) {
      const counter = m.kind === 'counter' || m.kind === 'counter-with-leverage';
      if (counter && state.round >= n.rounds) continue;
      actions.push({ type: 'negotiate', move: m.id });
    }
  }
  let best = actions.length === 0 ? scoreState(compiled, state).total : -Infinity;
  for (const action of actions) {
    let v = 0;
    try {
      for (const o of outcomes(compiled, state, action))
        v += o.p * bestAfter(compiled, o.state, memo, depth + 1);
    } catch {
      continue;
    }
    best = Math.max(best, v);
  }
  memo.set(key, best);
  return best;
}

/** Every close on offer at an interview state, best expected score first. Empty when no close is on offer. */
export function closesAt(scenario: Scenario, state: State): CloseRow[] {
  const compiled = compile(scenario);
  const offer = closeOptions(compiled, state);
  if (!offer) return [];
  const memo = new Map<string, number>();
  const rows: CloseRow[] = [];
  for (const spec of closeCompositions(offer)) {
    const action: Action = { type: 'close', close: spec };
    let first: ReturnType<typeof step>;
    try {
      // Explained, so the response lists its gates (an unexplained step returns no factors).
      first = step(compiled, state, action, expectedResolver, true);
    } catch {
      continue;
    }
    const response = first.trace.response;
    let expected = 0;
    for (const o of outcomes(compiled, state, action)) expected += o.p * bestAfter(compiled, o.state, memo);
    rows.push({
      spec,
      chance: response?.chance ?? 0,
      chanceOf: response?.chanceOf ?? '',
      gated: response?.factors.some((f) => f.id === 'authority' || f.id === 'stage') ?? false,
      distribution: response?.distribution ?? {},
      expected: Math.round(expected * 10) / 10,
    });
  }
  rows.sort((a, b) => b.expected - a.expected || b.chance - a.chance);
  return rows;
}

/** The best expected score from an interview state if the candidate never closes (the decision comes after). */
export function bestWithoutClosing(scenario: Scenario, state: State, maxStates = 5000): number | null {
  const compiled = compile(scenario);
  const memo = new Map<string, number>();
  const seen = new Map<string, number>();
  let budget = maxStates;
  const value = (s: State, depth: number): number | null => {
    if (s.phase !== 'interview') return bestAfter(compiled, s, memo);
    const key = keyOf(s);
    const hit = seen.get(key);
    if (hit !== undefined) return hit;
    if (budget-- <= 0 || depth > 200) return null;
    seen.set(key, -Infinity); // a cycle back to this state adds nothing
    const node = compiled.nodes.get(s.node);
    if (!node) return null;
    const choices = availableChoices(node, s.vars, s.hidden, compiled);
    const actions: Action[] =
      choices.length > 0 ? choices.map((c) => ({ type: 'choose', choice: c.id })) : [{ type: 'continue' }];
    let best = -Infinity;
    for (const a of actions) {
      let v = 0;
      try {
        for (const o of outcomes(compiled, s, a)) {
          const sub = value(o.state, depth + 1);
          if (sub === null) return null;
          v += o.p * sub;
        }
      } catch {
        continue;
      }
      best = Math.max(best, v);
    }
    seen.set(key, best);
    return best;
  };
  const v = value(state, 0);
  return v === null || !Number.isFinite(v) ? null : Math.round(v * 10) / 10;
}

/** The lead decision-maker's hidden state and the variables at a state, for reports and sliders. */
export function stateAt(scenario: Scenario, state: State): { hidden: HiddenState; vars: Vars } {
  const compiled = compile(scenario);
  return { hidden: { ...state.hidden[compiled.lead]! }, vars: { ...state.vars } };
}

/** A path to a node an author can start from ("Play from here"), and why it is offered. */
export interface PathTo extends LikelyPath {
  /** `likely`: the most likely under random play; `strongest` / `weakest`: the arrival where the
   * decision-maker thinks most / least of the candidate; `other`: another set of variables. */
  kind: 'likely' | 'strongest' | 'weakest' | 'other';
  /** What else this path is, when one path is two of the kinds (the most likely is also the strongest). */
  notes: ('strongest' | 'weakest')[];
}

/** How well the decision-maker thinks of the candidate at a state (for choosing paths to offer). */
function regard(compiled: Compiled, s: State): number {
  const h = s.hidden[compiled.lead]!;
  return h.keenness - h.doubt - h.irritation + 0.5 * h.rapport;
}

/**
 * Several ways to reach a node, for an author to choose where "Play from here" starts: the most
 * likely path, the strongest and the weakest arrival, and arrivals with other variables, at most
 * `limit` in all. Paths go through the interview without closing and without visiting a node
 * twice; the walk stops after `maxSteps` engine steps (the paths found by then are offered).
 */
export function pathsTo(
  scenario: Scenario,
  target: string,
  options: { limit?: number; maxSteps?: number } = {},
): PathTo[] {
  const compiled = compile(scenario);
  const limit = options.limit ?? 6;
  const maxSteps = options.maxSteps ?? 4_000;
  const start = initialState(compiled);
  if (start.node === target)
    return [{ kind: 'likely', notes: [], node: target, p: 1, actions: [], labels: [], state: start }];
  const arrivals = new Map<string, LikelyPath>();
  type Item = { state: State; p: number; actions: Action[]; labels: string[]; seen: Set<string> };
  const stack: Item[] = [{ state: start, p: 1, actions: [], labels: [], seen: new Set([start.node]) }];
  let steps = 0;
  while (stack.length > 0 && steps < maxSteps) {
    const item = stack.pop()!;
    const top = topOptions(compiled, item.state).filter((t) => !t.close);
    // Pushed in reverse, so the first choice is walked first.
    for (const t of [...top].reverse()) {
      if (steps >= maxSteps) break;
      let next: State;
      try {
        next = step(compiled, item.state, t.action, expectedResolver, false).state;
      } catch {
        continue;
      }
      steps++;
      if (next.phase !== 'interview' || item.seen.has(next.node)) continue;
      const p = item.p / top.length;
      const actions = [...item.actions, t.action];
      const labels = [...item.labels, t.label];
      if (next.node === target) {
        const key = keyOf(next);
        const known = arrivals.get(key);
        if (!known || known.p < p) arrivals.set(key, { node: target, p, actions, labels, state: next });
        continue;
      }
      stack.push({ state: next, p, actions, labels, seen: new Set([...item.seen, next.node]) });
    }
  }
  const all = [...arrivals.values()].sort((a, b) => b.p - a.p);
  if (all.length === 0) return [];
  const out: PathTo[] = [];
  const take = (path: LikelyPath | undefined, kind: PathTo['kind']) => {
    if (!path || out.length >= limit) return;
    const already = out.find((x) => x.actions === path.actions);
    if (already) {
      if (kind !== 'other' && kind !== 'likely') already.notes.push(kind);
      return;
    }
    out.push({ ...path, kind, notes: [] });
  };
  take(all[0], 'likely');
  const byRegard = [...all].sort((a, b) => regard(compiled, b.state) - regard(compiled, a.state));
  take(byRegard[0], 'strongest');
  take(byRegard[byRegard.length - 1], 'weakest');
  // Then one arrival for each other set of variables, most likely first.
  const varsSeen = new Set(out.map((x) => JSON.stringify(x.state.vars)));
  for (const path of all) {
    const v = JSON.stringify(path.state.vars);
    if (varsSeen.has(v)) continue;
    varsSeen.add(v);
    take(path, 'other');
  }
  return out;
}
