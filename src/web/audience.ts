/**
 * Lines for solo play or for a room (a line's "for"): the solo game leaves out the lines written
 * for a room, a group session's projector and phones leave out the lines written for one player
 * at the game ("press Continue", "the Hint button").
 *
 * The engine's history entries carry no line id, so a line is known by its speaker and words:
 * an entry is left out when the scenario has a line for the other audience with the same speaker
 * and text, and no line for this audience (or for both) with them.
 */
import type { Audience, Line, Scenario } from '../engine';

export type { Audience };

interface Marked {
  /** speaker + text of lines written only for the other audience. */
  solo: Set<string>;
  room: Set<string>;
  /** speaker + text of lines for both audiences. */
  both: Set<string>;
}

const cache = new WeakMap<Scenario, Marked>();
const key = (l: { speaker: string; text: string }) => `${l.speaker}\u0000${l.text}`;

function isLine(x: unknown): x is Line {
  const o = x as Partial<Line> | null;
  return typeof o?.speaker === 'string' && typeof o.text === 'string' && typeof o.id === 'string';
}

function marked(scenario: Scenario): Marked {
  let m = cache.get(scenario);
  if (m) return m;
  m = { solo: new Set(), room: new Set(), both: new Set() };
  const seen = new Set<unknown>();
  const walk = (x: unknown) => {
    if (x === null || typeof x !== 'object' || seen.has(x)) return;
    seen.add(x);
    if (isLine(x)) (x.for ? m![x.for] : m!.both).add(key(x));
    for (const v of Object.values(x)) walk(v);
  };
  walk(scenario);
  cache.set(scenario, m);
  return m;
}

/** Whether a line (or a history entry of one) is shown to this audience. */
export function shownTo(
  scenario: Scenario,
  audience: Audience,
  line: { speaker: string; text: string; for?: Audience },
): boolean {
  if (line.for) return line.for === audience;
  const m = marked(scenario);
  const k = key(line);
  const other = audience === 'solo' ? m.room : m.solo;
  return !other.has(k) || m[audience].has(k) || m.both.has(k);
}

/** The lines (or history entries) shown to this audience, in order. */
export function forAudience<T extends { speaker: string; text: string; for?: Audience }>(
  scenario: Scenario,
  audience: Audience,
  lines: readonly T[],
): T[] {
  return lines.filter((l) => shownTo(scenario, audience, l));
}
