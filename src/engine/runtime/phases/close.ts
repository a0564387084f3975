/**
 * The close: the candidate asks, the decision-maker answers. Split into its parts: checking the
 * close is on offer, what it cites, the answer drawn, the state it leaves, the words and face of
 * the answer, and where the playthrough goes next.
 */
import type { Line, Scenario } from '../../format/schema';
import { joinSentences } from '../../format/sentences';
import {
  asksForOffer,
  clamp,
  type DecisionContext,
  EXPOSED,
  exposeChanceOf,
  type Judgement,
  judgeClose,
  type LeverageUse,
  timingGrade,
} from '../../model/decision';
import { afterClose, BLUFF_SEEN, closeProfessionalism } from '../../model/effects';
import { weight } from '../../model/weights';
import type { Action, CloseOptions, CloseSpec, Response } from '../../types';
import { type Compiled, holds } from '../compile';
import {
  afterNo,
  CLOSE_ORDER,
  closeOptions,
  context,
  decide,
  EngineError,
  end,
  JUDGED,
  judged,
  nextStageOutcome,
  offerMade,
  type StepResult,
  type Turn,
  withLeadInPlace,
} from '../core';
import { closeCounterfactuals } from '../counterfactuals';
import { recordClose } from '../record';
import { selectLines } from '../replies';
import type { State } from '../state';

// Weights read on every judgement, looked up once when the module loads (not a Map lookup per read).
const W_FIRST_MINUTE_DECIDED = weight('firstMinuteDecided');
const W_PERCENT = weight('percent');

type CloseResult = (typeof CLOSE_ORDER)[number];

export function validateClose(compiled: Compiled, state: State, spec: CloseSpec): CloseOptions {
  const options = closeOptions(compiled, state);
  if (!options) throw new EngineError(`You cannot close at node "${state.node}".`);
  checkClose(compiled, state, spec);
  return options;
}

/**
 * Throws unless the close is on offer at this state, with the same errors as `validateClose`,
 * reading the scenario instead of building the options (each step of an analysis checks its close).
 */
function checkClose(compiled: Compiled, state: State, spec: CloseSpec): void {
  const node = compiled.nodes.get(state.node)!;
  const { closing, candidate } = compiled.scenario;
  const allowed = node.closeAllowed ?? (closing.allowed === 'anywhere' || node.moment === 'closing');
  if (state.phase !== 'interview' || !allowed || node.ending)
    throw new EngineError(`You cannot close at node "${state.node}".`);
  if (!closing.forms.some((f) => f.form === spec.form))
    throw new EngineError(`The form "${spec.form}" is not on offer here.`);
  if (!closing.deliveries.some((d) => d.delivery === spec.delivery)) {
    throw new EngineError(`The delivery "${spec.delivery}" is not on offer here.`);
  }
  for (const p of spec.points) {
    let found = false;
    for (const x of closing.points) {
      if (x.id === p && holds(x.requires, state.vars, state.hidden, compiled)) {
        found = true;
        break;
      }
    }
    if (!found) throw new EngineError(`The supporting point "${p}" is not available here.`);
  }
  for (let i = 1; i < spec.points.length; i++)
    if (spec.points.indexOf(spec.points[i]!) < i)
      throw new EngineError('A supporting point was given twice.');
  if (spec.leverage !== null && !candidate.otherOptions.some((x) => x.id === spec.leverage)) {
    throw new EngineError(`The option "${spec.leverage}" is not one the candidate has.`);
  }
  if (spec.commit && !candidate.canAcceptOnSpot)
    throw new EngineError('This candidate cannot accept an offer on the spot.');
}

/** The other option the close cites, as the model weighs it. */
function leverageOf(scenario: Scenario, spec: CloseSpec): LeverageUse | null {
  if (!spec.leverage) return null;
  const option = scenario.candidate.otherOptions.find((o) => o.id === spec.leverage)!;
  return { kind: option.kind, real: option.real, exposeChance: exposeChanceOf(option) };
}

