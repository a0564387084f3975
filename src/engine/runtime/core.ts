/**
 * What every phase of a playthrough shares: errors, the trace a step leaves, resolving chance,
 * the decision context, effects on the hidden state, and the ways a phase hands over (an offer
 * made, a no, an ending). The phases (`phases/*.ts`) build on this; `step.ts` dispatches to them.
 */
import type { Effects, Line, OutcomeName, Scenario } from '../format/schema';
import {
  clamp,
  type DecisionContext,
  type Judgement,
  jointOf,
  judgeAfterInterview,
  openingOffer,
} from '../model/decision';
import { weight } from '../model/weights';
import type { CloseOptions, CloseSpec, Distribution, HiddenState, Response } from '../types';
import { type Compiled, holds } from './compile';
import { judgementCounts } from './memo';
import { recordAnswer, recordOffer } from './record';
import { selectLines } from './replies';
import { copyState, patch, type State } from './state';

// Weights read on every judgement, looked up once when the module loads (not a Map lookup per read).
const W_PROF_START = weight('profStart');

export class EngineError extends Error {
  override name = 'EngineError';
}

/** What a step said and showed, for the interface and the debrief (not part of the state). */
export interface StepTrace {
  lines: {
    speaker: string;
    text: string;
    cue?: string;
    expression?: Line['expression'];
    kind?: Line['kind'];
  }[];
  response: Omit<Response, 'actionIndex'> | null;
  coaching: { choice: string; quality?: string; text: string } | null;
  label: string;
}

export class Trace implements StepTrace {
  lines: StepTrace['lines'] = [];
  response: StepTrace['response'] = null;
  coaching: StepTrace['coaching'] = null;
  label = '';
  constructor(private readonly dmId: string) {}

  respond(
    kind: Response['kind'],
    judgement: Judgement,
    result: string,
    lines: Line[],
    expression: Response['expression'],
    extra: Partial<Response> = {},
  ): void {
    for (const l of lines)
      this.lines.push({
        speaker: l.speaker || this.dmId,
        text: l.text,
        cue: l.cue,
        expression: l.expression,
      });
    this.response = {
      kind,
      result,
      distribution: judgement.distribution,
      chance: judgement.chance,
      chanceOf: judgement.chanceOf,
      lines,
      expression,
      tone: toneOf(result),
      factors: judgement.factors,
      counterfactuals: [],
      ...extra,
    };
  }
}

export interface StepResult {
  state: State;
  trace: StepTrace;
}

/** Everything a phase's move needs besides the action itself. */
export interface Turn {
  compiled: Compiled;
  state: State;
  resolve: Resolver;
  explain: boolean;
  trace: Trace;
}

export type Resolver = (distribution: Distribution, order: readonly string[], draw: number) => string;

// Weights the hot paths read on every step, read once (the weights are fixed when the model loads).
const EXPECTED_QUANTILE = weight('expectedQuantile');
const TOLERANCE = weight('tolerance');
const HIDDEN_STEP = weight('hiddenStep');
const MEMORY_STEP = weight('memoryStep');

/** The median outcome, best first: deterministic and fair for group play. */
export const expectedResolver: Resolver = (distribution, order) =>
  pickAt(distribution, order, EXPECTED_QUANTILE);

export function pickAt(distribution: Distribution, order: readonly string[], u: number): string {
  let cumulative = 0;
  let last = order[0]!;
  for (const key of order) {
    const p = distribution[key as keyof Distribution] ?? 0;
    if (p <= 0) continue;
    last = key;
    cumulative += p;
    if (cumulative >= u - TOLERANCE) return key;
  }
  return last;
}

const roundTo = (x: number, step: number) => Math.round(x / step) * step;
const round2 = (x: number) => roundTo(x, HIDDEN_STEP);

export function initialState(compiled: Compiled): State {
  return {
    phase: 'interview',
    node: compiled.scenario.start,
    vars: { ...compiled.startVars },
    hidden: compiled.initialHidden.map((h) => ({ ...h })),
    draws: 0,
    close: null,
    offerFrom: null,
    offer: null,
    round: 0,
    status: null,
    day: 0,
    persisted: 0,
    doorClosed: false,
    professionalism: W_PROF_START,
    committed: false,
    penalty: 0,
    caught: false,
    result: null,
    salary: null,
    ending: null,
  };
}

