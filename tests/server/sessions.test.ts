/**
 * The session server end to end over loopback with socket.io-client: a host and phones play a
 * room; malformed and unknown messages change nothing; a retried vote counts once; a phone
 * catches up with lastSeq; a restarted server rebuilds the room from its SQLite file.
 */
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Playthrough, parseScenario } from '../../src/engine';
import type { LogEntry, Reveal, RoomState, You } from '../../src/protocol/index';
import type { RunningServer } from '../../src/server/server';
import { SqliteStore } from '../../src/server/store/sqlite';
import { ballotFor, boot, type Client, client, TRAINER_KEY, taskOf, tempDir, uuid } from './support';

type Ok<T> = { ok: true } & T;
type Fail = { ok: false; error: { code: string; message: string } };

let tmp: ReturnType<typeof tempDir>;
let server: RunningServer;
let clients: Client[] = [];
const dbFile = () => join(tmp.dir, 'closecall.db');

async function connect(): Promise<Client> {
  const c = await client(server.url);
  clients.push(c);
  return c;
}

beforeEach(async () => {
  tmp = tempDir();
  server = await boot(dbFile());
});

afterEach(async () => {
  for (const c of clients) c.close();
  clients = [];
  await server.close();
  tmp.cleanup();
});

async function openRoom(settings: Record<string, unknown> = {}) {
  const host = await connect();
  const reply = await host.ask<Ok<{ hostToken: string; state: RoomState }>>('host:create', {
    trainerKey: TRAINER_KEY,
    settings: { scenario: 'tutorial', mode: 'teams', teams: 2, voteSeconds: 0, ...settings },
  });
  expect(reply.ok).toBe(true);
  return { host, hostToken: reply.hostToken, code: reply.state.code };
}

async function joinPhone(code: string, name?: string) {
  const phone = await connect();
  const reply = await phone.ask<Ok<{ playerToken: string; you: You; state: RoomState }>>('player:join', {
    code,
    name,
    device: `dev-${uuid().slice(0, 8)}`,
  });
  expect(reply.ok, JSON.stringify(reply)).toBe(true);
  return { phone, token: reply.playerToken, you: reply.you };
}

async function control(host: Client, command: string, player?: string) {
  return host.ask<Ok<{ duplicate: boolean }> | Fail>('host:control', { id: uuid(), command, player });
}

/** The state after the latest round opened (or the latest state at all). */
async function stateWhere(c: Client, pred: (s: RoomState) => boolean): Promise<RoomState> {
  return c.waitFor<RoomState>('room:state', pred);
}

const VOTING = ['choose', 'close', 'follow-up', 'negotiate'];

/** Opens rounds (closing any on the way) until team t1 has a decision and the timer runs. */
async function advanceToVote(host: Client, from: number): Promise<RoomState> {
  let state = await stateWhere(host, (s) => s.round?.number === from);
  for (let i = 0; i < 30; i++) {
    const r = state.round!;
    if (r.status === 'discussion') {
      await control(host, 'start');
      state = await stateWhere(host, (s) => s.round?.number === r.number && s.round.status !== 'discussion');
    }
    const task = taskOf(state, 't1');
    if (state.round!.status === 'voting' && task && VOTING.includes(task.kind)) return state;
    if (state.round!.status !== 'revealed') await control(host, 'close-vote');
    await stateWhere(host, (s) => s.round?.number === r.number && s.round.status === 'revealed');
    await control(host, 'next');
    state = await stateWhere(host, (s) => s.round?.number === r.number + 1);
  }
  throw new Error('no vote reached');
}

