import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkScenario, validateScenario } from '../../src/engine/format/check';
import { generateScenario } from '../../src/engine/format/generate';
import {
  createLocator,
  formatPath,
  MAX_NESTING,
  MAX_SCENARIO_CHARS,
  parseScenario,
} from '../../src/engine/format/parse';
import { validateFiles } from '../../tools/lib/validate-files';

const BAD = 'tests/fixtures/bad';
const read = (name: string) => readFileSync(join(BAD, name), 'utf8');
const minimal = () => readFileSync('tests/fixtures/valid/minimal.json', 'utf8');

interface Expected {
  file: string;
  code: string;
  severity: 'error' | 'warning';
  line: number;
  column: number;
  message: string;
  path?: string;
}

const cases: Expected[] = [
  {
    file: 'not-json.json',
    code: 'json-syntax',
    severity: 'error',
    line: 1,
    column: 1,
    message: 'unexpected character',
  },
  {
    file: 'truncated.json',
    code: 'json-syntax',
    severity: 'error',
    line: 99,
    column: 11,
    message: 'truncated',
  },
  {
    file: 'empty.json',
    code: 'empty-file',
    severity: 'error',
    line: 1,
    column: 1,
    message: 'the file is empty',
  },
  {
    file: 'comments.json',
    code: 'json-syntax',
    severity: 'error',
    line: 2,
    column: 23,
    message: 'comments are not allowed',
  },
  {
    file: 'trailing-comma.json',
    code: 'json-syntax',
    severity: 'error',
    line: 52,
    column: 9,
    message: 'a value was expected',
  },
  {
    file: 'wrong-top-level.json',
    code: 'not-an-object',
    severity: 'error',
    line: 1,
    column: 1,
    message: 'holds a list',
  },
  {
    file: 'unknown-version.json',
    code: 'format-version',
    severity: 'error',
    line: 2,
    column: 20,
    message: 'this file is format version 2; this version of Close Call reads version 1',
    path: '$.formatVersion',
  },
  {
    file: 'proto-keys.json',
    code: 'unknown-key',
    severity: 'error',
    line: 81,
    column: 13,
    message: 'unknown key "__proto__"',
    path: '$.nodes[0].choices[0].effects.__proto__',
  },
  {
    file: 'missing-node.json',
    code: 'missing-node',
    severity: 'error',
    line: 76,
    column: 19,
    message: 'there is no node "aks" — did you mean "ask"?',
    path: '$.nodes[0].choices[0].next',
  },
  {
    file: 'duplicate-node.json',
    code: 'duplicate-id',
    severity: 'error',
    line: 113,
    column: 13,
    message: 'node id "ask" is used twice',
    path: '$.nodes[2].id',
  },
  {
    file: 'unreachable-node.json',
    code: 'unreachable-node',
    severity: 'warning',
    line: 113,
    column: 13,
    message: 'node "orphan" cannot be reached',
    path: '$.nodes[2].id',
  },
  {
    file: 'dead-end.json',
    code: 'dead-end',
    severity: 'error',
    line: 90,
    column: 5,
    message: 'node "stuck" leads nowhere',
    path: '$.nodes[1]',
  },
  {
    file: 'missing-expression.json',
    code: 'missing-expression',
    severity: 'error',
    line: 93,
    column: 25,
    message: '"irritated" is not among the expressions',
    path: '$.nodes[1].lines[0].expression',
  },
  {
    file: 'unknown-key.json',
    code: 'unknown-key',
    severity: 'error',
    line: 81,
    column: 11,
    message: 'unknown key "nxet" — did you mean "next"?',
    path: '$.nodes[0].choices[0].nxet',
  },
  {
    file: 'line-too-long.json',
    code: 'line-too-long',
    severity: 'warning',
    line: 92,
    column: 19,
    message: 'too long for the dialogue box',
    path: '$.nodes[1].lines[0].text',
  },
  {
    file: 'unset-variable.json',
    code: 'unset-variable',
    severity: 'warning',
    line: 101,
    column: 20,
    message: 'reads the variable "askedAboutTeam", but no choice ever sets it',
    path: '$.nodes[1].choices[0].condition.var',
  },
];

