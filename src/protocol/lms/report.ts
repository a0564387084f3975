/**
 * What a learning platform is told about one playthrough, worked out from the engine's record
 * alone: one interaction per decision (an interview choice, a follow-up act, letting go, a
 * negotiation move) and one for the close, the score and whether the play has ended. Pure: the
 * SCORM and xAPI reporters turn these into their own data models.
 */
import type { Action, CloseSpec, Playthrough, Response } from '../../engine';

/** How a decision was judged: by the scenario's quality mark on a choice, or by the model's answer to a close. */
export type Judgement = 'correct' | 'incorrect' | 'neutral';

export type InteractionKind = 'choose' | 'close' | 'persist' | 'let-go' | 'negotiate';

export interface Interaction {
  /** Index of the action in the playthrough's log. */
  index: number;
  kind: InteractionKind;
  /** The node (interview choices), or the phase the decision was taken in. */
  at: string;
  /** What the learner was deciding, in words (from the scenario). */
  description: string;
  /** The options on offer, in the order shown (decisions only). */
  options: { id: string; text: string }[];
  /** The learner's answer: a choice, act or move id; for the close, its parts. */
  response: string;
  /** Set when something judged the decision; absent otherwise. */
  judged?: Judgement;
  /** The decision-maker's answer the decision drew, when it drew one (e.g. 'offer-now', 'holding'). */
  outcome?: string;
  /** The close as the learner built it (close only). */
  close?: CloseSpec;
}

export interface PlayReport {
  scenario: string;
  title: string;
  ended: boolean;
  /** 0–100, once ended. */
  score: number | null;
  ending: { id: string; title: string; outcome: string } | null;
}

/**
 * Results of a decision counted as working (the candidate moved forward, an offer was raised)
 * or not (a rejection, a door shut by persisting, an offer withdrawn); the rest (no decision
 * yet, holding, an offer held) are neutral. Authored assumption: it follows the outcome order
 * in docs/model.md (an offer or a further stage is what a close asks for).
 */
const FORWARD = new Set(['offer-now', 'offer-later', 'next-stage', 'shortlisted', 'raise']);
const BACK = new Set(['rejection', 'withdrawn', 'offer-rescinded', 'closed', 'rescind']);

function judgeResult(result: string): Judgement {
  if (FORWARD.has(result)) return 'correct';
  if (BACK.has(result)) return 'incorrect';
  return 'neutral';
}

const QUALITY: Record<string, Judgement> = { strong: 'correct', fair: 'neutral', weak: 'incorrect' };

/** The close as one line: `form=…;delivery=…;points=a,b;leverage=…;commit=yes|no`. */
export function closeResponse(c: CloseSpec): string {
  return [
    `form=${c.form}`,
    `delivery=${c.delivery}`,
    `points=${c.points.join(',')}`,
    `leverage=${c.leverage ?? 'none'}`,
    `commit=${c.commit ? 'yes' : 'no'}`,
  ].join(';');
}

function reported(action: Action): action is Exclude<Action, { type: 'continue' }> {
  return action.type !== 'continue';
}

/**
 * The interactions for the actions from `from` on (already-reported ones are skipped by the
 * caller passing the count it has sent). Replays the playthrough up to each action to see
 * what was on offer, so the cost is one replay per new action.
 */
export function interactionsSince(play: Playthrough, from: number): Interaction[] {
  const actions = play.actions;
  const responses = new Map<number, Response>(play.responses().map((r) => [r.actionIndex, r]));
  const out: Interaction[] = [];
  for (let i = Math.max(0, from); i < actions.length; i++) {
    const action = actions[i]!;
    if (!reported(action)) continue;
    const before = play.rewind(i).view();
    const response = responses.get(i);
    const base = { index: i, ...(response ? { outcome: response.result } : {}) };
    switch (action.type) {
      case 'choose': {
        const nodeId = before.node?.id ?? 'interview';
        const node = play.scenario.nodes.find((n) => n.id === nodeId);
        const choice = node?.choices.find((c) => c.id === action.choice);
        const judged = choice?.quality ? QUALITY[choice.quality] : undefined;
        out.push({
          ...base,
          kind: 'choose',
          at: nodeId,
          description: lastLine(before.node?.lines) ?? `A choice at ${nodeId}`,
          options: before.choices.map((c) => ({ id: c.id, text: c.text })),
          response: action.choice,
          ...(judged ? { judged } : {}),
        });
        break;
      }
      case 'close':
        out.push({
          ...base,
          kind: 'close',
          at: before.node?.id ?? 'close',
          description: 'The close: how the candidate asked for the job',
          options: [],
          response: closeResponse(action.close),
          close: action.close,
          ...(response ? { judged: judgeResult(response.result) } : {}),
        });
        break;
      case 'persist':
      case 'let-go': {
        const f = before.followUp;
        const options = f
          ? [...f.acts.map((a) => ({ id: a.id, text: a.label })), { id: 'let-go', text: 'Let go' }]
          : [];
        out.push({
          ...base,
          kind: action.type,
          at: `follow-up-day-${f?.day ?? 0}`,
          description: `Follow-up, day ${f?.day ?? '?'} of ${f?.days ?? '?'}: what to do while waiting`,
          options,
          response: action.type === 'persist' ? action.act : 'let-go',
          ...(response ? { judged: judgeResult(response.result) } : {}),
        });
        break;
      }
      case 'negotiate': {
        const n = before.negotiation;
        out.push({
          ...base,
          kind: 'negotiate',
          at: `negotiation-round-${n?.round ?? 0}`,
          description:
            `Negotiation, round ${n?.round ?? '?'}: the answer to an offer of ${n?.offer ?? '?'} ${n?.currency ?? ''}`.trim(),
          options: (n?.moves ?? []).map((m) => ({ id: m.id, text: m.text })),
          response: action.move,
          ...(response ? { judged: judgeResult(response.result) } : {}),
        });
        break;
      }
    }
  }
  return out;
}

function lastLine(lines: { text: string; for?: string }[] | undefined): string | undefined {
  // The solo game reports to an LMS: a line written for a room (a group session) is not what the player saw.
  const solo = lines?.filter((l) => l.for !== 'room');
  const t = solo?.[solo.length - 1]?.text;
  return t ? t.slice(0, 240) : undefined;
}

/** Where the playthrough stands: ended or not, and the score and ending once ended. */
export function playReport(play: Playthrough): PlayReport {
  const view = play.view();
  const base = { scenario: play.scenario.meta.id, title: play.scenario.meta.title };
  if (view.phase !== 'ended') return { ...base, ended: false, score: null, ending: null };
  const d = play.debrief();
  return {
    ...base,
    ended: true,
    score: Math.max(0, Math.min(100, Math.round(d.score.total))),
    ending: { id: d.ending.id, title: d.ending.title, outcome: d.outcome },
  };
}
