/**
 * The pure state machine of a playthrough: `step(state, action)` gives the next state.
 * Chance is resolved through a `Resolver`, so the same code serves expected play (the median
 * outcome), realistic play (a seeded draw) and the analyzer (which forces each branch in turn).
 */

import type { Effects, Line, OutcomeName, Scenario } from '../format/schema';
import { joinSentences } from '../format/sentences';
import {
  asksForOffer,
  type CounterContext,
  clamp,
  type DecisionContext,
  EXPOSED,
  exposeChanceOf,
  type Judgement,
  jointOf,
  judgeAfterInterview,
  judgeClose,
  judgeCounter,
  judgePersistence,
  type LeverageUse,
  openingOffer,
  raisedOffer,
  readiness,
  timingGrade,
} from '../model/decision';
import {
  afterClose,
  afterCounter,
  answerProfessionalism,
  BLUFF_SEEN,
  closeProfessionalism,
} from '../model/effects';
import { weight } from '../model/weights';
import type { Action, CloseOptions, CloseSpec, Distribution, HiddenState, Phase, Response } from '../types';
import { availableChoices, type Compiled, holds, type Vars } from './compile';
import { closeCounterfactuals, noCloseCounterfactuals } from './counterfactuals';
import { recordClose, recordNegotiation, recordOffer, recordPersistence, startVars } from './record';
import { lastExpression, letGoCoaching, persistenceCoaching, persistFace, selectLines } from './replies';

export class EngineError extends Error {
  override name = 'EngineError';
}

