import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { tsxArgs } from './tsx';

const run = promisify(execFile);

async function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, tsxArgs('tools/validate.ts', ...args), {
      timeout: 120_000,
    });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code?: number; stdout?: string; stderr?: string };
    return { code: e.code ?? -1, stdout: e.stdout ?? '', stderr: e.stderr ?? '' };
  }
}

const STACK_FRAME = /^\s+at\s/m;

describe('validate CLI', () => {
  it('reports a bad file with position, code and fix, and exits 1', async () => {
    const r = await cli(['--no-assets', 'tests/fixtures/bad/missing-node.json']);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(
      'tests/fixtures/bad/missing-node.json:76:19 error [missing-node] $.nodes[0].choices[0].next: there is no node "aks"',
    );
    expect(r.stdout).toContain('    fix: Change it to "ask"');
    // The validator agrees with the analyzer: the fixture's walk-away ending can never happen.
    expect(r.stdout).toContain('warning [unreachable-ending] $.endings[1].id');
    expect(r.stdout).toMatch(/1 file checked: 1 error, 2 warnings \(\d+ ms\)/);
    expect(r.stdout + r.stderr).not.toMatch(STACK_FRAME);
  });

  it('names a missing path, exits 1, no stack trace', async () => {
    const r = await cli(['scenarios/does-not-exist.json']);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(
      'scenarios/does-not-exist.json error [missing-path]: no such file or directory',
    );
    expect(r.stdout + r.stderr).not.toMatch(STACK_FRAME);
  });

  it('exits 2 on a usage error', async () => {
    const r = await cli(['--frobnicate']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('unknown option --frobnicate');
  });

  it('prints JSON with --json; warnings alone exit 0', async () => {
    const r = await cli(['--json', '--no-assets', 'tests/fixtures/bad/unreachable-node.json']);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report).toMatchObject({ errors: 0, warnings: 1 });
    expect(report.files[0]).toMatchObject({ file: 'tests/fixtures/bad/unreachable-node.json', ok: true });
    expect(report.files[0].problems[0]).toMatchObject({ code: 'unreachable-node', line: 113, column: 13 });
  });
});
