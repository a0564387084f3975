/**
 * The traversal core both analyses share: the moves open at a state (grouped as a player sees
 * them: each choice, continue, the close with its compositions, each act or move), the key two
 * states share when they will play the same, and the words for a move on a reported path.
 */

import type { HiddenKey } from '../format/schema';
import { availableChoices, type Compiled } from '../runtime/compile';
import { closeOptions, composeWords, type Resolver, type State, step } from '../runtime/step';
import type { Action, CloseOptions, CloseSpec, HiddenState } from '../types';
import { counted, type Meter } from './budget';

/** The decision-makers' hidden values in a fixed order (every one: see the check below). */
const HIDDEN = ['keenness', 'doubt', 'irritation', 'rapport', 'believesOptions'] as const;
// Fails to compile when the hidden state gains a value HIDDEN does not name.
const _everyHidden: Exclude<HiddenKey, (typeof HIDDEN)[number]> extends never ? true : never = true;

/** The hidden values of every decision-maker, as text that tells any two apart. */
function hiddenKey(hidden: readonly HiddenState[]): string {
  let out = '';
  for (const h of hidden)
    out += `${h[HIDDEN[0]]},${h[HIDDEN[1]]},${h[HIDDEN[2]]},${h[HIDDEN[3]]},${h[HIDDEN[4]]};`;
  return out;
}

/**
 * The part of a state's key every key shares: each field but the draw counter and the three the
 * interview settles (professionalism, the close's timing). Written field by field, as text that
 * tells any two states apart (numbers print exactly; the free-text fields are JSON-quoted), which
 * costs a fraction of serialising the whole state object.
 */
export const playKey = (s: State): string =>
  `${s.phase}|${JSON.stringify(s.node)}|${JSON.stringify(s.vars)}|${hiddenKey(s.hidden)}|${s.offerFrom}|${s.offer}|${s.round}|${s.status}|${s.day}|${s.persisted}|${s.doorClosed}|${s.committed}|${s.penalty}|${s.caught}|${s.result}|${s.salary}|${JSON.stringify(s.ending)}`;

/** The key two states share when they will play the same (the draw counter aside). */
export const stateKey = (s: State): string =>
  `${playKey(s)}|${s.professionalism}|${s.close === null ? '-' : s.close.timing}`;

// Fails to compile when the state gains a field the keys above do not write.
const _everyField: Exclude<
  keyof State,
  | 'phase'
  | 'node'
  | 'vars'
  | 'hidden'
  | 'offerFrom'
  | 'offer'
  | 'round'
  | 'status'
  | 'day'
  | 'persisted'
  | 'doorClosed'
  | 'committed'
  | 'penalty'
  | 'caught'
  | 'result'
  | 'salary'
  | 'ending'
  | 'professionalism'
  | 'close'
  | 'draws'
> extends never
  ? true
  : never = true;

/** What a player sees for an action taken at a state (only built for the reported paths). */
export function actionLabel(compiled: Compiled, state: State, action: Action): string {
  const scenario = compiled.scenario;
  switch (action.type) {
    case 'choose':
      return (
        compiled.nodes.get(state.node)?.choices.find((c) => c.id === action.choice)?.text ?? action.choice
      );
    case 'continue':
      return 'Continue';
    case 'close': {
      const spec = action.close;
      return `Close: ${spec.form}, ${spec.delivery}${spec.points.length ? `, points ${spec.points.join('+')}` : ''}${spec.leverage ? `, citing ${spec.leverage}` : ''}${spec.commit ? ', committing to accept' : ''} — “${composeWords(scenario, spec).text}”`;
    }
    case 'persist':
      return scenario.followUp?.acts.find((a) => a.id === action.act)?.label ?? action.act;
    case 'let-go':
      return scenario.followUp?.letGoText ?? 'Let it go';
    case 'negotiate':
      return scenario.negotiation?.moves.find((m) => m.id === action.move)?.text ?? action.move;
  }
}

