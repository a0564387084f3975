/**
 * Scale-out mode end to end: two real server processes, a private Redis and Postgres (through a
 * TCP proxy the test can cut). Phones of one room on different processes see one log; a phone that
 * leaves on one process stops counting as connected on the other (shared presence); a process
 * killed mid-vote loses no acknowledged vote and counts none twice; Redis restarting mid-session;
 * Postgres briefly unreachable gives `unavailable` and nothing half-written. Loopback only.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LogEntry, PlayerInfo, Reveal, RoomState, You } from '../../src/protocol/index';
import { RECONNECT_GRACE_MS } from '../../src/server/room';
import {
  freePort,
  type NodeProcess,
  randomPrefix,
  startNode,
  tempDatabase,
} from '../../tools/lib/cluster-nodes';
import { haveRedisServer, type PrivateRedis, privateRedis, type TcpProxy, tcpProxy } from './cluster-support';
import { PG_URL, pgAvailable, REQUIRE_PG } from './pg-support';
import { ballotFor, type Client, client, TRAINER_KEY, taskOf, uuid } from './support';

type Ok<T> = { ok: true } & T;
type Fail = { ok: false; error: { code: string; message: string } };
type Reply<T = { duplicate: boolean }> = Ok<T> | Fail;

const ready = (await pgAvailable()) && haveRedisServer();
if (!ready && REQUIRE_PG) throw new Error('CLOSECALL_REQUIRE_PG=1 but redis-server is not installed.');

const VOTING = ['choose', 'close', 'follow-up', 'negotiate'];
const LONG = 240_000;

interface Phone {
  name: string;
  c: Client;
  token: string;
  you: You;
}

describe.skipIf(!ready)('scale-out: two processes, Redis and Postgres', () => {
  let db: { url: string; drop: () => Promise<void> };
  let redis: PrivateRedis;
  let pgProxy: TcpProxy;
  let a: NodeProcess;
  let b: NodeProcess;
  let env: Parameters<typeof startNode>[2];
  const clients: Client[] = [];
  let host: Client;
  let hostToken = '';
  let session = '';
  const phones: Phone[] = [];

  const connect = async (node: NodeProcess) => {
    const c = await client(node.url);
    clients.push(c);
    return c;
  };
  const control = (command: string, id = uuid(), h = host) => h.ask<Reply>('host:control', { id, command });
  const lastSeq = (c: Client) =>
    Math.max(0, ...c.events.filter((e) => e.event === 'room:action').map((e) => (e.payload as LogEntry).seq));
  const stateWhere = (c: Client, pred: (s: RoomState) => boolean) =>
    c.waitFor<RoomState>('room:state', pred, 60_000);

  /** Opens rounds until team t1 has a decision open (in the room of host `h`). */
  async function toVote(from: RoomState, h = host): Promise<RoomState> {
    let state = from;
    for (let i = 0; i < 30; i++) {
      const r = state.round!;
      if (r.status === 'discussion') {
        expect((await control('start', uuid(), h)).ok).toBe(true);
        state = await stateWhere(h, (s) => s.round?.number === r.number && s.round.status !== 'discussion');
      }
      const task = taskOf(state, 't1');
      if (state.round!.status === 'voting' && task && VOTING.includes(task.kind)) return state;
      if (state.round!.status !== 'revealed') await control('close-vote', uuid(), h);
      await stateWhere(h, (s) => s.round?.number === r.number && s.round.status === 'revealed');
      expect((await control('next', uuid(), h)).ok).toBe(true);
      state = await stateWhere(h, (s) => s.round?.number === r.number + 1);
    }
    throw new Error('no vote reached');
  }

  /**
   * The room's state as the database has it, by `host:resume` (what the host page sends after a
   * reconnect). The host's last `room:state` can be an older one: while Redis reconnects, socket.io's
   * cluster adapter hands a process's own sockets each broadcast only once its Redis publish has
   * settled, and these have been seen to arrive out of order just after Redis restarted.
   */
  async function roomNow(): Promise<RoomState> {
    const r = await host.ask<Reply<{ state: RoomState }>>('host:resume', {
      hostToken,
      lastSeq: lastSeq(host),
    });
    if (!r.ok) throw new Error(JSON.stringify(r));
    return r.state;
  }

  async function nextVote(): Promise<RoomState> {
    const n = (await roomNow()).round!.number;
    let r = await control('next');
    // The host's last state can trail the room (just after Redis restarted, a broadcast from the
    // other process may have been missed): a round can already be open there. Close it, go on.
    if (!r.ok && r.error.code === 'bad-state') {
      await control('close-vote');
      r = await control('next');
    }
    expect(r.ok).toBe(true);
    return toVote(
      await stateWhere(host, (s) => (s.round?.number ?? 0) > n && s.round!.status !== 'revealed'),
    );
  }

  const vote = (p: Phone, state: RoomState, id = uuid()) =>
    p.c.ask<Reply>('player:vote', {
      id,
      round: state.round!.number,
      ballot: ballotFor(taskOf(state, 't1')!),
    });

  async function dbRows(sql: string): Promise<Record<string, unknown>[]> {
    const c = new pg.Client({ connectionString: db.url });
    await c.connect();
    try {
      return (await c.query(sql, [session])).rows;
    } finally {
      await c.end();
    }
  }

  beforeAll(async () => {
    db = await tempDatabase(PG_URL, 'closecall_test');
    redis = await privateRedis(await freePort());
    const target = new URL(PG_URL);
    pgProxy = await tcpProxy(await freePort(), target.hostname, Number(target.port || 5432));
    const viaProxy = new URL(db.url);
    viaProxy.hostname = '127.0.0.1';
    viaProxy.port = String(pgProxy.port);
    env = {
      redisUrl: redis.url,
      databaseUrl: viaProxy.toString(),
      redisPrefix: randomPrefix('cc_test'),
      trainerKey: TRAINER_KEY,
    };
    [a, b] = await Promise.all([
      startNode('A', await freePort(), env, 120_000),
      startNode('B', await freePort(), env, 120_000),
    ]);
  }, LONG);

  afterAll(async () => {
    for (const c of clients) c.close();
    await Promise.all([a?.stop('SIGKILL'), b?.stop('SIGKILL')]);
    await pgProxy?.stop();
    await redis?.stop();
    await db?.drop();
  }, LONG);

  it(
    'phones of one room on different processes all see the same log',
    async () => {
      host = await connect(a);
      const created = await host.ask<Reply<{ hostToken: string; state: RoomState }>>('host:create', {
        trainerKey: TRAINER_KEY,
        settings: { scenario: 'tutorial', mode: 'teams', teams: 1, voteSeconds: 0, autoClose: false },
      });
      if (!created.ok) throw new Error(JSON.stringify(created));
      hostToken = created.hostToken;
      session = created.state.session;
      const code = created.state.code;
      for (const [name, node] of [
        ['p1', a],
        ['p2', a],
        ['p3', b],
        ['p4', b],
      ] as const) {
        const c = await connect(node);
        const r = await c.ask<Reply<{ playerToken: string; you: You }>>('player:join', {
          code,
          name,
          device: `dev-${uuid().slice(0, 8)}`,
        });
        if (!r.ok) throw new Error(`${name} on ${node.name}: ${JSON.stringify(r)}`);
        phones.push({ name, c, token: r.playerToken, you: r.you });
      }
      // Both processes' joins landed in one room: the host (on A) sees all four.
      await stateWhere(host, (s) => s.teams[0]!.players === 4);
      expect((await control('start')).ok).toBe(true);
      const state = await toVote(await stateWhere(host, (s) => s.round?.number === 1));
      for (const p of phones) expect((await vote(p, state)).ok).toBe(true);
      // n of m is live across processes.
      await host
        .waitFor<{ round: number; voted: Record<string, number> }>(
          'room:progress',
          (p) => p.round === state.round!.number && p.voted.t1 === 4,
          60_000,
        )
        .catch(async () => stateWhere(host, (s) => s.round!.voted.t1 === 4));
      expect((await control('close-vote')).ok).toBe(true);
      const reveal = await host.waitFor<Reveal>(
        'room:reveal',
        (r) => r.round === state.round!.number,
        60_000,
      );
      expect(reveal.teams[0]!.votes).toBe(4);
      for (const p of phones)
        await p.c.waitFor<Reveal>('room:reveal', (r) => r.round === state.round!.number, 60_000);
      const logOf = (c: Client) =>
        JSON.stringify(c.events.filter((e) => e.event === 'room:action').map((e) => e.payload));
      expect(logOf(host)).not.toBe('[]');
      for (const p of phones) expect(logOf(p.c)).toBe(logOf(host));
    },
    LONG,
  );

  // --------------------------------------------------------------- shared presence
  // Each in a room of its own, host on A, before any process is killed or Redis restarted.

  interface PresenceRoom {
    host: Client;
    hostToken: string;
    phones: Phone[];
  }

  async function presenceRoom(
    settings: { voteSeconds: number; autoClose: boolean },
    placement: [string, NodeProcess][],
  ): Promise<PresenceRoom> {
    const h = await connect(a);
    const created = await h.ask<Reply<{ hostToken: string; state: RoomState }>>('host:create', {
      trainerKey: TRAINER_KEY,
      settings: { scenario: 'tutorial', mode: 'teams', teams: 1, ...settings },
    });
    if (!created.ok) throw new Error(JSON.stringify(created));
    const joined: Phone[] = [];
    for (const [name, node] of placement) {
      const c = await connect(node);
      const r = await c.ask<Reply<{ playerToken: string; you: You }>>('player:join', {
        code: created.state.code,
        name,
        device: `dev-${uuid().slice(0, 8)}`,
      });
      if (!r.ok) throw new Error(`${name} on ${node.name}: ${JSON.stringify(r)}`);
      joined.push({ name, c, token: r.playerToken, you: r.you });
    }
    return { host: h, hostToken: created.hostToken, phones: joined };
  }

  interface HostView {
    state: RoomState;
    players: PlayerInfo[];
  }

  /**
   * Polls what the host's process (A) says of the room, by `host:resume` (what the host page gets
   * after a reconnect; pushed lists can also come from B), until `pred` holds or `ms` pass.
   */
  async function untilView(room: PresenceRoom, pred: (v: HostView) => boolean, ms = 60_000) {
    const deadline = Date.now() + ms;
    let last: HostView | null = null;
    while (Date.now() < deadline) {
      const r = await room.host.ask<Reply<HostView>>('host:resume', {
        hostToken: room.hostToken,
        lastSeq: lastSeq(room.host),
      });
      if (!r.ok) throw new Error(JSON.stringify(r));
      last = { state: r.state, players: r.players };
      if (pred(last)) return last;
      await new Promise((res) => setTimeout(res, 250));
    }
    throw new Error(`the host's view did not change in ${ms} ms; last: ${JSON.stringify(last?.players)}`);
  }

  /** Waits for an event the client got after its first `from` events that satisfies `pred`. */
  async function eventAfter(
    c: Client,
    from: number,
    pred: (e: { event: string; payload: unknown }) => boolean,
    ms = 60_000,
  ): Promise<void> {
    const deadline = Date.now() + ms;
    while (Date.now() < deadline) {
      if (c.events.slice(from).some(pred)) return;
      await new Promise((res) => setTimeout(res, 100));
    }
    throw new Error(`no event as expected in ${ms} ms`);
  }

  const connectedOf = (v: HostView, p: Phone) => v.players.find((x) => x.id === p.you.player)?.connected;

  it(
    'presence: a phone that leaves for good on process B shows as not connected to the host on A',
    async () => {
      const room = await presenceRoom({ voteSeconds: 0, autoClose: false }, [
        ['stays', a],
        ['goes', b],
      ]);
      const [stays, goes] = room.phones as [Phone, Phone];
      await untilView(
        room,
        (v) =>
          connectedOf(v, stays) === true &&
          connectedOf(v, goes) === true &&
          v.state.teams[0]!.connected === 2,
      );
      // A process follows a room's presence from when it takes the room; a phone gone before the
      // first answer counts NODE_GONE_MS longer (presence.ts). Let that answer come first: a phone
      // leaves long after a room opens. (Slower than a second, this test takes that much longer.)
      await new Promise((res) => setTimeout(res, 1_000));
      const from = room.host.events.length;
      goes.c.close();
      await untilView(
        room,
        (v) =>
          connectedOf(v, goes) === false &&
          connectedOf(v, stays) === true &&
          v.state.teams[0]!.connected === 1,
        RECONNECT_GRACE_MS + 40_000,
      );
      // The host's live list (pushed) says so too.
      await eventAfter(
        room.host,
        from,
        (e) =>
          e.event === 'room:players' &&
          (e.payload as { players: PlayerInfo[] }).players.some(
            (x) => x.id === goes.you.player && !x.connected,
          ),
      );
    },
    LONG,
  );

  it(
    'presence: phones of one team on A and B, the last (on B) leaves for good: the vote closes early, not at its timer',
    async () => {
      const room = await presenceRoom({ voteSeconds: 300, autoClose: true }, [
        ['a1', a],
        ['a2', a],
        ['b1', b],
        ['b2', b],
      ]);
      const h = room.host;
      const [a1, a2, b1, b2] = room.phones as [Phone, Phone, Phone, Phone];
      await untilView(room, (v) => v.state.teams[0]!.connected === 4);
      expect((await control('start', uuid(), h)).ok).toBe(true);
      const state = await toVote(await stateWhere(h, (s) => s.round?.number === 1), h);
      const round = state.round!;
      expect(round.deadline).not.toBeNull();
      const voteIn = (p: Phone) =>
        p.c.ask<Reply>('player:vote', {
          id: uuid(),
          round: round.number,
          ballot: ballotFor(taskOf(state, 't1')!),
        });
      expect((await voteIn(a1)).ok).toBe(true);
      expect((await voteIn(b1)).ok).toBe(true);
      const from = h.events.length;
      b2.c.close();
      // Wait until the room counts b2 out (its reconnect grace has run out: "n of 3"). B sees its
      // own phone go, and has already checked "everyone voted" then (not yet: a2 has not); so the
      // last vote, taken by A, can close the vote only if A knows b2 has gone.
      await eventAfter(h, from, ({ event, payload }) => {
        const n =
          event === 'room:progress'
            ? (payload as { round: number; eligible: Record<string, number> })
            : event === 'room:state'
              ? (payload as RoomState).round
              : null;
        const at = n && ('number' in n ? n.number : n.round);
        return at === round.number && n?.eligible.t1 === 3;
      });
      expect((await voteIn(a2)).ok).toBe(true);
      const reveal = await h.waitFor<Reveal>('room:reveal', (r) => r.round === round.number, 60_000);
      expect(reveal.closedBy).toBe('all-voted');
      expect(reveal.teams[0]!.votes).toBe(3);
      expect(Date.now()).toBeLessThan(round.deadline!);
    },
    LONG,
  );

  it(
    'a process killed mid-vote: its phones resume on the other, no acknowledged vote lost or counted twice',
    async () => {
      const state = await nextVote();
      const round = state.round!.number;
      const [p1, p2, p3, p4] = phones as [Phone, Phone, Phone, Phone];
      const id1 = uuid();
      expect((await vote(p1, state, id1)).ok).toBe(true); // acknowledged by A
      expect((await vote(p3, state)).ok).toBe(true); // acknowledged by B
      // p2's vote is in flight when A dies: it may or may not have been applied.
      const id2 = uuid();
      const inFlight = vote(p2, state, id2).catch(() => null);
      await a.stop('SIGKILL');
      await inFlight;
      // The host and A's phones come back through B with their tokens and lastSeq.
      const hostAgain = await connect(b);
      const resumed = await hostAgain.ask<Reply<{ state: RoomState; missed: LogEntry[] }>>('host:resume', {
        hostToken,
        lastSeq: lastSeq(host),
      });
      if (!resumed.ok) throw new Error(JSON.stringify(resumed));
      expect(resumed.state.round!.number).toBe(round);
      host = hostAgain;
      for (const p of [p1, p2]) {
        const c = await connect(b);
        const r = await c.ask<Reply<{ you: You; state: RoomState }>>('player:resume', {
          playerToken: p.token,
          lastSeq: lastSeq(p.c),
        });
        if (!r.ok) throw new Error(JSON.stringify(r));
        p.c = c;
        if (p === p1) expect(r.you.ballot).toEqual(ballotFor(taskOf(state, 't1')!)); // kept
      }
      // The same votes sent again (a phone retrying) count once; p2's is applied now if A never did.
      const again1 = await vote(p1, state, id1);
      expect(again1.ok && again1.duplicate).toBe(true);
      expect((await vote(p2, state, id2)).ok).toBe(true);
      expect((await vote(p4, state)).ok).toBe(true);
      expect((await control('close-vote')).ok).toBe(true);
      const reveal = await host.waitFor<Reveal>('room:reveal', (r) => r.round === round, 60_000);
      expect(reveal.teams[0]!.votes).toBe(4);
      const rows = await dbRows(
        `SELECT player FROM votes WHERE session = $1 AND round = ${round} ORDER BY player`,
      );
      expect(rows.map((r) => r.player)).toEqual(
        [p1.you.player, p2.you.player, p3.you.player, p4.you.player].sort(),
      );
    },
    LONG,
  );

  it(
    'Redis restarted mid-session: broadcasts cross processes again afterwards',
    async () => {
      // A comes back (same port); p1 moves back to it.
      a = await startNode('A', a.port, env, 120_000);
      const p1 = phones[0]!;
      const c = await connect(a);
      const r = await c.ask<Reply<{ you: You }>>('player:resume', {
        playerToken: p1.token,
        lastSeq: lastSeq(p1.c),
      });
      if (!r.ok) throw new Error(JSON.stringify(r));
      p1.c = c;
      await redis.stop();
      await new Promise((res) => setTimeout(res, 1_000));
      await redis.start();
      // The host is on B; its next round must reach p1 on A through the restarted Redis. The
      // processes reconnect by themselves; a change made before they have is re-broadcast by the next.
      const before = (await roomNow()).round!.number;
      let seen = false;
      for (let i = 0; i < 20 && !seen; i++) {
        const state = i === 0 ? await nextVote() : null;
        void state;
        seen = await p1.c
          .waitFor<RoomState>('room:state', (s) => (s.round?.number ?? 0) > before, 3_000)
          .then(() => true)
          .catch(() => false);
        if (!seen) await control('pause').then(() => control('resume'));
      }
      expect(seen).toBe(true);
      // And a vote from p1 (on A) reaches the host (on B) as progress.
      const state = await roomNow();
      if (state.round!.status === 'voting') {
        expect((await vote(p1, state)).ok).toBe(true);
        await stateWhere(host, (s) => (s.round?.voted.t1 ?? 0) >= 1).catch(() =>
          host.waitFor(
            'room:progress',
            (p: { voted: Record<string, number> }) => (p.voted.t1 ?? 0) >= 1,
            30_000,
          ),
        );
      }
    },
    LONG,
  );

  it(
    'Postgres briefly unreachable: `unavailable`, nothing half-written, no phone dropped, then it recovers',
    async () => {
      let state = await roomNow();
      if (state.round!.status !== 'voting') state = await nextVote();
      const round = state.round!.number;
      const [p1, p2, p3, p4] = phones as [Phone, Phone, Phone, Phone];
      const logBefore = await dbRows('SELECT seq FROM actions WHERE session = $1 ORDER BY seq');
      // Votes still in flight on both processes when the database goes away: each is either
      // acknowledged or answered `unavailable`, and neither process goes down (pg's 'error' event
      // on a connection lost mid-transaction once ended the process, dropping all its phones).
      const others = [p1, p2, p4].map((p) => ({ p, id: uuid() }));
      const inFlight = others.map(({ p, id }) => vote(p, state, id));
      await pgProxy.stop();
      const answers = await Promise.all(inFlight);
      for (const r of answers)
        expect(r.ok || r.error.code).toSatisfy((x) => x === true || x === 'unavailable');
      const id = uuid();
      const failed = await vote(p3, state, id);
      expect(failed.ok).toBe(false);
      if (!failed.ok) expect(failed.error.code).toBe('unavailable');
      const closeId = uuid();
      const closeFailed = await control('close-vote', closeId);
      expect(!closeFailed.ok && closeFailed.error.code).toBe('unavailable');
      // Every phone and the host are still connected, to processes that are still running.
      for (const node of [a, b]) expect(node.child.exitCode, node.output.slice(-20).join('\n')).toBeNull();
      for (const c of [host, ...phones.map((p) => p.c)]) expect(c.socket.connected).toBe(true);
      await pgProxy.start();
      // Nothing of the failed close was written.
      expect(await dbRows('SELECT seq FROM actions WHERE session = $1 ORDER BY seq')).toEqual(logBefore);
      // The same messages again, now that the database is back.
      let retried: Reply | null = null;
      for (let i = 0; i < 20; i++) {
        retried = await vote(p3, state, id);
        if (retried.ok) break;
        await new Promise((res) => setTimeout(res, 500));
      }
      expect(retried).toMatchObject({ ok: true, duplicate: false });
      // The phones whose votes were cut off send them again: each counts once.
      for (const { p, id } of others) expect((await vote(p, state, id)).ok).toBe(true);
      expect((await control('close-vote', closeId)).ok).toBe(true);
      const reveal = await host.waitFor<Reveal>('room:reveal', (r) => r.round === round, 60_000);
      expect(reveal.teams[0]!.votes).toBe(4);
      const seqs = (await dbRows('SELECT seq FROM actions WHERE session = $1 ORDER BY seq')).map(
        (r) => r.seq,
      );
      expect(seqs).toEqual(seqs.map((_, i) => i + 1));
      const reveals = await dbRows('SELECT round FROM reveals WHERE session = $1 ORDER BY round');
      expect(new Set(reveals.map((r) => r.round)).size).toBe(reveals.length);
      const votes = await dbRows(`SELECT player FROM votes WHERE session = $1 AND round = ${round}`);
      for (const p of phones) expect(votes.filter((v) => v.player === p.you.player)).toHaveLength(1);
    },
    LONG,
  );
});
