/** The interview phase: answering a question, moving on, and the decision when the interview ends without a close. */
import type { Choice, Node } from '../../format/schema';
import { clamp, type DecisionContext, judgeAfterInterview } from '../../model/decision';
import { answerProfessionalism } from '../../model/effects';
import { weight } from '../../model/weights';
import type { Action } from '../../types';
import { type Compiled, holds } from '../compile';
import {
  AFTER_ORDER,
  afterDecision,
  afterNo,
  applyEffects,
  context,
  decide,
  EngineError,
  JUDGED,
  judged,
  type StepResult,
  type Turn,
} from '../core';
import { noCloseCounterfactuals } from '../counterfactuals';
import { selectLines } from '../replies';
import { patch, type State } from '../state';

/** The node the playthrough stands at; an unknown node is an error before any action is read. */
export function currentNode(compiled: Compiled, state: State) {
  const node = compiled.nodes.get(state.node);
  if (!node) throw new EngineError(`The scenario has no node "${state.node}".`);
  return node;
}

/** Ends the playthrough at an authored ending. */
function atEnding(turn: Turn, state: State, endingId: string): StepResult {
  const ending = turn.compiled.scenario.endings.find((e) => e.id === endingId)!;
  return {
    state: patch(state, { phase: 'ended', result: ending.outcome, ending: ending.id }),
    trace: turn.trace,
  };
}

/** The first choice with this id whose condition holds (as `availableChoices(…).find`, without the list). */
function availableChoice(compiled: Compiled, state: State, node: Node, id: string): Choice | undefined {
  for (const c of node.choices) {
    if (c.id === id && holds(c.condition, state.vars, state.hidden, compiled)) return c;
  }
  return undefined;
}

export function choose(turn: Turn, action: Extract<Action, { type: 'choose' }>): StepResult {
  const { compiled, state, trace } = turn;
  const node = currentNode(compiled, state);
  const choice = availableChoice(compiled, state, node, action.choice);
  if (!choice) throw new EngineError(`There is no choice "${action.choice}" available at node "${node.id}".`);
  trace.lines.push({
    speaker: 'candidate',
    text: choice.text,
    ...(choice.kind ? { kind: choice.kind } : {}),
  });
  trace.label = choice.text;
  if (choice.feedback) trace.coaching = { choice: choice.id, quality: choice.quality, text: choice.feedback };
  let next = applyEffects(compiled, state, choice.effects);
  const qualityDelta = answerProfessionalism(choice.quality);
  // applyEffects copies the state when the choice has effects: that copy can take the rest in place.
  const own = next !== state;
  if (qualityDelta) {
    const professionalism = clamp(next.professionalism + qualityDelta, 0, PERCENT);
    if (own) next.professionalism = professionalism;
    else next = patch(next, { professionalism });
  }
  if (choice.ending) return atEnding(turn, next, choice.ending);
  if (choice.endsInterview) return interviewOver({ ...turn, state: next });
  if (next !== state) next.node = choice.next!;
  else next = patch(next, { node: choice.next! });
  return { state: next, trace };
}

const PERCENT = weight('percent');

export function proceed(turn: Turn): StepResult {
  const { compiled, state, trace } = turn;
  const node = currentNode(compiled, state);
  if (node.choices.some((c) => holds(c.condition, state.vars, state.hidden, compiled))) {
    throw new EngineError(`Node "${node.id}" is waiting for a choice, not for continue.`);
  }
  trace.label = 'Continue';
  if (node.ending) return atEnding(turn, state, node.ending);
  if (node.next) return { state: patch(state, { node: node.next }), trace };
  return interviewOver(turn);
}

/** What closing would have done instead of letting the interview end. */
function counterfactualsAfter(compiled: Compiled, state: State, ctx: DecisionContext, chance: number) {
  const points = compiled.scenario.closing.points.filter((p) =>
    holds(p.requires, state.vars, state.hidden, compiled),
  );
  const available = {
    whyUs: points.filter((p) => p.kind === 'why-us').length,
    reasons: points.filter((p) => p.kind === 'reason').length,
  };
  return noCloseCounterfactuals(ctx, available, chance, compiled.scenario.candidate.canAcceptOnSpot);
}

/** The interview ended without a close: the decision-maker decides on what they heard. */
function interviewOver(turn: Turn): StepResult {
  const { compiled, state, trace, resolve, explain } = turn;
  const ctx = context(compiled, state);
  const judgement = judged(compiled, ctx, explain, JUDGED.after, () => judgeAfterInterview(ctx, explain));
  const d = decide(resolve, state, judgement, AFTER_ORDER);
  const result = d.result as (typeof AFTER_ORDER)[number];
  // The words and the counterfactuals only when a view shows them.
  const lines = explain
    ? selectLines(compiled, d.state, compiled.scenario.closing.afterInterview[result])
    : [];
  trace.respond(
    'after-interview',
    judgement,
    result,
    lines,
    result === 'rejection' ? 'sceptical' : result === 'no-decision' ? 'thinking' : 'warm',
    { counterfactuals: explain ? counterfactualsAfter(compiled, state, ctx, judgement.chance) : [] },
  );
  const s = patch(d.state, { node: state.node });
  return { state: afterDecision(compiled, s, result, (x, r) => afterNo(compiled, x, r)), trace };
}
