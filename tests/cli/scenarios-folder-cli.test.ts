/**
 * CLOSECALL_SCENARIOS names an author's own folder: `npm run new`, `npm run import` and a bare
 * `npm run validate` all use it (they wrote to or read the project's scenarios/ whatever it said),
 * and the files they write point `$schema` at the project's schema from wherever they are.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { tsxArgs } from './tsx';

const run = promisify(execFile);
const dir = mkdtempSync(join(tmpdir(), 'closecall-own-'));
const env = { ...process.env, CLOSECALL_SCENARIOS: dir };
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function tool(script: string, args: string[]): Promise<{ code: number; out: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, tsxArgs(script, ...args), {
      env,
      timeout: 120_000,
    });
    return { code: 0, out: stdout + stderr };
  } catch (err) {
    const e = err as { code?: number; stdout?: string; stderr?: string };
    return { code: e.code ?? -1, out: (e.stdout ?? '') + (e.stderr ?? '') };
  }
}

const schemaOf = (file: string) => (JSON.parse(readFileSync(file, 'utf8')) as { $schema: string }).$schema;

describe('CLOSECALL_SCENARIOS', () => {
  it('new writes into the folder, with a $schema that reaches the project schema', async () => {
    const r = await tool('tools/new.ts', ['own-starter']);
    expect(r.code, r.out).toBe(0);
    const file = join(dir, 'own-starter.json');
    expect(existsSync(file)).toBe(true);
    expect(existsSync('scenarios/own-starter.json')).toBe(false);
    const ref = schemaOf(file);
    expect(ref).not.toBe('./scenario.schema.json');
    expect(resolve(dirname(file), ref)).toBe(resolve('scenarios/scenario.schema.json'));
  });

  it('import writes the story into the folder', async () => {
    const r = await tool('tools/import-twine.ts', ['tests/fixtures/twine/shop-floor.twee']);
    expect(r.code, r.out).toBe(0);
    const file = join(dir, 'shop-floor.json');
    expect(existsSync(file)).toBe(true);
    expect(resolve(dirname(file), schemaOf(file))).toBe(resolve('scenarios/scenario.schema.json'));
  });

  it('a bare validate checks the folder, not the library', async () => {
    writeFileSync(join(dir, 'broken.json'), '{ "formatVersion": 1 }\n');
    const r = await tool('tools/validate.ts', ['--no-assets']);
    expect(r.code).toBe(1);
    expect(r.out).toContain('broken.json');
    expect(r.out).not.toContain('01-final-say');
    expect(r.out).toMatch(/3 files checked/);
  });
});