export function context(
  compiled: Compiled,
  state: State,
  hidden = state.hidden[compiled.lead]!,
): DecisionContext {
  const node = compiled.nodes.get(state.node);
  return {
    traits: compiled.traits[compiled.lead]!,
    hidden,
    situation: compiled.scenario.situation,
    commercial: compiled.scenario.meta.role.commercial,
    moment: node?.moment ?? 'closing',
    initial: compiled.initialHidden[compiled.lead],
    firstMinute: state.phase === 'interview' && state.node === compiled.scenario.start,
    salary: compiled.scenario.decisionMakers[compiled.lead]!.salary,
  };
}

/**
 * A judgement of the model for this state: worked out afresh when the factors are shown
 * (`explain`), else remembered by state and move (see memo.ts). `move` is a number naming the
 * kind of judgement (`JUDGED`) and everything it reads besides the context `context()` builds;
 * a negative number is never remembered.
 */
export function judged<T>(
  compiled: Compiled,
  ctx: DecisionContext,
  explain: boolean,
  move: number,
  judge: () => T,
): T {
  judgementCounts.asked++;
  if (explain || move < 0) {
    judgementCounts.evaluated++;
    return judge();
  }
  return compiled.memo.get(ctx, move, judge);
}

/** Whether the close is on offer at this state (`closeOptions` without building its lists). */
export function closeOffered(compiled: Compiled, state: State): boolean {
  if (state.phase !== 'interview') return false;
  const node = compiled.nodes.get(state.node)!;
  const closing = compiled.scenario.closing;
  const allowed = node.closeAllowed ?? (closing.allowed === 'anywhere' || node.moment === 'closing');
  return allowed && !node.ending;
}

/** The kinds of judgement, the last digit (base 8) of a `judged` move number. */
export const JUDGED = { after: 0, timing: 1, close: 2, persist: 3, counter: 4 } as const;

export function closeOptions(compiled: Compiled, state: State): CloseOptions | null {
  if (!closeOffered(compiled, state)) return null;
  const { closing, candidate } = compiled.scenario;
  return {
    forms: closing.forms,
    deliveries: closing.deliveries,
    points: pointsOnOffer(compiled, state),
    // The same objects every time, built once per scenario (callers read them, never change them).
    leverage: compiled.closeLeverage,
    canCommit: candidate.canAcceptOnSpot,
    commitText: closing.commitText,
  };
}

/** The close's points whose conditions hold, each `{ id, kind, text }` (built once per scenario). */
function pointsOnOffer(compiled: Compiled, state: State): CloseOptions['points'] {
  const out: CloseOptions['points'] = [];
  for (const p of compiled.closePoints)
    if (holds(p.requires, state.vars, state.hidden, compiled)) out.push(p.point);
  return out;
}

export function applyEffects(compiled: Compiled, state: State, effects: Effects | undefined): State {
  if (!effects) return state;
  const change = changeOf(compiled, effects);
  const index = change.index;
  let hidden = state.hidden;
  if (change.feels) {
    const was = hidden[index]!;
    hidden = hidden.slice();
    // One literal in the hidden state's own field order: every hidden state has one shape.
    hidden[index] = {
      keenness: change.keenness === undefined ? was.keenness : round2(clamp(was.keenness + change.keenness)),
      doubt: change.doubt === undefined ? was.doubt : round2(clamp(was.doubt + change.doubt)),
      irritation:
        change.irritation === undefined ? was.irritation : round2(clamp(was.irritation + change.irritation)),
      rapport: change.rapport === undefined ? was.rapport : round2(clamp(was.rapport + change.rapport)),
      believesOptions:
        change.believesOptions === undefined
          ? was.believesOptions
          : round2(clamp(was.believesOptions + change.believesOptions)),
    };
  }
  let vars = state.vars;
  if (change.set || change.add) {
    vars = { ...vars };
    if (change.set) Object.assign(vars, change.set);
    if (change.add) {
      for (const [k, v] of change.add) {
        const old = Object.hasOwn(vars, k) ? vars[k] : undefined;
        vars[k] = (typeof old === 'number' ? old : 0) + v;
      }
    }
  }
  const next = copyState(state);
  next.hidden = hidden;
  next.vars = vars;
  return next;
}

/**
 * Effects read once per compiled scenario into one shape (authored effects come in as many
 * shapes as there are combinations of fields, which makes reading them on every step slow).
 */
export interface Change {
  index: number;
  /** Whether any hidden value changes (a choice that only sets variables leaves them as they are). */
  feels: boolean;
  keenness: number | undefined;
  doubt: number | undefined;
  irritation: number | undefined;
  rapport: number | undefined;
  believesOptions: number | undefined;
  set: Effects['set'] | undefined;
  add: [string, number][] | undefined;
}

