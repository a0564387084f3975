/** Lines for solo play or for a room (issue 19 item 4): the format's "for", the validator, the filter. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type Line, Playthrough, type Scenario, validateScenario } from '../engine';
import { forAudience, shownTo } from './audience';

const DIR = join(__dirname, '..', '..', 'scenarios');
const SOLO_ONLY =
  /press its number|Close button|press Continue|space bar|Hint button|Press Close|press Close|The panel shows|the panel on the right/;

function load(file: string): Scenario {
  const r = validateScenario(readFileSync(join(DIR, file), 'utf8'), file, { assetExists: () => true });
  if (!r.ok) throw new Error(r.problems.map((p) => p.message).join('\n'));
  return r.scenario;
}

function tutorialText(): Record<string, unknown> {
  return JSON.parse(readFileSync(join(DIR, '00-tutorial.json'), 'utf8')) as Record<string, unknown>;
}

describe('lines for solo play or for a room', () => {
  it('no library scenario says a solo-only instruction to a room, and every solo-only line has a room version', () => {
    for (const file of readdirSync(DIR).filter((f) => /^\d\d-.*\.json$/.test(f))) {
      const s = load(file);
      // Every group of lines: the nodes', the answers to a close, the follow-up's and negotiation's replies.
      const groups: [string, Line[]][] = [
        ...s.nodes.map((n) => [n.id, n.lines] as [string, Line[]]),
        ...Object.entries(s.closing.responses),
        ...Object.entries(s.closing.afterInterview),
        ...Object.entries(s.followUp?.replies ?? {}),
        ...Object.entries(s.negotiation?.replies ?? {}),
      ];
      for (const [where, lines] of groups) {
        const room = forAudience(s, 'room', lines);
        for (const l of room) expect(l.text, `${file} ${where} ${l.id}`).not.toMatch(SOLO_ONLY);
        if (lines.some((l) => l.for === 'solo'))
          expect(
            room.some((l) => l.for === 'room'),
            `${file} ${where} has a room version`,
          ).toBe(true);
        // The solo game never sees a room line.
        for (const l of forAudience(s, 'solo', lines)) expect(l.for).not.toBe('room');
      }
    }
  });

  it("filters the engine's history entries (which carry no line id) by speaker and words", () => {
    const s = load('00-tutorial.json');
    const play = Playthrough.start(s);
    for (let i = 0; i < 8; i++) {
      const v = play.view();
      if (v.phase !== 'interview') break;
      play.act(v.choices.length > 0 ? { type: 'choose', choice: v.choices[0]!.id } : { type: 'continue' });
    }
    const all = play.history();
    const room = forAudience(s, 'room', all);
    const solo = forAudience(s, 'solo', all);
    expect(all.some((e) => SOLO_ONLY.test(e.text))).toBe(true);
    expect(room.some((e) => SOLO_ONLY.test(e.text))).toBe(false);
    expect(room.some((e) => e.text.includes('Vote for one on your phone'))).toBe(true);
    expect(solo.some((e) => e.text.includes('Vote for one on your phone'))).toBe(false);
    // A line for both is shown to both.
    const both = all.find((e) => e.speaker !== 'narrator')!;
    expect(shownTo(s, 'room', both) && shownTo(s, 'solo', both)).toBe(true);
  });

  it('the validator refuses a bad value clearly and warns about unmarked solo wording and a missing room version', () => {
    const bad = tutorialText() as { nodes: { id: string; lines: Record<string, unknown>[] }[] };
    bad.nodes.find((n) => n.id === 'continue-lesson')!.lines[0]!.for = 'everyone';
    const r1 = validateScenario(JSON.stringify(bad, null, 2), 'bad.json');
    expect(r1.ok).toBe(false);
    expect(r1.problems[0]!.message).toContain('"everyone" is not allowed for "for"');
    expect(r1.problems[0]!.fix).toContain('"solo", "room"');

    const t = tutorialText() as { nodes: { id: string; lines: Record<string, unknown>[] }[] };
    t.nodes.find((n) => n.id === 'continue-lesson')!.lines.pop();
    delete t.nodes.find((n) => n.id === 'sam-hello')!.lines[2]!.for;
    const r2 = validateScenario(JSON.stringify(t, null, 2), 't.json', { assetExists: () => true });
    const codes = r2.problems.map((p) => p.code);
    expect(codes).toContain('no-room-version');
    expect(codes).toContain('solo-wording');
  });
});