/** How many points of each kind a list of point ids (or points) holds. */
function countPoints(
  scenario: Scenario,
  points: readonly (string | { kind: string })[],
): { whyUs: number; reasons: number } {
  let kinds = pointKinds.get(scenario);
  if (!kinds) {
    kinds = new Map();
    for (const x of scenario.closing.points) if (!kinds.has(x.id)) kinds.set(x.id, x.kind);
    pointKinds.set(scenario, kinds);
  }
  let whyUs = 0;
  let reasons = 0;
  for (const p of points) {
    const kind = typeof p === 'string' ? kinds.get(p) : p.kind;
    if (kind === 'why-us') whyUs++;
    else if (kind === 'reason') reasons++;
  }
  return { whyUs, reasons };
}

/** Each scenario's point kinds by id (the first point with an id, as a search from the start finds). */
const pointKinds = new WeakMap<Scenario, Map<string, string>>();

/** The timing grade's memo number: the form (the grade reads the context and the form only). */
function formCode(compiled: Compiled, form: string): number {
  const i = compiled.scenario.closing.forms.findIndex((f) => f.form === form);
  return i < 0 ? -1 : i * 8 + JUDGED.timing;
}

/**
 * The close's memo number: form, delivery, option cited, promise and the count of each kind of
 * point, each in its own range of digits; -1 (not remembered) when one falls outside its range.
 */
function closeCode(compiled: Compiled, spec: CloseSpec, points: { whyUs: number; reasons: number }): number {
  const { closing, candidate } = compiled.scenario;
  const form = closing.forms.findIndex((f) => f.form === spec.form);
  const delivery = closing.deliveries.findIndex((d) => d.delivery === spec.delivery);
  const option =
    spec.leverage === null ? 0 : 1 + candidate.otherOptions.findIndex((o) => o.id === spec.leverage);
  if (form < 0 || form > 15 || delivery < 0 || delivery > 15 || option < 0 || option > 255) return -1;
  if (points.whyUs > 255 || points.reasons > 255) return -1;
  const code =
    ((((form * 16 + delivery) * 256 + option) * 2 + (spec.commit ? 1 : 0)) * 256 + points.whyUs) * 256;
  return (code + points.reasons) * 8 + JUDGED.close;
}

/** The state the answer leaves: the decision-maker's feelings, professionalism, timing and the record. */
function afterAnswer(
  compiled: Compiled,
  state: State,
  spec: CloseSpec,
  leverage: LeverageUse | null,
  judgement: Judgement,
  result: CloseResult,
  exposed: boolean,
  ctx: DecisionContext,
  timing: number,
): State {
  const favourable = result === 'offer-now' || result === 'offer-later' || result === 'next-stage';
  const t = compiled.traits[compiled.lead]!;
  // `state` is the fresh copy decide made: it takes the answer in place.
  const s = withLeadInPlace(
    compiled,
    state,
    afterClose(
      t,
      state.hidden[compiled.lead]!,
      spec,
      leverage,
      exposed,
      favourable,
      judgement.doubtRemaining,
      countPoints(compiled.scenario, spec.points),
      ctx.firstMinute ? W_FIRST_MINUTE_DECIDED : 1,
    ),
  );
  s.professionalism = clamp(
    s.professionalism + closeProfessionalism(t, spec, leverage, exposed),
    0,
    W_PERCENT,
  );
  s.close = { timing };
  s.committed = spec.commit && asksForOffer(spec.form);
  s.caught = s.caught || exposed;
  s.vars = recordClose(compiled, s.vars, spec, exposed, ctx.moment);
  return s;
}

/** What the decision-maker says: a caught bluff first, then pushiness, then the answer. */
function answerLines(
  compiled: Compiled,
  state: State,
  spec: CloseSpec,
  result: CloseResult,
  exposed: boolean,
): Line[] {
  const closing = compiled.scenario.closing;
  const dm = compiled.scenario.decisionMakers[compiled.lead]!;
  const lines: Line[] = [];
  if (exposed) {
    const seen = closing.responses['bluff-exposed'];
    lines.push(
      ...(seen
        ? selectLines(compiled, state, seen)
        : [{ id: 'model-bluff-seen', speaker: dm.id, text: BLUFF_SEEN }]),
    );
  }
  if ((spec.delivery === 'pushy' || spec.delivery === 'desperate') && closing.responses['too-pushy']) {
    lines.push(...selectLines(compiled, state, closing.responses['too-pushy']));
  }
  lines.push(
    ...selectLines(
      compiled,
      state,
      result === 'offer-later' ? closing.afterInterview['offer-later'] : closing.responses[result],
    ),
  );
  return lines;
}

