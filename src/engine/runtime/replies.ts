/**
 * Picking what a decision-maker says: an authored group of lines, each of which may carry a
 * condition on the state after the decision (engine variables such as `persistActs`, hidden
 * state such as irritation). Lines whose condition fails are left out; when none is left, the
 * group's last line is said, so an author can put the default at the end.
 */
import type { Line } from '../format/schema';
import type { HiddenState } from '../types';
import { type Compiled, holds, type Vars } from './compile';

export function selectLines(
  compiled: Compiled,
  state: { vars: Vars; hidden: HiddenState[] },
  lines: readonly Line[],
): Line[] {
  let conditional = false;
  for (const l of lines) if (l.condition) conditional = true;
  if (!conditional) return lines as Line[];
  const out = lines.filter((l) => holds(l.condition, state.vars, state.hidden, compiled));
  if (out.length > 0) return out;
  const last = lines[lines.length - 1];
  return last ? [last] : [];
}

/** The face a reply ends on: the last line of the lead decision-maker that names one. */
export function lastExpression(lines: readonly Line[], leadId: string): Line['expression'] {
  for (let i = lines.length - 1; i >= 0; i--) {
    const l = lines[i]!;
    if (l.expression && (l.speaker === leadId || l.speaker === '')) return l.expression;
  }
  return undefined;
}

type Face = NonNullable<Line['expression']>;

/** How negative a face reads, for keeping the worse of the authored face and the state's. */
const COOLNESS: Record<Face, number> = {
  warm: 0,
  impressed: 0,
  interested: 0,
  neutral: 1,
  thinking: 1,
  sceptical: 2,
  irritated: 3,
};

/**
 * The face of a holding reply to persistence: irritation shows however the author wrote the
 * line. Bands (authored assumption, matching `expressionFor`): from 0.4 irritated, from 0.2
 * sceptical, below that the authored face (or thinking).
 */
export function persistFace(irritation: number, authored: Line['expression']): Face {
  const state: Face =
    irritation >= 0.4 - 1e-9 ? 'irritated' : irritation >= 0.2 - 1e-9 ? 'sceptical' : 'thinking';
  const mine = authored ?? 'thinking';
  return COOLNESS[state] > COOLNESS[mine] ? state : mine;
}

export type FeedbackSpec = string | { text: string; condition?: Line['condition'] }[] | undefined;

/** The first authored feedback whose condition holds (after the act), or undefined. */
export function pickFeedback(
  compiled: Compiled,
  state: { vars: Vars; hidden: HiddenState[] },
  feedback: FeedbackSpec,
): string | undefined {
  if (feedback === undefined) return undefined;
  if (typeof feedback === 'string') return feedback;
  return feedback.find((f) => holds(f.condition, state.vars, state.hidden, compiled))?.text;
}

/** Coaching for one act of persistence: the author's words for this act and state, else the engine's. */
export function persistenceCoaching(
  compiled: Compiled,
  state: { vars: Vars; hidden: HiddenState[]; persisted: number },
  act: { id: string; kind: string; intensity: number; feedback?: FeedbackSpec },
  result: string,
): { choice: string; quality?: string; text: string } {
  const irritation = state.hidden[compiled.lead]!.irritation;
  const count = state.persisted;
  const quality =
    result === 'offer-later' || result === 'next-stage'
      ? 'strong'
      : result === 'closed' || irritation >= 0.4 - 1e-9
        ? 'weak'
        : 'fair';
  const authored = pickFeedback(compiled, state, act.feedback);
  if (authored) return { choice: act.id, quality, text: authored };
  const nth = count === 1 ? 'Your first follow-up' : `Follow-up number ${count}`;
  let text: string;
  if (result === 'offer-later' || result === 'next-stage') {
    text = `${nth} tipped the decision: to this decision-maker, coming back read as commitment. The same act would not work on everyone.`;
  } else if (result === 'closed') {
    text = `${nth} went past their patience and they shut the door. Persistence stops paying the moment it ignores a clear answer.`;
  } else if (irritation >= 0.4 - 1e-9) {
    text = `${nth} was taken, but their patience was wearing thin: one more, above all a more insistent one, risked the door.`;
  } else if (irritation >= 0.2 - 1e-9) {
    text = `${nth} kept you in their mind, at a cost: they were starting to feel chased.`;
  } else if (act.intensity <= 1) {
    text = `${nth} was a light touch: it reminded them of you without asking anything of them.`;
  } else {
    text = `${nth} asked for their time, and they gave it without complaint this time.`;
  }
  return { choice: act.id, quality, text };
}

/** Coaching for letting the follow-up rest. */
export function letGoCoaching(
  compiled: Compiled,
  state: { vars: Vars; hidden: HiddenState[]; persisted: number },
  feedback: FeedbackSpec,
): { choice: string; text: string } {
  const authored = pickFeedback(compiled, state, feedback);
  if (authored) return { choice: 'let-go', text: authored };
  const count = state.persisted;
  return {
    choice: 'let-go',
    text:
      count === 0
        ? 'You left the decision with them without following up.'
        : `You stopped after ${count} follow-up${count === 1 ? '' : 's'} and left the decision with them.`,
  };
}

/** A node's lines as shown: those whose condition holds (no fallback: a node may say nothing more). */
export function nodeLines(
  compiled: Compiled,
  state: { vars: Vars; hidden: HiddenState[] },
  lines: readonly Line[],
): Line[] {
  for (const l of lines) {
    if (l.condition) return lines.filter((x) => holds(x.condition, state.vars, state.hidden, compiled));
  }
  return lines as Line[];
}
