/**
 * Each company in the library is its own place with its own people: no backdrop is shared between
 * two scenarios, a scene that moves indoors gets its own backdrop, no two decision-makers say the same
 * sentence, and no first name belongs to people in two different scenarios.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseScenario, type Scenario } from '../../src/engine';

const root = join(__dirname, '../..');
const library: { file: string; scenario: Scenario }[] = readdirSync(join(root, 'scenarios'))
  .filter((f) => /^\d\d-.*\.json$/.test(f))
  .sort()
  .map((file) => {
    const parsed = parseScenario(readFileSync(join(root, 'scenarios', file), 'utf8'), file);
    if (!parsed.ok) throw new Error(`${file}: ${parsed.problems[0]?.message}`);
    return { file, scenario: parsed.scenario };
  });

const backdropsOf = (s: Scenario) => new Set([s.meta.backdrop, ...s.nodes.flatMap((n) => n.backdrop ?? [])]);

/** Fields whose strings the player reads (dialogue, narration, answers, briefings, debriefs). */
const READ = new Set([
  'text',
  'title',
  'summary',
  'description',
  'background',
  'debrief',
  'feedback',
  'coach',
  'cue',
  'label',
  'commitText',
  'letGoText',
  'discussion',
]);

/** Every string an author wrote that the player reads. */
function texts(value: unknown, out: string[] = [], read = false): string[] {
  if (typeof value === 'string') {
    if (read) out.push(value);
  } else if (Array.isArray(value)) for (const v of value) texts(v, out, read);
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) texts(v, out, READ.has(k));
  }
  return out;
}

/** What the decision-makers and the narrator say (every line object with a speaker but the candidate). */
function spoken(value: unknown, out: string[] = []): string[] {
  if (Array.isArray(value)) for (const v of value) spoken(v, out);
  else if (value && typeof value === 'object') {
    const o = value as Record<string, unknown>;
    if (typeof o.speaker === 'string' && o.speaker !== 'candidate' && typeof o.text === 'string')
      out.push(o.text);
    for (const v of Object.values(o)) spoken(v, out);
  }
  return out;
}

/** Capitalised words that are not people: days, months, places and titles the library shares. */
const NOT_PEOPLE = new Set(
  'Monday Tuesday Wednesday Thursday Friday Saturday Saturdays Sunday January February March April May June July August September October November December Christmas Round Sales Executive Team Leader Academy Trust Focus Dev Street Coventry Bristol Leicester Manchester Birmingham London Leeds'.split(
    ' ',
  ),
);

describe('each company its own place and people', () => {
  it('no backdrop is used by two scenarios, and every one exists', () => {
    const owner = new Map<string, string>();
    for (const { file, scenario } of library) {
      for (const b of backdropsOf(scenario)) {
        expect(existsSync(join(root, 'assets/backdrops', `${b}.svg`)), `${file}: ${b}`).toBe(true);
        expect(owner.get(b) ?? file, `backdrop ${b}`).toBe(file);
        owner.set(b, file);
      }
    }
  });

  it("Doorstep's office scenes are drawn in the office, not on the forecourt", () => {
    const s = library.find((l) => l.file.startsWith('06'))!.scenario;
    const office = s.nodes.find((n) => n.lines.some((l) => /His office is/.test(l.text)))!;
    expect(office.backdrop).toBeDefined();
    expect(office.backdrop).not.toBe(s.meta.backdrop);
    const closing = s.nodes.filter((n) => n.moment === 'closing');
    for (const n of closing) expect(n.backdrop, n.id).toBe(office.backdrop);
  });

  it('no two scenarios share a sentence of dialogue or narration', () => {
    const seen = new Map<string, string>();
    for (const { file, scenario } of library) {
      const sentences = new Set(
        spoken(scenario)
          .flatMap((t) => t.split(/(?<=[.!?])\s+/))
          .map((t) => t.trim().toLowerCase())
          .filter((t) => t.length >= 20),
      );
      for (const t of sentences) {
        expect(seen.get(t) ?? file, `"${t}"`).toBe(file);
        seen.set(t, file);
      }
    }
  });

  it('no first name belongs to people in two scenarios', () => {
    const seen = new Map<string, string>();
    for (const { file, scenario } of library) {
      const names = new Set<string>();
      for (const t of [...spoken(scenario), ...texts(scenario.situation), scenario.meta.summary]) {
        for (const m of t.matchAll(/(?<=[a-z,;:] )([A-Z][a-z]+)\b/g))
          if (!NOT_PEOPLE.has(m[1]!)) names.add(m[1]!);
      }
      for (const n of names) {
        expect(seen.get(n) ?? file, `the name ${n}`).toBe(file);
        seen.set(n, file);
      }
    }
  });
});
