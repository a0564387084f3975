/** What was just said in a playthrough, for the projector and the phones. */
import type { HistoryEntry, Playthrough, Scenario } from '../../engine';
import { forAudience } from '../../web/audience';
import { h } from '../../web/dom/h';
import { leadOf, speakerName } from '../../web/people';

export interface ShownLine {
  speaker: string;
  speakerName: string;
  text: string;
  cue?: string;
  expression?: string;
}

/**
 * The lines the last action produced (the candidate's words, the reply, the next node), or the
 * node's own lines: those for a room (a line for solo play, such as "press Continue", is left out).
 */
export function currentLines(play: Playthrough): ShownLine[] {
  const view = play.view();
  const index = view.step - 1;
  const entries: HistoryEntry[] = index >= 0 ? play.history().filter((e) => e.actionIndex === index) : [];
  if (entries.length > 0) return forAudience(play.scenario, 'room', entries);
  return forAudience(play.scenario, 'room', view.node?.lines ?? []).map((l) => ({
    speaker: l.speaker,
    speakerName: speakerName(play.scenario, l.speaker),
    text: l.text,
    cue: l.cue,
    expression: l.expression,
  }));
}

/** One line as text only (names and words are never parsed as HTML). */
export function lineEl(line: ShownLine): HTMLElement {
  const narrator = line.speaker === 'narrator';
  return h(
    'p',
    { class: `lv-line ${narrator ? 'narrator' : ''} ${line.speaker === 'candidate' ? 'candidate' : ''}` },
    narrator ? null : h('span', { class: 'who', text: line.speakerName }),
    line.cue ? h('span', { class: 'cue', text: `(${line.cue}) ` }) : null,
    line.text,
  );
}

/** The face the lead decision-maker shows after the last line they spoke (or the model's face). */
export function faceAfter(scenario: Scenario, lines: ShownLine[], modelFace: string): string {
  const leadId = leadOf(scenario).id;
  for (let i = lines.length - 1; i >= 0; i--) {
    const l = lines[i]!;
    if (l.speaker === leadId && l.expression) return l.expression;
    if (l.speaker === leadId) break;
  }
  return modelFace;
}
