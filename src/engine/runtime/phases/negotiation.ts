/** Negotiation on a standing offer: accept, counter (with or without the other option) or walk away. */
import type { Line, OutcomeName } from '../../format/schema';
import {
  type CounterContext,
  EXPOSED,
  exposeChanceOf,
  judgeCounter,
  raisedOffer,
} from '../../model/decision';
import { afterCounter, BLUFF_SEEN } from '../../model/effects';
import type { Action, Response } from '../../types';
import {
  COUNTER_ORDER,
  context,
  decide,
  EngineError,
  end,
  responseLines,
  type StepResult,
  type Turn,
  withLead,
} from '../core';
import { recordNegotiation } from '../record';
import { lastExpression, selectLines } from '../replies';
import { patch, type State } from '../state';

export function negotiate(turn: Turn, action: Extract<Action, { type: 'negotiate' }>): StepResult {
  const { compiled, state, trace, resolve, explain } = turn;
  const scenario = compiled.scenario;
  const dm = scenario.decisionMakers[compiled.lead]!;
  const negotiation = scenario.negotiation!;
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