function changeOf(compiled: Compiled, effects: Effects): Change {
  let change = compiled.changes.get(effects);
  if (!change) {
    change = {
      index: effects.dm ? (compiled.dmIndex.get(effects.dm) ?? compiled.lead) : compiled.lead,
      feels:
        effects.keenness !== undefined ||
        effects.doubt !== undefined ||
        effects.irritation !== undefined ||
        effects.rapport !== undefined ||
        effects.believesOptions !== undefined,
      keenness: effects.keenness,
      doubt: effects.doubt,
      irritation: effects.irritation,
      rapport: effects.rapport,
      believesOptions: effects.believesOptions,
      set: effects.set,
      add: effects.add ? Object.entries(effects.add) : undefined,
    };
    compiled.changes.set(effects, change);
  }
  return change;
}

/**
 * Gives the lead decision-maker the hidden state `h` (clamped, in steps of HIDDEN_STEP), on a
 * state the caller has just copied (and so owns): changes it and returns it.
 */
export function withLeadInPlace(compiled: Compiled, state: State, h: HiddenState): State {
  const hidden = state.hidden.slice();
  hidden[compiled.lead] = {
    keenness: round2(clamp(h.keenness)),
    doubt: round2(clamp(h.doubt)),
    irritation: round2(clamp(h.irritation)),
    rapport: round2(clamp(h.rapport)),
    believesOptions: round2(clamp(h.believesOptions)),
  };
  state.hidden = hidden;
  return state;
}

export const CLOSE_ORDER = ['offer-now', 'offer-later', 'next-stage', 'no-decision', 'rejection'] as const;
export const AFTER_ORDER = ['offer-later', 'next-stage', 'no-decision', 'rejection'] as const;
export const PERSIST_ORDER = ['offer-later', 'next-stage', 'holding', 'closed'] as const;
export const COUNTER_ORDER = ['raise', 'hold', 'rescind'] as const;

export function nextStageOutcome(scenario: Scenario, spec?: CloseSpec): OutcomeName {
  return spec?.form === 'shortlist' || scenario.situation.nextStage === 'shortlist'
    ? 'shortlisted'
    : 'next-stage';
}

const FALLBACK: Record<OutcomeName, OutcomeName[]> = {
  'offer-now': ['offer-now', 'offer-later'],
  'offer-later': ['offer-later', 'offer-now'],
  'next-stage': ['next-stage', 'shortlisted'],
  shortlisted: ['shortlisted', 'next-stage'],
  'no-decision': ['no-decision', 'rejection'],
  rejection: ['rejection', 'no-decision'],
  withdrawn: ['withdrawn', 'rejection'],
  'offer-rescinded': ['offer-rescinded', 'rejection'],
};

export function pickEnding(compiled: Compiled, state: State, outcome: OutcomeName): string {
  for (const wanted of FALLBACK[outcome]) {
    const ending = compiled.endings.find(
      (e) => e.outcome === wanted && holds(e.condition, state.vars, state.hidden, compiled),
    );
    if (ending) return ending.id;
  }
  const any = compiled.endings.find((e) => e.outcome === outcome) ?? compiled.endings[0]!;
  return any.id;
}

export function end(
  compiled: Compiled,
  state: State,
  outcome: OutcomeName,
  salary: number | null = null,
): State {
  const ended = copyState(state);
  // Ending straight from the interview, the decision-maker is remembered as on every other way
  // out of it (settled), so the same impression scores the same whichever way the play ended.
  if (state.phase === 'interview') settleInPlace(compiled, ended);
  ended.node = state.node;
  ended.phase = 'ended';
  ended.result = outcome;
  ended.salary = salary;
  ended.ending = pickEnding(compiled, ended, outcome);
  return ended;
}

const round05 = (x: number) => roundTo(x, MEMORY_STEP);

/**
 * Once the interview is over, the decision-maker remembers the candidate in broad strokes:
 * hidden state settles to steps of 0.05 and professionalism to steps of 5. Besides being a
 * fair picture of memory, it lets equal impressions merge, which keeps analysis fast.
 */
export function settle(compiled: Compiled, state: State): State {
  return settleInPlace(compiled, copyState(state));
}

const PROFESSIONALISM_STEP = weight('professionalismStep');

