/**
 * The contract every session store keeps (SQLite today, Postgres in issue #11): call
 * `storeContract(name, factory)` from a test file with a factory that makes an empty store
 * (and `reopen` to make a second store on the same data, to check durability).
 */
import { describe, expect, it } from 'vitest';
import type { LogEntry, Reveal } from '../../src/protocol/index';
import type { PlayerRow, SessionRow, Store, VoteRow } from '../../src/server/store/types';

export interface StoreFactory {
  make(): Promise<{ store: Store; reopen: () => Promise<Store>; cleanup: () => Promise<void> }>;
}

function session(id: string, code: string, createdAt = 1000): SessionRow {
  return {
    id,
    code,
    hostTokenHash: 'ab'.repeat(32),
    scenario: 'tutorial',
    scenarioTitle: 'Tutorial',
    settings: { scenario: 'tutorial', mode: 'teams', teams: 2, voteSeconds: 60, autoClose: true },
    seed: 42,
    status: 'lobby',
    locked: false,
    createdAt,
    endedAt: null,
    progress: { round: null, closing: [] },
  };
}

const teams = [
  { id: 't1', name: 'Team 1', index: 0 },
  { id: 't2', name: 'Team 2', index: 1 },
];

function player(id: string, team: string): PlayerRow {
  return {
    id,
    tokenHash: `${id}`.padEnd(64, '0'),
    name: `Name ${id}`,
    team,
    device: `device-${id}`,
    status: 'active',
    joinedAt: 2000,
    joinedRound: 0,
  };
}

function vote(round: number, playerId: string, team: string, messageId: string, option: string): VoteRow {
  return {
    round,
    player: playerId,
    team,
    messageId,
    ballot: { type: 'option', option },
    step: 0,
    node: 'n1',
    at: 3000,
  };
}

