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
import type { Compiled } from '../compile';
import {
  afterNo,
  CLOSE_ORDER,
  closeOptions,
  context,
  decide,
  EngineError,
  end,
  nextStageOutcome,
  offerMade,
  type StepResult,
  type Turn,
  withLead,
} from '../core';
import { closeCounterfactuals } from '../counterfactuals';
import { recordClose } from '../record';
import { selectLines } from '../replies';
import type { State } from '../state';

type CloseResult = (typeof CLOSE_ORDER)[number];

export function validateClose(compiled: Compiled, state: State, spec: CloseSpec): CloseOptions {
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
  const kindOf = (p: string | { kind: string }) =>
    typeof p === 'string' ? scenario.closing.points.find((x) => x.id === p)?.kind : p.kind;
  return {
    whyUs: points.filter((p) => kindOf(p) === 'why-us').length,
    reasons: points.filter((p) => kindOf(p) === 'reason').length,
  };
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
): State {
  const favourable = result === 'offer-now' || result === 'offer-later' || result === 'next-stage';
  const t = compiled.traits[compiled.lead]!;
  const ctx = context(compiled, state);
  const s = withLead(
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
      ctx.firstMinute ? weight('firstMinuteDecided') : 1,
    ),
  );
  return {
    ...s,
    professionalism: clamp(
      s.professionalism + closeProfessionalism(t, spec, leverage, exposed),
      0,
      weight('percent'),
    ),
    close: { timing: timingGrade(ctx, spec.form) },
    committed: spec.commit && asksForOffer(spec.form),
    caught: s.caught || exposed,
    vars: recordClose(compiled, s.vars, spec, exposed, ctx.moment),
  };
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
  const options = validateClose(compiled, state, spec);
  const words = composeWords(scenario, spec);
  trace.lines.push({ speaker: 'candidate', text: words.text, cue: words.cue });
  trace.label = 'Close';
  const leverage = leverageOf(scenario, spec);
  const points = countPoints(scenario, spec.points);
  const ctx = context(compiled, state);
  const judgement = judgeClose(ctx, spec, leverage, points, explain);
  // A bluff is resolved with the answer: seen through or believed, in one draw.
  const d = decide(resolve, state, judgement, CLOSE_ORDER);
  const exposed = d.result.endsWith(EXPOSED);
  const result = d.result.replace(EXPOSED, '') as CloseResult;
  const s = afterAnswer(compiled, d.state, spec, leverage, judgement, result, exposed);
  trace.respond(
    'close',
    judgement,
    result,
    answerLines(compiled, s, spec, result, exposed),
    answerFace(spec, result, exposed),
    {
      bluffExposed: exposed || undefined,
      exposeChance: judgement.exposure?.chance,
      counterfactuals: explain
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
