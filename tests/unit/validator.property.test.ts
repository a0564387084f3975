import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { validateScenario } from '../../src/engine/format/check';
import type { ScenarioInput } from '../../src/engine/format/schema';
import { validScenario } from '../support/arbitraries';
import { runs } from '../support/runs';

type Json = Record<string, unknown>;

const errorsOf = (text: string) => {
  const result = validateScenario(text, 'prop.json');
  for (const p of result.problems) {
    expect(p.line).toBeGreaterThanOrEqual(1);
    expect(p.column).toBeGreaterThanOrEqual(1);
    expect(p.message.length).toBeGreaterThan(0);
    expect(p.fix.length).toBeGreaterThan(0);
  }
  return result.problems.filter((p) => p.severity === 'error');
};

const clone = (s: ScenarioInput) => JSON.parse(JSON.stringify(s)) as Json & ScenarioInput;

/** Required fields that can be deleted, as functions that delete one given the scenario. */
const deletions: ((s: Json & ScenarioInput, k: number) => void)[] = [
  (s) => {
    delete (s as Partial<Json>).start;
  },
  (s) => {
    delete (s.meta as Partial<Json>).title;
  },
  (s, k) => {
    delete (s.nodes[k % s.nodes.length] as Partial<Json>).id;
  },
  (s, k) => {
    delete (s.nodes[k % s.nodes.length] as Partial<Json>).lines;
  },
  (s) => {
    delete (s.closing as Partial<Json>).forms;
  },
  (s) => {
    delete (s.endings[0] as Partial<Json>).debrief;
  },
  (s) => {
    delete (s.decisionMakers[0] as Partial<Json>).portrait;
  },
];

const typeChanges: ((s: Json & ScenarioInput, k: number) => void)[] = [
  (s) => {
    (s.meta as Json).minutes = 'ten';
  },
  (s, k) => {
    (s.nodes[k % s.nodes.length] as Json).lines = 3;
  },
  (s) => {
    (s as Json).nodes = {};
  },
  (s, k) => {
    (s.nodes[k % s.nodes.length]!.lines[0] as Json).text = null;
  },
  (s) => {
    (s.candidate as Json).canAcceptOnSpot = 'yes';
  },
];

describe('validator properties', () => {
  it('valid generated scenarios have zero errors and zero warnings', () => {
    fc.assert(
      fc.property(validScenario, (s) => {
        const result = validateScenario(JSON.stringify(s, null, 2), 'prop.json');
        expect(result.problems).toEqual([]);
        expect(result.ok).toBe(true);
      }),
      runs(150),
    );
  });

  it('deleting a required field is an error', () => {
    fc.assert(
      fc.property(validScenario, fc.nat({ max: deletions.length - 1 }), fc.nat(), (s, which, k) => {
        const m = clone(s);
        deletions[which]!(m, k);
        expect(errorsOf(JSON.stringify(m, null, 2)).length).toBeGreaterThan(0);
      }),
      runs(120),
    );
  });

  it('changing a type is an error', () => {
    fc.assert(
      fc.property(validScenario, fc.nat({ max: typeChanges.length - 1 }), fc.nat(), (s, which, k) => {
        const m = clone(s);
        typeChanges[which]!(m, k);
        expect(errorsOf(JSON.stringify(m, null, 2)).length).toBeGreaterThan(0);
      }),
      runs(120),
    );
  });

  it('breaking a reference is a missing-node/missing-ending error', () => {
    fc.assert(
      fc.property(validScenario, fc.nat(), (s, k) => {
        const m = clone(s);
        const node = m.nodes[k % m.nodes.length]!;
        const choice = node.choices?.[0];
        if (node.next) node.next = 'no-such-node';
        else if (choice?.next) choice.next = 'no-such-node';
        else if (choice?.ending) choice.ending = 'no-such-ending';
        else if (node.ending) node.ending = 'no-such-ending';
        else m.start = 'no-such-node';
        const codes = errorsOf(JSON.stringify(m, null, 2)).map((p) => p.code);
        expect(codes.some((c) => c === 'missing-node' || c === 'missing-ending')).toBe(true);
      }),
      runs(120),
    );
  });

  it('duplicating an id is a duplicate-id error', () => {
    fc.assert(
      fc.property(validScenario, (s) => {
        const m = clone(s);
        if (m.nodes.length >= 2) m.nodes[1]!.id = m.nodes[0]!.id;
        else m.endings.push({ ...m.endings[0]!, title: 'Again' });
        expect(errorsOf(JSON.stringify(m, null, 2)).map((p) => p.code)).toContain('duplicate-id');
      }),
      runs(80),
    );
  });

  it('inserting garbage never throws', () => {
    fc.assert(
      fc.property(
        validScenario,
        fc.array(fc.tuple(fc.nat(), fc.string({ unit: 'binary', minLength: 1, maxLength: 6 })), {
          minLength: 1,
          maxLength: 4,
        }),
        (s, inserts) => {
          let text = JSON.stringify(s, null, 2);
          for (const [at, junk] of inserts) {
            const i = at % (text.length + 1);
            text = text.slice(0, i) + junk + text.slice(i);
          }
          expect(() => validateScenario(text, 'junk.json')).not.toThrow();
        },
      ),
      runs(200),
    );
  });

  it('structural garbage is always an error', () => {
    fc.assert(
      fc.property(
        validScenario,
        fc.nat(),
        fc.constantFrom('{', '}', ',,', '][', '\u0000', '/*'),
        (s, at, junk) => {
          const text = JSON.stringify(s, null, 2);
          // Insert between tokens (at a line start), where it cannot land inside a string.
          const starts = [...text.matchAll(/\n/g)].map((m) => (m.index ?? 0) + 1);
          const i = starts[at % starts.length]!;
          expect(errorsOf(text.slice(0, i) + junk + text.slice(i)).length).toBeGreaterThan(0);
        },
      ),
      runs(150),
    );
  });

  it('truncating the text is always an error', () => {
    fc.assert(
      fc.property(validScenario, fc.nat(), (s, at) => {
        const text = JSON.stringify(s, null, 2);
        const cut = at % text.lastIndexOf('}');
        const errors = errorsOf(text.slice(0, cut));
        expect(errors.length).toBeGreaterThan(0);
        expect(['json-syntax', 'empty-file']).toContain(errors[0]!.code);
      }),
      runs(200),
    );
  });
});