describe('a room from lobby to end', () => {
  it('plays teams on the same seed: votes are tallied, actions logged and broadcast, replays agree', async () => {
    const { host, code } = await openRoom();
    expect(code).toMatch(/^[ACEFHJKMNPRTUVWXY3479]{6}$/);
    const a = await joinPhone(code, 'Ada');
    const b = await joinPhone(code, 'Bo');
    const c = await joinPhone(code, '');
    expect(c.you.name.length).toBeGreaterThan(0); // a friendly name was made
    expect(new Set([a.you.team, b.you.team, c.you.team])).toEqual(new Set(['t1', 't2']));

    const lobby = await stateWhere(host, (s) => s.teams.reduce((n, t) => n + t.players, 0) === 3);
    expect(lobby.rules.tie.text).toMatch(/tie/i);
    expect(lobby.rules.timeout.text).toMatch(/time runs out/i);
    expect((await control(host, 'start')).ok).toBe(true);

    const phones = [a, b, c];
    let state = await stateWhere(host, (s) => s.round?.number === 1);
    for (let guard = 0; guard < 60 && state.status === 'running'; guard++) {
      const round = state.round!;
      if (round.status === 'discussion') {
        // The prompts are shown and the timer waits until the host starts it.
        expect(round.tasks.some((t) => t.discussion.length > 0)).toBe(true);
        expect((await control(host, 'start')).ok).toBe(true);
      }
      if (round.status !== 'revealed') {
        for (const p of phones) {
          const task = taskOf(state, p.you.team);
          if (!task || !['choose', 'close', 'follow-up', 'negotiate'].includes(task.kind)) continue;
          // Close when it is on offer, so the close ballot is played too.
          const ballot = ballotFor(task, (ids) => (ids.includes('close') ? 'close' : ids[0]!));
          const r = await p.phone.ask<Ok<{ duplicate: boolean }> | Fail>('player:vote', {
            id: uuid(),
            round: round.number,
            ballot,
          });
          // With autoClose the last vote may close the round before a slower phone's vote.
          if (!r.ok) expect(['wrong-round', 'no-vote-open']).toContain(r.error.code);
        }
        const done = round.number;
        const rs = host.events.filter((e) => e.event === 'room:reveal');
        if (!rs.some((e) => (e.payload as Reveal).round === done)) {
          const closed = await control(host, 'close-vote');
          if (!closed.ok) expect(closed.error.code).toBe('bad-state');
        }
        await host.waitFor<Reveal>('room:reveal', (r) => r.round === done);
      }
      state = await stateWhere(
        host,
        (s) => s.round?.status === 'revealed' && s.round.number === round.number,
      );
      const next = await control(host, 'next');
      if (!next.ok) {
        expect(next.error.message).toMatch(/finished/);
        expect((await control(host, 'end')).ok).toBe(true);
        state = await stateWhere(host, (s) => s.status === 'ended');
        break;
      }
      state = await stateWhere(host, (s) => s.round?.number === round.number + 1);
    }
    expect(state.status).toBe('ended');

    // Every team's log replays with the engine to the end, and both teams played the same seed.
    const log = host.events.filter((e) => e.event === 'room:action').map((e) => e.payload as LogEntry);
    expect(log.map((e) => e.seq)).toEqual(log.map((_, i) => i + 1));
    const text = await (await fetch(`${server.url}api/scenarios/tutorial`)).text();
    const parsed = parseScenario(text, 'tutorial.json');
    if (!parsed.ok) throw new Error('tutorial does not parse');
    for (const team of ['t1', 't2']) {
      const play = Playthrough.start(parsed.scenario, { seed: state.seed, mode: 'expected' });
      for (const e of log.filter((x) => x.team === team)) play.act(e.action as never);
      expect(play.view().phase).toBe('ended');
      expect(play.step).toBe(state.teams.find((t) => t.id === team)!.step);
    }
    // Both teams voted the same way, so expected mode gives them the same ending.
    const reveals = host.events.filter((e) => e.event === 'room:reveal').map((e) => e.payload as Reveal);
    expect(reveals.some((r) => r.teams.some((t) => t.kind === 'close'))).toBe(true);

    // The record: listed, readable, exported, with the trainer key only.
    const unauth = await fetch(`${server.url}api/sessions`);
    expect(unauth.status).toBe(401);
    const auth = { authorization: `Bearer ${TRAINER_KEY}` };
    const list = await (await fetch(`${server.url}api/sessions`, { headers: auth })).json();
    expect(list[0].code).toBe(code);
    expect(list[0].scenario.id).toBe('tutorial');
    const csvRes = await fetch(`${server.url}api/sessions/${state.session}/export.csv`, { headers: auth });
    expect(csvRes.headers.get('content-type')).toMatch(/text\/csv/);
    const bytes = Buffer.from(await csvRes.arrayBuffer());
    // A UTF-8 byte-order mark so spreadsheets read the names right, and every cell quoted.
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const csv = bytes.subarray(3).toString('utf8').trim().split('\r\n');
    expect(csv[0]!.startsWith('"session","room","team","player","step","node","choice","acted","at"')).toBe(
      true,
    );
    const votesCounted = reveals.reduce((n, r) => n + r.teams.reduce((m, t) => m + t.votes, 0), 0);
    expect(csv.length - 1).toBe(votesCounted);
    expect(
      csv
        .slice(1)
        .every(
          (row) => row.includes(',"Ada",') || row.includes(',"Bo",') || row.includes(`,"${c.you.name}",`),
        ),
    );
    expect(
      (await fetch(`${server.url}api/sessions/${state.session}/export.csv?key=wrong-key-000`)).status,
    ).toBe(401);
  });

  it('is finished when every team with someone in it has ended: an empty or emptied team opens no more rounds', async () => {
    const { host, code } = await openRoom({ teams: 3 });
    const a = await joinPhone(code, 'Ada');
    const b = await joinPhone(code, 'Bo');
    expect(a.you.team).not.toBe(b.you.team);
    await control(host, 'start');
    let state = await stateWhere(host, (s) => s.round?.number === 1);
    // Bo's team loses its only player; the third team never had one.
    expect((await control(host, 'kick', b.you.player)).ok).toBe(true);
    let refused: Fail | null = null;
    for (let guard = 0; guard < 60 && !refused; guard++) {
      const round = state.round!;
      if (round.status === 'discussion') await control(host, 'start');
      const task = taskOf(state, a.you.team);
      if (round.status !== 'revealed' && task && VOTING.includes(task.kind)) {
        const ballot = ballotFor(task, (ids) => (ids.includes('close') ? 'close' : ids[0]!));
        await a.phone.ask('player:vote', { id: uuid(), round: round.number, ballot });
      }
      if (!host.events.some((e) => e.event === 'room:reveal' && (e.payload as Reveal).round === round.number))
        await control(host, 'close-vote');
      state = await stateWhere(
        host,
        (s) => s.round?.number === round.number && s.round.status === 'revealed',
      );
      const next = await control(host, 'next');
      if (next.ok) state = await stateWhere(host, (s) => s.round?.number === round.number + 1);
      else refused = next;
    }
    // Next is refused as soon as Ada's team has its ending, not kept on offer for the empty teams.
    expect(refused?.error.message).toMatch(/finished/);
    const team = (id: string) => state.teams.find((t) => t.id === id)!;
    expect(team(a.you.team).ended).toBe(true);
    expect(state.teams.filter((t) => t.id !== a.you.team).every((t) => t.players === 0 && !t.ended)).toBe(
      true,
    );
    // The last round was the one that ended Ada's team: it acted in it.
    const last = host.events.filter((e) => e.event === 'room:reveal').at(-1)!.payload as Reveal;
    expect(last.teams.find((t) => t.team === a.you.team)?.seq).not.toBeNull();
  });

  it('hides the tally until the vote closes, shows n of m live, and follows the tie rule', async () => {
    const { host, code } = await openRoom({ teams: 1 });
    const a = await joinPhone(code, 'Ada');
    const b = await joinPhone(code, 'Bo');
    await control(host, 'start');
    let state = await stateWhere(host, (s) => s.round?.number === 1);
    if (state.round!.status === 'discussion') await control(host, 'start');
    // Skip to a round with at least two options.
    for (let i = 0; i < 20 && taskOf(state, 't1')!.options.length < 2; i++) {
      await control(host, 'close-vote');
      await stateWhere(host, (s) => s.round?.status === 'revealed' && s.round.number === state.round!.number);
      const n = state.round!.number + 1;
      await control(host, 'next');
      state = await stateWhere(host, (s) => s.round?.number === n);
      if (state.round!.status === 'discussion') await control(host, 'start');
    }
    const task = taskOf(state, 't1')!;
    expect(task.options.length).toBeGreaterThan(1);
    const [first, second] = task.options.map((o) => o.id);
    const r1 = await a.phone.ask<Ok<{ duplicate: boolean }>>('player:vote', {
      id: uuid(),
      round: state.round!.number,
      ballot: { type: 'option', option: second },
    });
    expect(r1.ok).toBe(true);
    const progress = await host.waitFor<{ voted: Record<string, number>; eligible: Record<string, number> }>(
      'room:progress',
      (p) => p.voted.t1 === 1,
    );
    expect(progress.eligible.t1).toBe(2);
    // Nothing sent so far carries the tally.
    expect(
      host.events.some(
        (e) => e.event === 'room:reveal' && (e.payload as Reveal).round === state.round!.number,
      ),
    ).toBe(false);
    await b.phone.ask('player:vote', {
      id: uuid(),
      round: state.round!.number,
      ballot: { type: 'option', option: first },
    });
    const reveal = await host.waitFor<Reveal>('room:reveal', (r) => r.round === state.round!.number);
    const team = reveal.teams.find((t) => t.team === 't1')!;
    expect(reveal.closedBy).toBe('all-voted');
    expect(team.counts[first!]).toBe(1);
    expect(team.counts[second!]).toBe(1);
    expect(team.decidedBy).toBe('tie');
    expect(team.chosen).toEqual({ type: 'option', option: first }); // the tied option listed first
  });
});

