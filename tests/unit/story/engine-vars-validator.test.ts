/** The validator knows the engine-set read-only variables. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { validateScenario } from '../../../src/engine/format/check';

const minimal = () => JSON.parse(readFileSync('tests/fixtures/valid/minimal.json', 'utf8'));
const check = (doc: unknown) => validateScenario(JSON.stringify(doc, null, 2), 'story.json');

describe('validator and engine variables', () => {
  it('reading an engine variable is never an unset variable', () => {
    const doc = minimal();
    doc.endings[0].condition = {
      all: [
        { var: 'closeCommitted', equals: true },
        { var: 'persistActs', atLeast: 2 },
        { var: 'closeForm', equals: 'statement-of-intent' },
        { var: 'doorShut', equals: false },
      ],
    };
    const result = check(doc);
    expect(result.ok).toBe(true);
    expect(result.problems).toEqual([]);
  });

  it('an effect that sets one is an error that names the fix', () => {
    const doc = minimal();
    doc.nodes[0].choices[0].effects = { ...doc.nodes[0].choices[0].effects, set: { closeMade: true } };
    const result = check(doc);
    expect(result.ok).toBe(false);
    const p = result.problems.find((x) => x.code === 'read-only-variable');
    expect(p).toMatchObject({ severity: 'error', path: '$.nodes[0].choices[0].effects.set.closeMade' });
    expect(p!.message).toContain('set by the engine');
    expect(p!.fix).toContain('Remove "closeMade"');
    expect(p!.line).toBeGreaterThan(1);
  });

  it('adding to one is an error too', () => {
    const doc = minimal();
    doc.nodes[0].choices[0].effects = { add: { persistActs: 1 } };
    const result = check(doc);
    expect(result.problems.find((x) => x.code === 'read-only-variable')?.path).toBe(
      '$.nodes[0].choices[0].effects.add.persistActs',
    );
  });

  it('a typo suggests the engine variable', () => {
    const doc = minimal();
    doc.endings[0].condition = { var: 'closeCommited', equals: true };
    const p = check(doc).problems.find((x) => x.code === 'unset-variable');
    expect(p?.message).toContain('did you mean "closeCommitted"');
    expect(p?.fix).toContain('"closeCommitted"');
  });

  it('a value the engine never sets is a warning with the values it does set', () => {
    const doc = minimal();
    doc.endings[0].condition = { var: 'closeForm', equals: 'statment-of-intent' };
    const p = check(doc).problems.find((x) => x.code === 'engine-variable-value');
    expect(p?.message).toContain('did you mean "statement-of-intent"');
    const doc2 = minimal();
    doc2.endings[0].condition = { var: 'closeMade', equals: 'yes' };
    expect(check(doc2).problems.find((x) => x.code === 'engine-variable-value')?.message).toContain(
      'boolean',
    );
  });

  it('conditions on reply lines and follow-up coaching are checked like any other', () => {
    const doc = minimal();
    doc.closing.responses.rejection[0].condition = { var: 'bluffExposd', equals: true };
    const p = check(doc).problems.find((x) => x.code === 'unset-variable');
    expect(p?.path).toBe('$.closing.responses.rejection[0].condition.var');
    expect(p?.message).toContain('did you mean "bluffExposed"');
  });
});
