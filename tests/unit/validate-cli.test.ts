import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { validateFiles } from '../../tools/lib/validate-files';

const run = promisify(execFile);

async function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run('npx', ['tsx', 'tools/validate.ts', ...args], { timeout: 60_000 });
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
    expect(r.stdout).toMatch(/1 file checked: 1 error, 1 warning \(\d+ ms\)/);
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

describe('validateFiles', () => {
  it('expands directories and skips nothing but the schema', () => {
    const report = validateFiles(['tests/fixtures/bad'], { assetRoot: null });
    expect(report.files.length).toBeGreaterThanOrEqual(16);
    expect(report.files.every((f) => f.file.startsWith('tests/fixtures/bad/'))).toBe(true);
    expect(report.errors).toBeGreaterThan(10);
  });

  it('a directory with no JSON files is an error naming it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cc-empty-'));
    writeFileSync(join(dir, 'notes.txt'), 'hello');
    const report = validateFiles([dir]);
    expect(report.errors).toBe(1);
    expect(report.files[0]!.problems[0]).toMatchObject({ code: 'no-scenarios', line: 0, column: 0 });
    expect(report.files[0]!.problems[0]!.message).toContain(dir);
  });

  it('a missing path is an error naming it', () => {
    const report = validateFiles(['nope/missing.json']);
    expect(report.files[0]!.problems[0]).toMatchObject({ code: 'missing-path', file: 'nope/missing.json' });
  });

  it('validates every scenario by default, with assets', () => {
    const report = validateFiles([]);
    expect(report.files.some((f) => f.file === 'scenarios/example.json')).toBe(true);
    expect(report.files.some((f) => f.file.endsWith('scenario.schema.json'))).toBe(false);
  });
});
