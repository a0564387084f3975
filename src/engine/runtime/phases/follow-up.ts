/** The follow-up days after a no or no decision: one act of persistence a day, or letting it rest. */
import { judgePersistence } from '../../model/decision';
import type { Action } from '../../types';
import {
  context,
  decide,
  EngineError,
  end,
  letGo,
  nextStageOutcome,
  offerMade,
  PERSIST_ORDER,
  type StepResult,
  settle,
  Trace,
  type Turn,
  withLead,
} from '../core';
import { recordPersistence } from '../record';
import { lastExpression, letGoCoaching, persistenceCoaching, persistFace, selectLines } from '../replies';
import { patch } from '../state';

export function rest(turn: Turn): StepResult {
  const { compiled, state, trace, resolve } = turn;
  const followUp = compiled.scenario.followUp!;
  trace.label = followUp.letGoText;
  trace.coaching = letGoCoaching(compiled, state, followUp.letGoFeedback);
  return letGo(compiled, state, trace, resolve);
}

export function persist(turn: Turn, action: Extract<Action, { type: 'persist' }>): StepResult {
  const { compiled, state, trace, resolve, explain } = turn;
  const scenario = compiled.scenario;
  const followUp = scenario.followUp!;
  const lead = scenario.decisionMakers[compiled.lead]!.id;
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
  trace.coaching = persistenceCoaching(compiled, s, act, d.result);
  if (d.result === 'offer-later') {
    const lines = selectLines(compiled, s, replies.concede);
    trace.respond('persistence', judgement, 'offer-later', lines, lastExpression(lines, lead) ?? 'impressed');
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
    const after = letGo(compiled, s, new Trace(lead), resolve);
    return { state: after.state, trace };
  }
  return { state: s, trace };
}
