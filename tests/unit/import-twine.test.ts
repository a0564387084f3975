/**
 * The Twine importer on Twee and Twine 2 HTML stories written for these tests: link forms, tags,
 * named speakers, Harlowe and SugarCube conditions and sets, the "ask for the job" link, ending
 * outcomes from words, entities, markup, missing passages, duplicate names, unicode; and an
 * imported story played to its debrief.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { type Action, type Condition, Playthrough, parseScenario, validateScenario } from '../../src/engine';
import {
  asksForJob,
  linksOf,
  outcomeOf,
  parseTwee,
  parseTwineHtml,
  slug,
  speakerOf,
  storyToScenario,
} from '../../tools/lib/twine';
import { toAssignments, toCondition } from '../../tools/lib/twine-expr';

const fixture = (name: string) => readFileSync(`tests/fixtures/twine/${name}`, 'utf8');

function imported(name: string) {
  const source = fixture(name);
  const story = name.endsWith('.html') ? parseTwineHtml(source) : parseTwee(source);
  const result = storyToScenario(story, 'imported');
  const text = JSON.stringify(result.scenario, null, 2);
  const checked = validateScenario(text, 'imported.json');
  const node = (id: string) => {
    const n = result.scenario.nodes.find((x) => x.id === id);
    if (!n) throw new Error(`no node ${id}`);
    return n;
  };
  return { story, result, checked, text, node };
}

const errors = (c: ReturnType<typeof validateScenario>) => c.problems.filter((p) => p.severity === 'error');

describe('Twine import: reading', () => {
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
    const { story, result, checked, node } = imported('interview.twee');
    expect(story.title).toBe('The Last Interview');
    const s = result.scenario;
    expect(s.start).toBe('arrival');
    expect(node('arrival').moment).toBe('opening');
    expect(node('arrival').choices?.map((c) => [c.text, c.next])).toEqual([
      ['Say hello', 'small-talk'],
      ['Get straight to business', 'questions'],
      ['Questions', 'questions'],
    ]);
    expect(node('arrival').lines.map((l) => l.text)).toEqual([
      'The receptionist waves you through to a small office.',
      'Ms Okoro looks up from a pile of CVs.',
    ]);
    expect(node('strong-answer').ending).toBe('strong-answer');
    expect(s.endings.find((e) => e.id === 'strong-answer')?.title).toBe('Strong answer');
    expect(checked.ok).toBe(true);
    expect(errors(checked)).toEqual([]);
    expect(result.todo.join('\n')).toMatch(/decisionMakers/);
    expect(result.todo.join('\n')).toMatch(/closing/);
    expect(result.todo.join('\n')).toMatch(/outcome/);
  });

  it('names the interviewer from the prose when no line names a speaker', () => {
    const { result } = imported('interview.twee');
    expect(result.scenario.decisionMakers.map((d) => d.name)).toEqual(['Ms Okoro']);
    expect(result.scenario.closing.decisionMaker).toBe('ms-okoro');
  });

  it('turns set macros into the effects of the choices that lead into the passage', () => {
    const { result, node } = imported('interview.twee');
    // (set: $rapport to it + 1) in "Small talk": the choice into it carries it, and the story
    // variable named after a hidden state moves that state too (one point = 0.1).
    const hello = node('arrival').choices!.find((c) => c.next === 'small-talk')!;
    expect(hello.effects).toEqual({ rapport: 0.1, add: { rapport: 1 } });
    // <<set $nervous to true>> in the start passage has no choice to carry it: a warning.
    expect(result.warnings.find((w) => w.includes('$nervous'))).toMatch(/^line 12: passage "Arrival"/);
  });

  it('adds a node to write for a link to a missing passage, and warns', () => {
    const { result, checked, node } = imported('interview.twee');
    expect(result.warnings.some((w) => w.includes('links to "Warehouse tour", which does not exist'))).toBe(
      true,
    );
    expect(node('warehouse-tour').endsInterview).toBe(true);
    expect(node('warehouse-tour').lines[0]!.text).toContain('write the passage "Warehouse tour"');
    expect(checked.ok).toBe(true);
  });

  it('handles duplicate names and unicode', () => {
    const { story, result, checked, node } = imported('tricky.twee');
    expect(story.title).toBe('Café Ünïcödé — 面接');
    const ids = result.scenario.nodes.map((n) => n.id);
    expect(ids).toContain('debut');
    expect(ids).toContain('reponse');
    expect(ids).toContain('reponse-2');
    expect(new Set(ids).size).toBe(ids.length);
    expect(result.warnings.some((w) => w.includes('"Réponse" is named twice'))).toBe(true);
    const japanese = slug('面接');
    expect(japanese).toMatch(/^passage-[a-z0-9]+$/);
    expect(node('debut').choices?.map((c) => c.next)).toEqual(['reponse', japanese]);
    expect(node('debut').lines[0]!.text).toBe('Bonjour ! Vous êtes « candidat » ? 😊');
    expect(checked.ok).toBe(true);
  });

  it('reads a Twine 2 published HTML file', () => {
    const { story, result, checked, node } = imported('published.html');
    expect(story.title).toBe('Panel & Pressure');
    expect(story.start).toBe('Intro');
    expect(result.scenario.start).toBe('intro');
    expect(node('intro').choices?.map((c) => [c.text, c.next])).toEqual([
      ['Ask them a question', 'outro'],
      ['Say nothing', 'outro'],
    ]);
    // (if: $brave)[…] is a line only a brave player sees, not a line for everyone.
    expect(node('intro').lines.find((l) => l.text === 'You sit up straight.')?.condition).toEqual({
      var: 'brave',
      equals: true,
    });
    expect(node('outro').lines[0]?.text).toBe('They thank you & show you out.');
    expect(checked.ok).toBe(true);
    expect(() => parseTwineHtml('<html></html>')).toThrow(/not a Twine 2 published story/);
  });
});

describe('Twine import: a SugarCube story in Twee', () => {
  const { result, checked, node, text } = imported('shop-floor.twee');
  const s = result.scenario;

  it('validates with no errors', () => {
    expect(errors(checked)).toEqual([]);
  });

  it('reads moments from passage tags, and infers the closing before the endings', () => {
    expect(node('welcome').moment).toBe('opening');
    expect(node('window').moment).toBe('middle');
    expect(node('team').moment).toBe('middle');
    // "Wrap up" is untagged and leads to endings: the closing.
    expect(node('wrap-up').moment).toBe('closing');
  });

  it('gives lines to the named speakers, the candidate and the narrator', () => {
    expect(s.decisionMakers.map((d) => [d.id, d.name])).toEqual([['ms-patel', 'Ms Patel']]);
    expect(s.closing.decisionMaker).toBe('ms-patel');
    expect(node('welcome').lines.map((l) => [l.speaker, l.text])).toEqual([
      ['narrator', 'The shop is quiet before opening. A woman in a green blazer walks over.'],
      ['ms-patel', 'Morning! You must be here about the assistant manager job.'],
      ['candidate', "That's right. Thanks for seeing me so early."],
    ]);
  });

  it('keeps <<if>> / <<else>> as line conditions and a conditional link as a choice condition', () => {
    const lines = node('team').lines;
    expect(lines.find((l) => l.text.startsWith('And you clearly'))?.condition).toEqual({
      var: 'noticedWindow',
      equals: true,
    });
    expect(lines.find((l) => l.text.startsWith('Tell me what'))?.condition).toEqual({
      not: { var: 'noticedWindow', equals: true },
    });
    const story = node('team').choices!.find((c) => c.text.startsWith('Tell her about'))!;
    expect(story.condition).toEqual({ var: 'rapport', atLeast: 2 });
    // The link's setter is the choice's effect.
    expect(story.effects).toEqual({ set: { storyTold: true } });
  });

  it('makes "Ask for the job" the close, answered by the passage it led to', () => {
    const wrap = node('wrap-up');
    expect(wrap.closeAllowed).toBe(true);
    expect(wrap.choices?.map((c) => c.text)).toEqual(['Thank her and leave']);
    expect(s.nodes.some((n) => n.id === 'offer')).toBe(false);
    expect(s.closing.responses['offer-now']).toEqual([
      expect.objectContaining({
        speaker: 'ms-patel',
        text: 'You know what? I like you. The job is yours if you want it.',
      }),
    ]);
    expect(s.endings.find((e) => e.id === 'offer')?.outcome).toBe('offer-now');
  });

  it('sets ending outcomes from tags and words', () => {
    const outcome = (id: string) => s.endings.find((e) => e.id === id)?.outcome;
    expect(outcome('too-vague')).toBe('rejection'); // tagged [rejection]
    expect(outcome('goodbye')).toBe('no-decision'); // "We'll be in touch."
  });

  it('strips markup with a warning', () => {
    expect(node('history').lines[0]!.text).toBe(
      'Eleven years. Eleven. I opened it the week my daughter was born.',
    );
    expect(result.warnings.some((w) => w.includes('"History"') && w.includes('styling'))).toBe(true);
    expect(text).not.toContain("''");
  });

  it('plays to the offer through the close', () => {
    const scenario = parseScenario(text, 'imported.json');
    if (!scenario.ok) throw new Error('does not parse');
    const p = Playthrough.start(scenario.scenario, { seed: 1, mode: 'expected' });
    const go = (a: Action) => p.act(a);
    go({ type: 'choose', choice: 'ask-how-long-she-has-run-the-shop' });
    go({ type: 'choose', choice: 'ask-about-the-team' });
    // rapport is 2 now, so the story link is on offer.
    expect(p.view().choices.map((c) => c.id)).toContain('tell-her-about-your-own-first-shop');
    go({ type: 'choose', choice: 'tell-her-about-your-own-first-shop' });
    expect(p.view().node?.id).toBe('wrap-up');
    expect(p.view().close).not.toBeNull();
    go({
      type: 'close',
      close: { form: 'statement-of-intent', delivery: 'firm', points: [], leverage: null, commit: true },
    });
    while (p.view().phase !== 'ended') {
      const v = p.view();
      if (v.canContinue) go({ type: 'continue' });
      else if (v.followUp) go({ type: 'let-go' });
      else if (v.choices[0]) go({ type: 'choose', choice: v.choices[0].id });
      else break;
    }
    const d = p.debrief();
    expect(['offer', 'next-stage', 'goodbye', 'offer-later', 'too-vague']).toContain(d.ending.id);
    expect(d.closeActionIndex).toBe(3);
  });
});

describe('Twine import: a Harlowe story in Twine 2 HTML', () => {
  const { result, checked, node } = imported('harlowe-panel.html');
  const s = result.scenario;

  it('validates with no errors', () => {
    expect(errors(checked)).toEqual([]);
  });

  it('decodes every entity, named and numeric', () => {
    expect(s.meta.title).toBe('Second Round – Okafor & Co');
    expect(node('reception').lines[1]!.text).toBe(
      "Easily, thanks. I've walked past your office a hundred times.",
    );
    expect(node('award').lines[0]!.text).toBe(
      'That award? We won it last year. Most people don’t notice it…',
    );
    expect(node('closing').lines[0]!.text).toBe('Good answer. Well — anything else?');
    expect(JSON.stringify(s)).not.toMatch(/&#|&[a-z]+;/);
  });

  it('keeps (if:)/(else:) and (unless:) as conditions, and warns about what it cannot say', () => {
    const q = node('questions');
    expect(q.lines.find((l) => l.text.startsWith('I have a feeling'))?.condition).toEqual({
      not: { var: 'keenness', atMost: 1 },
    });
    expect(q.lines.find((l) => l.text === 'Take your time.')?.condition).toEqual({
      var: 'keenness',
      atMost: 1,
    });
    expect(q.choices?.find((c) => c.text === 'Blame the client')?.condition).toEqual({
      not: { var: 'nervous', equals: true },
    });
    expect(
      result.warnings.some((w) => w.includes('(history:) contains') && w.includes('cannot be said')),
    ).toBe(true);
  });

  it('makes "Will you offer me the role?" the close, and reads the endings', () => {
    expect(node('closing').closeAllowed).toBe(true);
    expect(s.closing.forms.find((f) => f.form === 'outright-ask')).toBeDefined();
    expect(s.closing.responses['offer-now'][0]!.text).toBe("Yes. We'd like to offer you the role.");
    const outcome = (id: string) => s.endings.find((e) => e.id === id)?.outcome;
    expect(outcome('yes')).toBe('offer-now');
    expect(outcome('later')).toBe('next-stage');
    expect(outcome('shown-out')).toBe('rejection');
  });

  it('moves the hidden state named by a story variable, as an authored assumption', () => {
    const award = node('reception').choices!.find((c) => c.next === 'award')!;
    expect(award.effects).toEqual({ keenness: 0.2, add: { keenness: 2 } });
    expect(result.warnings.some((w) => w.includes('authored assumption'))).toBe(true);
  });
});

describe('Twine import: words and expressions', () => {
  it('knows links that ask for the job', () => {
    for (const t of [
      'Ask for the job',
      'Ask her for the role',
      '"Will you offer me the position?"',
      'Could you hire me?',
      'I want this job',
    ])
      expect(asksForJob(t), t).toBe(true);
    for (const t of ['Ask about the team', 'Say goodbye', 'Job history', 'Offer to make tea'])
      expect(asksForJob(t), t).toBe(false);
  });

  it('reads outcomes only where the words are clear', () => {
    expect(outcomeOf([], 'The job is yours.')).toBe('offer-now');
    expect(outcomeOf([], 'We have offered the role to someone else.')).toBe('rejection');
    expect(outcomeOf([], 'Come back next week for a second interview.')).toBe('next-stage');
    expect(outcomeOf([], 'You walk out into the rain.')).toBeNull();
    expect(outcomeOf(['offer'], 'You walk out into the rain.')).toBe('offer-now');
  });

  it('reads named speakers and leaves other colons alone', () => {
    expect(speakerOf('Ms Patel: Morning!')).toEqual({ name: 'Ms Patel', words: 'Morning!' });
    expect(speakerOf('Dr. Amaka Obi: "Sit."')).toEqual({ name: 'Dr. Amaka Obi', words: '"Sit."' });
    expect(speakerOf('Note: this is not a person')).toBeNull();
    expect(speakerOf('the time was 10:30 exactly')).toBeNull();
  });

  it('turns Harlowe and SugarCube expressions into conditions', () => {
    const c = (s: string): Condition | null => toCondition(s);
    expect(c('$met')).toEqual({ var: 'met', equals: true });
    expect(c('not $met')).toEqual({ not: { var: 'met', equals: true } });
    expect(c('$score is 3')).toEqual({ var: 'score', atLeast: 3, atMost: 3 });
    expect(c('$mood eq "calm"')).toEqual({ var: 'mood', equals: 'calm' });
    expect(c('$a >= 2 and ($b or !$c)')).toEqual({
      all: [
        { var: 'a', atLeast: 2 },
        { any: [{ var: 'b', equals: true }, { not: { var: 'c', equals: true } }] },
      ],
    });
    expect(c('2 < $x')).toEqual({ not: { var: 'x', atMost: 2 } });
    expect(c('$x is not false')).toEqual({ not: { not: { var: 'x', equals: true } } });
    expect(c('visited("Office")')).toBeNull();
    expect(c('$list contains "a"')).toBeNull();
    expect(toCondition('$n', new Map([['n', 'number']]))).toEqual({
      not: { var: 'n', atLeast: 0, atMost: 0 },
    });
  });

  it('turns set macros into assignments', () => {
    expect(toAssignments('$a to 1, $b to it + 2', 'set')).toEqual([
      { name: 'a', set: 1 },
      { name: 'b', add: 2 },
    ]);
    expect(toAssignments(' $x += 3; $y to "yes"; $z++', 'set')).toEqual([
      { name: 'x', add: 3 },
      { name: 'y', set: 'yes' },
      { name: 'z', add: 1 },
    ]);
    expect(toAssignments('true into $done', 'put')).toEqual([{ name: 'done', set: true }]);
    expect(toAssignments('$x to random(1, 6)', 'set')).toBeNull();
  });
});

describe('Twine import: rough stories still arrive playable', () => {
  for (const name of [
    'interview.twee',
    'tricky.twee',
    'published.html',
    'shop-floor.twee',
    'harlowe-panel.html',
    'rough.twee',
  ])
    it(`${name} validates without errors and random play reaches a debrief`, () => {
      const { checked, text } = imported(name);
      expect(errors(checked)).toEqual([]);
      const parsed = parseScenario(text, name);
      if (!parsed.ok) throw new Error('does not parse');
      for (let seed = 1; seed <= 12; seed++) {
        const p = Playthrough.start(parsed.scenario, { seed, mode: 'realistic' });
        let r = seed * 7919;
        const pick = (n: number) => {
          r = (r * 48271) % 2147483647;
          return r % n;
        };
        for (let step = 0; step < 200 && p.view().phase !== 'ended'; step++) {
          const v = p.view();
          if (v.close && pick(4) === 0)
            p.act({
              type: 'close',
              close: {
                form: v.close.forms[0]!.form,
                delivery: 'firm',
                points: [],
                leverage: null,
                commit: false,
              },
            });
          else if (v.choices.length) p.act({ type: 'choose', choice: v.choices[pick(v.choices.length)]!.id });
          else if (v.canContinue) p.act({ type: 'continue' });
          else if (v.followUp) p.act({ type: 'let-go' });
          else throw new Error(`${name}: stuck at ${v.node?.id} (seed ${seed})`);
        }
        expect(p.view().phase, `${name} seed ${seed}`).toBe('ended');
        expect(p.debrief().ending.id).toBeTruthy();
      }
    });

  it('strips Portuguese Harlowe emphasis and warns about what it drops', () => {
    const { result, node } = imported('rough.twee');
    expect(node('inicio').lines[0]!.text).toBe('Dizem que, quando ela aparece, ela aparece também.');
    expect(node('sala').lines.map((l) => [l.speaker, l.text])).toEqual([
      ['narrator', 'A sala'],
      ['diretora-sousa', 'Sente-se. Por favor.'],
      ['narrator', 'Atenção — a cadeira range.'],
    ]);
    expect(result.warnings.some((w) => w.includes('(display: "Nada")'))).toBe(true);
    expect(result.warnings.some((w) => w.includes('(either:'))).toBe(true);
    expect(node('sala').closeAllowed).toBe(true);
  });
});

it('reads a Harlowe hook that holds only a link: (if: $x)[[[text->target]]]', () => {
  const { node } = imported('rough.twee');
  expect(node('inicio').choices?.find((c) => c.text === 'Desistir')?.condition).toEqual({
    not: { var: 'tries', atMost: 3 },
  });
});
