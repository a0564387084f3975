/**
 * Issue 20, limits that cannot lock others out: client addresses through a trusted proxy, wrong
 * codes and tokens blocked per phone and per address (never a valid resume), the trainer key
 * limited on HTTP and on the socket, chosen keys that are too weak refused, a per-address
 * connection cap, and budgets shared by two processes through Redis.
 */
import { join } from 'node:path';
import { createClient } from 'redis';
import { io } from 'socket.io-client';
import { afterEach, describe, expect, it } from 'vitest';
import { clientAddress, parseTrustProxy } from '../../src/server/address';
import { Limits } from '../../src/server/limits';
import { weakKeyProblem } from '../../src/server/secrets';
import { type ServerOptions, startServer, trainerKeyHash } from '../../src/server/server';
import { SqliteStore } from '../../src/server/store/sqlite';
import { startProxy } from '../../tools/lib/sticky-proxy';
import { ROOT, TRAINER_KEY, tempDir, uuid } from './support';

type Reply = { ok: boolean; error?: { code: string; message: string } } & Record<string, unknown>;

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function serve(extra: Partial<ServerOptions> = {}) {
  const tmp = tempDir();
  const server = await startServer({
    port: 0,
    root: ROOT,
    dbFile: join(tmp.dir, 'closecall.db'),
    distDir: join(tmp.dir, 'dist'),
    trainerKey: TRAINER_KEY,
    log: () => {},
    ...extra,
  });
  cleanups.push(
    () => tmp.cleanup(),
    () => server.close(),
  );
  return server;
}

/** A socket.io client; `forwardedFor` is what a client behind another proxy would carry. */
async function phone(port: number, forwardedFor?: string) {
  const socket = io(`http://127.0.0.1:${port}`, {
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
    extraHeaders: forwardedFor ? { 'x-forwarded-for': forwardedFor } : {},
  });
  cleanups.push(() => {
    socket.disconnect();
  });
  await new Promise<void>((res, rej) => {
    socket.once('connect', () => res());
    socket.once('connect_error', rej);
  });
  return {
    socket,
    ask: (event: string, payload: unknown) =>
      socket.timeout(10_000).emitWithAck(event, payload) as Promise<Reply>,
  };
}

describe('client addresses', () => {
  it('believes X-Forwarded-For only from a trusted proxy, right to left', () => {
    const proxies = parseTrustProxy('10.0.0.0/8, loopback');
    expect(clientAddress('::ffff:127.0.0.1', '203.0.113.7', proxies)).toBe('203.0.113.7');
    // The client wrote a first entry itself: the proxy's own entry is what counts.
    expect(clientAddress('127.0.0.1', '1.2.3.4, 203.0.113.7, 10.1.1.1', proxies)).toBe('203.0.113.7');
    // Not a trusted proxy: the header is ignored.
    expect(clientAddress('198.51.100.2', '203.0.113.7', proxies)).toBe('198.51.100.2');
    expect(clientAddress('127.0.0.1', '203.0.113.7', null)).toBe('127.0.0.1');
    // A malformed hop stops the walk at the last trusted address.
    expect(clientAddress('127.0.0.1', 'not-an-ip', proxies)).toBe('127.0.0.1');
    expect(() => parseTrustProxy('10.0.0.0/33')).toThrow(/TRUST_PROXY/);
    expect(() => parseTrustProxy('proxy.example')).toThrow(/TRUST_PROXY/);
  });
});

