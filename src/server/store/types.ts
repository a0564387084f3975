/**
 * Where sessions are kept. The server holds each open room in memory as its one writer and
 * writes every change through this interface before it acknowledges it, so a restarted server
 * rebuilds the room from here. SQLite implements it today (sqlite.ts); the interface is async
 * so a networked database (Postgres, issue #11) can implement it too. Every implementation must
 * pass the contract suite in tests/server/store-contract.ts.
 */
import type { Ballot, LogEntry, Reveal, RoomSettings, Task } from '../../protocol/index';

export type SessionStatus = 'lobby' | 'running' | 'ended';

export interface SessionRow {
  id: string;
  code: string;
  /** SHA-256 of the host token, hex; the token itself is never stored. */
  hostTokenHash: string;
  scenario: string;
  scenarioTitle: string;
  settings: RoomSettings;
  seed: number;
  status: SessionStatus;
  locked: boolean;
  createdAt: number;
  endedAt: number | null;
  /** The room's bookkeeping between rounds (open round, teams building a close, round counter). */
  progress: SessionProgress;
}

export interface RoundRow {
  number: number;
  status: 'discussion' | 'voting' | 'paused' | 'revealed';
  openedAt: number;
  deadline: number | null;
  remainingMs: number | null;
  tasks: Task[];
  /** Per team, the players eligible to vote in this round. */
  eligible: Record<string, string[]>;
}

export interface SessionProgress {
  round: RoundRow | null;
  /** Teams that voted to close and build their close in the next round. */
  closing: string[];
}

export interface TeamRow {
  id: string;
  name: string;
  index: number;
}

export interface PlayerRow {
  id: string;
  /** SHA-256 of the player token, hex. */
  tokenHash: string;
  name: string;
  team: string;
  device: string;
  status: 'active' | 'kicked' | 'banned';
  joinedAt: number;
  /** The round open (or last opened) when the player joined; 0 in the lobby. */
  joinedRound: number;
}

export interface VoteRow {
  round: number;
  player: string;
  team: string;
  /** The message id (UUID) of the vote that set this ballot. */
  messageId: string;
  ballot: Ballot;
  step: number;
  node: string | null;
  at: number;
}

export interface LoadedSession {
  session: SessionRow;
  teams: TeamRow[];
  players: PlayerRow[];
  log: LogEntry[];
  /** Every vote ever cast that still stands (the last per player per round). */
  votes: VoteRow[];
  reveals: Reveal[];
  /** Message ids already applied (votes and host commands), for duplicate detection. */
  messageIds: string[];
}

export interface Store {
  /** A small key-value table for server settings (e.g. the trainer key's hash). */
  getMeta(key: string): Promise<string | null>;
  setMeta(key: string, value: string): Promise<void>;

  createSession(session: SessionRow, teams: TeamRow[]): Promise<void>;
  /** True when a session that has not ended uses this code. */
  codeInUse(code: string): Promise<boolean>;
  /** Status, lock, progress and end time. */
  updateSession(
    id: string,
    patch: Pick<SessionRow, 'status' | 'locked' | 'progress' | 'endedAt'>,
  ): Promise<void>;
  listSessions(): Promise<SessionRow[]>;
  /** Ids of sessions that have not ended (to rebuild their rooms after a restart). */
  openSessionIds(): Promise<string[]>;
  loadSession(id: string): Promise<LoadedSession | null>;
  /** Team counts per session, for the sessions list. */
  teamSummaries(id: string): Promise<{ id: string; name: string; players: number }[]>;

  addTeam(sessionId: string, team: TeamRow): Promise<void>;
  /** Insert or replace a player by id. */
  savePlayer(sessionId: string, player: PlayerRow): Promise<void>;
  /** Insert or replace the player's ballot for the round, and remember its message id, atomically. */
  saveVote(sessionId: string, vote: VoteRow): Promise<void>;
  /**
   * `saveVote` for several ballots at once (votes that arrived together), in one transaction:
   * all are kept or none. At most one ballot per player and round.
   */
  saveVotes(sessionId: string, votes: VoteRow[]): Promise<void>;
  deleteVote(sessionId: string, round: number, player: string): Promise<void>;
  /** Remember a host command's message id. */
  rememberMessage(sessionId: string, messageId: string): Promise<void>;
  /** Append a closed round's log entries and reveal, and save the session's progress, atomically. */
  closeRound(
    sessionId: string,
    entries: LogEntry[],
    reveal: Reveal,
    patch: Pick<SessionRow, 'status' | 'locked' | 'progress' | 'endedAt'>,
  ): Promise<void>;

  close(): Promise<void>;
}
