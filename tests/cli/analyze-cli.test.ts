/** The analyzer's command line: same JSON for the same input, a clear error for a missing file. */
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { tsxArgs } from './tsx';

describe('analyze CLI', () => {
  it('gives byte-identical JSON for the same input, from the command line', () => {
    const run = () =>
      execFileSync(
        process.execPath,
        tsxArgs('tools/analyze.ts', '--json', 'tests/fixtures/valid/minimal.json'),
        {
          encoding: 'utf8',
        },
      );
    const first = run();
    expect(run()).toBe(first);
    const report = JSON.parse(first.trim());
    for (const field of ['scenario', 'nodes', 'paths', 'endings', 'score', 'bestPath', 'issues'])
      expect(report).toHaveProperty(field);
    expect(report.endings[0]).toHaveProperty('reachable');
    expect(report.endings[0]).toHaveProperty('chance');
  });

  it('fails clearly on a missing file', () => {
    let stderr = '';
    try {
      execFileSync(process.execPath, tsxArgs('tools/analyze.ts', 'scenarios/no-such.json'), {
        encoding: 'utf8',
        stdio: 'pipe',
      });
    } catch (e) {
      stderr = String((e as { stderr: string }).stderr);
    }
    expect(stderr).toContain('no such file');
    expect(stderr).not.toMatch(/\n\s+at /);
  });
});