describe('behind the sticky proxy', () => {
  it('an attacker guessing codes and tokens cannot stop another client joining or resuming', async () => {
    const server = await serve({ trustProxy: 'loopback' });
    const proxy = await startProxy({ port: 0, targets: [server.port] });
    cleanups.push(() => proxy.close());
    const host = await phone(proxy.port, '198.51.100.1');
    const created = await host.ask('host:create', {
      trainerKey: TRAINER_KEY,
      settings: { scenario: 'tutorial', mode: 'teams', teams: 2 },
    });
    const code = (created.state as { code: string }).code;
    const early = await phone(proxy.port, '203.0.113.7');
    const joined = await early.ask('player:join', { code, device: 'device-early' });
    expect(joined.ok).toBe(true);

    // The attacker (203.0.113.7, the same address as `early`) rotates devices and sockets.
    const codes: string[] = [];
    for (let s = 0; s < 8; s++) {
      const attacker = await phone(proxy.port, '203.0.113.7');
      for (let i = 0; i < 10; i++) {
        const r = await attacker.ask('player:join', { code: 'AAAAAA', device: `attacker-${s}-${i}` });
        codes.push(r.error!.code);
        const t = await attacker.ask('player:resume', { playerToken: 'x'.repeat(43), lastSeq: 0 });
        codes.push(t.error!.code);
      }
    }
    expect(codes).toContain('rate-limited');
    expect(codes.at(-1)).toBe('rate-limited');

    // Another client, another address: joins at once.
    const other = await phone(proxy.port, '192.0.2.50');
    expect((await other.ask('player:join', { code, device: 'device-other' })).ok).toBe(true);
    // A phone at the blocked address resumes with its valid token.
    const again = await phone(proxy.port, '203.0.113.7');
    const resumed = await again.ask('player:resume', { playerToken: joined.playerToken, lastSeq: 0 });
    expect(resumed.ok).toBe(true);
    // And the host resumes too.
    const hostAgain = await phone(proxy.port, '203.0.113.7');
    expect((await hostAgain.ask('host:resume', { hostToken: created.hostToken, lastSeq: 0 })).ok).toBe(true);
  }, 60_000);

  it('one phone mistyping codes behind a shared address is blocked alone', async () => {
    const server = await serve({ trustProxy: 'loopback' });
    const host = await phone(server.port);
    const created = await host.ask('host:create', {
      trainerKey: TRAINER_KEY,
      settings: { scenario: 'tutorial', mode: 'teams', teams: 2 },
    });
    const code = (created.state as { code: string }).code;
    const clumsy = await phone(server.port, '203.0.113.9');
    const replies: string[] = [];
    for (let i = 0; i < 12; i++) {
      replies.push((await clumsy.ask('player:join', { code: 'AAAAAA', device: 'clumsy-phone' })).error!.code);
    }
    expect(replies.slice(0, 10).every((c) => c === 'not-found')).toBe(true);
    expect(replies.at(-1)).toBe('rate-limited');
    const blocked = await clumsy.ask('player:join', { code, device: 'clumsy-phone' });
    expect(blocked.error?.code).toBe('rate-limited');
    expect(blocked.error?.message).toMatch(/wait \d+ seconds/);
    // A classmate behind the same NAT.
    const classmate = await phone(server.port, '203.0.113.9');
    expect((await classmate.ask('player:join', { code, device: 'classmate-phone' })).ok).toBe(true);
  });
});

describe('the trainer key', () => {
  it('is limited per address over HTTP and on the socket; another address is not', async () => {
    const server = await serve({ trustProxy: 'loopback' });
    const get = (key: string, from: string) =>
      fetch(`${server.url}api/sessions`, {
        headers: { authorization: `Bearer ${key}`, 'x-forwarded-for': from },
      });
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) statuses.push((await get(`wrong-key-${i}-xxxxxxxx`, '203.0.113.20')).status);
    expect(statuses.slice(0, 10)).toEqual(Array(10).fill(401));
    expect(statuses[10]).toBe(429);
    const right = await get(TRAINER_KEY, '203.0.113.20');
    expect(right.status).toBe(429);
    expect(Number(right.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await right.json()).error.code).toBe('rate-limited');
    // The socket shares the address's key budget.
    const sock = await phone(server.port, '203.0.113.20');
    const create = await sock.ask('host:create', {
      trainerKey: TRAINER_KEY,
      settings: { scenario: 'tutorial', mode: 'teams' },
    });
    expect(create.error?.code).toBe('rate-limited');
    // The trainer at another address is not affected.
    expect((await get(TRAINER_KEY, '198.51.100.30')).status).toBe(200);
    const trainer = await phone(server.port, '198.51.100.30');
    expect(
      (
        await trainer.ask('host:create', {
          trainerKey: TRAINER_KEY,
          settings: { scenario: 'tutorial', mode: 'teams' },
        })
      ).ok,
    ).toBe(true);
  });

  it('wrong keys on the socket count too', async () => {
    const server = await serve();
    const sock = await phone(server.port);
    const codes: string[] = [];
    for (let i = 0; i < 11; i++) {
      const r = await sock.ask('host:create', {
        trainerKey: `not-the-key-${i}`,
        settings: { scenario: 'tutorial', mode: 'teams' },
      });
      codes.push(r.error!.code);
    }
    expect(codes.slice(0, 10).every((c) => c === 'unauthorized')).toBe(true);
    expect(codes[10]).toBe('rate-limited');
  });

  it('a chosen key that is too weak is refused at start', async () => {
    expect(weakKeyProblem('short-key')).toMatch(/at least 16/);
    expect(weakKeyProblem('Password12345678')).toMatch(/common password/);
    expect(weakKeyProblem('trainer-key-2026-closecall')).toMatch(/common password/);
    expect(weakKeyProblem('aaaaaaaaaaaaaaaaaaaa')).toMatch(/different characters/);
    expect(weakKeyProblem('1234567890123456')).toMatch(/letters|different/);
    expect(weakKeyProblem(TRAINER_KEY)).toBeNull();
    expect(weakKeyProblem('v7Rk-pLm2-Qz9x-Wt4b')).toBeNull();
    const tmp = tempDir();
    cleanups.push(() => tmp.cleanup());
    const store = new SqliteStore(join(tmp.dir, 'k.db'));
    cleanups.push(() => store.close());
    await expect(trainerKeyHash(store, 'password-password')).rejects.toThrow(/too weak/);
    await expect(
      startServer({
        port: 0,
        root: ROOT,
        dbFile: join(tmp.dir, 's.db'),
        trainerKey: 'letmein-letmein!',
        log: () => {},
      }),
    ).rejects.toThrow(/CLOSECALL_TRAINER_KEY is too weak/);
  });
});

