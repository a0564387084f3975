/**
 * Issue 20: messages emitted to one phone together (a reveal: the round's log entries, the reveal,
 * the state) reach it whole and in order, in fewer socket writes than messages; those emitted in
 * one turn of the event loop leave in one write, and a phone's whole round (the opening, its
 * vote's reply, the reveal) takes one write each. Counted on the server side of the phone's TCP
 * socket (a work counter, no timing).
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { RoomState } from '../../src/protocol/index';
import type { RunningServer } from '../../src/server/server';
import { ballotFor, boot, type Client, client, TRAINER_KEY, taskOf, uuid } from './support';

type TcpSocket = { _write: unknown; _writev: unknown };

/** The TCP socket under the server's side of the only phone socket connected now. */
async function serverSideTcp(s: RunningServer): Promise<TcpSocket> {
  const [socket] = await s.io.fetchSockets();
  return (
    s.io.sockets.sockets.get(socket!.id) as unknown as {
      conn: { transport: { socket: { _socket: TcpSocket } } };
    }
  ).conn.transport.socket._socket;
}

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
let host: Client | null = null;

afterEach(async () => {
  phone?.close();
  host?.close();
  host = null;
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

  it('leave in one write when emitted in the same turn', async () => {
    server = await boot(':memory:');
    phone = await client(server.url);
    const [socket] = await server.io.fetchSockets();
    const count = countWrites(await serverSideTcp(server));
    const sent = 6;
    for (let i = 1; i <= sent; i++) server.io.to(socket!.id).emit('room:action', { seq: i });
    await phone.waitFor<{ seq: number }>('room:action', (e) => e.seq === sent);
    expect(count.writes).toBe(1);
  });

  it("make one write for a round's opening, one for the vote's reply and one for the reveal", async () => {
    server = await boot(':memory:');
    host = await client(server.url);
    const created = await host.ask<{ ok: boolean; state: RoomState }>('host:create', {
      trainerKey: TRAINER_KEY,
      settings: { scenario: 'final-say', mode: 'teams', teams: 1, voteSeconds: 0, autoClose: true },
    });
    const code = created.state.code;
    const hostSocket = (await server.io.fetchSockets())[0]!.id;
    phone = await client(server.url);
    const joined = await phone.ask<{ ok: boolean; you: { team: string } }>('player:join', {
      code,
      name: 'Ada',
      device: 'device-ada',
    });
    expect(joined.ok).toBe(true);
    const phoneSocket = (await server.io.fetchSockets()).find((s) => s.id !== hostSocket)!;
    const tcp = (
      server.io.sockets.sockets.get(phoneSocket.id) as unknown as {
        conn: { transport: { socket: { _socket: TcpSocket } } };
      }
    ).conn.transport.socket._socket;
    // Go to the first round with a vote open (Start again on a round that opens in discussion).
    await host.ask('host:control', { id: uuid(), command: 'start' });
    let state = await phone.waitFor<RoomState>('room:state', (s) => s.round !== null);
    for (let i = 0; i < 20 && state.round!.status !== 'voting'; i++) {
      if (state.round!.status === 'discussion')
        await host.ask('host:control', { id: uuid(), command: 'start' });
      else if (state.round!.status === 'revealed')
        await host.ask('host:control', { id: uuid(), command: 'next' });
      const after = state.round!;
      state = await phone.waitFor<RoomState>(
        'room:state',
        (s) => s.round!.number > after.number || s.round!.status !== after.status,
      );
    }
    expect(state.round!.status).toBe('voting');
    // The round after this one: counted from its opening on.
    const task = taskOf(state, joined.you.team)!;
    const first = await phone.ask<{ ok: boolean }>('player:vote', {
      id: uuid(),
      round: state.round!.number,
      ballot: ballotFor(task),
    });
    expect(first).toEqual({ ok: true, duplicate: false });
    const revealed = state.round!.number;
    await phone.waitFor<RoomState>(
      'room:state',
      (s) => s.round!.number === revealed && s.round!.status === 'revealed',
    );
    const count = countWrites(tcp);
    const before = phone.events.length;
    await host.ask('host:control', { id: uuid(), command: 'next' });
    const opened = await phone.waitFor<RoomState>('room:state', (s) => s.round!.number === revealed + 1);
    await phone.waitFor('you:update');
    // A round that opens in discussion takes a second state when the host starts it.
    let writesAtOpen = 1;
    let voting = opened;
    if (opened.round!.status === 'discussion') {
      await host.ask('host:control', { id: uuid(), command: 'start' });
      voting = await phone.waitFor<RoomState>(
        'room:state',
        (s) => s.round!.number === revealed + 1 && s.round!.status === 'voting',
      );
      writesAtOpen = 2;
    }
    expect(count.writes).toBe(writesAtOpen);
    const reply = await phone.ask<{ ok: boolean }>('player:vote', {
      id: uuid(),
      round: voting.round!.number,
      ballot: ballotFor(taskOf(voting, joined.you.team)!),
    });
    expect(reply.ok).toBe(true);
    await phone.waitFor<RoomState>(
      'room:state',
      (s) => s.round!.number === revealed + 1 && s.round!.status === 'revealed',
    );
    const got = phone.events.slice(before).map((e) => e.event);
    expect(got.filter((e) => e === 'room:reveal')).toHaveLength(1);
    // The last vote closes the round: its reply, the log entries, the reveal and the state go in
    // the same turn, so in one write.
    expect(count.writes).toBe(writesAtOpen + 1);
  });
});
