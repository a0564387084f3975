/**
 * Issue 20: messages emitted to one phone together (a reveal: the round's log entries, the reveal,
 * the state) reach it whole and in order, in fewer socket writes than messages. Counted on the
 * server side of the phone's TCP socket (a work counter, no timing).
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../src/server/server';
import { boot, type Client, client } from './support';

/** Counts the writes (and vectored writes) a TCP socket makes from now on. */
function countWrites(tcp: { _write: unknown; _writev: unknown }): { writes: number } {
  const count = { writes: 0 };
  for (const name of ['_write', '_writev'] as const) {
    const original = tcp[name] as (...args: unknown[]) => unknown;
    tcp[name] = function (this: unknown, ...args: unknown[]) {
      count.writes++;
      return original.apply(this, args);
    };
  }
  return count;
}

let server: RunningServer | null = null;
let phone: Client | null = null;

afterEach(async () => {
  phone?.close();
  await server?.close();
  server = null;
  phone = null;
});

describe('messages sent to a phone together', () => {
  it('arrive whole and in order, in fewer socket writes than messages', async () => {
    server = await boot(':memory:');
    phone = await client(server.url);
    const [socket] = await server.io.fetchSockets();
    const conn = (
      server.io.sockets.sockets.get(socket!.id) as unknown as {
        conn: { transport: { socket: { _socket: { _write: unknown; _writev: unknown } } } };
      }
    ).conn;
    const count = countWrites(conn.transport.socket._socket);
    const sent = 20;
    for (let i = 1; i <= sent; i++) {
      server.io.to(socket!.id).emit('room:action', { seq: i, text: 'x'.repeat(200) });
    }
    await phone.waitFor<{ seq: number }>('room:action', (e) => e.seq === sent);
    const seqs = phone.events
      .filter((e) => e.event === 'room:action')
      .map((e) => (e.payload as { seq: number }).seq);
    expect(seqs).toEqual(Array.from({ length: sent }, (_, i) => i + 1));
    // The first goes out at once; the rest wait while it is written and then leave together.
    expect(count.writes).toBeGreaterThan(0);
    expect(count.writes).toBeLessThanOrEqual(3);
  });
});
