import type { Choice, Condition, DecisionMaker, Node, Scenario } from '../format/schema';
import { type ResolvedTraits, resolveTraits } from '../model/traits';
import type { CloseOptions, HiddenState } from '../types';
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
}

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
  };
  compiled.startVars = startVars(compiled);
  cache.set(scenario, compiled);
  return compiled;
}

export type Vars = Record<string, string | number | boolean>;

export function holds(
  c: Condition | undefined,
  vars: Vars,
  hidden: HiddenState[],
  compiled: Compiled,
): boolean {
  if (!c) return true;
  if ('all' in c) return c.all.every((x) => holds(x, vars, hidden, compiled));
  if ('any' in c) return c.any.some((x) => holds(x, vars, hidden, compiled));
  if ('not' in c) return !holds(c.not, vars, hidden, compiled);
  if ('var' in c) {
    // Own properties only: an unset variable is unset whatever its name (`constructor`, `toString`).
    const v = Object.hasOwn(vars, c.var) ? (vars[c.var] ?? false) : false;
    if (c.equals !== undefined && v !== c.equals) return false;
    const n = typeof v === 'number' ? v : v === true ? 1 : 0;
    if (c.atLeast !== undefined && !(n >= c.atLeast)) return false;
    if (c.atMost !== undefined && !(n <= c.atMost)) return false;
    return true;
  }
  const dm = c.dm ? (compiled.dmIndex.get(c.dm) ?? compiled.lead) : compiled.lead;
  const value = hidden[dm]![c.state];
  if (c.atLeast !== undefined && !(value >= c.atLeast - 1e-9)) return false;
  if (c.atMost !== undefined && !(value <= c.atMost + 1e-9)) return false;
  return true;
}

export function availableChoices(
  node: Node,
  vars: Vars,
  hidden: HiddenState[],
  compiled: Compiled,
): Choice[] {
  return node.choices.filter((ch) => holds(ch.condition, vars, hidden, compiled));
}
