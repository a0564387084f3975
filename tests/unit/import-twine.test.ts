/** The Twine importer on Twee files written for these tests: link forms, macros, missing passages, duplicate names, unicode, published HTML. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { validateScenario } from '../../src/engine/format/check';
import { linksOf, macrosOf, parseTwee, parseTwineHtml, slug, storyToScenario } from '../../tools/lib/twine';

const fixture = (name: string) => readFileSync(`tests/fixtures/twine/${name}`, 'utf8');

function imported(name: string) {
  const source = fixture(name);
  const story = name.endsWith('.html') ? parseTwineHtml(source) : parseTwee(source);
  const result = storyToScenario(story, 'imported');
  const checked = validateScenario(JSON.stringify(result.scenario, null, 2), 'imported.json');
  return { story, result, checked };
}

describe('Twine import', () => {
  it('reads every link form', () => {
    expect(
      linksOf('[[Say hello->Small talk]] [[Questions<-Move on]] [[Go|Questions]] [[Questions]]'),
    ).toEqual([
      { text: 'Say hello', target: 'Small talk' },
      { text: 'Move on', target: 'Questions' },
      { text: 'Go', target: 'Questions' },
      { text: 'Questions', target: 'Questions' },
    ]);
    expect(linksOf('[[Pay|Shop][$gold to 0]]')).toEqual([{ text: 'Pay', target: 'Shop' }]);
  });

  it('turns passages into nodes, links into choices, and link-less passages into endings', () => {
    const { story, result, checked } = imported('interview.twee');
    expect(story.title).toBe('The Last Interview');
    const s = result.scenario;
    expect(s.start).toBe('arrival');
    const arrival = s.nodes.find((n) => n.id === 'arrival')!;
    expect(arrival.moment).toBe('opening');
    expect(arrival.choices?.map((c) => [c.text, c.next])).toEqual([
      ['Say hello', 'small-talk'],
      ['Get straight to business', 'questions'],
      ['Questions', 'questions'],
    ]);
    expect(arrival.lines.map((l) => l.text)).toEqual([
      'The receptionist waves you through to a small office.',
      'Ms Okoro looks up from a pile of CVs.',
    ]);
    const strong = s.nodes.find((n) => n.id === 'strong-answer')!;
    expect(strong.ending).toBe('strong-answer');
    expect(s.endings.find((e) => e.id === 'strong-answer')?.title).toBe('Strong answer');
    // Validates with warnings only.
    expect(checked.ok).toBe(true);
    expect(checked.problems.filter((p) => p.severity === 'error')).toEqual([]);
    expect(result.todo.join('\n')).toMatch(/decisionMakers/);
    expect(result.todo.join('\n')).toMatch(/closing/);
    expect(result.todo.join('\n')).toMatch(/outcome/);
  });

  it('keeps SugarCube and Harlowe macros as notes, with a warning each', () => {
    expect(macrosOf('<<set $x to 1>> text (set: $y to 2) (if: $a is (a: 1))[hi]')).toEqual([
      '<<set $x to 1>>',
      '(set: $y to 2)',
      '(if: $a is (a: 1))',
    ]);
    const { result } = imported('interview.twee');
    const arrival = result.scenario.nodes.find((n) => n.id === 'arrival')!;
    expect(arrival.discussion).toEqual(['Twine macro to rework: <<set $nervous to true>>']);
    const macroWarnings = result.warnings.filter((w) => w.includes('macro'));
    expect(macroWarnings).toHaveLength(2);
    expect(macroWarnings[0]).toMatch(/^line 12: /);
  });

  it('adds a node to write for a link to a missing passage, and warns', () => {
    const { result, checked } = imported('interview.twee');
    expect(result.warnings.some((w) => w.includes('links to "Warehouse tour", which does not exist'))).toBe(
      true,
    );
    const added = result.scenario.nodes.find((n) => n.id === 'warehouse-tour')!;
    expect(added.endsInterview).toBe(true);
    expect(added.lines[0]!.text).toContain('write the passage "Warehouse tour"');
    expect(checked.ok).toBe(true);
  });

  it('handles duplicate names and unicode', () => {
    const { story, result, checked } = imported('tricky.twee');
    expect(story.title).toBe('Café Ünïcödé — 面接');
    const ids = result.scenario.nodes.map((n) => n.id);
    expect(ids).toContain('debut');
    expect(ids).toContain('reponse');
    expect(ids).toContain('reponse-2');
    expect(new Set(ids).size).toBe(ids.length);
    expect(result.warnings.some((w) => w.includes('"Réponse" is named twice'))).toBe(true);
    // A name in another script gets a stable ASCII id; links still reach it.
    const japanese = slug('面接');
    expect(japanese).toMatch(/^passage-[a-z0-9]+$/);
    const debut = result.scenario.nodes.find((n) => n.id === 'debut')!;
    expect(debut.choices?.map((c) => c.next)).toEqual(['reponse', japanese]);
    expect(debut.lines[0]!.text).toBe('Bonjour ! Vous êtes « candidat » ? 😊');
    expect(checked.ok).toBe(true);
  });

  it('reads a Twine 2 published HTML file', () => {
    const { story, result, checked } = imported('published.html');
    expect(story.title).toBe('Panel & Pressure');
    expect(story.start).toBe('Intro');
    expect(result.scenario.start).toBe('intro');
    const intro = result.scenario.nodes.find((n) => n.id === 'intro')!;
    expect(intro.choices?.map((c) => [c.text, c.next])).toEqual([
      ['Ask them a question', 'outro'],
      ['Say nothing', 'outro'],
    ]);
    expect(result.scenario.nodes.find((n) => n.id === 'outro')?.lines[0]?.text).toBe(
      'They thank you & show you out.',
    );
    expect(checked.ok).toBe(true);
    expect(() => parseTwineHtml('<html></html>')).toThrow(/not a Twine 2 published story/);
  });
});