/** Everything that decides what happens next. Small and JSON-safe; equal states play the same. */
export interface State {
  phase: Phase;
  node: string;
  vars: Vars;
  hidden: HiddenState[];
  /** Decisions resolved so far (indexes realistic draws). */
  draws: number;
  /** Timing judgement (0–100) of the close, once the player has closed. */
  close: { timing: number } | null;
  /** Where a standing offer came from. */
  offerFrom: 'close' | 'later' | null;
  offer: number | null;
  round: number;
  status: 'rejection' | 'no-decision' | null;
  day: number;
  persisted: number;
  doorClosed: boolean;
  professionalism: number;
  /** The candidate promised to accept on the spot (haggling afterwards breaks it). */
  committed: boolean;
  /** Professionalism lost after the interview (a bluff in negotiation, a broken promise). */
  penalty: number;
  result: OutcomeName | null;
  salary: number | null;
  ending: string | null;
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

class Trace implements StepTrace {
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

export type Resolver = (distribution: Distribution, order: readonly string[], draw: number) => string;

/** The median outcome, best first: deterministic and fair for group play. */
export const expectedResolver: Resolver = (distribution, order) =>
  pickAt(distribution, order, weight('expectedQuantile'));

export function pickAt(distribution: Distribution, order: readonly string[], u: number): string {
  let cumulative = 0;
  let last = order[0]!;
  for (const key of order) {
    const p = distribution[key as keyof Distribution] ?? 0;
    if (p <= 0) continue;
    last = key;
    cumulative += p;
    if (cumulative >= u - weight('tolerance')) return key;
  }
  return last;
}

const roundTo = (x: number, step: number) => Math.round(x / step) * step;
const round2 = (x: number) => roundTo(x, weight('hiddenStep'));

export function initialState(compiled: Compiled): State {
  return {
    phase: 'interview',
    node: compiled.scenario.start,
    vars: startVars(compiled),
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
    professionalism: weight('profStart'),
    committed: false,
    penalty: 0,
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
  };
}

export function closeOptions(compiled: Compiled, state: State): CloseOptions | null {
  if (state.phase !== 'interview') return null;
  const node = compiled.nodes.get(state.node)!;
  const { closing, candidate } = compiled.scenario;
  const allowed = node.closeAllowed ?? (closing.allowed === 'anywhere' || node.moment === 'closing');
  if (!allowed || node.ending) return null;
  return {
    forms: closing.forms,
    deliveries: closing.deliveries,
    points: closing.points
      .filter((p) => holds(p.requires, state.vars, state.hidden, compiled))
      .map(({ id, kind, text }) => ({ id, kind, text })),
    leverage: candidate.otherOptions.map(({ id, kind, text }) => ({ id, kind, text })),
    canCommit: candidate.canAcceptOnSpot,
    commitText: closing.commitText,
  };
}

/** Copies a state with the same property order every time, so the engine's hot paths see one object shape. */
export function copyState(s: State): State {
  return {
    phase: s.phase,
    node: s.node,
    vars: s.vars,
    hidden: s.hidden,
    draws: s.draws,
    close: s.close,
    offerFrom: s.offerFrom,
    offer: s.offer,
    round: s.round,
    status: s.status,
    day: s.day,
    persisted: s.persisted,
    doorClosed: s.doorClosed,
    professionalism: s.professionalism,
    committed: s.committed,
    penalty: s.penalty,
    result: s.result,
    salary: s.salary,
    ending: s.ending,
  };
}

function patch(s: State, changes: Partial<State>): State {
  return Object.assign(copyState(s), changes);
}

const HIDDEN_KEYS = ['keenness', 'doubt', 'irritation', 'rapport', 'believesOptions'] as const;

function applyEffects(compiled: Compiled, state: State, effects: Effects | undefined): State {
  if (!effects) return state;
  const index = effects.dm ? (compiled.dmIndex.get(effects.dm) ?? compiled.lead) : compiled.lead;
  const hidden = state.hidden.slice();
  const h = { ...hidden[index]! };
  for (const key of HIDDEN_KEYS) {
    const delta = effects[key];
    if (delta !== undefined) h[key] = round2(clamp(h[key] + delta));
  }
  hidden[index] = h;
  let vars = state.vars;
  if (effects.set || effects.add) {
    vars = { ...vars };
    if (effects.set) Object.assign(vars, effects.set);
    if (effects.add) {
      for (const [k, v] of Object.entries(effects.add)) {
        const old = Object.hasOwn(vars, k) ? vars[k] : undefined;
        vars[k] = (typeof old === 'number' ? old : 0) + v;
      }
    }
  }
  return patch(state, { hidden, vars });
}

function withLead(compiled: Compiled, state: State, h: HiddenState): State {
  const hidden = state.hidden.slice();
  hidden[compiled.lead] = {
    keenness: round2(clamp(h.keenness)),
    doubt: round2(clamp(h.doubt)),
    irritation: round2(clamp(h.irritation)),
    rapport: round2(clamp(h.rapport)),
    believesOptions: round2(clamp(h.believesOptions)),
  };
  return patch(state, { hidden });
}

const CLOSE_ORDER = ['offer-now', 'offer-later', 'next-stage', 'no-decision', 'rejection'] as const;
const AFTER_ORDER = ['offer-later', 'next-stage', 'no-decision', 'rejection'] as const;
const PERSIST_ORDER = ['offer-later', 'next-stage', 'holding', 'closed'] as const;
const COUNTER_ORDER = ['raise', 'hold', 'rescind'] as const;

function nextStageOutcome(scenario: Scenario, spec?: CloseSpec): OutcomeName {
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

function end(compiled: Compiled, state: State, outcome: OutcomeName, salary: number | null = null): State {
  const ended = patch(state, { phase: 'ended' as const, result: outcome, salary });
  return patch(ended, { ending: pickEnding(compiled, ended, outcome) });
}

const round05 = (x: number) => roundTo(x, weight('memoryStep'));

/**
 * Once the interview is over, the decision-maker remembers the candidate in broad strokes:
 * hidden state settles to steps of 0.05 and professionalism to steps of 5. Besides being a
 * fair picture of memory, it lets equal impressions merge, which keeps analysis fast.
 */
function settle(compiled: Compiled, state: State): State {
  const h = state.hidden[compiled.lead]!;
  const hidden = state.hidden.slice();
  hidden[compiled.lead] = {
    keenness: round05(h.keenness),
    doubt: round05(h.doubt),
    irritation: round05(h.irritation),
    rapport: round05(h.rapport),
    believesOptions: round05(h.believesOptions),
  };
  return patch(state, {
    node: '',
    hidden,
    professionalism: roundTo(state.professionalism, weight('professionalismStep')),
  });
}

/** Where a decision that produced an offer leads: negotiation if the scenario has one. */
function offerMade(compiled: Compiled, state: State, from: 'close' | 'later', committed: boolean): State {
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
  return settle(
    compiled,
    patch(state, {
      phase: 'negotiation',
      offerFrom: from,
      offer,
      round: 0,
      vars,
      committed: state.committed || committed,
    }),
  );
}

function afterNo(compiled: Compiled, state: State, status: 'rejection' | 'no-decision'): State {
  if (compiled.scenario.followUp)
    return settle(compiled, patch(state, { phase: 'follow-up', status, day: 0 }));
  return end(compiled, state, status);
}

function responseLines(lines: Line[], dmId: string): StepTrace['lines'] {
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

export interface StepResult {
  state: State;
  trace: StepTrace;
}

function decide(
  resolve: Resolver,
  state: State,
  judgement: Judgement,
  order: readonly string[],
): { result: string; state: State } {
  const joint = jointOf(judgement, order);
  const result = resolve(joint.distribution, joint.order, state.draws);
  return { result, state: patch(state, { draws: state.draws + 1 }) };
}

function validateClose(compiled: Compiled, state: State, spec: CloseSpec): CloseOptions {
  const options = closeOptions(compiled, state);
  if (!options) throw new EngineError(`You cannot close at node "${state.node}".`);
  if (!options.forms.some((f) => f.form === spec.form))
    throw new EngineError(`The form "${spec.form}" is not on offer here.`);
  if (!options.deliveries.some((d) => d.delivery === spec.delivery)) {
    throw new EngineError(`The delivery "${spec.delivery}" is not on offer here.`);
  }
  for (const p of spec.points) {
    if (!options.points.some((x) => x.id === p))
      throw new EngineError(`The supporting point "${p}" is not available here.`);
  }
  if (new Set(spec.points).size !== spec.points.length)
    throw new EngineError('A supporting point was given twice.');
  if (spec.leverage !== null && !options.leverage.some((x) => x.id === spec.leverage)) {
    throw new EngineError(`The option "${spec.leverage}" is not one the candidate has.`);
  }
  if (spec.commit && !options.canCommit)
    throw new EngineError('This candidate cannot accept an offer on the spot.');
  return options;
}

export function step(
  compiled: Compiled,
  state: State,
  action: Action,
  resolve: Resolver,
  explain = true,
): StepResult {
  const scenario = compiled.scenario;
  const dm = scenario.decisionMakers[compiled.lead]!;
  const trace = new Trace(dm.id);

  switch (state.phase) {
    case 'ended':
      throw new EngineError('The playthrough has ended.');
    case 'interview': {
      const node = compiled.nodes.get(state.node);
      if (!node) throw new EngineError(`The scenario has no node "${state.node}".`);
      if (action.type === 'choose') {
        const choice = availableChoices(node, state.vars, state.hidden, compiled).find(
          (c) => c.id === action.choice,
        );
        if (!choice)
          throw new EngineError(`There is no choice "${action.choice}" available at node "${node.id}".`);
        trace.lines.push({
          speaker: 'candidate',
          text: choice.text,
          ...(choice.kind ? { kind: choice.kind } : {}),
        });
        trace.label = choice.text;
        if (choice.feedback)
          trace.coaching = { choice: choice.id, quality: choice.quality, text: choice.feedback };
        let next = applyEffects(compiled, state, choice.effects);
        const qualityDelta = answerProfessionalism(choice.quality);
        if (qualityDelta)
          next = patch(next, {
            professionalism: clamp(next.professionalism + qualityDelta, 0, weight('percent')),
          });
        if (choice.ending) {
          const ending = scenario.endings.find((e) => e.id === choice.ending)!;
          return { state: patch(next, { phase: 'ended', result: ending.outcome, ending: ending.id }), trace };
        }
        if (choice.endsInterview) return interviewOver(compiled, next, trace, resolve, explain);
        return { state: patch(next, { node: choice.next! }), trace };
      }
      if (action.type === 'continue') {
        if (availableChoices(node, state.vars, state.hidden, compiled).length > 0) {
          throw new EngineError(`Node "${node.id}" is waiting for a choice, not for continue.`);
        }
        trace.label = 'Continue';
        if (node.ending) {
          const ending = scenario.endings.find((e) => e.id === node.ending)!;
          return {
            state: patch(state, { phase: 'ended', result: ending.outcome, ending: ending.id }),
            trace,
          };
        }
        if (node.next) return { state: patch(state, { node: node.next }), trace };
        return interviewOver(compiled, state, trace, resolve, explain);
      }
      if (action.type === 'close') {
        const spec = action.close;
        const options = validateClose(compiled, state, spec);
        const closing = scenario.closing;
        const words = composeWords(scenario, spec);
        trace.lines.push({ speaker: 'candidate', text: words.text, cue: words.cue });
        trace.label = 'Close';
        let s = state;
        let leverage: LeverageUse | null = null;
        if (spec.leverage) {
          const option = scenario.candidate.otherOptions.find((o) => o.id === spec.leverage)!;
          leverage = { kind: option.kind, real: option.real, exposeChance: exposeChanceOf(option) };
        }
        const points = {
          whyUs: spec.points.filter((id) => closing.points.find((p) => p.id === id)?.kind === 'why-us')
            .length,
          reasons: spec.points.filter((id) => closing.points.find((p) => p.id === id)?.kind === 'reason')
            .length,
        };
        const ctx = context(compiled, s);
        const judgement = judgeClose(ctx, spec, leverage, points, explain);
        // A bluff is resolved with the answer: seen through or believed, in one draw.
        const d = decide(resolve, s, judgement, CLOSE_ORDER);
        s = d.state;
        const exposed = d.result.endsWith(EXPOSED);
        const result = d.result.replace(EXPOSED, '') as (typeof CLOSE_ORDER)[number];
        const favourable = result === 'offer-now' || result === 'offer-later' || result === 'next-stage';
        const t = compiled.traits[compiled.lead]!;
        s = withLead(
          compiled,
          s,
          afterClose(
            t,
            s.hidden[compiled.lead]!,
            spec,
            leverage,
            exposed,
            favourable,
            judgement.doubtRemaining,
          ),
        );
        s = {
          ...s,
          professionalism: clamp(
            s.professionalism + closeProfessionalism(t, spec, leverage, exposed),
            0,
            weight('percent'),
          ),
          close: { timing: timingGrade(ctx, spec.form) },
          committed: spec.commit && asksForOffer(spec.form),
          vars: recordClose(compiled, s.vars, spec, exposed, ctx.moment),
        };
        const outcomeLines: Line[] = [];
        if (exposed) {
          const seen = closing.responses['bluff-exposed'];
          outcomeLines.push(
            ...(seen
              ? selectLines(compiled, s, seen)
              : [{ id: 'model-bluff-seen', speaker: dm.id, text: BLUFF_SEEN }]),
          );
        }
        if ((spec.delivery === 'pushy' || spec.delivery === 'desperate') && closing.responses['too-pushy']) {
          outcomeLines.push(...selectLines(compiled, s, closing.responses['too-pushy']));
        }
        outcomeLines.push(
          ...selectLines(
            compiled,
            s,
            result === 'offer-later' ? closing.afterInterview['offer-later'] : closing.responses[result],
          ),
        );
        // A caught bluff shows on the face whatever the answer: the trust is gone.
        const expression = exposed
          ? favourable
            ? 'sceptical'
            : 'irritated'
          : result === 'offer-now'
            ? 'impressed'
            : favourable
              ? 'warm'
              : result === 'no-decision'
                ? 'thinking'
                : spec.delivery === 'pushy'
                  ? 'irritated'
                  : 'sceptical';
        const available = {
          whyUs: options.points.filter((p) => p.kind === 'why-us').length,
          reasons: options.points.filter((p) => p.kind === 'reason').length,
        };
        trace.respond('close', judgement, result, outcomeLines, expression, {
          bluffExposed: exposed || undefined,
          exposeChance: judgement.exposure?.chance,
          counterfactuals: explain
            ? closeCounterfactuals(ctx, spec, leverage, points, available, judgement.chance)
            : [],
        });
        if (result === 'offer-now') return { state: offerMade(compiled, s, 'close', spec.commit), trace };
        if (result === 'offer-later') return { state: offerMade(compiled, s, 'later', spec.commit), trace };
        if (result === 'next-stage')
          return { state: end(compiled, s, nextStageOutcome(scenario, spec)), trace };
        return { state: afterNo(compiled, s, result), trace };
      }
      throw new EngineError(`"${action.type}" is not possible during the interview.`);
    }
    case 'follow-up': {
      const followUp = scenario.followUp!;
      if (action.type === 'let-go') {
        trace.label = followUp.letGoText;
        trace.coaching = letGoCoaching(compiled, state, followUp.letGoFeedback);
        return letGo(compiled, state, trace, resolve);
      }
      if (action.type !== 'persist')
        throw new EngineError(`"${action.type}" is not possible during the follow-up.`);
      const act = followUp.acts.find((a) => a.id === action.act);
      if (!act) throw new EngineError(`There is no follow-up act "${action.act}".`);
      trace.lines.push({
        speaker: 'candidate',
        text: act.text,
        ...(act.textKind ? { kind: act.textKind } : {}),
      });
      trace.label = act.label;
      const judgement = judgePersistence(context(compiled, state), state.persisted, act.intensity, explain);
      const d = decide(resolve, state, judgement, PERSIST_ORDER);
      const h = { ...d.state.hidden[compiled.lead]! };
      h.irritation += judgement.irritationGain;
      h.doubt = judgement.doubtRemaining;
      let s = settle(compiled, withLead(compiled, d.state, h));
      s = {
        ...s,
        persisted: s.persisted + 1,
        day: s.day + 1,
        vars: recordPersistence(compiled, s.vars, s.persisted + 1, d.result === 'closed'),
      };
      const replies = followUp.replies;
      const lead = dm.id;
      trace.coaching = persistenceCoaching(compiled, s, act, d.result);
      if (d.result === 'offer-later') {
        const lines = selectLines(compiled, s, replies.concede);
        trace.respond(
          'persistence',
          judgement,
          'offer-later',
          lines,
          lastExpression(lines, lead) ?? 'impressed',
        );
        return { state: offerMade(compiled, s, 'later', false), trace };
      }
      if (d.result === 'next-stage') {
        // Before the final stage, changing their mind wins the next stage, not the job.
        const lines = selectLines(compiled, s, replies.concedeNextStage ?? replies.concede);
        trace.respond('persistence', judgement, 'next-stage', lines, lastExpression(lines, lead) ?? 'warm');
        return { state: end(compiled, s, nextStageOutcome(scenario)), trace };
      }
      if (d.result === 'closed') {
        const lines = selectLines(compiled, s, replies.closed);
        trace.respond('persistence', judgement, 'closed', lines, 'irritated');
        return { state: end(compiled, patch(s, { doorClosed: true }), 'rejection'), trace };
      }
      // Rising irritation shows in the face: the authored line's face when it names one
      // (replies are picked by the state), otherwise the face the state gives.
      const holding = selectLines(compiled, s, replies.holding);
      const settled = s.hidden[compiled.lead]!;
      trace.respond(
        'persistence',
        judgement,
        'holding',
        holding,
        persistFace(settled.irritation, lastExpression(holding, lead)),
      );
      if (s.day >= followUp.days) {
        const after = letGo(compiled, s, new Trace(dm.id), resolve);
        return { state: after.state, trace };
      }
      return { state: s, trace };
    }
    case 'negotiation': {
      const negotiation = scenario.negotiation!;
      if (action.type !== 'negotiate')
        throw new EngineError(`"${action.type}" is not possible during negotiation.`);
      const move = negotiation.moves.find((m) => m.id === action.move);
      if (!move) throw new EngineError(`There is no negotiation move "${action.move}".`);
      const counter = move.kind === 'counter' || move.kind === 'counter-with-leverage';
      if (counter && state.round >= negotiation.rounds) {
        throw new EngineError('There are no counter-offers left: accept or walk away.');
      }
      trace.lines.push({
        speaker: 'candidate',
        text: move.text,
        ...(move.textKind ? { kind: move.textKind } : {}),
      });
      trace.label = move.text;
      const outcome: OutcomeName = state.offerFrom === 'close' ? 'offer-now' : 'offer-later';
      if (move.kind === 'accept') {
        trace.lines.push(...responseLines(selectLines(compiled, state, negotiation.replies.agreed), dm.id));
        return { state: end(compiled, state, outcome, state.offer), trace };
      }
      if (move.kind === 'walk-away') return { state: end(compiled, state, 'withdrawn'), trace };
      const band = dm.salary;
      const ceiling = state.offer! >= band.max;
      const real = scenario.candidate.otherOptions.some((o) => o.real);
      const bluffOption = scenario.candidate.otherOptions.find((o) => !o.real);
      const citing = move.kind === 'counter-with-leverage';
      const counterCtx: CounterContext = {
        offer: state.offer!,
        band,
        target: scenario.candidate.targetSalary,
        round: state.round,
        committed: state.committed,
        leverage: !citing
          ? null
          : real
            ? { real: true }
            : { real: false, exposeChance: exposeChanceOf(bluffOption ?? { real: false }) },
      };
      const judgement = judgeCounter(context(compiled, state), counterCtx, explain);
      const d0 = decide(resolve, state, judgement, COUNTER_ORDER);
      const exposed = d0.result.endsWith(EXPOSED);
      const d = { ...d0, result: d0.result.replace(EXPOSED, '') };
      const cost = afterCounter(d.state.hidden[compiled.lead]!, state.committed, citing && !real, exposed);
      const round = d.state.round + 1;
      const s = patch(withLead(compiled, d.state, cost.hidden), {
        round,
        penalty: state.penalty + cost.penalty,
        vars: recordNegotiation(compiled, d.state.vars, round, ceiling, exposed),
      });
      const respondExtra = { bluffExposed: exposed || undefined, exposeChance: judgement.exposure?.chance };
      const seenThrough = (lines: Line[]): Line[] =>
        exposed ? [{ id: 'model-bluff-seen', speaker: dm.id, text: BLUFF_SEEN }, ...lines] : lines;
      const said = (after: State, lines: Line[], fallback: Response['expression']) => {
        const chosen = selectLines(compiled, after, lines);
        const face = lastExpression(chosen, dm.id) ?? fallback;
        // A bluff seen through shows on the face, whatever the answer on the money.
        return { lines: chosen, face: exposed && face !== 'irritated' ? 'sceptical' : face };
      };
      if (d.result === 'rescind') {
        const r = said(s, negotiation.replies.rescind, 'irritated');
        trace.respond('negotiation', judgement, 'rescind', seenThrough(r.lines), r.face, respondExtra);
        return { state: end(compiled, s, 'offer-rescinded'), trace };
      }
      if (d.result === 'raise') {
        const offer = raisedOffer(counterCtx);
        const s2 = patch(s, { offer, vars: recordNegotiation(compiled, s.vars, round, offer >= band.max) });
        const r = said(s2, negotiation.replies.raise, 'thinking');
        trace.respond('negotiation', judgement, 'raise', seenThrough(r.lines), r.face, respondExtra);
        return { state: s2, trace };
      }
      const r = said(s, negotiation.replies.hold, 'sceptical');
      trace.respond('negotiation', judgement, 'hold', seenThrough(r.lines), r.face, respondExtra);
      return { state: s, trace };
    }
  }
}

function interviewOver(
  compiled: Compiled,
  state: State,
  trace: Trace,
  resolve: Resolver,
  explain: boolean,
): StepResult {
  const ctx = context(compiled, state);
  const judgement = judgeAfterInterview(ctx, explain);
  const d = decide(resolve, state, judgement, AFTER_ORDER);
  const result = d.result as (typeof AFTER_ORDER)[number];
  const lines = selectLines(compiled, d.state, compiled.scenario.closing.afterInterview[result]);
  const points = compiled.scenario.closing.points.filter((p) =>
    holds(p.requires, state.vars, state.hidden, compiled),
  );
  const available = {
    whyUs: points.filter((p) => p.kind === 'why-us').length,
    reasons: points.filter((p) => p.kind === 'reason').length,
  };
  trace.respond(
    'after-interview',
    judgement,
    result,
    lines,
    result === 'rejection' ? 'sceptical' : result === 'no-decision' ? 'thinking' : 'warm',
    {
      counterfactuals: explain
        ? noCloseCounterfactuals(
            ctx,
            available,
            judgement.chance,
            compiled.scenario.candidate.canAcceptOnSpot,
          )
        : [],
    },
  );
  const s = patch(d.state, { node: state.node });
  if (result === 'offer-later') return { state: offerMade(compiled, s, 'later', false), trace };
  if (result === 'next-stage') return { state: end(compiled, s, nextStageOutcome(compiled.scenario)), trace };
  return { state: afterNo(compiled, s, result), trace };
}

function letGo(compiled: Compiled, state: State, trace: Trace, resolve: Resolver): StepResult {
  if (state.status === 'rejection') return { state: end(compiled, state, 'rejection'), trace };
  const judgement = judgeAfterInterview(context(compiled, state));
  const d = decide(resolve, state, judgement, AFTER_ORDER);
  const result = d.result as (typeof AFTER_ORDER)[number];
  trace.respond(
    'after-interview',
    judgement,
    result,
    selectLines(compiled, d.state, compiled.scenario.closing.afterInterview[result]),
    result === 'rejection' ? 'sceptical' : 'warm',
  );
  if (result === 'offer-later') return { state: offerMade(compiled, d.state, 'later', false), trace };
  if (result === 'next-stage')
    return { state: end(compiled, d.state, nextStageOutcome(compiled.scenario)), trace };
  return { state: end(compiled, d.state, result), trace };
}

/** The words the candidate's close will say, assembled from the scenario's authored parts. */
export function composeWords(scenario: Scenario, spec: CloseSpec): { cue: string; text: string } {
  const closing = scenario.closing;
  const form = closing.forms.find((f) => f.form === spec.form);
  const delivery = closing.deliveries.find((d) => d.delivery === spec.delivery);
  const parts: string[] = [];
  for (const id of spec.points) {
    const point = closing.points.find((p) => p.id === id);
    if (point) parts.push(point.text);
  }
  if (spec.leverage) {
    const option = scenario.candidate.otherOptions.find((o) => o.id === spec.leverage);
    if (option) parts.push(option.text);
  }
  if (form) parts.push(form.text);
  if (spec.commit && asksForOffer(spec.form)) parts.push(closing.commitText);
  return { cue: delivery?.text ?? '', text: joinSentences(parts) };
}

export { readiness };
