import { describe, expect, it } from 'vitest';
import { analyzeScenario, Scenario } from '../../../src/engine';
import { fixture } from '../../support/fixture';

describe('analyzeScenario', () => {
  it('explores a small scenario exactly and reports every ending with its chance', () => {
    const a = analyzeScenario(fixture());
    expect(a.method).toBe('exact');
    expect(a.nodes).toBe(3);
    expect(a.paths).toBeGreaterThan(100);
    const total = a.endings.reduce((s, e) => s + e.chance, 0);
    expect(total).toBeCloseTo(1, 3);
    expect(a.score.min).toBeLessThanOrEqual(a.score.median);
    expect(a.score.median).toBeLessThanOrEqual(a.score.max);
    expect(a.bestPath.score).toBeGreaterThanOrEqual(a.worstPath.score);
    expect(a.bestPath.steps.at(-1)).toBeDefined();
  }, 180_000);

  it('finds a choice that changes nothing and an ending no path reaches', () => {
    const base = fixture();
    const input = JSON.parse(JSON.stringify(base));
    input.nodes[0].choices.push({ id: 'same', text: 'Hello again.', next: 'middle' });
    input.endings.push({
      id: 'never',
      outcome: 'withdrawn',
      title: 'Never',
      debrief: 'Never reached.',
      condition: { var: 'nothing', equals: true },
    });
    const a = analyzeScenario(Scenario.parse(input));
    expect(a.issues.map((i) => i.kind)).toContain('choice-changes-nothing');
    expect(a.issues.find((i) => i.kind === 'choice-changes-nothing')?.choice).toMatch(/^(a|same)$/);
    expect(a.endings.find((e) => e.id === 'never')?.reachable).toBe(false);
  }, 180_000);
});
