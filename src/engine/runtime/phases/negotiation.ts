/** Negotiation on a standing offer: accept, counter (with or without the other option) or walk away. */
import type { Line, OutcomeName, Scenario } from '../../format/schema';
import {
  type CounterContext,
  EXPOSED,
  exposeChanceOf,
  judgeCounter,
  raisedOffer,
} from '../../model/decision';
import { afterCounter, BLUFF_SEEN } from '../../model/effects';
import type { Action, Response } from '../../types';
import type { Compiled } from '../compile';
import {
  COUNTER_ORDER,
  context,
  decide,
  EngineError,
  end,
  JUDGED,
  judged,
  responseLines,
  type StepResult,
  type Turn,
  withLeadInPlace,
} from '../core';
import { money } from '../debrief';
import { recordNegotiation } from '../record';
import { lastExpression, selectLines } from '../replies';
import { patch, type State } from '../state';

type MoveSpec = NonNullable<Scenario['negotiation']>['moves'][number];

/**
 * What a move says, worded against the figure on the table and the candidate's target: no
 * asking for a figure already offered, no walking away "at that number" from an offer that
 * meets the target, and no pushing past "the top" as if it had not been said.
 */
export function moveWords(compiled: Compiled, state: State, move: MoveSpec): string {
  const scenario = compiled.scenario;
  const band = scenario.decisionMakers[compiled.lead]!.salary;
  const target = scenario.candidate.targetSalary;
  const offer = state.offer ?? 0;
  const at = money(offer, band.currency);
  const want = money(target, band.currency);
  const ceiling = offer >= band.max;
  const met = offer >= target;
  const leverage = move.kind === 'counter-with-leverage';
  switch (move.kind) {
    case 'accept':
      return move.text;
    case 'walk-away':
      return met
        ? `Thank you, genuinely. ${at} is a fair offer, but I've decided this isn't the move for me, so I'll say no.`
        : move.text;
    default: {
      const other = leverage ? ', and I do have another option,' : '';
      if (ceiling) return `I know ${at} is the top of what you pay${other} but is there really nothing more?`;
      if (met)
        return leverage
          ? `You've met the figure I hoped for. With my other option still open, is there any room above ${at}?`
          : `${at} is the figure I hoped for. Is there any room above it?`;
      if (state.round > 0)
        return leverage
          ? `We're at ${at}. My other option is still open: could you meet me at ${want}?`
          : `We're at ${at}. Could you meet me at ${want}?`;
      return move.text;
    }
  }
}

/**
 * The decision-maker's own words on the money after the authored reply: the new figure, the
 * figure that stands, or how a caught bluff hardened them. They vary with the move, the round
 * and whether a bluff was caught.
 */
