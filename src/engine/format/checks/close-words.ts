/**
 * Rule: the close's parts read as sentences. The game joins them as sentences of their own
 * (see sentences.ts); a part written as a fragment still reads oddly, so the warning shows the
 * close the player would say with it.
 */
import type { JsonPath } from '../parse';
import { fragmentReason, joinSentences } from '../sentences';
import type { CheckContext } from './context';

export function checkCloseWords(ctx: CheckContext): void {
  const closing = ctx.scenario.closing;
  const asks = closing.forms.find((f) => f.form === 'statement-of-intent' || f.form === 'outright-ask');
  const ask = (asks ?? closing.forms[0])?.text ?? '';
  const parts: { text: string; path: JsonPath; said: string[] }[] = [
    ...closing.points.map((p, i) => ({
      text: p.text,
      path: ['closing', 'points', i, 'text'],
      said: [p.text, ask],
    })),
    ...ctx.scenario.candidate.otherOptions.map((o, i) => ({
      text: o.text,
      path: ['candidate', 'otherOptions', i, 'text'],
      said: [o.text, ask],
    })),
    ...closing.forms.map((f, i) => ({ text: f.text, path: ['closing', 'forms', i, 'text'], said: [f.text] })),
    ...(closing.commitText
      ? [{ text: closing.commitText, path: ['closing', 'commitText'], said: [ask, closing.commitText] }]
      : []),
  ];
  for (const part of parts) {
    const why = fragmentReason(part.text);
    if (!why) continue;
    ctx.warn(
      'close-fragment',
      part.path,
      `this part of the close ${why}, so it reads as a fragment; the game says each part as a sentence, and the player would say: "${joinSentences(part.said)}"`,
      'Write each part of the close as a whole sentence: a capital at the start and a full stop, question mark or exclamation mark at the end.',
    );
  }
}
