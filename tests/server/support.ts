/** Helpers for the server tests: a server on a free loopback port and socket.io clients that wait for replies. */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { io, type Socket } from 'socket.io-client';
import type { Ballot, RoomState, Task } from '../../src/protocol/index';
import { type RunningServer, startServer } from '../../src/server/server';

export const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));
export const TRAINER_KEY = 'server-tests-Kestrel-Lantern-58';

export function tempDir(): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'closecall-server-'));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export async function boot(dbFile: string, distDir?: string): Promise<RunningServer> {
  return startServer({
    port: 0,
    root: ROOT,
    dbFile,
    distDir: distDir ?? join(ROOT, 'dist'),
    trainerKey: TRAINER_KEY,
    log: () => {},
  });
}

export interface Client {
  socket: Socket;
  events: { event: string; payload: unknown }[];
  ask<T = Record<string, unknown>>(event: string, payload: unknown): Promise<T>;
  waitFor<T = unknown>(event: string, pred?: (p: T) => boolean, timeoutMs?: number): Promise<T>;
  close(): void;
}

export async function client(url: string): Promise<Client> {
  const socket = io(url, { transports: ['websocket'], reconnection: false, forceNew: true });
  const events: { event: string; payload: unknown }[] = [];
  const waiters: { event: string; pred: (p: unknown) => boolean; done: (p: unknown) => void }[] = [];
  socket.onAny((event: string, payload: unknown) => {
    events.push({ event, payload });
    for (const w of [...waiters]) {
      if (w.event === event && w.pred(payload)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.done(payload);
      }
    }
  });
  await new Promise<void>((res, rej) => {
    socket.once('connect', () => res());
    socket.once('connect_error', rej);
  });
  return {
    socket,
    events,
    ask: (event, payload) => socket.timeout(20_000).emitWithAck(event, payload) as Promise<never>,
    waitFor: (event, pred = () => true, timeoutMs = 20_000) =>
      new Promise((res, rej) => {
        const seen = events.find((e) => e.event === event && pred(e.payload as never));
        if (seen) return res(seen.payload as never);
        const t = setTimeout(() => rej(new Error(`timed out waiting for ${event}`)), timeoutMs);
        waiters.push({
          event,
          pred: pred as (p: unknown) => boolean,
          done: (p) => {
            clearTimeout(t);
            res(p as never);
          },
        });
      }),
    close: () => socket.disconnect(),
  };
}

export const uuid = () => randomUUID();

/** A ballot for a task: `pick` chooses among option ids (default: the first that is not the close). */
export function ballotFor(task: Task, pick?: (ids: string[]) => string): Ballot {
  if (task.kind === 'close') {
    const c = task.close!;
    return {
      type: 'close',
      form: c.forms[0]!.form,
      delivery: c.deliveries[0]!.delivery,
      points: c.points.slice(0, 1).map((p) => p.id),
      leverage: null,
      commit: false,
    };
  }
  const ids = task.options.map((o) => o.id);
  return { type: 'option', option: pick ? pick(ids) : (ids.find((i) => i !== 'close') ?? ids[0]!) };
}

export function taskOf(state: RoomState, team: string): Task | undefined {
  return state.round?.tasks.find((t) => t.team === team);
}
