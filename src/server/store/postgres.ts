/**
 * The session store on PostgreSQL (pg 8), for scale-out mode (DATABASE_URL): several server
 * processes share one database. Same contract as the SQLite store (tests/server/store-contract.ts);
 * in addition it serialises each room's changes across processes (`inRoomTransaction`: a
 * per-room advisory lock held by one transaction, plus the room's `rev`), and finds open rooms by
 * code or token for a process that does not hold them yet. Migrations: ./migrations/postgres.ts.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import pg from 'pg';
import type { Ballot, LogEntry, Reveal } from '../../protocol/index';
import { StoreUnavailable } from './errors';
import { MIGRATIONS } from './migrations/postgres';
import type { LoadedSession, PlayerRow, SessionRow, Store, TeamRow, VoteRow } from './types';

type Patch = Pick<SessionRow, 'status' | 'locked' | 'progress' | 'endedAt'>;
type Queryable = pg.Pool | pg.PoolClient;

/** int8 columns (timestamps, seeds) come back as numbers: all of ours fit in 2^53. */
const TYPES = {
  getTypeParser: ((oid: number, format?: string) =>
    oid === 20 ? (v: string) => Number(v) : pg.types.getTypeParser(oid, format as 'text')) as never,
};

/** Connection-level failures: the statement did not run (or its transaction rolled back). */
function isConnectionError(err: unknown): boolean {
  const e = err as { code?: string; message?: string } | null;
  if (!e) return false;
  const code = e.code ?? '';
  if (['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EHOSTUNREACH'].includes(code))
    return true;
  // Class 08: connection exception; 57P01-57P03: the server is shutting down / cannot connect now.
  if (code.startsWith('08') || code.startsWith('57P')) return true;
  return /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|not queryable/i.test(
    e.message ?? '',
  );
}

/** Set on an error thrown out of `inRoomTransaction`: whether the rolled-back work had written anything. */
export const ROLLED_BACK_WRITES = Symbol('rolledBackWrites');

/** A SQL string literal (standard_conforming_strings: only ' needs doubling). */
function literal(text: string): string {
  return `'${text.replace(/'/g, "''")}'`;
}

function wrap(err: unknown): unknown {
  return isConnectionError(err) ? new StoreUnavailable(err) : err;
}

interface TxContext {
  client: pg.PoolClient;
  wrote: boolean;
  /** Set at COMMIT/ROLLBACK: a timer made inside the transaction must not use its client later. */
  done: boolean;
}

export interface PostgresOptions {
  connectionString: string;
  /** A schema to work in (made if missing); tests use a fresh one each. Default: the user's search_path. */
  schema?: string;
  max?: number;
  log?: (line: string) => void;
}

function sessionFromRow(r: Record<string, unknown>): SessionRow {
  return {
    id: r.id as string,
    code: r.code as string,
    hostTokenHash: r.host_token_hash as string,
    scenario: r.scenario as string,
    scenarioTitle: r.scenario_title as string,
    settings: r.settings as SessionRow['settings'],
    seed: r.seed as number,
    status: r.status as SessionRow['status'],
    locked: r.locked as boolean,
    createdAt: r.created_at as number,
    endedAt: (r.ended_at as number | null) ?? null,
    progress: r.progress as SessionRow['progress'],
  };
}

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

export class PostgresStore implements Store {
  readonly pool: pg.Pool;
  private readonly tx = new AsyncLocalStorage<TxContext>();
  private readonly log: ((line: string) => void) | undefined;
  private closed = false;

  private constructor(options: PostgresOptions) {
    if (options.schema !== undefined && !SCHEMA_NAME.test(options.schema))
      throw new Error(`Schema name "${options.schema}" must be lower-case letters, digits and _.`);
    this.log = options.log;
    this.pool = new pg.Pool({
      connectionString: options.connectionString,
      max: options.max ?? 10,
      // Also the longest wait for a free connection of the pool under load. A database that is
      // down refuses at once (ECONNREFUSED), so this does not delay \`unavailable\`.
      connectionTimeoutMillis: 10_000,
      idleTimeoutMillis: 30_000,
      statement_timeout: 15_000,
      types: TYPES,
      ...(options.schema ? { options: `-c search_path=${options.schema}` } : {}),
    });
    // An idle client whose connection drops must not crash the process; the next query reconnects.
    this.pool.on('error', (err) => options.log?.(`Postgres: idle connection lost (${err.message}).`));
  }

