/**
 * Issue #13 item 5: the server survives hostile requests. A corpus of malformed paths and headers
 * is sent over raw TCP (so nothing on the client side cleans them up); every one gets a status
 * line, and the server keeps answering afterwards. Every response carries the CSP.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY, decodePath } from '../../src/server/http';
import type { RunningServer } from '../../src/server/server';
import { boot, TRAINER_KEY, tempDir } from './support';

let tmp: ReturnType<typeof tempDir>;
let server: RunningServer;

beforeAll(async () => {
  tmp = tempDir();
  const dist = join(tmp.dir, 'dist');
  mkdirSync(join(dist, 'assets'), { recursive: true });
  writeFileSync(join(dist, 'index.html'), '<!doctype html><title>game</title>');
  writeFileSync(join(dist, 'host.html'), '<!doctype html><title>host</title>');
  writeFileSync(join(dist, 'join.html'), '<!doctype html><title>join</title>');
  writeFileSync(join(dist, 'assets', 'app.js'), 'console.log(1)');
  writeFileSync(join(tmp.dir, 'secret.txt'), 'do not serve');
  server = await boot(join(tmp.dir, 'db', 'closecall.db'), dist);
});

afterAll(async () => {
  await server.close();
  tmp.cleanup();
});

/** Sends raw bytes and returns the status code of the reply (0 when the connection closed without one). */
function raw(request: string | Buffer): Promise<{ status: number; text: string }> {
  return new Promise((resolve) => {
    const sock = connect(server.port, '127.0.0.1');
    let data = '';
    sock.setTimeout(10_000, () => sock.destroy());
    sock.on('data', (d) => {
      data += d.toString('latin1');
    });
    sock.on('close', () => {
      const m = /^HTTP\/1\.[01] (\d{3})/.exec(data);
      resolve({ status: m ? Number(m[1]) : 0, text: data });
    });
    sock.on('error', () => {});
    sock.write(request);
  });
}

const get = (path: string, headers = '') =>
  raw(`GET ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n${headers}\r\n`);

