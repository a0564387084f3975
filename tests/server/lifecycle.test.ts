/**
 * Issue 20, rooms end: a room nobody uses ends after the idle limit, is written as ended and is
 * not reopened at the next start; a server process stops within a few seconds of SIGTERM, with
 * a phone connected, after handing its rooms over.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { io } from 'socket.io-client';
import { afterEach, describe, expect, it } from 'vitest';
import type { RoomState } from '../../src/protocol/index';
import { startServer } from '../../src/server/server';
import { SqliteStore } from '../../src/server/store/sqlite';
import { client, ROOT, TRAINER_KEY, tempDir } from './support';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function serve(dbFile: string, idleMinutes?: number, lines: string[] = []) {
  const server = await startServer({
    port: 0,
    root: ROOT,
    dbFile,
    distDir: join(ROOT, 'dist'),
    trainerKey: TRAINER_KEY,
    idleMinutes,
    log: (l) => lines.push(l),
  });
  cleanups.push(() => server.close());
  return server;
}

async function openRoom(url: string) {
  const host = await client(url);
  const phone = await client(url);
  cleanups.push(
    () => host.close(),
    () => phone.close(),
  );
  const created = await host.ask<{ state: RoomState }>('host:create', {
    trainerKey: TRAINER_KEY,
    settings: { scenario: 'tutorial', mode: 'teams', teams: 2 },
  });
  const code = created.state.code;
  const joined = await phone.ask<{ ok: boolean }>('player:join', { code, device: 'device-idle' });
  expect(joined.ok).toBe(true);
  return { host, phone, code, session: created.state.session };
}

describe('idle rooms', () => {
  it('end after the idle limit: phones see it, the record says ended, no one can join', async () => {
    const tmp = tempDir();
    cleanups.push(() => tmp.cleanup());
    const lines: string[] = [];
    // 0.005 minutes = 300 ms
    const server = await serve(join(tmp.dir, 'c.db'), 0.005, lines);
    const { phone, code, session } = await openRoom(server.url);
    expect(await server.rooms.sweep()).toBe(0); // just used
    await new Promise((r) => setTimeout(r, 400));
    expect(await server.rooms.sweep()).toBe(1);
    await phone.waitFor<RoomState>('room:state', (s) => s.status === 'ended');
    const row = (await server.store.listSessions()).find((s) => s.id === session)!;
    expect(row.status).toBe('ended');
    expect(row.endedAt).not.toBeNull();
    expect(lines.some((l) => l.startsWith(`Room ${code} ended: nothing happened in it for`))).toBe(true);
    const late = await client(server.url);
    cleanups.push(() => late.close());
    const r = await late.ask<{ ok: boolean; error: { code: string } }>('player:join', {
      code,
      device: 'device-late',
    });
    expect(r.error.code).toBe('room-ended');
  });

  it('a room left open and idle is written as ended at the next start, not reopened', async () => {
    const tmp = tempDir();
    cleanups.push(() => tmp.cleanup());
    const db = join(tmp.dir, 'c.db');
    const first = await serve(db);
    const { session, host, phone } = await openRoom(first.url);
    host.close();
    phone.close();
    await first.close();
    await new Promise((r) => setTimeout(r, 200));
    const lines: string[] = [];
    const second = await serve(db, 0.001, lines);
    expect(second.restored).toBe(0);
    expect(second.rooms.size).toBe(0);
    expect(lines.some((l) => /ended: idle since .*; not reopened/.test(l))).toBe(true);
    await second.close();
    const store = new SqliteStore(db);
    cleanups.push(() => store.close());
    expect((await store.openSessionIds()).includes(session)).toBe(false);
    // And a third start has nothing to reopen or end.
    const third = await serve(db);
    expect(third.restored).toBe(0);
  });

  it('a room in use is reopened at start as before', async () => {
    const tmp = tempDir();
    cleanups.push(() => tmp.cleanup());
    const db = join(tmp.dir, 'c.db');
    const first = await serve(db);
    await openRoom(first.url);
    await first.close();
    const second = await serve(db);
    expect(second.restored).toBe(1);
  });
});

describe('SIGTERM', () => {
  it('a server with a room and a connected phone exits within a few seconds', async () => {
    const tmp = tempDir();
    cleanups.push(() => tmp.cleanup());
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      PORT: '0',
      HOST: '127.0.0.1',
      CLOSECALL_DB: join(tmp.dir, 'sig.db'),
      CLOSECALL_TRAINER_KEY: TRAINER_KEY,
    };
    delete env.REDIS_URL;
    delete env.DATABASE_URL;
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', join(ROOT, 'src', 'server', 'cluster', 'node.ts')],
      {
        cwd: ROOT,
        env,
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    cleanups.push(() => {
      if (child.exitCode === null) child.kill('SIGKILL');
    });
    let out = '';
    const url = await new Promise<string>((resolve, reject) => {
      const t = setTimeout(() => reject(new Error(`no start: ${out}`)), 30_000);
      child.stdout.on('data', (d) => {
        out += d;
        const m = /running at (http:\/\/[^\s]+) /.exec(out);
        if (m) {
          clearTimeout(t);
          resolve(m[1]!);
        }
      });
    });
    const { phone } = await openRoom(url);
    const dropped = new Promise<void>((r) => phone.socket.once('disconnect', () => r()));
    // A second, idle keep-alive HTTP connection must not hold the process either.
    const idle = io(url, { transports: ['polling'], reconnection: false, forceNew: true });
    cleanups.push(() => {
      idle.disconnect();
    });
    await new Promise<void>((r) => idle.once('connect', () => r()));
    const started = Date.now();
    const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
    child.kill('SIGTERM');
    const code = await exited;
    const took = Date.now() - started;
    await dropped;
    expect(code).toBe(0);
    expect(took).toBeLessThan(5_000);
    expect(out).toMatch(/Stopped in \d+ ms\./);
  }, 60_000);
});