describe('bad input changes nothing', () => {
  it('answers malformed, unknown, oversized and unauthorised messages with error codes', async () => {
    const { host, code } = await openRoom();
    const a = await joinPhone(code, 'Ada');
    const before = await host.ask<Ok<{ state: RoomState }>>('host:resume', {
      hostToken: 'x'.repeat(43),
      lastSeq: 0,
    });
    expect(before.ok).toBe(false);

    const cases: [Client, string, unknown, string][] = [
      [
        a.phone,
        'player:vote',
        { id: 'not-a-uuid', round: 1, ballot: { type: 'option', option: 'x' } },
        'bad-message',
      ],
      [
        a.phone,
        'player:vote',
        { id: uuid(), round: 1, ballot: { type: 'option', option: 'x' }, extra: 1 },
        'bad-message',
      ],
      [a.phone, 'player:vote', null, 'bad-message'],
      [a.phone, 'player:vote', 'hello', 'bad-message'],
      [
        a.phone,
        'player:vote',
        { id: uuid(), round: 1, ballot: { type: 'option', option: 'x'.repeat(5000) } },
        'too-large',
      ],
      [
        a.phone,
        'player:vote',
        { id: uuid(), round: 1, ballot: { type: 'option', option: 'choice:x' } },
        'no-vote-open',
      ],
      [a.phone, 'host:control', { id: uuid(), command: 'start' }, 'not-host'],
      [a.phone, 'room:state', {}, 'unknown-event'],
      [a.phone, '__proto__', {}, 'unknown-event'],
      [a.phone, 'player:join', { code: 'ZZZZZZ', device: 'device-123' }, 'not-found'],
      [a.phone, 'player:join', { code, device: 'device-123', name: 'x'.repeat(30) }, 'bad-name'],
      [
        host,
        'host:create',
        { trainerKey: 'wrong-key-123', settings: { scenario: 'tutorial', mode: 'teams' } },
        'unauthorized',
      ],
      [
        host,
        'host:create',
        { trainerKey: TRAINER_KEY, settings: { scenario: 'nope', mode: 'teams' } },
        'unknown-scenario',
      ],
      [
        host,
        'host:create',
        { trainerKey: TRAINER_KEY, settings: { scenario: 'tutorial', mode: 'teams', teams: 99 } },
        'bad-message',
      ],
      [host, 'host:control', { id: uuid(), command: 'next' }, 'bad-state'],
      [host, 'host:control', { id: uuid(), command: 'kick', player: 'p999' }, 'unknown-player'],
      [host, 'host:control', { id: uuid(), command: 'launch-missiles' }, 'bad-message'],
    ];
    for (const [who, event, payload, codeWanted] of cases) {
      const reply = await who.ask<Fail>(event, payload);
      expect(reply.ok, `${event} ${JSON.stringify(payload).slice(0, 80)}`).toBe(false);
      expect(reply.error.code, `${event} ${JSON.stringify(payload).slice(0, 80)}`).toBe(codeWanted);
    }
    // Without a callback the error comes as server:error.
    a.phone.socket.emit('player:vote', { nonsense: true });
    const err = await a.phone.waitFor<{ event: string; error: { code: string } }>('server:error');
    expect(err.error.code).toBe('bad-message');
    // The room is as it was: still in the lobby with one player, and the server still answers.
    const now = await host.ask<Ok<{ state: RoomState }>>('host:control', { id: uuid(), command: 'lock' });
    expect(now.ok).toBe(true);
    const s = await stateWhere(host, (x) => x.locked);
    expect(s.status).toBe('lobby');
    expect(s.teams.reduce((n, t) => n + t.players, 0)).toBe(1);
    const locked = await (await connect()).ask<Fail>('player:join', { code, device: 'device-456' });
    expect(locked.error.code).toBe('room-locked');
  });

  it('limits the rate of messages per socket and of failed joins per address', async () => {
    const { code } = await openRoom();
    const a = await joinPhone(code, 'Ada');
    const replies = await Promise.all(
      Array.from({ length: 60 }, () =>
        a.phone.ask<Fail>('player:vote', { id: uuid(), round: 1, ballot: { type: 'option', option: 'x' } }),
      ),
    );
    expect(replies.some((r) => r.error.code === 'rate-limited')).toBe(true);
    const guesser = await connect();
    const codes: string[] = [];
    for (let i = 0; i < 14; i++) {
      const r = await guesser.ask<Fail>('player:join', {
        code: `AAAAA${'ACEFHJKMNPRTUV'[i]}`,
        device: 'device-789',
      });
      codes.push(r.error.code);
    }
    expect(codes.slice(0, 10).every((c) => c === 'not-found')).toBe(true);
    expect(codes.at(-1)).toBe('rate-limited');
    // Even the right code is refused while the address is limited.
    const right = await guesser.ask<Fail>('player:join', { code, device: 'device-789' });
    expect(right.error.code).toBe('rate-limited');
  });
});

