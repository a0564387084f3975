import { execFileSync } from 'node:child_process';
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

  it('gives byte-identical JSON for the same input, from the command line', () => {
    const run = () =>
      execFileSync('npx', ['tsx', 'tools/analyze.ts', '--json', 'scenarios/00-tutorial.json'], {
        encoding: 'utf8',
      });
    const first = run();
    expect(run()).toBe(first);
    const report = JSON.parse(first.trim());
    for (const field of ['scenario', 'nodes', 'paths', 'endings', 'score', 'bestPath', 'issues'])
      expect(report).toHaveProperty(field);
    expect(report.endings[0]).toHaveProperty('reachable');
    expect(report.endings[0]).toHaveProperty('chance');
  }, 600_000);

  it('fails clearly on a missing file', () => {
    let stderr = '';
    try {
      execFileSync('npx', ['tsx', 'tools/analyze.ts', 'scenarios/no-such.json'], {
        encoding: 'utf8',
        stdio: 'pipe',
      });
    } catch (e) {
      stderr = String((e as { stderr: string }).stderr);
    }
    expect(stderr).toContain('no such file');
    expect(stderr).not.toMatch(/\n\s+at /);
    // Starting tsx alone can take over 30 s on a loaded 2-core machine; the test only reads stderr.
  }, 120_000);
});
