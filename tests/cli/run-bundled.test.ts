/**
 * `npm run bench` runs as one bundle of the project's code (tools/run-bundled.mjs), compiled as
 * the browser gets it: without tsx's `keepNames` wrappers, with each file's own place kept for the
 * paths it finds from there, and with its arguments where a command line looks for them.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

describe('run-bundled', () => {
  it('runs a command line as a bundle, with its arguments, its own paths and no keepNames wrappers', () => {
    const out = execFileSync(
      process.execPath,
      ['tools/run-bundled.mjs', 'tests/fixtures/bundled/probe.ts', '--json', 'x y'],
      { encoding: 'utf8' },
    );
    const seen = JSON.parse(out.trim());
    expect(seen.args).toEqual(['--json', 'x y']);
    expect(seen.main).toBe(resolve('tests/fixtures/bundled/probe.ts'));
    expect(seen.scenarios).toBe(resolve('scenarios'));
    expect(seen.start).toBe(JSON.parse(readFileSync('scenarios/00-tutorial.json', 'utf8')).start);
    const bundle = readFileSync(join('node_modules', '.cache', 'closecall', 'probe.bundle.mjs'), 'utf8');
    // The engine is in the bundle, compiled without the helper tsx wraps every function in.
    expect(bundle).toContain('function initialState(');
    expect(bundle).not.toMatch(/__name\(/);
  });

  it('says how to use it when given no entry', () => {
    let status = 0;
    let stderr = '';
    try {
      execFileSync(process.execPath, ['tools/run-bundled.mjs'], { encoding: 'utf8', stdio: 'pipe' });
    } catch (e) {
      status = (e as { status: number }).status;
      stderr = String((e as { stderr: string }).stderr);
    }
    expect(status).toBe(2);
    expect(stderr).toContain('usage: node tools/run-bundled.mjs <entry.ts>');
  });
});
