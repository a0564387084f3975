/** Rule: every line, wherever it is: unique ids, known speakers and expressions, a length that fits. */

import type { JsonPath } from '../parse';
import type { Line } from '../schema';
import { type CheckContext, quote, SPEAKERS_NOT_DM } from './context';

export const MAX_LINE_CHARS = 240;

/** Narration that tells one player at the game which control to use: wrong on a projector. */
const SOLO_WORDING =
  /\b(press|click|tap)\b|\bspace bar\b|\b(hint|close|continue) button\b|\bthe panel (on the right|shows)\b/i;

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
  checkAudiences(ctx);
}

/** Lines for solo play or for a room: solo-only wording is marked, and a solo-only line has a room version beside it. */
function checkAudiences(ctx: CheckContext): void {
  const groups = new Map<string, { line: Line; path: JsonPath }[]>();
  for (const entry of ctx.allLines) {
    const key = JSON.stringify(entry.path.slice(0, -1));
    groups.set(key, [...(groups.get(key) ?? []), entry]);
    const { line, path } = entry;
    if (line.for === undefined && line.speaker === 'narrator' && SOLO_WORDING.test(line.text)) {
      ctx.warn(
        'solo-wording',
        [...path, 'text'],
        'this narration names a control of the solo game (press, click, a button, the answer panel), which a room on a projector does not have',
        'Mark it "for": "solo" and add a line beside it with "for": "room" that says what the room does (vote on the phones).',
      );
    }
  }
  for (const lines of groups.values()) {
    const solo = lines.find((l) => l.line.for === 'solo');
    if (solo && !lines.some((l) => l.line.for === 'room')) {
      ctx.warn(
        'no-room-version',
        [...solo.path, 'for'],
        `the line "${solo.line.id}" is for solo play only, and no line beside it is for a room: a group session says nothing in its place`,
        'Add a line with "for": "room" beside it, worded for a room that votes on its phones.',
      );
    }
  }
}
