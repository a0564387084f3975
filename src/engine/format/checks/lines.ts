/** Rule: every line, wherever it is: unique ids, known speakers and expressions, a length that fits. */
import { type CheckContext, quote, SPEAKERS_NOT_DM } from './context';

export const MAX_LINE_CHARS = 240;

export function checkLines(ctx: CheckContext): void {
  const { dms, dmIds, error, warn } = ctx;
  ctx.duplicates(
    'line',
    ctx.allLines.map(({ line, path }) => ({ id: line.id, path: [...path, 'id'] })),
  );
  for (const { line, path } of ctx.allLines) {
    const dm = dms.get(line.speaker);
    if (!dm && !SPEAKERS_NOT_DM.has(line.speaker)) {
      const near = ctx.suggest(line.speaker, [...dmIds, 'candidate', 'narrator']);
      error(
        'missing-decision-maker',
        [...path, 'speaker'],
        `the speaker "${line.speaker}" is not a decision-maker, "candidate" or "narrator"${
          near ? ` — did you mean "${near}"?` : ''
        }`,
        `Use "candidate", "narrator" or a decision-maker id: ${quote(dmIds)}.`,
      );
    }
    if (line.expression !== undefined) {
      if (dm && !dm.portrait.expressions.includes(line.expression)) {
        error(
          'missing-expression',
          [...path, 'expression'],
          `"${line.expression}" is not among the expressions of ${dm.id}'s portrait (${quote(dm.portrait.expressions)})`,
          `Use one of ${quote(dm.portrait.expressions)}, or add "${line.expression}" to ${dm.id}'s portrait.expressions and draw it.`,
        );
      } else if (!dm && SPEAKERS_NOT_DM.has(line.speaker)) {
        warn(
          'expression-ignored',
          [...path, 'expression'],
          `"${line.speaker}" has no portrait, so the expression is ignored`,
          'Remove "expression" from this line.',
        );
      }
    }
    const length = [...line.text].length;
    if (length > MAX_LINE_CHARS) {
      warn(
        'line-too-long',
        [...path, 'text'],
        `this line is ${length} characters: too long for the dialogue box (at most ${MAX_LINE_CHARS})`,
        'Shorten it, or split it into two lines.',
      );
    }
  }
}
