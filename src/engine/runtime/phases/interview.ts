/** The interview phase: answering a question, moving on, and the decision when the interview ends without a close. */
import { clamp, judgeAfterInterview } from '../../model/decision';
import { answerProfessionalism } from '../../model/effects';
import { weight } from '../../model/weights';
import type { Action } from '../../types';
import { availableChoices, type Compiled, holds } from '../compile';
import {
  AFTER_ORDER,
  afterDecision,
  afterNo,
  applyEffects,
  context,
  decide,
  EngineError,
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

export function choose(turn: Turn, action: Extract<Action, { type: 'choose' }>): StepResult {
  const { compiled, state, trace } = turn;
  const node = currentNode(compiled, state);
  const choice = availableChoices(node, state.vars, state.hidden, compiled).find(
    (c) => c.id === action.choice,
  );
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
  if (qualityDelta)
    next = patch(next, {
      professionalism: clamp(next.professionalism + qualityDelta, 0, weight('percent')),
    });
  if (choice.ending) return atEnding(turn, next, choice.ending);
  if (choice.endsInterview) return interviewOver({ ...turn, state: next });
  return { state: patch(next, { node: choice.next! }), trace };
}

export function proceed(turn: Turn): StepResult {
  const { compiled, state, trace } = turn;
  const node = currentNode(compiled, state);
  if (availableChoices(node, state.vars, state.hidden, compiled).length > 0) {
    throw new EngineError(`Node "${node.id}" is waiting for a choice, not for continue.`);
  }
  trace.label = 'Continue';
  if (node.ending) return atEnding(turn, state, node.ending);
  if (node.next) return { state: patch(state, { node: node.next }), trace };
  return interviewOver(turn);
}

/** The interview ended without a close: the decision-maker decides on what they heard. */
function interviewOver(turn: Turn): StepResult {
  const { compiled, state, trace, resolve, explain } = turn;
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
  return { state: afterDecision(compiled, s, result, (x, r) => afterNo(compiled, x, r)), trace };
}
