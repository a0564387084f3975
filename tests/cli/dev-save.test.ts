/**
 * The map editor's save through the dev server: POST /__closecall/save?name=<file> writes the
 * text into the scenarios folder (CLOSECALL_SCENARIOS here, a temporary one), and the game then
 * reads it back; other names, other methods and text that is not JSON are refused.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const dir = mkdtempSync(join(tmpdir(), 'closecall-save-'));
let base = '';
let close: () => Promise<void> = async () => {};

beforeAll(async () => {
  process.env.CLOSECALL_SCENARIOS = dir;
  process.env.CLOSECALL_VITE_CACHE = join(dir, '.vite');
  const { createServer } = await import('vite');
  const server = await createServer({
    configFile: join(import.meta.dirname, '..', '..', 'vite.config.ts'),
    server: { port: 0, host: '127.0.0.1', hmr: false },
    logLevel: 'silent',
    optimizeDeps: { noDiscovery: true, include: [] },
  });
  await server.listen();
  const address = server.httpServer?.address();
  if (!address || typeof address === 'string') throw new Error('no address');
  base = `http://127.0.0.1:${address.port}`;
  close = () => server.close();
}, 120_000);

afterAll(async () => {
  await close();
  delete process.env.CLOSECALL_SCENARIOS;
  rmSync(dir, { recursive: true, force: true });
});

const save = (name: string, body: string, method = 'POST') =>
  fetch(`${base}/__closecall/save?name=${encodeURIComponent(name)}`, {
    method,
    ...(method === 'POST' ? { body } : {}),
  });

describe('saving from the map editor through the dev server', () => {
  it('writes the text as given, and the game reads it back', async () => {
    const text = '{\n  "formatVersion": 1,\n    "kept": "as written"\n}\n';
    const res = await save('mine.json', text);
    expect(res.status).toBe(200);
    expect(readFileSync(join(dir, 'mine.json'), 'utf8')).toBe(text);
    const back = await fetch(`${base}/scenarios/mine.json`);
    expect(await back.text()).toBe(text);
  });

  it('refuses names outside the folder, the catalogue, other methods and text that is not JSON', async () => {
    for (const name of [
      '../escape.json',
      'a/b.json',
      'index.json',
      'scenario.schema.json',
      'notes.txt',
      '.hidden.json',
    ]) {
      const res = await save(name, '{}');
      expect(res.status, name).toBe(400);
    }
    expect(existsSync(join(dir, '..', 'escape.json'))).toBe(false);
    expect((await save('x.json', '', 'GET')).status).toBe(405);
    const bad = await save('broken.json', '{ not json');
    expect(bad.status).toBe(400);
    expect(await bad.text()).toBe('the text is not JSON');
    expect(existsSync(join(dir, 'broken.json'))).toBe(false);
  });
});