function subsets<T>(items: T[]): T[][] {
  if (items.length > 4) return [[], ...items.map((x) => [x]), items];
  const out: T[][] = [];
  for (let mask = 0; mask < 1 << items.length; mask++) out.push(items.filter((_, i) => mask & (1 << i)));
  return out;
}

/** Every close the player can compose from what is on offer (points: every subset up to four). */
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

/** The interview moves at a state: its available choices, or continue when there are none. */
export function interviewActions(compiled: Compiled, state: State): Action[] {
  const node = compiled.nodes.get(state.node)!;
  const choices = availableChoices(node, state.vars, state.hidden, compiled);
  return choices.length ? choices.map((ch) => ({ type: 'choose', choice: ch.id })) : [{ type: 'continue' }];
}

/** How a traversal takes the close: which compositions to try, and where. */
export interface CloseRule {
  /** Whether the close is considered at this node at all (default: wherever it is on offer). */
  may?: (node: NonNullable<ReturnType<Compiled['nodes']['get']>>) => boolean;
  /** The compositions tried when the close is on offer. */
  specs: (options: CloseOptions) => CloseSpec[];
  /** The same compositions as close actions, when the rule keeps them (read, never changed). */
  actions?: (options: CloseOptions) => Action[];
}

/**
 * The top-level moves at a state, one group per thing a player picks among (a choice,
 * continue, the close, an act, a move); the close's group holds the compositions `close` gives.
 */
export function actionGroups(compiled: Compiled, state: State, close: CloseRule): Action[][] {
  if (state.phase === 'interview') {
    const groups: Action[][] = [];
    for (const a of interviewActions(compiled, state)) groups.push([a]);
    const node = compiled.nodes.get(state.node)!;
    const options = !close.may || close.may(node) ? closeOptions(compiled, state) : null;
    if (options)
      groups.push(
        close.actions?.(options) ?? close.specs(options).map((spec) => ({ type: 'close', close: spec })),
      );
    return groups;
  }
  return movesAfterInterview(compiled, state);
}

/**
 * The moves open after the interview, one group each (an act or letting go in the follow-up,
 * each negotiation move still open); none once the playthrough has ended or in the interview.
 * Built once per scenario: callers read them and never change them.
 */
export function movesAfterInterview(compiled: Compiled, state: State): Action[][] {
  if (state.phase === 'follow-up') return laterGroups(compiled).followUp;
  if (state.phase === 'negotiation') {
    const later = laterGroups(compiled);
    return state.round >= compiled.scenario.negotiation!.rounds ? later.noCounter : later.negotiate;
  }
  return NO_MOVES;
}

const NO_MOVES: Action[][] = [];

/**
 * The follow-up's and the negotiation's moves (with and without the counters, which end once
 * the rounds are used), grouped as `actionGroups` gives them. They never change within a
 * scenario, so they are built once per scenario: the searches after the interview ask for them
 * at every state they reach. Callers read them and never change them.
 */
const later = new WeakMap<Compiled, { followUp: Action[][]; negotiate: Action[][]; noCounter: Action[][] }>();
function laterGroups(compiled: Compiled) {
  let known = later.get(compiled);
  if (!known) {
    const { followUp, negotiation } = compiled.scenario;
    const moves = negotiation?.moves ?? [];
    const counter = (kind: string) => kind === 'counter' || kind === 'counter-with-leverage';
    known = {
      followUp: [
        ...(followUp?.acts ?? []).map((a): Action[] => [{ type: 'persist', act: a.id }]),
        [{ type: 'let-go' }],
      ],
      negotiate: moves.map((m): Action[] => [{ type: 'negotiate', move: m.id }]),
      noCounter: moves
        .filter((m) => !counter(m.kind))
        .map((m): Action[] => [{ type: 'negotiate', move: m.id }]),
    };
    later.set(compiled, known);
  }
  return known;
}

/** One engine step taken by an analysis, counted in the meter's work counts (steps and judgements). */
export function playStep(
  meter: Meter,
  compiled: Compiled,
  state: State,
  action: Action,
  resolve: Resolver,
): State {
  meter.work.steps++;
  return step(compiled, state, action, counted(resolve, meter), false).state;
}