describe('retries, drops and restarts', () => {
  it('counts a vote retried with the same id once, and lets a phone change its vote', async () => {
    const { host, code } = await openRoom({ teams: 1 });
    const a = await joinPhone(code, 'Ada');
    const b = await joinPhone(code, 'Bo');
    await control(host, 'start');
    const state = await advanceToVote(host, 1);
    const round = state.round!.number;
    const task = taskOf(state, 't1')!;
    const ballot = ballotFor(task);
    const id = uuid();
    const first = await a.phone.ask<Ok<{ duplicate: boolean }>>('player:vote', { id, round, ballot });
    const again = await a.phone.ask<Ok<{ duplicate: boolean }>>('player:vote', { id, round, ballot });
    expect([first.duplicate, again.duplicate]).toEqual([false, true]);
    // The same host command twice is applied once, too.
    const cid = uuid();
    await host.ask('host:control', { id: cid, command: 'lock' });
    expect(
      (await host.ask<Ok<{ duplicate: boolean }>>('host:control', { id: cid, command: 'lock' })).duplicate,
    ).toBe(true);
    // A changes its mind (a new id): its last ballot counts.
    const other = task.options.map((o) => o.id).find((o) => ballot.type === 'option' && o !== ballot.option);
    const changed = other ? { type: 'option' as const, option: other } : ballot;
    expect(
      (await a.phone.ask<Ok<{ duplicate: boolean }>>('player:vote', { id: uuid(), round, ballot: changed }))
        .ok,
    ).toBe(true);
    await b.phone.ask('player:vote', { id: uuid(), round, ballot });
    const reveal = await host.waitFor<Reveal>('room:reveal', (r) => r.round === round);
    expect(reveal.teams[0]!.votes).toBe(2);
    if (other && ballot.type === 'option') {
      expect(reveal.teams[0]!.counts[other]).toBe(1);
      expect(reveal.teams[0]!.counts[ballot.option]).toBe(1);
    }
    // After the close, a late retry is still reported as a duplicate, never counted again.
    expect(
      (await a.phone.ask<Ok<{ duplicate: boolean }>>('player:vote', { id, round, ballot })).duplicate,
    ).toBe(true);
  });

  it('gives a reconnecting phone what it missed since lastSeq, with its vote', async () => {
    const { host, code } = await openRoom({ teams: 1 });
    const a = await joinPhone(code, 'Ada');
    const b = await joinPhone(code, 'Bo');
    await control(host, 'start');
    // B follows round 1, then drops; two more rounds pass while it is away.
    const s1 = await stateWhere(host, (s) => s.round?.number === 1);
    if (s1.round!.status === 'discussion') await control(host, 'start');
    await control(host, 'close-vote');
    const seen = await b.phone.waitFor<RoomState>('room:state', (s) => s.round?.status === 'revealed');
    let lastSeqSeenByB = seen.lastSeq;
    expect(lastSeqSeenByB).toBeGreaterThan(0);
    a.phone.close();
    b.phone.close();
    await control(host, 'next');
    for (let round = 2; round <= 3; round++) {
      const state = await stateWhere(host, (s) => s.round?.number === round && s.round.status !== 'revealed');
      if (state.round!.status === 'discussion') await control(host, 'start');
      await control(host, 'close-vote');
      await stateWhere(host, (s) => s.round?.number === round && s.round.status === 'revealed');
      await control(host, 'next');
    }
    const state3 = await advanceToVote(host, 4);
    const all = host.events.filter((e) => e.event === 'room:action').map((e) => e.payload as LogEntry);
    const phoneB = await connect();
    const resumed = await phoneB.ask<Ok<{ you: You; state: RoomState; missed: LogEntry[] }>>(
      'player:resume',
      {
        playerToken: b.token,
        lastSeq: lastSeqSeenByB,
      },
    );
    expect(resumed.ok).toBe(true);
    expect(resumed.you.name).toBe('Bo');
    expect(resumed.missed).toEqual(all.filter((e) => e.seq > lastSeqSeenByB));
    expect(resumed.missed.length).toBeGreaterThan(0);
    expect(resumed.missed.at(-1)!.seq).toBe(resumed.state.lastSeq);
    lastSeqSeenByB = resumed.state.lastSeq;
    const task = taskOf(resumed.state, 't1')!;
    const ballot = ballotFor(task);
    const voteId = uuid();
    await phoneB.ask('player:vote', { id: voteId, round: state3.round!.number, ballot });
    phoneB.close();
    // Reload: the phone comes back with its vote and nothing more to catch up.
    const phoneB2 = await connect();
    const back = await phoneB2.ask<Ok<{ you: You; missed: LogEntry[] }>>('player:resume', {
      playerToken: b.token,
      lastSeq: lastSeqSeenByB,
    });
    expect(back.you.ballot).toEqual(ballot);
    expect(back.missed).toEqual([]);
    // A bad token is refused.
    const bad = await phoneB2.ask<Fail>('player:resume', { playerToken: 'y'.repeat(43), lastSeq: 0 });
    expect(bad.error.code).toBe('unauthorized');
  });

  it('kick lets a phone join again; ban refuses the device and the token', async () => {
    const { host, code } = await openRoom();
    const a = await joinPhone(code, 'Ada');
    const device = 'device-ban-me';
    const bPhone = await connect();
    const b = await bPhone.ask<Ok<{ playerToken: string; you: You }>>('player:join', {
      code,
      name: 'Bo',
      device,
    });
    expect((await control(host, 'kick', a.you.player)).ok).toBe(true);
    await a.phone.waitFor('you:removed', (p: { reason: string }) => p.reason === 'kicked');
    expect(
      (await (await connect()).ask<Fail>('player:resume', { playerToken: a.token, lastSeq: 0 })).error.code,
    ).toBe('kicked');
    expect((await joinPhone(code, 'Ada')).you.name).toBe('Ada');
    expect((await control(host, 'ban', b.you.player)).ok).toBe(true);
    await bPhone.waitFor('you:removed', (p: { reason: string }) => p.reason === 'banned');
    const again = await (await connect()).ask<Fail>('player:join', { code, name: 'Bo2', device });
    expect(again.error.code).toBe('banned');
    // The banned name is refused from a fresh device too (however it is capitalised)…
    const sameName = await (await connect()).ask<Fail>('player:join', {
      code,
      name: ' bo ',
      device: 'a-fresh-browser',
    });
    expect(sameName.error.code).toBe('banned');
    // …while another name on another device still joins (a ban is not a lock).
    expect((await joinPhone(code, 'Bea')).you.name).toBe('Bea');
    const resume = await (await connect()).ask<Fail>('player:resume', {
      playerToken: b.playerToken,
      lastSeq: 0,
    });
    expect(resume.error.code).toBe('banned');
  });

  it('a restarted server rebuilds the room from SQLite: acknowledged votes and the log survive', async () => {
    const { host, hostToken, code } = await openRoom({ teams: 1, voteSeconds: 300 });
    const a = await joinPhone(code, 'Ada');
    const b = await joinPhone(code, 'Bo');
    await control(host, 'start');
    await control(host, 'close-vote');
    await stateWhere(host, (s) => s.round?.status === 'revealed');
    await control(host, 'next');
    const state = await advanceToVote(host, 2);
    const round = state.round!.number;
    const ballot = ballotFor(taskOf(state, 't1')!);
    const voteId = uuid();
    const acked = await a.phone.ask<Ok<{ duplicate: boolean }>>('player:vote', { id: voteId, round, ballot });
    expect(acked.ok).toBe(true);
    const lastSeq = state.lastSeq;

    // Stop the server (every client drops) and start a new one on the same file.
    for (const c of clients) c.close();
    clients = [];
    await server.close();
    server = await boot(dbFile());
    expect(server.restored).toBe(1);

    const host2 = await connect();
    const h = await host2.ask<Ok<{ state: RoomState; missed: LogEntry[] }>>('host:resume', {
      hostToken,
      lastSeq: 0,
    });
    expect(h.ok).toBe(true);
    expect(h.state.code).toBe(code);
    expect(h.state.round?.number).toBe(round);
    expect(h.state.round?.status).toBe('voting');
    expect(h.state.lastSeq).toBe(lastSeq);
    expect(h.missed.length).toBe(lastSeq);
    expect(h.state.round?.voted.t1).toBe(1);
    const phoneA = await connect();
    const ra = await phoneA.ask<Ok<{ you: You }>>('player:resume', { playerToken: a.token, lastSeq });
    expect(ra.you.ballot).toEqual(ballot);
    // The retried vote is still a duplicate after the restart.
    expect(
      (await phoneA.ask<Ok<{ duplicate: boolean }>>('player:vote', { id: voteId, round, ballot })).duplicate,
    ).toBe(true);
    const phoneB = await connect();
    await phoneB.ask('player:resume', { playerToken: b.token, lastSeq });
    await phoneB.ask('player:vote', { id: uuid(), round, ballot });
    const reveal = await host2.waitFor<Reveal>('room:reveal', (r) => r.round === round);
    expect(reveal.teams[0]!.votes).toBe(2);
  });
});