describe('hostile requests', () => {
  it('answers malformed paths with 4xx and never serves outside dist/', async () => {
    const corpus: [string, number[]][] = [
      ['/%', [400]],
      ['/%E0%A4%A', [400]],
      ['/%ZZ', [400]],
      ['/%C0%AF', [400]],
      ['/%uD800', [400]],
      ['/a%00b', [400]],
      ['/%00', [400]],
      ['/..%2F..%2Fsecret.txt', [400, 404]],
      ['/../secret.txt', [400, 404]],
      ['/%2e%2e/secret.txt', [400, 404]],
      ['/assets/..%5C..%5Csecret.txt', [400, 404]],
      ['/join/%', [400]],
      ['/host%', [400]],
      ['/api/sessions/%', [400]],
      ['/api/sessions/..%2F..%2F', [401, 404]],
      ['/api/scenarios/%E2%80', [400]],
      ['/api/scenarios/__proto__', [404]],
      ['/api/scenarios/constructor', [404]],
      [`/${'a'.repeat(3000)}`, [414]],
      ['/?%', [200]],
      ['/index.html?key=%', [200]],
      ['*', [400]],
      ['http://evil.example/%', [400]],
      ['/%0d%0aSet-Cookie:%20x=1', [400]],
      ['/socket.io/?EIO=4&transport=polling&sid=%', [400]],
      ['/socket.io/%', [400]],
    ];
    for (const [path, allowed] of corpus) {
      const r = await get(path);
      expect(allowed, `${path.slice(0, 60)} -> ${r.status}`).toContain(r.status);
      expect(r.text).not.toContain('do not serve');
    }
  });

  it('answers hostile headers and request lines without dying', async () => {
    const requests: string[] = [
      `GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: ${'x'.repeat(20_000)}\r\nConnection: close\r\n\r\n`,
      'GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: -1\r\nConnection: close\r\n\r\n',
      'GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: chunked\r\nContent-Length: 5\r\nConnection: close\r\n\r\n0\r\n\r\n',
      'GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nBad Header\r\nConnection: close\r\n\r\n',
      'GET / HTTP/9.9\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n',
      'BREW / HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n',
      'POST /api/sessions HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}',
      'GET /api/sessions HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer \u00ff\u00fe\r\nConnection: close\r\n\r\n',
      `GET /api/sessions HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer ${'k'.repeat(5000)}\r\nConnection: close\r\n\r\n`,
      'GET /api/sessions HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Basic Og==\r\nConnection: close\r\n\r\n',
      'GET / HTTP/1.1\r\nHost: \r\nCookie: \u0000\r\nConnection: close\r\n\r\n',
      '\u0000\u0001\u0002 garbage\r\n\r\n',
      'GET /socket.io/?EIO=999&transport=websocket HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: bad\r\n\r\n',
    ];
    for (const req of requests) {
      const r = await raw(req);
      // A status line (4xx, or 200 where the request was in fact fine), or a closed connection for garbage.
      expect(
        r.status === 0 || (r.status >= 200 && r.status < 500),
        `${JSON.stringify(req.slice(0, 50))} -> ${r.status}`,
      ).toBe(true);
    }
    const ok = await fetch(`${server.url}api/health`);
    expect(await ok.json()).toEqual({ ok: true });
  });

  it('serves the pages with a Content-Security-Policy, and the API only with the trainer key', async () => {
    const pages: [string, string][] = [
      ['/', 'game'],
      ['/host', 'host'],
      ['/join', 'join'],
      ['/join/ACEFHJ', 'join'],
    ];
    for (const [path, title] of pages) {
      const res = await fetch(new URL(path, server.url));
      expect(res.status).toBe(200);
      expect(await res.text()).toContain(`<title>${title}</title>`);
      expect(res.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    }
    const missing = await fetch(new URL('/nope.js', server.url));
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self'");
    expect(CONTENT_SECURITY_POLICY).not.toContain('unsafe-eval');

    const scenarios = await (await fetch(new URL('/api/scenarios', server.url))).json();
    expect(scenarios.some((s: { id: string }) => s.id === 'tutorial')).toBe(true);
    expect((await fetch(new URL('/api/sessions', server.url))).status).toBe(401);
    const withKey = await fetch(new URL('/api/sessions', server.url), {
      headers: { authorization: `Bearer ${TRAINER_KEY}` },
    });
    expect(withKey.status).toBe(200);
    expect(await withKey.json()).toEqual([]);
    const unknown = await fetch(new URL('/api/sessions/abc/export.csv', server.url), {
      headers: { authorization: `Bearer ${TRAINER_KEY}` },
    });
    expect(unknown.status).toBe(404);
    // Where phones can reach the server: trainer only; this test server listens on 127.0.0.1 alone.
    expect((await fetch(new URL('/api/network', server.url))).status).toBe(401);
    const network = await fetch(new URL('/api/network', server.url), {
      headers: { authorization: `Bearer ${TRAINER_KEY}` },
    });
    expect(await network.json()).toEqual({
      urls: [server.url.replace(/\/$/, '')],
      loopbackOnly: true,
      public: false,
    });
  });

  it('the static server of the browser tests sends the same policy, and survives a bad escape', async () => {
    const { serveDir } = await import('../../tools/serve');
    const { server: s, url } = await serveDir(join(tmp.dir, 'dist'), 4900 + Math.floor(Math.random() * 90));
    try {
      expect((await fetch(`${url}%E0%A4%A`)).status).toBe(400);
      const ok = await fetch(url);
      expect(ok.status).toBe(200);
      expect(ok.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    } finally {
      await new Promise((r) => s.close(r));
    }
  });

  it('decodes paths strictly', () => {
    expect(decodePath('/join/ABC%20D')).toBe('/join/ABC D');
    expect(decodePath('/%')).toBeNull();
    expect(decodePath('/a%00')).toBeNull();
    expect(decodePath('relative')).toBeNull();
    expect(decodePath('/a\\b')).toBeNull();
  });
});
