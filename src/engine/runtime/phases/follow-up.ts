/** The follow-up days after a no or no decision: one act of persistence a day, or letting it rest. */

import type { Line, Scenario } from '../../format/schema';
import { judgePersistence } from '../../model/decision';
import type { Action } from '../../types';
import {
  context,
  decide,
  EngineError,
  end,
  JUDGED,
  judged,
  letGo,
  nextStageOutcome,
  offerMade,
  PERSIST_ORDER,
  type StepResult,
  settleInPlace,
  Trace,
  type Turn,
  withLeadInPlace,
} from '../core';
import { recordPersistence } from '../record';
import { lastExpression, letGoCoaching, persistenceCoaching, persistFace, selectLines } from '../replies';
import { patch } from '../state';

type Act = NonNullable<Scenario['followUp']>['acts'][number];

/** What a repeated act says instead: it acknowledges the earlier contact and escalates no further than the act itself. */
const AGAIN: Record<Act['kind'], { label: string; text: string }> = {
  email: {
    label: 'Write once more, briefly',
    text: 'A second, shorter note: you know you have written before, you are still keen, and you will wait for their answer.',
  },
  call: {
    label: 'Ring once more',
    text: 'You ring again, say you know you rang before, and ask only whether anything has changed.',
  },
  visit: {
    label: 'Call in once more',
    text: 'You call in again, say you know you have been before, and leave it with them.',
  },
  'turn-up': {
    label: 'Turn up again',
    text: 'You turn up again, unannounced, knowing you have done it before.',
  },
};

/**
 * The button and words of a follow-up act: the author's the first time, an acknowledging repeat
 * once it has been used. Which acts were used is read from the play's action log (not kept in the
 * state, so that the analyzer still merges follow-up states that differ only in it).
 */
export function actWords(act: Act, used: boolean): { label: string; text: string } {
  return used ? AGAIN[act.kind] : { label: act.label, text: act.text };
}

/** How a reply comes, by the channel the candidate used and the day: an email gets a written reply. */
export function channelCue(kind: Act['kind'], day: number, authored: string | undefined): string | undefined {
  if (kind === 'email') return `a written reply, day ${day}`;
  if (kind === 'call') return `on the phone, day ${day}`;
  return authored;
}

export function rest(turn: Turn): StepResult {
  const { compiled, state, trace, resolve, explain } = turn;
  const followUp = compiled.scenario.followUp!;
  trace.label = followUp.letGoText;
  if (explain) trace.coaching = letGoCoaching(compiled, state, followUp.letGoFeedback);
  return letGo(compiled, state, trace, resolve, explain);
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
  const day = state.day + 1;
  // Replies come by the channel used: an email's reply is written, a call's is on the phone.
  const by = (lines: Line[]): Line[] =>
    act.kind === 'email' || act.kind === 'call'
      ? lines.map((l) => ({
          ...l,
          cue: channelCue(act.kind, day, l.cue),
          kind: l.kind === 'action' ? undefined : l.kind,
        }))
      : lines;
  const ctx = context(compiled, state);
  const judgement = judged(
    compiled,
    ctx,
    explain,
    (state.persisted * 4 + act.intensity) * 8 + JUDGED.persist,
    () => judgePersistence(ctx, state.persisted, act.intensity, explain),
  );
  const d = decide(resolve, state, judgement, PERSIST_ORDER);
  const h = { ...d.state.hidden[compiled.lead]! };
  h.irritation += judgement.irritationGain;
  h.doubt = judgement.doubtRemaining;
  // decide gave a fresh copy: it takes the rest in place.
  const s = settleInPlace(compiled, withLeadInPlace(compiled, d.state, h));
  const persisted = s.persisted + 1;
  s.persisted = persisted;
  s.day = s.day + 1;
  s.vars = recordPersistence(compiled, s.vars, persisted, d.result === 'closed');
  const replies = followUp.replies;
  // The words only when a view shows them.
  const say = (lines: Line[]): Line[] => (explain ? by(selectLines(compiled, s, lines)) : []);
  if (explain) trace.coaching = persistenceCoaching(compiled, s, act, d.result);
  if (d.result === 'offer-later') {
    const lines = say(replies.concede);
    trace.respond('persistence', judgement, 'offer-later', lines, lastExpression(lines, lead) ?? 'impressed');
    return { state: offerMade(compiled, s, 'later', false), trace };
  }
  if (d.result === 'next-stage') {
    // Before the final stage, changing their mind wins the next stage, not the job.
    const lines = say(replies.concedeNextStage ?? replies.concede);
    trace.respond('persistence', judgement, 'next-stage', lines, lastExpression(lines, lead) ?? 'warm');
    return { state: end(compiled, s, nextStageOutcome(scenario)), trace };
  }
  if (d.result === 'closed') {
    const lines = say(replies.closed);
    trace.respond('persistence', judgement, 'closed', lines, 'irritated');
    return { state: end(compiled, patch(s, { doorClosed: true }), 'rejection'), trace };
  }
  // Rising irritation shows in the face: the authored line's face when it names one
  // (replies are picked by the state), otherwise the face the state gives.
  const holding = say(replies.holding);
  const settled = s.hidden[compiled.lead]!;
  trace.respond(
    'persistence',
    judgement,
    'holding',
    holding,
    persistFace(settled.irritation, lastExpression(holding, lead)),
  );
  if (s.day >= followUp.days) {
    // The decision after the last day: its trace is not kept, so no words are put in it.
    const after = letGo(compiled, s, new Trace(lead), resolve, false);
    return { state: after.state, trace };
  }
  return { state: s, trace };
}