  /** Connects, makes the schema if asked, applies pending migrations. */
  static async open(options: PostgresOptions): Promise<PostgresStore> {
    const store = new PostgresStore(options);
    try {
      if (options.schema) {
        const c = new pg.Client({ connectionString: options.connectionString });
        // A dropped connection fails the query below; unheard, its 'error' event would end the process.
        c.on('error', () => {});
        await c.connect();
        try {
          // Two processes starting together would race on CREATE SCHEMA IF NOT EXISTS: take turns.
          await c.query('SELECT pg_advisory_lock(hashtext($1))', ['closecall:migrations']);
          await c.query(`CREATE SCHEMA IF NOT EXISTS ${options.schema}`);
        } finally {
          await c.end();
        }
      }
      await store.migrate();
    } catch (err) {
      await store.pool.end().catch(() => {});
      throw wrap(err);
    }
    return store;
  }

  /** Applies the migrations this database has not seen, one transaction each, one process at a time. */
  async migrate(): Promise<number[]> {
    const { client, release } = await this.checkout();
    const applied: number[] = [];
    try {
      await client.query('SELECT pg_advisory_lock(hashtext($1))', ['closecall:migrations']);
      try {
        await client.query(
          `CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())`,
        );
        const done = new Set(
          (await client.query('SELECT version FROM schema_migrations')).rows.map((r) => r.version as number),
        );
        for (const m of MIGRATIONS) {
          if (done.has(m.version)) continue;
          await client.query('BEGIN');
          try {
            await client.query(m.sql);
            await client.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [
              m.version,
              m.name,
            ]);
            await client.query('COMMIT');
            applied.push(m.version);
          } catch (err) {
            await client.query('ROLLBACK').catch(() => {});
            throw new Error(`Postgres migration ${m.version} (${m.name}) failed: ${(err as Error).message}`);
          }
        }
      } finally {
        await client.query('SELECT pg_advisory_unlock(hashtext($1))', ['closecall:migrations']);
      }
    } finally {
      release(false);
    }
    return applied;
  }

  private current(): TxContext | undefined {
    const ctx = this.tx.getStore();
    return ctx && !ctx.done ? ctx : undefined;
  }

  private async q(sql: string, params: unknown[] = []): Promise<pg.QueryResult> {
    const ctx = this.current();
    const on: Queryable = ctx?.client ?? this.pool;
    try {
      return await on.query(sql, params);
    } catch (err) {
      throw wrap(err);
    }
  }

  /**
   * A client of the pool for one transaction. pg emits 'error' on a checked-out client whose
   * connection drops, even while a query is running (which fails too); with no listener that error
   * ends the whole process, and every phone connected to it. The pool listens only while a client
   * is idle, so here a listener is on for as long as the client is out: a lost connection only
   * marks it lost, the query in flight (or the next one) fails, and release discards it.
   */
  private async checkout(): Promise<{
    client: pg.PoolClient;
    release: (broken: boolean) => void;
  }> {
    let client: pg.PoolClient;
    try {
      client = await this.pool.connect();
    } catch (err) {
      throw wrap(err);
    }
    let lost = false;
    const onError = (err: Error) => {
      if (!lost) this.log?.(`Postgres: connection lost during a transaction (${err.message}).`);
      lost = true;
    };
    client.on('error', onError);
    return {
      client,
      release: (broken: boolean) => {
        client.removeListener('error', onError);
        client.release(broken || lost);
      },
    };
  }

  private markWrite(): void {
    const ctx = this.current();
    if (ctx) ctx.wrote = true;
  }

  /** Runs `fn` in one transaction: inside a room transaction it is simply part of it. */
  private async atomic<T>(fn: () => Promise<T>): Promise<T> {
    if (this.current()) {
      this.markWrite();
      return fn();
    }
    const { client, release } = await this.checkout();
    let broken = false;
    try {
      await client.query('BEGIN');
      const ctx: TxContext = { client, wrote: true, done: false };
      try {
        const out = await this.tx.run(ctx, fn);
        await client.query('COMMIT');
        return out;
      } finally {
        ctx.done = true;
      }
    } catch (err) {
      broken = isConnectionError(err) || err instanceof StoreUnavailable;
      await client.query('ROLLBACK').catch(() => {});
      throw wrap(err);
    } finally {
      release(broken);
    }
  }

  /**
   * Runs `fn` as the one writer of room `sessionId` across every process: one transaction that
   * holds the room's advisory lock; `fn` gets the room's committed `rev` (to refresh a stale copy)
   * and every store call inside it joins the transaction. If `fn` wrote, `rev` goes up by one.
   * Nothing is committed unless all of it is; a lost connection rolls back and throws StoreUnavailable.
   */
  async inRoomTransaction<T>(
    sessionId: string,
    fn: (rev: number) => Promise<T>,
  ): Promise<{ value: T; rev: number; wrote: boolean }> {
    const { client, release } = await this.checkout();
    let broken = false;
    let wrote = false;
    const id = literal(sessionId);
    try {
      // One round trip to begin, take the room's lock and read its rev (a loaded machine pays
      // for every round trip; see docs/deploy.md).
      const begun = (await client.query(
        `BEGIN; SELECT pg_advisory_xact_lock(hashtext(${literal(`closecall:room:${sessionId}`)})); SELECT rev FROM sessions WHERE id = ${id}`,
      )) as unknown as pg.QueryResult[];
      const row = begun[2]?.rows[0];
      if (!row) throw new Error(`No session "${sessionId}".`);
      const ctx: TxContext = { client, wrote: false, done: false };
      try {
        const value = await this.tx.run(ctx, () => fn(row.rev as number));
        let rev = row.rev as number;
        if (ctx.wrote) {
          const ended = (await client.query(
            `UPDATE sessions SET rev = rev + 1 WHERE id = ${id} RETURNING rev; COMMIT`,
          )) as unknown as pg.QueryResult[];
          rev = ended[0]!.rows[0].rev as number;
        } else await client.query('COMMIT');
        return { value, rev, wrote: ctx.wrote };
      } finally {
        ctx.done = true;
        wrote = ctx.wrote;
      }
    } catch (err) {
      broken = isConnectionError(err) || err instanceof StoreUnavailable;
      await client.query('ROLLBACK').catch(() => {});
      const out = wrap(err);
      if (out && typeof out === 'object') (out as Record<symbol, unknown>)[ROLLED_BACK_WRITES] = wrote;
      throw out;
    } finally {
      release(broken);
    }
  }

  /** The open session with this room code, or null. */
  async openSessionByCode(code: string): Promise<string | null> {
    const r = await this.q(`SELECT id FROM sessions WHERE code = $1 AND status <> 'ended' LIMIT 1`, [code]);
    return (r.rows[0]?.id as string | undefined) ?? null;
  }

  async openSessionByHostHash(hash: string): Promise<string | null> {
    const r = await this.q(
      `SELECT id FROM sessions WHERE host_token_hash = $1 AND status <> 'ended' LIMIT 1`,
      [hash],
    );
    return (r.rows[0]?.id as string | undefined) ?? null;
  }

  async openSessionByPlayerHash(hash: string): Promise<string | null> {
    const r = await this.q(
      `SELECT p.session AS id FROM players p JOIN sessions s ON s.id = p.session
       WHERE p.token_hash = $1 AND s.status <> 'ended' LIMIT 1`,
      [hash],
    );
    return (r.rows[0]?.id as string | undefined) ?? null;
  }

  async getMeta(key: string): Promise<string | null> {
    const r = await this.q('SELECT value FROM meta WHERE key = $1', [key]);
    return (r.rows[0]?.value as string | undefined) ?? null;
  }

  async setMeta(key: string, value: string): Promise<void> {
    this.markWrite();
    await this.q(
      'INSERT INTO meta (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
      [key, value],
    );
  }

  async createSession(session: SessionRow, teams: TeamRow[]): Promise<void> {
    await this.atomic(async () => {
      await this.q(
        `INSERT INTO sessions (id, code, host_token_hash, scenario, scenario_title, settings, seed, status, locked, created_at, ended_at, progress)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
        [
          session.id,
          session.code,
          session.hostTokenHash,
          session.scenario,
          session.scenarioTitle,
          JSON.stringify(session.settings),
          session.seed,
          session.status,
          session.locked,
          session.createdAt,
          session.endedAt,
          JSON.stringify(session.progress),
        ],
      );
      for (const t of teams) await this.insertTeam(session.id, t);
    });
  }

  private async insertTeam(sessionId: string, t: TeamRow): Promise<void> {
    await this.q('INSERT INTO teams (session, id, name, idx) VALUES ($1, $2, $3, $4)', [
      sessionId,
      t.id,
      t.name,
      t.index,
    ]);
  }

  async codeInUse(code: string): Promise<boolean> {
    return (await this.openSessionByCode(code)) !== null;
  }

  private async update(id: string, patch: Patch): Promise<void> {
    const r = await this.q(
      'UPDATE sessions SET status = $2, locked = $3, progress = $4, ended_at = $5 WHERE id = $1',
      [id, patch.status, patch.locked, JSON.stringify(patch.progress), patch.endedAt],
    );
    if (r.rowCount !== 1) throw new Error(`No session "${id}" to update.`);
  }

  async updateSession(id: string, patch: Patch): Promise<void> {
    this.markWrite();
    await this.update(id, patch);
  }

  async listSessions(): Promise<SessionRow[]> {
    return (await this.q('SELECT * FROM sessions ORDER BY created_at DESC, id')).rows.map(sessionFromRow);
  }

  async openSessionIds(): Promise<string[]> {
    const r = await this.q(`SELECT id FROM sessions WHERE status <> 'ended' ORDER BY created_at, id`);
    return r.rows.map((x) => x.id as string);
  }

  async teamSummaries(id: string): Promise<{ id: string; name: string; players: number }[]> {
    const r = await this.q(
      `SELECT t.id, t.name,
         (SELECT COUNT(*)::int FROM players p WHERE p.session = t.session AND p.team = t.id AND p.status = 'active') AS players
       FROM teams t WHERE t.session = $1 ORDER BY t.idx`,
      [id],
    );
    return r.rows.map((t) => ({ id: t.id as string, name: t.name as string, players: t.players as number }));
  }

  async loadSession(id: string): Promise<LoadedSession | null> {
    return (await this.loadSessionRow(id, null))?.loaded ?? null;
  }

  /**
   * The room as it is committed now, with its rev, when that rev is not `rev` (null when it is,
   * or when there is no such session): one statement, so one consistent snapshot, and no lock
   * (a read of a room another process may be changing; see the cluster's `peek`).
   */
  async loadSessionIfChanged(
    id: string,
    rev: number,
  ): Promise<{ loaded: LoadedSession; rev: number } | null> {
    return this.loadSessionRow(id, rev);
  }

  private async loadSessionRow(
    id: string,
    unlessRev: number | null,
  ): Promise<{ loaded: LoadedSession; rev: number } | null> {
    // One round trip: every part of the room as JSON (a stale process refreshes with this).
    const r = await this.q(
      `SELECT row_to_json(s) AS session,
         COALESCE((SELECT json_agg(json_build_object('id', t.id, 'name', t.name, 'index', t.idx) ORDER BY t.idx)
                   FROM teams t WHERE t.session = $1), '[]') AS teams,
         COALESCE((SELECT json_agg(json_build_object('id', p.id, 'tokenHash', p.token_hash, 'name', p.name, 'team', p.team,
                     'device', p.device, 'status', p.status, 'joinedAt', p.joined_at, 'joinedRound', p.joined_round)
                     ORDER BY p.joined_at, p.id)
                   FROM players p WHERE p.session = $1), '[]') AS players,
         COALESCE((SELECT json_agg(json_build_object('seq', a.seq, 'team', a.team, 'round', a.round, 'action', a.action, 'at', a.at)
                     ORDER BY a.seq)
                   FROM actions a WHERE a.session = $1), '[]') AS log,
         COALESCE((SELECT json_agg(json_build_object('round', v.round, 'player', v.player, 'team', v.team,
                     'messageId', v.message_id, 'ballot', v.ballot, 'step', v.step, 'node', v.node, 'at', v.at)
                     ORDER BY v.round, v.at, v.player)
                   FROM votes v WHERE v.session = $1${
                     unlessRev === null ? '' : ` AND v.round = ((s.progress->'round'->>'number')::int)`
                   }), '[]') AS votes,
         COALESCE((SELECT json_agg(x.reveal ORDER BY x.round) FROM reveals x WHERE x.session = $1), '[]') AS reveals,
         COALESCE((SELECT json_agg(m.id) FROM messages m WHERE m.session = $1), '[]') AS messages
       FROM sessions s WHERE s.id = $1${unlessRev === null ? '' : ' AND s.rev <> $2'}`,
      unlessRev === null ? [id] : [id, unlessRev],
    );
    const row = r.rows[0];
    if (!row) return null;
    const session = row.session as Record<string, unknown>;
    return {
      rev: session.rev as number,
      loaded: {
        session: sessionFromRow(session),
        teams: row.teams as TeamRow[],
        players: row.players as PlayerRow[],
        log: row.log as LogEntry[],
        votes: (row.votes as VoteRow[]).map((v) => ({
          ...v,
          node: v.node ?? null,
          ballot: v.ballot as Ballot,
        })),
        reveals: row.reveals as Reveal[],
        messageIds: row.messages as string[],
      },
    };
  }

  async addTeam(sessionId: string, team: TeamRow): Promise<void> {
    this.markWrite();
    await this.insertTeam(sessionId, team);
  }

  async savePlayer(sessionId: string, p: PlayerRow): Promise<void> {
    this.markWrite();
    await this.q(
      `INSERT INTO players (session, id, token_hash, name, team, device, status, joined_at, joined_round)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
       ON CONFLICT (session, id) DO UPDATE SET token_hash = excluded.token_hash, name = excluded.name, team = excluded.team,
         device = excluded.device, status = excluded.status, joined_at = excluded.joined_at, joined_round = excluded.joined_round`,
      [sessionId, p.id, p.tokenHash, p.name, p.team, p.device, p.status, p.joinedAt, p.joinedRound],
    );
  }

  async saveVote(sessionId: string, v: VoteRow): Promise<void> {
    this.markWrite();
    // One statement: the ballot and its message id are written together or not at all.
    await this.q(
      `WITH vote AS (
         INSERT INTO votes (session, round, player, team, message_id, ballot, step, node, at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
         ON CONFLICT (session, round, player) DO UPDATE SET team = excluded.team, message_id = excluded.message_id,
           ballot = excluded.ballot, step = excluded.step, node = excluded.node, at = excluded.at
         RETURNING 1)
       INSERT INTO messages (session, id) SELECT $1, $5 FROM vote ON CONFLICT DO NOTHING`,
      [sessionId, v.round, v.player, v.team, v.messageId, JSON.stringify(v.ballot), v.step, v.node, v.at],
    );
  }

  async saveVotes(sessionId: string, votes: VoteRow[]): Promise<void> {
    if (votes.length === 0) return;
    if (votes.length === 1) return this.saveVote(sessionId, votes[0]!);
    this.markWrite();
    // One statement for the whole batch (inside the room's transaction when there is one).
    await this.q(
      `WITH data AS (
         SELECT * FROM unnest($2::int[], $3::text[], $4::text[], $5::text[], $6::text[], $7::int[], $8::text[], $9::bigint[])
           AS d(round, player, team, message_id, ballot, step, node, at)),
       vote AS (
         INSERT INTO votes (session, round, player, team, message_id, ballot, step, node, at)
         SELECT $1, round, player, team, message_id, ballot::jsonb, step, node, at FROM data
         ON CONFLICT (session, round, player) DO UPDATE SET team = excluded.team, message_id = excluded.message_id,
           ballot = excluded.ballot, step = excluded.step, node = excluded.node, at = excluded.at
         RETURNING message_id)
       INSERT INTO messages (session, id) SELECT $1, message_id FROM vote ON CONFLICT DO NOTHING`,
      [
        sessionId,
        votes.map((v) => v.round),
        votes.map((v) => v.player),
        votes.map((v) => v.team),
        votes.map((v) => v.messageId),
        votes.map((v) => JSON.stringify(v.ballot)),
        votes.map((v) => v.step),
        votes.map((v) => v.node),
        votes.map((v) => v.at),
      ],
    );
  }

  private async insertMessage(sessionId: string, id: string): Promise<void> {
    await this.q('INSERT INTO messages (session, id) VALUES ($1, $2) ON CONFLICT DO NOTHING', [
      sessionId,
      id,
    ]);
  }

  async deleteVote(sessionId: string, round: number, player: string): Promise<void> {
    this.markWrite();
    await this.q('DELETE FROM votes WHERE session = $1 AND round = $2 AND player = $3', [
      sessionId,
      round,
      player,
    ]);
  }

  async rememberMessage(sessionId: string, messageId: string): Promise<void> {
    this.markWrite();
    await this.insertMessage(sessionId, messageId);
  }

  async closeRound(sessionId: string, entries: LogEntry[], reveal: Reveal, patch: Patch): Promise<void> {
    await this.atomic(async () => {
      for (const e of entries) {
        await this.q(
          'INSERT INTO actions (session, seq, team, round, action, at) VALUES ($1, $2, $3, $4, $5, $6)',
          [sessionId, e.seq, e.team, e.round, JSON.stringify(e.action), e.at],
        );
      }
      await this.q('INSERT INTO reveals (session, round, reveal) VALUES ($1, $2, $3)', [
        sessionId,
        reveal.round,
        JSON.stringify(reveal),
      ]);
      await this.update(sessionId, patch);
    });
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.pool.end();
  }
}