export function storeContract(name: string, factory: StoreFactory): void {
  describe(`session store contract: ${name}`, () => {
    it('keeps server settings', async () => {
      const { store, cleanup } = await factory.make();
      expect(await store.getMeta('k')).toBeNull();
      await store.setMeta('k', 'v1');
      await store.setMeta('k', 'v2');
      expect(await store.getMeta('k')).toBe('v2');
      await cleanup();
    });

    it('creates, lists and loads a session with its teams', async () => {
      const { store, cleanup } = await factory.make();
      await store.createSession(session('s1', 'AAAAAA', 1000), teams);
      await store.createSession(session('s2', 'CCCCCC', 2000), []);
      const list = await store.listSessions();
      expect(list.map((s) => s.id)).toEqual(['s2', 's1']); // newest first
      const loaded = await store.loadSession('s1');
      expect(loaded?.session.settings.teams).toBe(2);
      expect(loaded?.teams.map((t) => t.name)).toEqual(['Team 1', 'Team 2']);
      expect(await store.loadSession('nope')).toBeNull();
      await store.addTeam('s2', { id: 't1', name: 'Ada', index: 0 });
      expect((await store.loadSession('s2'))?.teams.map((t) => t.name)).toEqual(['Ada']);
      await cleanup();
    });

    it('knows which codes are in use by sessions that have not ended', async () => {
      const { store, cleanup } = await factory.make();
      await store.createSession(session('s1', 'AAAAAA'), teams);
      expect(await store.codeInUse('AAAAAA')).toBe(true);
      expect(await store.codeInUse('CCCCCC')).toBe(false);
      expect(await store.openSessionIds()).toEqual(['s1']);
      await store.updateSession('s1', {
        status: 'ended',
        locked: true,
        endedAt: 5000,
        progress: { round: null, closing: [] },
      });
      expect(await store.codeInUse('AAAAAA')).toBe(false);
      expect(await store.openSessionIds()).toEqual([]);
      const s = (await store.loadSession('s1'))!.session;
      expect([s.status, s.locked, s.endedAt]).toEqual(['ended', true, 5000]);
      await cleanup();
    });

    it('saves players, replaces them by id and counts them per team', async () => {
      const { store, cleanup } = await factory.make();
      await store.createSession(session('s1', 'AAAAAA'), teams);
      await store.savePlayer('s1', player('p1', 't1'));
      await store.savePlayer('s1', player('p2', 't1'));
      await store.savePlayer('s1', { ...player('p2', 't1'), status: 'banned' });
      const loaded = (await store.loadSession('s1'))!;
      expect(loaded.players.map((p) => [p.id, p.status])).toEqual([
        ['p1', 'active'],
        ['p2', 'banned'],
      ]);
      expect(await store.teamSummaries('s1')).toEqual([
        { id: 't1', name: 'Team 1', players: 1 },
        { id: 't2', name: 'Team 2', players: 0 },
      ]);
      await cleanup();
    });

    it('keeps the last ballot per player per round and remembers every message id', async () => {
      const { store, cleanup } = await factory.make();
      await store.createSession(session('s1', 'AAAAAA'), teams);
      await store.savePlayer('s1', player('p1', 't1'));
      await store.saveVote('s1', vote(1, 'p1', 't1', 'm1', 'choice:a'));
      await store.saveVote('s1', vote(1, 'p1', 't1', 'm2', 'choice:b'));
      await store.saveVote('s1', vote(2, 'p1', 't1', 'm3', 'choice:c'));
      await store.rememberMessage('s1', 'h1');
      await store.rememberMessage('s1', 'h1');
      let loaded = (await store.loadSession('s1'))!;
      expect(loaded.votes.map((v) => [v.round, v.ballot])).toEqual([
        [1, { type: 'option', option: 'choice:b' }],
        [2, { type: 'option', option: 'choice:c' }],
      ]);
      expect(new Set(loaded.messageIds)).toEqual(new Set(['m1', 'm2', 'm3', 'h1']));
      await store.deleteVote('s1', 2, 'p1');
      loaded = (await store.loadSession('s1'))!;
      expect(loaded.votes).toHaveLength(1);
      await cleanup();
    });

    it('writes a batch of votes at once: every ballot and message id, replacing earlier ballots', async () => {
      const { store, cleanup } = await factory.make();
      await store.createSession(session('s1', 'AAAAAA'), teams);
      await store.savePlayer('s1', player('p1', 't1'));
      await store.savePlayer('s1', player('p2', 't2'));
      await store.saveVote('s1', vote(1, 'p1', 't1', 'm1', 'choice:a'));
      await store.saveVotes('s1', [
        vote(1, 'p1', 't1', 'p1:m2', 'choice:b'),
        vote(1, 'p2', 't2', 'p2:m2', 'choice:c'),
      ]);
      await store.saveVotes('s1', []);
      const loaded = (await store.loadSession('s1'))!;
      expect(loaded.votes.map((v) => [v.player, v.ballot])).toEqual([
        ['p1', { type: 'option', option: 'choice:b' }],
        ['p2', { type: 'option', option: 'choice:c' }],
      ]);
      expect(new Set(loaded.messageIds)).toEqual(new Set(['m1', 'p1:m2', 'p2:m2']));
      await cleanup();
    });

    it('appends a round atomically: log entries in seq order, the reveal and the progress', async () => {
      const { store, cleanup } = await factory.make();
      await store.createSession(session('s1', 'AAAAAA'), teams);
      const entries: LogEntry[] = [
        { seq: 1, team: 't1', round: 1, action: { type: 'choose', choice: 'a' }, at: 10 },
        { seq: 2, team: 't2', round: 1, action: { type: 'continue' }, at: 10 },
      ];
      const reveal: Reveal = { round: 1, closedBy: 'host', teams: [] };
      const round = {
        number: 1,
        status: 'revealed' as const,
        openedAt: 5,
        deadline: null,
        remainingMs: null,
        tasks: [],
        eligible: {},
      };
      await store.closeRound('s1', entries, reveal, {
        status: 'running',
        locked: false,
        endedAt: null,
        progress: { round, closing: ['t2'] },
      });
      // A second round whose log entry reuses a seq must fail and leave nothing behind.
      await expect(
        store.closeRound(
          's1',
          [{ ...entries[0]!, seq: 2 }],
          { ...reveal, round: 2 },
          {
            status: 'ended',
            locked: false,
            endedAt: 99,
            progress: { round: null, closing: [] },
          },
        ),
      ).rejects.toThrow();
      const loaded = (await store.loadSession('s1'))!;
      expect(loaded.log.map((e) => e.seq)).toEqual([1, 2]);
      expect(loaded.log[0]!.action).toEqual({ type: 'choose', choice: 'a' });
      expect(loaded.reveals.map((r) => r.round)).toEqual([1]);
      expect(loaded.session.status).toBe('running');
      expect(loaded.session.progress.closing).toEqual(['t2']);
      expect(loaded.session.progress.round?.number).toBe(1);
      await cleanup();
    });

    it('keeps everything written once the write has returned (a reopened store sees it)', async () => {
      const { store, reopen, cleanup } = await factory.make();
      await store.createSession(session('s1', 'AAAAAA'), teams);
      await store.savePlayer('s1', player('p1', 't1'));
      await store.saveVote('s1', vote(1, 'p1', 't1', 'm1', 'choice:a'));
      const again = await reopen();
      const loaded = (await again.loadSession('s1'))!;
      expect(loaded.votes.map((v) => v.messageId)).toEqual(['m1']);
      expect(loaded.players.map((p) => p.id)).toEqual(['p1']);
      await again.close();
      await cleanup();
    });
  });
}