describe('timer, pause and modes', () => {
  it('pauses, adds 30 seconds, resumes, and a vote that times out takes the default shown in advance', async () => {
    const { host, code } = await openRoom({ teams: 1, voteSeconds: 60 });
    await joinPhone(code, 'Ada');
    await control(host, 'start');
    const state = await advanceToVote(host, 1);
    const round = state.round!.number;
    expect(state.round!.deadline).not.toBeNull();
    expect((await control(host, 'pause')).ok).toBe(true);
    const paused = await stateWhere(host, (s) => s.round?.status === 'paused');
    expect(paused.round!.deadline).toBeNull();
    const left = paused.round!.remainingMs!;
    expect(left).toBeGreaterThan(0);
    expect(left).toBeLessThanOrEqual(60_000);
    expect((await control(host, 'add-time')).ok).toBe(true);
    const more = await stateWhere(host, (s) => s.round?.status === 'paused' && s.round.remainingMs! > left);
    expect(more.round!.remainingMs).toBe(left + 30_000);
    expect((await control(host, 'resume')).ok).toBe(true);
    const running = await stateWhere(
      host,
      (s) =>
        s.round?.status === 'voting' &&
        s.round.number === round &&
        s.round.deadline !== state.round!.deadline,
    );
    // The 30 seconds were added to what was left (generous: the machine may be slow).
    expect(running.round!.deadline! - running.serverNow).toBeGreaterThan(left);
    // Nobody votes; the host closes it as the timer would: the team takes the first option.
    await control(host, 'close-vote');
    const reveal = await host.waitFor<Reveal>('room:reveal', (r) => r.round === round);
    expect(reveal.teams[0]!.decidedBy).toBe('timeout-default');
    expect(reveal.teams[0]!.chosen).toEqual({ type: 'option', option: taskOf(state, 't1')!.options[0]!.id });
  });

  it('closes the vote when the timer runs out', async () => {
    const { host, code } = await openRoom({ teams: 1, voteSeconds: 1, autoClose: false });
    const a = await joinPhone(code, 'Ada');
    await control(host, 'start');
    let state = await stateWhere(host, (s) => s.round?.number === 1);
    if (state.round!.status === 'discussion') await control(host, 'start');
    // Every round closes by itself within about a second; wait for one with a vote.
    for (let i = 0; i < 20; i++) {
      state = await stateWhere(
        host,
        (s) => s.round?.status === 'voting' && s.round.number === (state.round?.number ?? 1),
      );
      const task = taskOf(state, 't1');
      const n = state.round!.number;
      if (task && VOTING.includes(task.kind)) {
        await a.phone.ask('player:vote', { id: uuid(), round: n, ballot: ballotFor(task) });
        const reveal = await host.waitFor<Reveal>('room:reveal', (r) => r.round === n, 30_000);
        expect(reveal.closedBy).toBe('timer');
        expect(reveal.teams[0]!.votes).toBe(1);
        return;
      }
      await host.waitFor<Reveal>('room:reveal', (r) => r.round === n, 30_000);
      await control(host, 'next');
      const next = await stateWhere(host, (s) => s.round?.number === n + 1);
      if (next.round!.status === 'discussion') await control(host, 'start');
      state = next;
    }
    throw new Error('no round with a vote');
  });

  it('in individuals mode every player is a team of one, named after them; a late joiner votes from the next round', async () => {
    const { host, code } = await openRoom({ mode: 'individuals' });
    const a = await joinPhone(code, 'Ada');
    const b = await joinPhone(code, 'Bo');
    expect(a.you.team).not.toBe(b.you.team);
    await control(host, 'start');
    const state = await advanceToVote(host, 1);
    expect(state.teams.map((t) => t.name).sort()).toEqual(['Ada', 'Bo']);
    const late = await joinPhone(code, 'Cy');
    const task = taskOf(state, a.you.team)!;
    const refused = await late.phone.ask<Fail>('player:vote', {
      id: uuid(),
      round: state.round!.number,
      ballot: ballotFor(task),
    });
    expect(refused.error.code).toBe('not-voting');
    expect(late.you.eligible).toBe(false);
  });
});