/** The face of the answer. A caught bluff shows whatever the answer: the trust is gone. */
function answerFace(spec: CloseSpec, result: CloseResult, exposed: boolean): Response['expression'] {
  const favourable = result === 'offer-now' || result === 'offer-later' || result === 'next-stage';
  if (exposed) return favourable ? 'sceptical' : 'irritated';
  if (result === 'offer-now') return 'impressed';
  if (favourable) return 'warm';
  if (result === 'no-decision') return 'thinking';
  return spec.delivery === 'pushy' ? 'irritated' : 'sceptical';
}

/** Where the answer leads: negotiation or an offer, the next stage, or the follow-up after a no. */
function afterCloseAnswer(compiled: Compiled, state: State, spec: CloseSpec, result: CloseResult): State {
  if (result === 'offer-now') return offerMade(compiled, state, 'close', spec.commit);
  if (result === 'offer-later') return offerMade(compiled, state, 'later', spec.commit);
  if (result === 'next-stage') return end(compiled, state, nextStageOutcome(compiled.scenario, spec));
  return afterNo(compiled, state, result);
}

export function close(turn: Turn, action: Extract<Action, { type: 'close' }>): StepResult {
  const { compiled, state, trace, resolve, explain } = turn;
  const scenario = compiled.scenario;
  const spec = action.close;
  // The options are built only for the counterfactuals a view shows; otherwise the close is checked in place.
  const options = explain ? validateClose(compiled, state, spec) : null;
  if (!explain) checkClose(compiled, state, spec);
  if (explain) {
    const words = composeWords(scenario, spec);
    trace.lines.push({ speaker: 'candidate', text: words.text, cue: words.cue });
  }
  trace.label = 'Close';
  const leverage = leverageOf(scenario, spec);
  const points = countPoints(scenario, spec.points);
  const ctx = context(compiled, state);
  const move = closeCode(compiled, spec, points);
  const judgement = judged(compiled, ctx, explain, move, () =>
    judgeClose(ctx, spec, leverage, points, explain),
  );
  // The timing grade reads the moment and the form only.
  const timing = judged(compiled, ctx, explain, formCode(compiled, spec.form), () =>
    timingGrade(ctx, spec.form),
  );
  // A bluff is resolved with the answer: seen through or believed, in one draw.
  const d = decide(resolve, state, judgement, CLOSE_ORDER);
  const exposed = d.result.endsWith(EXPOSED);
  const result = d.result.replace(EXPOSED, '') as CloseResult;
  const s = afterAnswer(compiled, d.state, spec, leverage, judgement, result, exposed, ctx, timing);
  trace.respond(
    'close',
    judgement,
    result,
    explain ? answerLines(compiled, s, spec, result, exposed) : [],
    answerFace(spec, result, exposed),
    {
      bluffExposed: exposed || undefined,
      exposeChance: judgement.exposure?.chance,
      counterfactuals: options
        ? closeCounterfactuals(
            ctx,
            spec,
            leverage,
            points,
            countPoints(scenario, options.points),
            judgement.chance,
          )
        : [],
    },
  );
  return { state: afterCloseAnswer(compiled, s, spec, result), trace };
}

/**
 * The words of each close already composed, by scenario: the analyses step the same close many
 * times, and joining its sentences costs more than judging it.
 */
const composed = new WeakMap<Scenario, Map<string, { cue: string; text: string }>>();

/** The words the candidate's close will say, assembled from the scenario's authored parts. */
export function composeWords(scenario: Scenario, spec: CloseSpec): { cue: string; text: string } {
  let byClose = composed.get(scenario);
  if (!byClose) {
    byClose = new Map();
    composed.set(scenario, byClose);
  }
  const key = `${spec.form}|${spec.delivery}|${spec.points.join('|')}|${spec.leverage}|${spec.commit}`;
  let words = byClose.get(key);
  if (!words) {
    words = wordsOf(scenario, spec);
    byClose.set(key, words);
  }
  return { ...words };
}

function wordsOf(scenario: Scenario, spec: CloseSpec): { cue: string; text: string } {
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
