/**
 * The session store on SQLite (better-sqlite3, WAL). A write returns only once SQLite has
 * committed it, so an acknowledged vote survives a restart of the server process.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import type { Ballot, LogEntry, Reveal } from '../../protocol/index';
import type { LoadedSession, PlayerRow, SessionRow, Store, TeamRow, VoteRow } from './types';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS sessions (
  id TEXT PRIMARY KEY,
  code TEXT NOT NULL,
  host_token_hash TEXT NOT NULL,
  scenario TEXT NOT NULL,
  scenario_title TEXT NOT NULL,
  settings TEXT NOT NULL,
  seed INTEGER NOT NULL,
  status TEXT NOT NULL,
  locked INTEGER NOT NULL,
  created_at INTEGER NOT NULL,
  ended_at INTEGER,
  progress TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS sessions_open ON sessions (status, code);
CREATE TABLE IF NOT EXISTS teams (
  session TEXT NOT NULL REFERENCES sessions(id),
  id TEXT NOT NULL,
  name TEXT NOT NULL,
  idx INTEGER NOT NULL,
  PRIMARY KEY (session, id)
);
CREATE TABLE IF NOT EXISTS players (
  session TEXT NOT NULL REFERENCES sessions(id),
  id TEXT NOT NULL,
  token_hash TEXT NOT NULL,
  name TEXT NOT NULL,
  team TEXT NOT NULL,
  device TEXT NOT NULL,
  status TEXT NOT NULL,
  joined_at INTEGER NOT NULL,
  joined_round INTEGER NOT NULL,
  PRIMARY KEY (session, id)
);
CREATE TABLE IF NOT EXISTS actions (
  session TEXT NOT NULL REFERENCES sessions(id),
  seq INTEGER NOT NULL,
  team TEXT NOT NULL,
  round INTEGER NOT NULL,
  action TEXT NOT NULL,
  at INTEGER NOT NULL,
  PRIMARY KEY (session, seq)
);
CREATE TABLE IF NOT EXISTS votes (
  session TEXT NOT NULL REFERENCES sessions(id),
  round INTEGER NOT NULL,
  player TEXT NOT NULL,
  team TEXT NOT NULL,
  message_id TEXT NOT NULL,
  ballot TEXT NOT NULL,
  step INTEGER NOT NULL,
  node TEXT,
  at INTEGER NOT NULL,
  PRIMARY KEY (session, round, player)
);
CREATE TABLE IF NOT EXISTS reveals (
  session TEXT NOT NULL REFERENCES sessions(id),
  round INTEGER NOT NULL,
  reveal TEXT NOT NULL,
  PRIMARY KEY (session, round)
);
CREATE TABLE IF NOT EXISTS messages (
  session TEXT NOT NULL REFERENCES sessions(id),
  id TEXT NOT NULL,
  PRIMARY KEY (session, id)
);
`;

interface SessionDbRow {
  id: string;
  code: string;
  host_token_hash: string;
  scenario: string;
  scenario_title: string;
  settings: string;
  seed: number;
  status: string;
  locked: number;
  created_at: number;
  ended_at: number | null;
  progress: string;
}

function sessionFromRow(r: SessionDbRow): SessionRow {
  return {
    id: r.id,
    code: r.code,
    hostTokenHash: r.host_token_hash,
    scenario: r.scenario,
    scenarioTitle: r.scenario_title,
    settings: JSON.parse(r.settings),
    seed: r.seed,
    status: r.status as SessionRow['status'],
    locked: r.locked === 1,
    createdAt: r.created_at,
    endedAt: r.ended_at,
    progress: JSON.parse(r.progress),
  };
}

export class SqliteStore implements Store {
  readonly db: Database.Database;
  private readonly stmt: Record<string, Database.Statement>;

  /** `file` is a path (its folder is made if missing) or ':memory:'. */
  constructor(file: string) {
    if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    // NORMAL in WAL mode: a committed transaction survives a crash of this process (it is in the
    // WAL file); only a power cut can lose the last ones. FULL would fsync every vote.
    this.db.pragma('synchronous = NORMAL');
    this.db.pragma('foreign_keys = ON');
    this.db.pragma('busy_timeout = 5000');
    this.db.exec(SCHEMA);
    const p = (sql: string) => this.db.prepare(sql);
    this.stmt = {
      getMeta: p('SELECT value FROM meta WHERE key = ?'),
      setMeta: p(
        'INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value',
      ),
      insertSession: p(
        `INSERT INTO sessions (id, code, host_token_hash, scenario, scenario_title, settings, seed, status, locked, created_at, ended_at, progress)
         VALUES (@id, @code, @hostTokenHash, @scenario, @scenarioTitle, @settings, @seed, @status, @locked, @createdAt, @endedAt, @progress)`,
      ),
      codeInUse: p(`SELECT 1 FROM sessions WHERE code = ? AND status != 'ended' LIMIT 1`),
      updateSession: p(
        'UPDATE sessions SET status = @status, locked = @locked, progress = @progress, ended_at = @endedAt WHERE id = @id',
      ),
      listSessions: p('SELECT * FROM sessions ORDER BY created_at DESC, id'),
      openSessions: p(`SELECT id FROM sessions WHERE status != 'ended' ORDER BY created_at`),
      getSession: p('SELECT * FROM sessions WHERE id = ?'),
      teams: p('SELECT id, name, idx FROM teams WHERE session = ? ORDER BY idx'),
      teamSummaries: p(
        `SELECT t.id, t.name, (SELECT COUNT(*) FROM players p WHERE p.session = t.session AND p.team = t.id AND p.status = 'active') AS players
         FROM teams t WHERE t.session = ? ORDER BY t.idx`,
      ),
      insertTeam: p('INSERT INTO teams (session, id, name, idx) VALUES (?, ?, ?, ?)'),
      players: p('SELECT * FROM players WHERE session = ? ORDER BY joined_at, id'),
      savePlayer: p(
        `INSERT INTO players (session, id, token_hash, name, team, device, status, joined_at, joined_round)
         VALUES (@session, @id, @tokenHash, @name, @team, @device, @status, @joinedAt, @joinedRound)
         ON CONFLICT(session, id) DO UPDATE SET token_hash = excluded.token_hash, name = excluded.name, team = excluded.team,
           device = excluded.device, status = excluded.status, joined_at = excluded.joined_at, joined_round = excluded.joined_round`,
      ),
      actions: p('SELECT seq, team, round, action, at FROM actions WHERE session = ? ORDER BY seq'),
      insertAction: p(
        'INSERT INTO actions (session, seq, team, round, action, at) VALUES (?, ?, ?, ?, ?, ?)',
      ),
      votes: p('SELECT * FROM votes WHERE session = ? ORDER BY round, at, player'),
      saveVote: p(
        `INSERT INTO votes (session, round, player, team, message_id, ballot, step, node, at)
         VALUES (@session, @round, @player, @team, @messageId, @ballot, @step, @node, @at)
         ON CONFLICT(session, round, player) DO UPDATE SET team = excluded.team, message_id = excluded.message_id,
           ballot = excluded.ballot, step = excluded.step, node = excluded.node, at = excluded.at`,
      ),
      deleteVote: p('DELETE FROM votes WHERE session = ? AND round = ? AND player = ?'),
      reveals: p('SELECT reveal FROM reveals WHERE session = ? ORDER BY round'),
      insertReveal: p('INSERT INTO reveals (session, round, reveal) VALUES (?, ?, ?)'),
      messages: p('SELECT id FROM messages WHERE session = ?'),
      insertMessage: p('INSERT OR IGNORE INTO messages (session, id) VALUES (?, ?)'),
    };
  }

  private s(name: string): Database.Statement {
    return this.stmt[name]!;
  }

  async getMeta(key: string): Promise<string | null> {
    const row = this.s('getMeta').get(key) as { value: string } | undefined;
    return row?.value ?? null;
  }

  async setMeta(key: string, value: string): Promise<void> {
    this.s('setMeta').run(key, value);
  }

  async createSession(session: SessionRow, teams: TeamRow[]): Promise<void> {
    this.db.transaction(() => {
      this.s('insertSession').run({
        ...session,
        settings: JSON.stringify(session.settings),
        locked: session.locked ? 1 : 0,
        progress: JSON.stringify(session.progress),
      });
      for (const t of teams) this.s('insertTeam').run(session.id, t.id, t.name, t.index);
    })();
  }

  async codeInUse(code: string): Promise<boolean> {
    return this.s('codeInUse').get(code) !== undefined;
  }

  private update(id: string, patch: Pick<SessionRow, 'status' | 'locked' | 'progress' | 'endedAt'>): void {
    const r = this.s('updateSession').run({
      id,
      status: patch.status,
      locked: patch.locked ? 1 : 0,
      progress: JSON.stringify(patch.progress),
      endedAt: patch.endedAt,
    });
    if (r.changes !== 1) throw new Error(`No session "${id}" to update.`);
  }

  async updateSession(
    id: string,
    patch: Pick<SessionRow, 'status' | 'locked' | 'progress' | 'endedAt'>,
  ): Promise<void> {
    this.update(id, patch);
  }

  async listSessions(): Promise<SessionRow[]> {
    return (this.s('listSessions').all() as SessionDbRow[]).map(sessionFromRow);
  }

  async openSessionIds(): Promise<string[]> {
    return (this.s('openSessions').all() as { id: string }[]).map((r) => r.id);
  }

  async teamSummaries(id: string): Promise<{ id: string; name: string; players: number }[]> {
    return this.s('teamSummaries').all(id) as { id: string; name: string; players: number }[];
  }

  async loadSession(id: string): Promise<LoadedSession | null> {
    const row = this.s('getSession').get(id) as SessionDbRow | undefined;
    if (!row) return null;
    const teams = (this.s('teams').all(id) as { id: string; name: string; idx: number }[]).map((t) => ({
      id: t.id,
      name: t.name,
      index: t.idx,
    }));
    const players = (this.s('players').all(id) as Record<string, unknown>[]).map(
      (p): PlayerRow => ({
        id: p.id as string,
        tokenHash: p.token_hash as string,
        name: p.name as string,
        team: p.team as string,
        device: p.device as string,
        status: p.status as PlayerRow['status'],
        joinedAt: p.joined_at as number,
        joinedRound: p.joined_round as number,
      }),
    );
    const log = (this.s('actions').all(id) as Record<string, unknown>[]).map(
      (a): LogEntry => ({
        seq: a.seq as number,
        team: a.team as string,
        round: a.round as number,
        action: JSON.parse(a.action as string),
        at: a.at as number,
      }),
    );
    const votes = (this.s('votes').all(id) as Record<string, unknown>[]).map(
      (v): VoteRow => ({
        round: v.round as number,
        player: v.player as string,
        team: v.team as string,
        messageId: v.message_id as string,
        ballot: JSON.parse(v.ballot as string) as Ballot,
        step: v.step as number,
        node: (v.node as string | null) ?? null,
        at: v.at as number,
      }),
    );
    const reveals = (this.s('reveals').all(id) as { reveal: string }[]).map(
      (r) => JSON.parse(r.reveal) as Reveal,
    );
    const messageIds = (this.s('messages').all(id) as { id: string }[]).map((m) => m.id);
    return { session: sessionFromRow(row), teams, players, log, votes, reveals, messageIds };
  }

  async addTeam(sessionId: string, team: TeamRow): Promise<void> {
    this.s('insertTeam').run(sessionId, team.id, team.name, team.index);
  }

  async savePlayer(sessionId: string, player: PlayerRow): Promise<void> {
    this.s('savePlayer').run({ session: sessionId, ...player });
  }

  async saveVote(sessionId: string, vote: VoteRow): Promise<void> {
    this.db.transaction(() => {
      this.s('saveVote').run({ session: sessionId, ...vote, ballot: JSON.stringify(vote.ballot) });
      this.s('insertMessage').run(sessionId, vote.messageId);
    })();
  }

  async saveVotes(sessionId: string, votes: VoteRow[]): Promise<void> {
    this.db.transaction(() => {
      for (const vote of votes) {
        this.s('saveVote').run({ session: sessionId, ...vote, ballot: JSON.stringify(vote.ballot) });
        this.s('insertMessage').run(sessionId, vote.messageId);
      }
    })();
  }

  async deleteVote(sessionId: string, round: number, player: string): Promise<void> {
    this.s('deleteVote').run(sessionId, round, player);
  }

  async rememberMessage(sessionId: string, messageId: string): Promise<void> {
    this.s('insertMessage').run(sessionId, messageId);
  }

  async closeRound(
    sessionId: string,
    entries: LogEntry[],
    reveal: Reveal,
    patch: Pick<SessionRow, 'status' | 'locked' | 'progress' | 'endedAt'>,
  ): Promise<void> {
    this.db.transaction(() => {
      for (const e of entries) {
        this.s('insertAction').run(sessionId, e.seq, e.team, e.round, JSON.stringify(e.action), e.at);
      }
      this.s('insertReveal').run(sessionId, reveal.round, JSON.stringify(reveal));
      this.update(sessionId, patch);
    })();
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }
}