describe('a vote whose timer ran out while the server was down', () => {
  it('closes as soon as the room is rebuilt, on the timer rule', async () => {
    const { host, hostToken, code } = await openRoom({ teams: 1, voteSeconds: 120 });
    const a = await joinPhone(code, 'Ada');
    await joinPhone(code, 'Bo'); // Bo does not vote, so the vote stays open
    await control(host, 'start');
    const state = await advanceToVote(host, 1);
    const round = state.round!.number;
    const ballot = ballotFor(taskOf(state, 't1')!);
    expect(
      (await a.phone.ask<Ok<{ duplicate: boolean }>>('player:vote', { id: uuid(), round, ballot })).ok,
    ).toBe(true);
    for (const c of clients) c.close();
    clients = [];
    await server.close();
    // While the server is down the deadline passes (moved into the past in the file).
    const store = new SqliteStore(dbFile());
    const loaded = (await store.loadSession(state.session))!;
    const s = loaded.session;
    await store.updateSession(s.id, {
      status: s.status,
      locked: s.locked,
      endedAt: s.endedAt,
      progress: { ...s.progress, round: { ...s.progress.round!, deadline: Date.now() - 1000 } },
    });
    await store.close();
    server = await boot(dbFile());
    const host2 = await connect();
    const h = await host2.ask<Ok<{ state: RoomState }>>('host:resume', { hostToken, lastSeq: 0 });
    expect(h.state.round?.status).toBe('revealed');
    const reveal = h.state.reveals.find((r) => r.round === round)!;
    expect(reveal.closedBy).toBe('timer');
    expect(reveal.teams[0]!.votes).toBe(1);
    expect(reveal.teams[0]!.chosen).toEqual(ballot);
  });
});