describe('connections per address', () => {
  it('refuses connections over the cap with connect_error rate-limited, and takes them again after one closes', async () => {
    const server = await serve({ limits: { connectionsPerAddress: 3 } });
    const open = [await phone(server.port), await phone(server.port), await phone(server.port)];
    const fourth = io(`http://127.0.0.1:${server.port}`, {
      transports: ['websocket'],
      reconnection: false,
      forceNew: true,
    });
    cleanups.push(() => {
      fourth.disconnect();
    });
    const err = await new Promise<Error & { data?: { code: string; message: string } }>((res) => {
      fourth.once('connect_error', res);
      fourth.once('connect', () => res(new Error('connected')));
    });
    expect(err.message).toBe('rate-limited');
    expect(err.data?.code).toBe('rate-limited');
    open[0]!.socket.disconnect();
    await new Promise((r) => setTimeout(r, 200));
    const fifth = await phone(server.port);
    expect(fifth.socket.connected).toBe(true);
  });

  it('a flood of new connections from one address is slowed', async () => {
    const server = await serve({ limits: { connectsPerAddress: 5 } });
    for (let i = 0; i < 5; i++) (await phone(server.port)).socket.disconnect();
    const sixth = io(`http://127.0.0.1:${server.port}`, {
      transports: ['websocket'],
      reconnection: false,
      forceNew: true,
    });
    cleanups.push(() => {
      sixth.disconnect();
    });
    const err = await new Promise<Error>((res) => {
      sixth.once('connect_error', res);
      sixth.once('connect', () => res(new Error('connected')));
    });
    expect(err.message).toBe('rate-limited');
  });
});

const REDIS_URL = process.env.REDIS_URL || 'redis://127.0.0.1:6379';

describe('shared through Redis', () => {
  it('two processes share one budget, and a block outlives a process', async () => {
    const clients = [createClient({ url: REDIS_URL }), createClient({ url: REDIS_URL })];
    try {
      for (const c of clients) await c.connect();
    } catch (err) {
      if (process.env.CLOSECALL_REQUIRE_PG === '1') throw err;
      return; // no Redis on this machine: the scale-out tests skip too
    }
    cleanups.push(async () => {
      for (const c of clients) await c.disconnect().catch(() => {});
    });
    const prefix = `cc_limits_test_${uuid().slice(0, 8)}`;
    const a = new Limits({ redis: clients[0], prefix });
    const b = new Limits({ redis: clients[1], prefix });
    for (let i = 0; i < 5; i++) await a.wrongKey('203.0.113.40', 'test');
    for (let i = 0; i < 4; i++) await b.wrongKey('203.0.113.40', 'test');
    expect((await a.mayTryKey('203.0.113.40')).ok).toBe(true);
    await b.wrongKey('203.0.113.40', 'test');
    const blocked = await a.mayTryKey('203.0.113.40');
    expect(blocked).toMatchObject({ ok: false });
    // A process started now (a restart) knows the offender.
    const c = new Limits({ redis: clients[1], prefix });
    expect((await c.mayTryKey('203.0.113.40')).ok).toBe(false);
    expect((await c.mayTryKey('203.0.113.41')).ok).toBe(true);
    const keys = await clients[0]!.keys(`${prefix}:*`);
    if (keys.length > 0) await clients[0]!.del(keys);
  });

  it('the block grows for the same offender only, and says so in the log', async () => {
    const lines: string[] = [];
    const limits = new Limits({ settings: { keyFailures: 2, blockSeconds: 1 }, log: (l) => lines.push(l) });
    for (let i = 0; i < 2; i++) await limits.wrongKey('203.0.113.50', 'HTTP');
    expect(await limits.mayTryKey('203.0.113.50')).toMatchObject({ ok: false, retryAfterSeconds: 1 });
    expect((await limits.mayTryKey('203.0.113.51')).ok).toBe(true);
    await new Promise((r) => setTimeout(r, 1_100));
    expect((await limits.mayTryKey('203.0.113.50')).ok).toBe(true);
    for (let i = 0; i < 2; i++) await limits.wrongKey('203.0.113.50', 'HTTP');
    expect(await limits.mayTryKey('203.0.113.50')).toMatchObject({ ok: false, retryAfterSeconds: 2 });
    // Another address starts from the first block.
    for (let i = 0; i < 2; i++) await limits.wrongKey('203.0.113.51', 'socket');
    expect(lines).toEqual([
      'Limit: 203.0.113.50 blocked from the trainer key for 1 s after wrong keys (HTTP).',
      'Limit: 203.0.113.50 blocked from the trainer key for 2 s after wrong keys (HTTP).',
      'Limit: 203.0.113.51 blocked from the trainer key for 1 s after wrong keys (socket).',
    ]);
  });
});