function figureLine(
  dmId: string,
  result: 'raise' | 'hold',
  o: {
    from: number;
    to: number;
    currency: string;
    leverage: boolean;
    round: number;
    exposed: boolean;
    caught: boolean;
  },
): Line {
  const to = money(o.to, o.currency);
  const from = money(o.from, o.currency);
  let text: string;
  if (o.exposed)
    text =
      result === 'raise'
        ? `${to}, because I want you, not because of an offer you made up. And that's the last time I move.`
        : `${from} stands, and after that, don't expect me to move.`;
  else if (o.caught)
    text =
      result === 'raise'
        ? `${to}. I'm moving for you, not for your stories.`
        : `After that business with the other offer, ${from} is where I stay.`;
  else if (result === 'raise')
    text = o.leverage
      ? `I'd rather not lose you to them. ${to}.`
      : o.round > 1
        ? `All right: ${to}.`
        : `Call it ${to}.`;
  else
    text = o.leverage
      ? `Whatever they're offering, my number is ${from}.`
      : o.round > 1
        ? `It's still ${from}.`
        : `It stays at ${from}.`;
  return { id: `model-figure-${result}`, speaker: dmId, text };
}

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
  // The words (worded against the figure, which formats money) only when a view shows them.
  if (explain) {
    const words = moveWords(compiled, state, move);
    trace.lines.push({
      speaker: 'candidate',
      text: words,
      ...(move.textKind ? { kind: move.textKind } : {}),
    });
    trace.label = words;
  }
  const outcome: OutcomeName = state.offerFrom === 'close' ? 'offer-now' : 'offer-later';
  if (move.kind === 'accept') {
    if (explain)
      trace.lines.push(...responseLines(selectLines(compiled, state, negotiation.replies.agreed), dm.id));
    return { state: end(compiled, state, outcome, state.offer), trace };
  }
  if (move.kind === 'walk-away') return { state: end(compiled, state, 'withdrawn'), trace };
  const band = dm.salary;
  const ceiling = state.offer! >= band.max;
  const real = scenario.candidate.otherOptions.some((o) => o.real);
  const bluffOption = scenario.candidate.otherOptions.find((o) => !o.real);
  const citing = move.kind === 'counter-with-leverage';
  // Once a bluff has been seen through, citing the invented option again is seen through for certain.
  const bluffExposeChance = state.caught ? 1 : exposeChanceOf(bluffOption ?? { real: false });
  const counterCtx: CounterContext = {
    offer: state.offer!,
    band,
    target: scenario.candidate.targetSalary,
    round: state.round,
    committed: state.committed,
    // After a bluff was seen through, no option the candidate cites is believed any more.
    leverage:
      !citing || (state.caught && real)
        ? null
        : real
          ? { real: true }
          : { real: false, exposeChance: bluffExposeChance },
  };
  const ctx = context(compiled, state);
  const cited = counterCtx.leverage;
  const judgement = judged(
    compiled,
    ctx,
    explain,
    compiled.memo.id(
      `${counterCtx.offer}|${counterCtx.round}|${counterCtx.committed}|${cited ? (cited.real ? 'real' : cited.exposeChance) : 'none'}`,
    ) *
      8 +
      JUDGED.counter,
    () => judgeCounter(ctx, counterCtx, explain),
  );
  const d0 = decide(resolve, state, judgement, COUNTER_ORDER);
  const exposed = d0.result.endsWith(EXPOSED);
  const d = { ...d0, result: d0.result.replace(EXPOSED, '') };
  const cost = afterCounter(d.state.hidden[compiled.lead]!, state.committed, citing && !real, exposed);
  const round = d.state.round + 1;
  // decide made a fresh copy: it takes the counter's cost in place.
  const s = withLeadInPlace(compiled, d.state, cost.hidden);
  s.round = round;
  s.caught = state.caught || exposed;
  s.penalty = state.penalty + cost.penalty;
  s.vars = recordNegotiation(compiled, s.vars, round, ceiling, exposed);
  const respondExtra = { bluffExposed: exposed || undefined, exposeChance: judgement.exposure?.chance };
  const figures = (result: 'raise' | 'hold', to: number): Line | undefined =>
    explain
      ? figureLine(dm.id, result, {
          from: state.offer!,
          to,
          currency: band.currency,
          leverage: citing && (real || !exposed) && !state.caught,
          round,
          exposed,
          caught: state.caught,
        })
      : undefined;
  const seenThrough = (lines: Line[], figure?: Line): Line[] => {
    if (!explain) return lines;
    const said = figure ? [...lines, figure] : lines;
    return exposed ? [{ id: 'model-bluff-seen', speaker: dm.id, text: BLUFF_SEEN }, ...said] : said;
  };
  const said = (after: State, lines: Line[], fallback: Response['expression']) => {
    const chosen = explain ? selectLines(compiled, after, lines) : [];
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
    trace.respond(
      'negotiation',
      judgement,
      'raise',
      seenThrough(r.lines, figures('raise', offer)),
      r.face,
      respondExtra,
    );
    return { state: s2, trace };
  }
  const r = said(s, negotiation.replies.hold, 'sceptical');
  trace.respond(
    'negotiation',
    judgement,
    'hold',
    seenThrough(r.lines, figures('hold', state.offer!)),
    r.face,
    respondExtra,
  );
  return { state: s, trace };
}
