import type { Choice, Condition, DecisionMaker, Effects, Node, Scenario } from '../format/schema';
import { type ResolvedTraits, resolveTraits } from '../model/traits';
import type { CloseOptions, HiddenState } from '../types';
import type { Change } from './core';
import { JudgementMemo } from './memo';
import { engineReads, startVars } from './record';

/** A scenario with its lookups built once, for fast stepping. */
export interface Compiled {
  scenario: Scenario;
  nodes: Map<string, Node>;
  dmIndex: Map<string, number>;
  lead: number;
  traits: ResolvedTraits[];
  initialHidden: HiddenState[];
  endings: Scenario['endings'];
  /** Judgements of steps that show no factors, remembered by state (see memo.ts). */
  memo: JudgementMemo;
  /** The engine variables some condition reads (record.ts `engineReads`). */
  reads: ReadonlySet<string>;
  /** The variables a playthrough starts with (copied for each start). */
  startVars: Vars;
  /** The close's points as `closeOptions` lists them, with the condition each requires. */
  closePoints: { point: CloseOptions['points'][number]; requires: Condition | undefined }[];
  /** The close's other options as `closeOptions` lists them (the same array every time). */
  closeLeverage: CloseOptions['leverage'];
  /** Each condition the scenario holds, as a test built the first time it is asked (see `holds`). */
  tests: Map<Condition, Test>;
  /** Each effect of the scenario read into one shape, the first time it applies (core.ts `applyEffects`). */
  changes: Map<Effects, Change>;
}

/** A condition as a function of the variables and the hidden states. */
type Test = (vars: Vars, hidden: HiddenState[]) => boolean;

const DEFAULT_HIDDEN: HiddenState = {
  keenness: 0.45,
  doubt: 0.4,
  irritation: 0.05,
  rapport: 0.3,
  believesOptions: 0.2,
};

export function initialHidden(dm: DecisionMaker): HiddenState {
  return { ...DEFAULT_HIDDEN, ...dm.initial } as HiddenState;
}

const cache = new WeakMap<Scenario, Compiled>();

export function compile(scenario: Scenario): Compiled {
  const hit = cache.get(scenario);
  if (hit) return hit;
  const dmIndex = new Map(scenario.decisionMakers.map((dm, i) => [dm.id, i] as const));
  const compiled: Compiled = {
    scenario,
    nodes: new Map(scenario.nodes.map((n) => [n.id, n] as const)),
    dmIndex,
    lead: dmIndex.get(scenario.closing.decisionMaker) ?? 0,
    traits: scenario.decisionMakers.map(resolveTraits),
    initialHidden: scenario.decisionMakers.map(initialHidden),
    endings: scenario.endings,
    memo: new JudgementMemo(),
    reads: engineReads(scenario),
    startVars: {},
    closePoints: scenario.closing.points.map(({ id, kind, text, requires }) => ({
      point: { id, kind, text },
      requires,
    })),
    closeLeverage: scenario.candidate.otherOptions.map(({ id, kind, text }) => ({ id, kind, text })),
    tests: new Map(),
    changes: new Map(),
  };
  compiled.startVars = startVars(compiled);
  cache.set(scenario, compiled);
  return compiled;
}

export type Vars = Record<string, string | number | boolean>;

/**
 * Whether a condition holds. Each condition is turned into a test once per compiled scenario
 * (its shape read once, a decision-maker's index looked up once), then only run: conditions are
 * read on every step, by choices, lines, points and endings. Scenarios are never changed in place
 * (an edit parses a new one), so a test stays true to its condition.
 */
export function holds(
  c: Condition | undefined,
  vars: Vars,
  hidden: HiddenState[],
  compiled: Compiled,
): boolean {
  if (!c) return true;
  let test = compiled.tests.get(c);
  if (!test) {
    test = testOf(c, compiled);
    compiled.tests.set(c, test);
  }
  return test(vars, hidden);
}

/** The test for a condition: the same answers as reading it each time, in the same order. */
function testOf(c: Condition, compiled: Compiled): Test {
  const sub = (x: Condition): Test => {
    let t = compiled.tests.get(x);
    if (!t) {
      t = testOf(x, compiled);
      compiled.tests.set(x, t);
    }
    return t;
  };
  if ('all' in c) {
    const parts = c.all.map(sub);
    return (vars, hidden) => {
      for (const t of parts) if (!t(vars, hidden)) return false;
      return true;
    };
  }
  if ('any' in c) {
    const parts = c.any.map(sub);
    return (vars, hidden) => {
      for (const t of parts) if (t(vars, hidden)) return true;
      return false;
    };
  }
  if ('not' in c) {
    const inner = sub(c.not);
    return (vars, hidden) => !inner(vars, hidden);
  }
  if ('var' in c) {
    const { var: name, equals, atLeast, atMost } = c;
    return (vars) => {
      // Own properties only: an unset variable is unset whatever its name (`constructor`, `toString`).
      const v = Object.hasOwn(vars, name) ? (vars[name] ?? false) : false;
      if (equals !== undefined && v !== equals) return false;
      const n = typeof v === 'number' ? v : v === true ? 1 : 0;
      if (atLeast !== undefined && !(n >= atLeast)) return false;
      if (atMost !== undefined && !(n <= atMost)) return false;
      return true;
    };
  }
  const dm = c.dm ? (compiled.dmIndex.get(c.dm) ?? compiled.lead) : compiled.lead;
  const { state: key, atLeast, atMost } = c;
  return (_vars, hidden) => {
    const value = hidden[dm]![key];
    if (atLeast !== undefined && !(value >= atLeast - 1e-9)) return false;
    if (atMost !== undefined && !(value <= atMost + 1e-9)) return false;
    return true;
  };
}

export function availableChoices(
  node: Node,
  vars: Vars,
  hidden: HiddenState[],
  compiled: Compiled,
): Choice[] {
  return node.choices.filter((ch) => holds(ch.condition, vars, hidden, compiled));
}
