/**
 * The Postgres schema, as numbered migrations kept with the code. `migrate` (postgres.ts) applies
 * the ones a database has not seen, each in its own transaction, at every start; several server
 * processes starting at once take turns (an advisory lock). Never edit a migration that has
 * shipped: add the next one.
 */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'sessions, teams, players, action log, votes, reveals, message ids',
    sql: `
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE sessions (
  id TEXT PRIMARY KEY,
  code TEXT NOT NULL,
  host_token_hash TEXT NOT NULL,
  scenario TEXT NOT NULL,
  scenario_title TEXT NOT NULL,
  settings JSONB NOT NULL,
  seed BIGINT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('lobby', 'running', 'ended')),
  locked BOOLEAN NOT NULL,
  created_at BIGINT NOT NULL,
  ended_at BIGINT,
  progress JSONB NOT NULL,
  -- Bumped by every change a server process commits for this room: another process that holds
  -- the room in memory sees a newer rev and refreshes before it applies anything.
  rev BIGINT NOT NULL DEFAULT 0
);
CREATE INDEX sessions_open_code ON sessions (code) WHERE status <> 'ended';
CREATE INDEX sessions_host ON sessions (host_token_hash) WHERE status <> 'ended';
CREATE INDEX sessions_created ON sessions (created_at DESC, id);
CREATE TABLE teams (
  session TEXT NOT NULL REFERENCES sessions(id),
  id TEXT NOT NULL,
  name TEXT NOT NULL,
  idx INTEGER NOT NULL,
  PRIMARY KEY (session, id)
);
CREATE TABLE players (
  session TEXT NOT NULL REFERENCES sessions(id),
  id TEXT NOT NULL,
  token_hash TEXT NOT NULL,
  name TEXT NOT NULL,
  team TEXT NOT NULL,
  device TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('active', 'kicked', 'banned')),
  joined_at BIGINT NOT NULL,
  joined_round INTEGER NOT NULL,
  PRIMARY KEY (session, id)
);
CREATE INDEX players_token ON players (token_hash);
-- The action log: one row per step; (session, seq) unique, so two processes can never both
-- write step n of a room (the second insert fails and its whole transaction rolls back).
CREATE TABLE actions (
  session TEXT NOT NULL REFERENCES sessions(id),
  seq INTEGER NOT NULL CHECK (seq > 0),
  team TEXT NOT NULL,
  round INTEGER NOT NULL,
  action JSONB NOT NULL,
  at BIGINT NOT NULL,
  PRIMARY KEY (session, seq)
);
CREATE TABLE votes (
  session TEXT NOT NULL REFERENCES sessions(id),
  round INTEGER NOT NULL,
  player TEXT NOT NULL,
  team TEXT NOT NULL,
  message_id TEXT NOT NULL,
  ballot JSONB NOT NULL,
  step INTEGER NOT NULL,
  node TEXT,
  at BIGINT NOT NULL,
  PRIMARY KEY (session, round, player)
);
CREATE TABLE reveals (
  session TEXT NOT NULL REFERENCES sessions(id),
  round INTEGER NOT NULL,
  reveal JSONB NOT NULL,
  PRIMARY KEY (session, round)
);
CREATE TABLE messages (
  session TEXT NOT NULL REFERENCES sessions(id),
  id TEXT NOT NULL,
  PRIMARY KEY (session, id)
);
`,
  },
];