describe('validator on bad fixtures', () => {
  it('accepts the minimal valid fixture with no problems', () => {
    const result = validateScenario(minimal(), 'minimal.json');
    expect(result.problems).toEqual([]);
    expect(result.ok).toBe(true);
  });

  for (const c of cases) {
    it(`${c.file}: ${c.severity} [${c.code}] at ${c.line}:${c.column}`, () => {
      const result = validateScenario(read(c.file), c.file);
      const found = result.problems.find((p) => p.code === c.code);
      expect(found, JSON.stringify(result.problems, null, 2)).toBeDefined();
      expect(found).toMatchObject({ file: c.file, severity: c.severity, line: c.line, column: c.column });
      expect(found!.message).toContain(c.message);
      expect(found!.fix.length).toBeGreaterThan(5);
      if (c.path) expect(found!.path).toBe(c.path);
      expect(result.ok).toBe(
        c.severity === 'warning' ? !result.problems.some((p) => p.severity === 'error') : false,
      );
    });
  }

  it('__proto__ and constructor keys pollute nothing', () => {
    const result = validateScenario(read('proto-keys.json'), 'proto-keys.json');
    expect(result.ok).toBe(false);
    const codes = result.problems.map((p) => `${p.code} ${p.path}`);
    expect(codes).toContain('unknown-key $.__proto__');
    expect(codes).toContain('unknown-key $.constructor');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('polluted');
  });

  it('a variable named constructor in effects.set is a harmless own key', () => {
    const data = JSON.parse(minimal());
    data.nodes[0].choices[0].effects.set = { constructor: 1, toString: 'x' };
    data.nodes[1].choices[0].condition = { var: 'constructor', atLeast: 1 };
    const result = validateScenario(JSON.stringify(data, null, 2), 'x.json');
    expect(result.problems).toEqual([]);
    expect(({} as Record<string, unknown>).constructor).toBe(Object);
  });

  it('a huge file is refused before parsing', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cc-huge-'));
    const file = join(dir, 'huge.json');
    writeFileSync(file, `{"formatVersion": 1, "pad": "${'x'.repeat(MAX_SCENARIO_CHARS + 10)}"}`);
    const result = parseScenario(readFileSync(file, 'utf8'), 'huge.json');
    expect(result.ok).toBe(false);
    expect(result.problems[0]).toMatchObject({ code: 'too-large', severity: 'error', line: 1, column: 1 });
    expect(result.problems[0]!.message).toContain('too large');
    const report = validateFiles([file]);
    expect(report.files[0]!.problems[0]!.code).toBe('too-large');
  });

  it('deep nesting is an error, not a stack overflow', () => {
    const depth = 100_000;
    const text = `{"formatVersion": 1, "meta": ${'['.repeat(depth)}${']'.repeat(depth)}}`;
    const result = parseScenario(text, 'deep.json');
    expect(result.ok).toBe(false);
    expect(result.problems[0]).toMatchObject({ code: 'too-deep', severity: 'error', line: 1 });
    // The first bracket past the limit: after `{"formatVersion": 1, "meta": ` (29 chars) and MAX_NESTING - 1 brackets.
    expect(result.problems[0]!.column).toBe(29 + MAX_NESTING);
    expect(result.problems[0]!.message).toContain(`more than ${MAX_NESTING} levels`);
  });

  it('binary content is "not a text JSON file"', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cc-bin-'));
    const file = join(dir, 'image.json');
    writeFileSync(
      file,
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0xff, 0xfe]),
    );
    const report = validateFiles([file]);
    const p = report.files[0]!.problems[0]!;
    expect(p).toMatchObject({ code: 'binary-file', severity: 'error', line: 1, column: 1 });
    expect(p.message).toContain('not a text JSON file');
    const nul = parseScenario('{"formatVersion": 1,\n "x": "a\u0000b"}', 'nul.json');
    expect(nul.problems[0]).toMatchObject({ code: 'binary-file', line: 2, column: 9 });
  });

  it('other top-level types are named', () => {
    expect(parseScenario('"hello"', 's.json').problems[0]!.message).toContain('a text string');
    expect(parseScenario('42', 'n.json').problems[0]!.message).toContain('a number');
    expect(parseScenario('null', 'n.json').problems[0]!.message).toContain('null');
  });

  it('a missing formatVersion is reported before the schema', () => {
    const data = JSON.parse(minimal());
    delete data.formatVersion;
    const result = parseScenario(JSON.stringify(data), 'x.json');
    expect(result.problems).toHaveLength(1);
    expect(result.problems[0]).toMatchObject({ code: 'format-version', line: 1, column: 1 });
    expect(result.problems[0]!.message).toContain('no "formatVersion"');
  });

  it('explains schema problems in plain English', () => {
    const data = JSON.parse(minimal());
    data.meta.difficulty = 'hrad';
    data.meta.minutes = 'ten';
    delete data.meta.lesson;
    data.nodes[0].choices[0].condition = { state: 'keeness', atLeast: 2 };
    data.nodes[0].lines[0].id = 'Hello There';
    data.closing.forms = [];
    const result = parseScenario(JSON.stringify(data, null, 2), 'x.json');
    expect(result.ok).toBe(false);
    const byPath = new Map(result.problems.map((p) => [p.path, p]));
    expect(byPath.get('$.meta.difficulty')!.message).toContain('did you mean "hard"');
    expect(byPath.get('$.meta.difficulty')!.fix).toContain('"tutorial", "easy", "medium", "hard"');
    expect(byPath.get('$.meta.minutes')!.message).toBe('"minutes" should be a number, not the text "ten"');
    expect(byPath.get('$.meta.lesson')).toMatchObject({ code: 'missing-field' });
    expect(byPath.get('$.nodes[0].choices[0].condition.state')!.message).toContain('did you mean "keenness"');
    expect(byPath.get('$.nodes[0].choices[0].condition.atLeast')!.code).toBe('too-big');
    expect(byPath.get('$.nodes[0].lines[0].id')!.fix).toContain('lower-case letters');
    expect(byPath.get('$.closing.forms')!.message).toContain('must not be empty');
    for (const p of result.problems) expect(p.line).toBeGreaterThan(1);
  });

  it('reports duplicate keys in one object', () => {
    const text = minimal().replace('"title": "Fixture",', '"title": "Fixture",\n    "title": "Again",');
    const result = parseScenario(text, 'x.json');
    expect(result.problems[0]).toMatchObject({
      code: 'duplicate-key',
      path: '$.meta.title',
      line: 6,
      column: 5,
    });
  });

  it('reports a repeated key in a list item, in an object with many keys, and behind an escape', () => {
    const data = JSON.parse(minimal());
    // A list item: the path names its index.
    const text = JSON.stringify(data, null, 2).replace(
      '"id": "hello"',
      '"id": "hello",\n      "next": "ask",\n      "next": "ask"',
    );
    const listed = parseScenario(text, 'x.json');
    expect(listed.problems.filter((p) => p.code === 'duplicate-key').map((p) => p.path)).toEqual([
      '$.nodes[0].next',
    ]);
    // An object with more keys than the scan keeps in a list, and a key written with an escape.
    const many = Array.from({ length: 40 }, (_, i) => `"k${i}": ${i}`).join(', ');
    const odd = parseScenario(
      JSON.stringify(data).replace('"meta":{', `"meta":{${many}, "k7": 0, "ti\\u0074le": "Again", `),
      'x.json',
    );
    const dups = odd.problems.filter((p) => p.code === 'duplicate-key').map((p) => p.path);
    expect(dups).toEqual(['$.meta.k7', '$.meta.title']);
  });

  it('checks structure, references and ids beyond the schema', () => {
    const data = JSON.parse(minimal());
    data.nodes[0].next = 'ask';
    data.nodes[1].choices[0].next = 'hello';
    data.nodes[1].choices[1].ending = 'nowhere';
    data.nodes[0].lines[0].speaker = 'dana';
    data.decisionMakers[0].salary.min = 40000;
    data.negotiation = {
      moves: [
        { id: 'm', kind: 'counter', text: 'More?' },
        { id: 'm', kind: 'walk-away', text: 'Bye.' },
      ],
      replies: {
        raise: [{ id: 'n1', speaker: 'dana-whitlock', text: 'Ok.' }],
        hold: [{ id: 'n2', speaker: 'dana-whitlock', text: 'No.' }],
        rescind: [{ id: 'n3', speaker: 'dana-whitlock', text: 'Gone.' }],
        agreed: [{ id: 'r1', speaker: 'dana-whitlock', text: 'Done.' }],
      },
    };
    data.endings.push({ id: 'pulled', outcome: 'offer-rescinded', title: 'Pulled', debrief: 'Too far.' });
    const result = validateScenario(JSON.stringify(data, null, 2), 'x.json');
    const codes = result.problems.map((p) => `${p.severity} ${p.code} ${p.path}`);
    expect(codes).toEqual(
      expect.arrayContaining([
        'error choices-and-next $.nodes[0].next',
        'error choice-target $.nodes[1].choices[0]',
        'error missing-ending $.nodes[1].choices[1].ending',
        'error missing-decision-maker $.nodes[0].lines[0].speaker',
        'error salary-range $.decisionMakers[0].salary.min',
        'error no-accept-move $.negotiation.moves',
        'error duplicate-id $.negotiation.moves[1].id',
        'error duplicate-id $.negotiation.replies.agreed[0].id',
      ]),
    );
  });

  it('warns about endings no path can reach', () => {
    const data = JSON.parse(minimal());
    data.nodes[1].choices.pop();
    data.endings.push({ id: 'pulled', outcome: 'offer-rescinded', title: 'Pulled', debrief: 'Too far.' });
    const result = validateScenario(JSON.stringify(data, null, 2), 'x.json');
    const codes = result.problems.map((p) => `${p.severity} ${p.code} ${p.path}`);
    expect(codes).toEqual([
      'warning unreachable-ending $.endings[1].outcome',
      'warning unreachable-ending $.endings[4].outcome',
    ]);
    expect(result.ok).toBe(true);
  });

  it('checks assets through the callback', () => {
    const parsed = parseScenario(minimal(), 'm.json');
    if (!parsed.ok) throw new Error('fixture must parse');
    const seen: string[] = [];
    const problems = checkScenario(parsed.scenario, 'm.json', {
      locator: createLocator(minimal()),
      assetExists: (rel) => {
        seen.push(rel);
        return (
          rel !== 'assets/portraits/dana-whitlock/warm.svg' && rel !== 'assets/backdrops/owner-office.svg'
        );
      },
    });
    expect(seen).toContain('assets/sounds/voice-mid.ogg');
    expect(problems.map((p) => `${p.code} ${p.path}`)).toEqual([
      'missing-asset $.meta.backdrop',
      'missing-asset $.decisionMakers[0].portrait.expressions[1]',
    ]);
  });

  it('formats paths', () => {
    expect(formatPath(['nodes', 3, 'choices', 0, 'next'])).toBe('$.nodes[3].choices[0].next');
    expect(formatPath(['closing', 'responses', 'offer-now', 0])).toBe('$.closing.responses["offer-now"][0]');
  });

  it('the example scenario and generated scenarios validate cleanly', () => {
    const example = validateScenario(
      readFileSync('scenarios/example.json', 'utf8'),
      'scenarios/example.json',
    );
    expect(example.problems).toEqual([]);
    for (const n of [2, 7, 40, 300]) {
      const result = validateScenario(JSON.stringify(generateScenario(n, n * 13)), `gen-${n}.json`);
      expect(result.problems).toEqual([]);
    }
    expect(JSON.stringify(generateScenario(50, 1))).toBe(JSON.stringify(generateScenario(50, 1)));
    expect(generateScenario(50, 1).nodes).toHaveLength(50);
  });
});
