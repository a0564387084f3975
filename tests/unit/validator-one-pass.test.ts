import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { analyzeScenario, Scenario, validateScenario } from '../../src/engine';
import { fixture } from '../support/fixture';

const example = () => JSON.parse(readFileSync('scenarios/example.json', 'utf8'));
const codes = (text: string) =>
  validateScenario(text, 'test.json').problems.map((p) => `${p.code} ${p.path}`);

describe('the validator reports every problem in one pass', () => {
  it('reports a misspelt key and a link to no node together', () => {
    const s = example();
    s.nodes[0].choices[0].effects.keeness = 0.05;
    s.nodes[4].next = 'no-such-node';
    const found = codes(JSON.stringify(s, null, 2));
    expect(found).toContain('unknown-key $.nodes[0].choices[0].effects.keeness');
    expect(found).toContain('missing-node $.nodes[4].next');
  });

  it('reports a wrong value, a missing field and graph problems together, each at its place', () => {
    const s = example();
    s.nodes[1].moment = 'end-game';
    delete s.nodes[2].choices[0].text;
    s.nodes[3].choices[1].next = 'nowhere';
    s.closing.decisionMaker = 'nobody';
    const result = validateScenario(JSON.stringify(s, null, 2), 'test.json');
    expect(result.ok).toBe(false);
    const found = result.problems.map((p) => `${p.code} ${p.path}`);
    expect(found).toContain('invalid-value $.nodes[1].moment');
    expect(found).toContain('missing-field $.nodes[2].choices[0].text');
    expect(found).toContain('missing-node $.nodes[3].choices[1].next');
    expect(found).toContain('missing-decision-maker $.closing.decisionMaker');
    // Every problem still points at a real line of the file.
    for (const p of result.problems) expect(p.line).toBeGreaterThan(1);
  });

  it('says nothing about the stand-ins it used to read past a broken value', () => {
    const s = example();
    s.start = 42;
    const found = codes(JSON.stringify(s, null, 2));
    expect(found).toContain('wrong-type $.start');
    expect(found.filter((f) => f.endsWith('$.start'))).toHaveLength(1);
    expect(found.some((f) => f.startsWith('unreachable-node'))).toBe(false);
  });

  it('still reports a duplicate key with the graph problems', () => {
    const text = JSON.stringify(example(), null, 2).replace(
      '"start": "arrival"',
      '"start": "arrival", "start": "nowhere"',
    );
    const found = codes(text);
    expect(found.some((f) => f.startsWith('duplicate-key'))).toBe(true);
    expect(found).toContain('missing-node $.start');
  });
});

describe('the validator agrees with the analyzer on endings no play reaches', () => {
  it('flags an ending the engine never picks because another of its outcome always comes first', () => {
    const input = JSON.parse(JSON.stringify(fixture()));
    const rejection = input.endings.find((e: { outcome: string }) => e.outcome === 'rejection');
    input.endings.push({ ...rejection, id: 'second-rejection', title: 'Turned down again' });
    const analysis = analyzeScenario(Scenario.parse(input));
    expect(analysis.endings.find((e) => e.id === 'second-rejection')?.reachable).toBe(false);
    const result = validateScenario(JSON.stringify(input, null, 2), 'fixture.json');
    const warning = result.problems.find((p) => p.code === 'unreachable-ending');
    expect(warning?.path).toBe(`$.endings[${input.endings.length - 1}].id`);
    expect(warning?.message).toContain(`"${rejection.id}"`);
  }, 180_000);

  it('flags an ending named only by a node play never reaches', () => {
    const input = JSON.parse(JSON.stringify(fixture()));
    const rejection = input.endings.find((e: { outcome: string }) => e.outcome === 'rejection');
    input.endings.push({ ...rejection, id: 'orphan', title: 'Orphan' });
    input.nodes.push({
      id: 'island',
      moment: 'middle',
      lines: [{ id: 'island-line', speaker: 'dm', text: 'Nobody gets here.' }],
      ending: 'orphan',
    });
    const found = codes(JSON.stringify(input, null, 2));
    expect(found).toContain('unreachable-node $.nodes[3].id');
    expect(found).toContain(`unreachable-ending $.endings[${input.endings.length - 1}].id`);
  });

  it('passes every ending of the library (none is unreachable)', () => {
    for (const file of [
      'scenarios/example.json',
      'scenarios/00-tutorial.json',
      'scenarios/06-doorstep.json',
    ]) {
      const found = codes(readFileSync(file, 'utf8'));
      expect(found.filter((f) => f.startsWith('unreachable-ending'))).toEqual([]);
    }
  });
});
