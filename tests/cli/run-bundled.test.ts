/**
 * `npm run bench` runs as one bundle of the project's code (tools/run-bundled.mjs), compiled as
 * the browser gets it: without tsx's `keepNames` wrappers, with each file's own place kept for the
 * paths it finds from there, and with its arguments where a command line looks for them.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
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
    // It ran from a bundle that holds the engine, compiled without the helper tsx wraps every
    // function in, and the bundle is gone once the run has ended.
    expect(seen.running).toMatch(/node_modules[\\/]\.cache[\\/]closecall[\\/]probe\.\d+\.bundle\.mjs$/);
    expect(seen.bundlesEngine).toBe(true);
    expect(seen.keepNames).toBe(false);
    expect(existsSync(seen.running)).toBe(false);
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

  it('names a missing entry file in one line, without a stack', () => {
    let status = 0;
    let stderr = '';
    try {
      execFileSync(process.execPath, ['tools/run-bundled.mjs', 'tools/no-such-tool.ts'], {
        encoding: 'utf8',
        stdio: 'pipe',
      });
    } catch (e) {
      status = (e as { status: number }).status;
      stderr = String((e as { stderr: string }).stderr);
    }
    expect(status).toBe(2);
    expect(stderr.trim()).toBe('run-bundled: no such file: tools/no-such-tool.ts');
  });
});
