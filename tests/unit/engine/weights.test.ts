/**
 * Every number that shapes a response is data with a source (issue #8 item 1): the model code
 * holds no numeric literal but 0, 1 or an index, and every weight names its source.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { WEIGHTS } from '../../../src/engine';

const DATA = new Set(['weights.ts', 'traits.ts']);
const files = [
  ...readdirSync('src/engine/model')
    .filter((f) => f.endsWith('.ts') && !DATA.has(f))
    .map((f) => join('src/engine/model', f)),
  'src/engine/scoring.ts',
  'src/engine/runtime/counterfactuals.ts',
];

/** Numeric literals outside comments and strings. */
function literals(source: string): string[] {
  const code = source
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/\/\/.*$/gm, '')
    .replace(/`(?:[^`\\]|\\.)*`/g, '``')
    .replace(/'(?:[^'\\]|\\.)*'/g, "''");
  return [...code.matchAll(/(?<![\w.$])(\d+(?:\.\d+)?(?:e-?\d+)?)(?![\w])/g)].map((m) => m[1]!);
}

describe('weights are data', () => {
  it('the model code holds no numeric literal but 0 or 1', () => {
    for (const file of files) {
      const bad = literals(readFileSync(file, 'utf8')).filter((n) => n !== '0' && n !== '1');
      expect(bad, file).toEqual([]);
    }
  });

  it('every weight has a source, and a study weight says how it was converted or is authored', () => {
    for (const [name, w] of Object.entries(WEIGHTS)) {
      expect(w.source.length, name).toBeGreaterThan(3);
      expect(w.note.length, name).toBeGreaterThan(3);
      expect(Number.isFinite(w.value), name).toBe(true);
      const authored = w.source.startsWith('authored assumption');
      if (!authored) expect(w.conversion, `${name} cites a study but gives no conversion`).toBeTruthy();
    }
  });
});

describe('default traits by kind', () => {
  it('every default trait of every kind has its reason', async () => {
    const { KIND_TRAITS, KIND_TRAIT_REASONS } = await import('../../../src/engine/model/traits');
    for (const [kind, traits] of Object.entries(KIND_TRAITS)) {
      for (const trait of Object.keys(traits)) {
        const reason = KIND_TRAIT_REASONS[kind as keyof typeof KIND_TRAITS][trait as keyof typeof traits];
        expect(reason, `${kind}.${trait}`).toMatch(/\w{4,}.*\w{4,}/);
      }
    }
  });
});