/** `settle` on a state the caller has just copied (and so owns): changes it and returns it. */
export function settleInPlace(compiled: Compiled, state: State): State {
  const h = state.hidden[compiled.lead]!;
  const hidden = state.hidden.slice();
  hidden[compiled.lead] = {
    keenness: round05(h.keenness),
    doubt: round05(h.doubt),
    irritation: round05(h.irritation),
    rapport: round05(h.rapport),
    believesOptions: round05(h.believesOptions),
  };
  state.node = '';
  state.hidden = hidden;
  state.professionalism = roundTo(state.professionalism, PROFESSIONALISM_STEP);
  return state;
}

/** Where a decision that produced an offer leads: negotiation if the scenario has one. */
export function offerMade(
  compiled: Compiled,
  state: State,
  from: 'close' | 'later',
  committed: boolean,
): State {
  const offer = openingOffer(compiled.scenario, compiled.lead, state.hidden[compiled.lead]!, committed);
  const max = compiled.scenario.decisionMakers[compiled.lead]!.salary.max;
  const vars = recordOffer(compiled, state.vars, offer >= max);
  if (committed || !compiled.scenario.negotiation) {
    return end(
      compiled,
      patch(state, { offerFrom: from, offer, vars }),
      from === 'close' ? 'offer-now' : 'offer-later',
      offer,
    );
  }
  const s = copyState(state);
  s.phase = 'negotiation';
  s.offerFrom = from;
  s.offer = offer;
  s.round = 0;
  s.vars = vars;
  s.committed = state.committed || committed;
  return settleInPlace(compiled, s);
}

/** After a no or no decision: the follow-up days if the scenario has them, else the end. */
export function afterNo(compiled: Compiled, state: State, status: 'rejection' | 'no-decision'): State {
  if (compiled.scenario.followUp) {
    const s = copyState(state);
    s.phase = 'follow-up';
    s.status = status;
    s.day = 0;
    s.vars = recordAnswer(compiled, state.vars, status);
    return settleInPlace(compiled, s);
  }
  return end(compiled, state, status);
}

/** Where a decision after the interview (no close, or a close that won a later offer) leads. */
export function afterDecision(
  compiled: Compiled,
  state: State,
  result: (typeof AFTER_ORDER)[number],
  whenNo: (state: State, result: 'rejection' | 'no-decision') => State,
): State {
  if (result === 'offer-later') return offerMade(compiled, state, 'later', false);
  if (result === 'next-stage') return end(compiled, state, nextStageOutcome(compiled.scenario));
  return whenNo(state, result);
}

export function responseLines(lines: Line[], dmId: string): StepTrace['lines'] {
  return lines.map((l) => ({
    speaker: l.speaker || dmId,
    text: l.text,
    cue: l.cue,
    expression: l.expression,
    ...(l.kind ? { kind: l.kind } : {}),
  }));
}

function toneOf(result: string): Response['tone'] {
  if (result === 'offer-now' || result === 'offer-later' || result === 'raise') return 'offer';
  if (result === 'next-stage' || result === 'shortlisted' || result === 'holding' || result === 'hold') {
    return result === 'next-stage' || result === 'shortlisted' ? 'warm' : 'neutral';
  }
  return 'cool';
}

export function decide(
  resolve: Resolver,
  state: State,
  judgement: Judgement,
  order: readonly string[],
): { result: string; state: State } {
  // Without a bluff the joint distribution is the judgement's own, in the given order (jointOf
  // would copy the order for nothing).
  const joint = judgement.exposure ? jointOf(judgement, order) : null;
  const result = joint
    ? resolve(joint.distribution, joint.order, state.draws)
    : resolve(judgement.distribution, order, state.draws);
  const next = copyState(state);
  next.draws = state.draws + 1;
  return { result, state: next };
}

/**
 * The decision-maker's own decision after the follow-up rests (by the player's choice or the
 * last day): a firm no stays a no; no decision is decided now.
 */
export function letGo(
  compiled: Compiled,
  state: State,
  trace: Trace,
  resolve: Resolver,
  explain: boolean,
): StepResult {
  if (state.status === 'rejection') return { state: end(compiled, state, 'rejection'), trace };
  const ctx = context(compiled, state);
  const judgement = judged(compiled, ctx, explain, JUDGED.after, () => judgeAfterInterview(ctx, explain));
  const d = decide(resolve, state, judgement, AFTER_ORDER);
  const result = d.result as (typeof AFTER_ORDER)[number];
  trace.respond(
    'after-interview',
    judgement,
    result,
    // The words only when a view shows them.
    explain ? selectLines(compiled, d.state, compiled.scenario.closing.afterInterview[result]) : [],
    result === 'rejection' ? 'sceptical' : 'warm',
  );
  return { state: afterDecision(compiled, d.state, result, (s, r) => end(compiled, s, r)), trace };
}
