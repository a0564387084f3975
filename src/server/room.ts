/**
 * One live room: the single writer of its action log. Every change goes through `run`, one at a
 * time, is written to the store before it is acknowledged, and then broadcast. Each team plays
 * the room's scenario on the room's seed in the engine's expected mode; the engine validates
 * every action before it enters the log.
 */

import type { Action } from '../engine';
import { EngineError, Playthrough } from '../engine';
import {
  type Ballot,
  type ErrorCode,
  type HostCommandName,
  LIMITS,
  type LogEntry,
  type PlayerInfo,
  type Reveal,
  type RoomSettings,
  type RoomState,
  RULES,
  type You,
} from '../protocol/index';
import { graphemes } from '../protocol/names';
import { cleanName, friendlyName, sameName } from './names';
import type { ScenarioEntry } from './scenarios';
import { hashToken, newToken, sameHash } from './secrets';
import {
  allVoted,
  decideRound,
  eligibleAtOpen,
  isVoting,
  opensInDiscussion,
  revealOf,
  taskFor,
} from './session/rules';
import type { LoadedSession, PlayerRow, RoundRow, SessionRow, Store, VoteRow } from './store/types';
import { ballotProblem } from './tally';

/** An error the client gets as `{ ok: false, error: { code, message } }`. */
export class Refusal extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/** How the room reaches its clients (socket.io in sockets.ts; a recorder in tests). */
export interface RoomOutlet {
  toRoom(code: string, event: string, payload: unknown): void;
  toHost(code: string, event: string, payload: unknown): void;
  /** `here`: the phone's sockets are all on this process (scale-out mode: no need to tell the others). */
  toPlayer(code: string, player: string, event: string, payload: unknown, here?: boolean): void;
  /** The player's sockets stop receiving the room's broadcasts (kick, ban). */
  detach(code: string, player: string, team?: string): void;
  /** Every phone of the room (not the host). */
  toPhones(code: string, event: string, payload: unknown): void;
  /** The phones of one team. */
  toTeam(code: string, team: string, event: string, payload: unknown): void;
}

/** A vote waiting for the room's writer (votes that arrive together are written together). */
interface PendingVote {
  player: string;
  msg: { id: string; round: number; ballot: Ballot };
  resolve: (r: { duplicate: boolean }) => void;
  reject: (err: unknown) => void;
}
type VoteOutcome = { ok: { duplicate: boolean } } | { err: unknown };

/** A phone that dropped this recently still counts as present for "everyone voted". */
export const RECONNECT_GRACE_MS = 5_000;
const COALESCE_MS = 250;

interface TeamLive {
  id: string;
  name: string;
  index: number;
  play: Playthrough;
  closing: boolean;
  /** Cached: whether the playthrough had ended at step `endedStep`. */
  ended?: boolean;
  endedStep?: number;
}

function teamEnded(t: TeamLive): boolean {
  if (t.endedStep !== t.play.step) {
    t.ended = t.play.view().phase === 'ended';
    t.endedStep = t.play.step;
  }
  return t.ended!;
}

/** A state with only one team's task in its round (what that team's phones get). */
function forTeam(state: RoomState, team: string): RoomState {
  const r = state.round;
  return r ? { ...state, round: { ...r, tasks: r.tasks.filter((t) => t.team === team) } } : state;
}

/** A vote's message id, scoped to the player who sent it (two phones may use the same id). */
export function voteKey(player: string, id: string): string {
  return `${player}:${id}`;
}

interface Presence {
  sockets: number;
  leftAt: number;
  /** Scale-out mode: this process has seen the player's sockets (else they may be on another). */
  local?: boolean;
}

export interface RoomDeps {
  store: Store;
  scenario: ScenarioEntry;
  outlet: RoomOutlet;
  now?: () => number;
  log?: (line: string) => void;
  /** Scale-out mode (issue #11, src/server/cluster/): other processes may hold this room too. */
  cluster?: RoomCluster;
}

/**
 * Scale-out mode: `guard` runs each change as the room's one writer across every process (a
 * database transaction holding the room's lock); it refreshes the room from the store first when
 * another process changed it. `share` follows which players have a live socket on another process.
 */
export interface RoomCluster {
  guard<T>(room: Room, fn: () => Promise<T> | T): Promise<T>;
  /**
   * Runs `fn`, which changes nothing in the store, on the room as last committed by any process
   * (refreshed first when stale), without the room's lock. Without it, reads take the guard.
   */
  peek?<T>(room: Room, fn: () => Promise<T> | T): Promise<T>;
  /** Starts following the room's phones on other processes. */
  share(room: Room, hooks: SharedPresenceHooks): SharedPresence;
}

export interface SharedPresenceHooks {
  /** The set of players connected elsewhere changed; `before` is the one it replaced. */
  onChange(before: ReadonlySet<string> | null): void;
  /** Players this process has never seen connected (counted as present while nothing is known). */
  unseen(): string[];
}

/** Scale-out mode: the room's phones on other processes (src/server/cluster/presence.ts). */
export interface SharedPresence {
  /** Players with a live socket on another process, as last answered; null before any answer. */
  readonly elsewhere: ReadonlySet<string> | null;
  /** One of the room's phones connected or disconnected on this process. */
  changed(): void;
  dispose(): void;
}

export class Room {
  readonly id: string;
  readonly code: string;
  readonly settings: RoomSettings;
  readonly seed: number;
  readonly createdAt: number;
  private readonly hostTokenHash: string;
  private readonly store: Store;
  private readonly scenario: ScenarioEntry;
  private readonly outlet: RoomOutlet;
  private readonly now: () => number;
  private readonly logLine: (line: string) => void;
  private readonly deps: RoomDeps;

  status: SessionRow['status'];
  locked: boolean;
  endedAt: number | null;
  private teams: TeamLive[] = [];
  private readonly players = new Map<string, PlayerRow>();
  private readonly byToken = new Map<string, string>();
  private readonly presence = new Map<string, Presence>();
  /** Scale-out mode: the room's phones on other processes. */
  private shared: SharedPresence | null = null;
  private log: LogEntry[] = [];
  private reveals: Reveal[] = [];
  private round: RoundRow | null = null;
  /** Ballots of the open round, by player. */
  private votes = new Map<string, VoteRow>();
  private readonly seen = new Set<string>();
  private queue: Promise<unknown> = Promise.resolve();
  private timer: ReturnType<typeof setTimeout> | null = null;
  private graceTimer: ReturnType<typeof setTimeout> | null = null;
  private flushTimer: ReturnType<typeof setTimeout> | null = null;
  private dirty = { state: false, progress: false, players: false };
  private disposed = false;
  /** When a message (or a timer) last touched the room: idle rooms end (Rooms.sweep). */
  lastActivity: number;

  private constructor(deps: RoomDeps, session: SessionRow) {
    this.deps = deps;
    this.store = deps.store;
    this.scenario = deps.scenario;
    this.outlet = deps.outlet;
    this.now = deps.now ?? Date.now;
    this.logLine = deps.log ?? (() => {});
    this.id = session.id;
    this.code = session.code;
    this.settings = session.settings;
    this.seed = session.seed;
    this.createdAt = session.createdAt;
    this.hostTokenHash = session.hostTokenHash;
    this.status = session.status;
    this.locked = session.locked;
    this.endedAt = session.endedAt;
    this.lastActivity = this.now();
  }

  /** The last time anything happened in a stored session (creation, a join, a vote, a round). */
  static lastActivityOf(loaded: LoadedSession): number {
    let t = loaded.session.createdAt;
    for (const p of loaded.players) t = Math.max(t, p.joinedAt);
    for (const v of loaded.votes) t = Math.max(t, v.at);
    for (const e of loaded.log) t = Math.max(t, e.at);
    const r = loaded.session.progress.round;
    if (r) t = Math.max(t, r.openedAt);
    return t;
  }

  /**
   * The last activity seen here or (scale-out mode, after the guard refreshed the room) written by
   * another process: joins, votes, log entries, round openings.
   */
  activityAt(): number {
    let t = Math.max(this.lastActivity, this.createdAt);
    for (const p of this.players.values()) t = Math.max(t, p.joinedAt);
    for (const v of this.votes.values()) t = Math.max(t, v.at);
    const last = this.log[this.log.length - 1];
    if (last) t = Math.max(t, last.at);
    if (this.round) t = Math.max(t, this.round.openedAt);
    return t;
  }

  /**
   * Run by Rooms (inside `run`) on a room that looked idle: when nothing has happened for
   * `idleMs` it ends as if the host ended it. Returns whether it ended.
   */
  async expire(idleMs: number): Promise<boolean> {
    if (this.status === 'ended' || this.now() - this.activityAt() < idleMs) return false;
    this.status = 'ended';
    this.endedAt = this.now();
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.save();
    this.broadcastState();
    return true;
  }

  /** Resolves when every change queued so far has finished (shutdown). */
  settled(): Promise<void> {
    return this.queue.then(() => undefined);
  }

  private newPlay(): Playthrough {
    return Playthrough.start(this.scenario.scenario, { seed: this.seed, mode: 'expected' });
  }

  /** Opens a new room and writes it to the store. Returns the host token (never stored). */
  static async create(
    deps: RoomDeps,
    init: { id: string; code: string; settings: RoomSettings; seed: number },
  ): Promise<{ room: Room; hostToken: string }> {
    const hostToken = newToken();
    const now = (deps.now ?? Date.now)();
    const session: SessionRow = {
      id: init.id,
      code: init.code,
      hostTokenHash: hashToken(hostToken),
      scenario: deps.scenario.id,
      scenarioTitle: deps.scenario.title,
      settings: init.settings,
      seed: init.seed,
      status: 'lobby',
      locked: false,
      createdAt: now,
      endedAt: null,
      progress: { round: null, closing: [] },
    };
    const room = new Room(deps, session);
    const teams =
      init.settings.mode === 'teams'
        ? Array.from({ length: init.settings.teams }, (_, i) => ({
            id: `t${i + 1}`,
            name: `Team ${i + 1}`,
            index: i,
          }))
        : [];
    await deps.store.createSession(session, teams);
    room.teams = teams.map((t) => ({ ...t, play: room.newPlay(), closing: false }));
    room.share();
    return { room, hostToken };
  }

  /** Rebuilds a room from the store: every team's playthrough is the replay of its log. */
  static restore(deps: RoomDeps, loaded: LoadedSession): Room {
    const room = new Room(deps, loaded.session);
    const progress = loaded.session.progress;
    const closing = new Set(progress.closing);
    room.teams = loaded.teams.map((t) => ({ ...t, play: room.newPlay(), closing: closing.has(t.id) }));
    const byId = new Map(room.teams.map((t) => [t.id, t]));
    for (const entry of loaded.log) {
      const team = byId.get(entry.team);
      if (!team) throw new Error(`Log entry ${entry.seq} names an unknown team "${entry.team}".`);
      team.play.act(entry.action as Action);
    }
    room.log = loaded.log;
    room.reveals = loaded.reveals;
    const leftAt = room.now();
    for (const p of loaded.players) {
      room.players.set(p.id, p);
      room.byToken.set(p.tokenHash, p.id);
      room.presence.set(p.id, { sockets: 0, leftAt });
    }
    room.round = progress.round;
    if (room.round && room.round.status !== 'revealed') {
      for (const v of loaded.votes) if (v.round === room.round.number) room.votes.set(v.player, v);
    }
    for (const id of loaded.messageIds) room.seen.add(id);
    room.share();
    return room;
  }

  /** Scale-out mode: starts following the room's phones on other processes. */
  private share(): void {
    const cluster = this.deps.cluster;
    if (!cluster) return;
    this.shared = cluster.share(this, {
      onChange: (before) => this.sharedChanged(before),
      unseen: () =>
        [...this.players.keys()].filter((id) => {
          const p = this.presence.get(id);
          return !p?.local && (p?.sockets ?? 0) === 0;
        }),
    });
  }

  /** After a restore: a timer that ran out while the server was down closes the vote now. */
  async resumeTimers(): Promise<void> {
    await this.run(async () => {
      const r = this.round;
      if (this.status !== 'running' || !r || r.status !== 'voting' || r.deadline === null) return;
      if (r.deadline <= this.now()) await this.closeVote('timer');
      else this.schedule();
    });
  }

  /** Runs `fn` after every earlier change to this room has finished: the room's one writer. */
  run<T>(fn: () => Promise<T> | T, touch = true): Promise<T> {
    if (touch) this.lastActivity = this.now();
    const cluster = this.deps.cluster;
    const exec = cluster ? () => cluster.guard(this, fn) : fn;
    const next = this.queue.then(exec, exec);
    this.queue = next.catch(() => {});
    return next;
  }

  /**
   * Like `run`, for `fn` that writes nothing to the store (a resume's or a join's reply): in
   * scale-out mode it sees every change committed so far but takes no transaction or lock.
   */
  read<T>(fn: () => Promise<T> | T): Promise<T> {
    const cluster = this.deps.cluster;
    if (!cluster?.peek) return this.run(fn);
    this.lastActivity = this.now();
    const peek = cluster.peek.bind(cluster);
    const exec = () => peek(this, fn);
    const next = this.queue.then(exec, exec);
    this.queue = next.catch(() => {});
    return next;
  }

  /**
   * `bind` (checks, binds a socket) and then `reply` on the room as committed, with nothing
   * committed in between missed: one turn of the room's queue in one process; in scale-out mode
   * two reads, the second after the binding, so whatever another process committed before the
   * socket was bound is in the reply and whatever it commits later reaches the socket.
   */
  async bindThenRead<B, T>(bind: () => B, reply: (bound: B) => T): Promise<T> {
    if (!this.deps.cluster?.peek) return this.run(() => reply(bind()));
    const bound = await this.read(bind);
    return this.read(() => reply(bound));
  }

  /**
   * Scale-out mode: takes the room as another process left it in the store (called by the cluster
   * guard inside the room's transaction). Playthroughs are kept and extended when the log only
   * grew; this process's own presence is kept; the vote timer follows the refreshed round.
   */
  refresh(loaded: LoadedSession): void {
    const s = loaded.session;
    this.status = s.status;
    this.locked = s.locked;
    this.endedAt = s.endedAt;
    const closing = new Set(s.progress.closing);
    const prefixKept =
      loaded.log.length >= this.log.length &&
      (this.log.length === 0 || loaded.log[this.log.length - 1]?.seq === this.lastSeq);
    const old = new Map(this.teams.map((t) => [t.id, t]));
    const known = this.log.length;
    this.teams = loaded.teams.map((t) => {
      const kept = prefixKept ? old.get(t.id) : undefined;
      const team: TeamLive = { ...t, play: kept?.play ?? this.newPlay(), closing: closing.has(t.id) };
      // A kept playthrough has every entry before `known`; a new one replays the whole log.
      for (const entry of kept ? loaded.log.slice(known) : loaded.log) {
        if (entry.team === t.id) team.play.act(entry.action as Action);
      }
      return team;
    });
    const ids = new Set(this.teams.map((t) => t.id));
    const stray = loaded.log.find((e) => !ids.has(e.team));
    if (stray) throw new Error(`Log entry ${stray.seq} names an unknown team "${stray.team}".`);
    this.log = loaded.log;
    this.reveals = loaded.reveals;
    this.players.clear();
    this.byToken.clear();
    const now = this.now();
    for (const p of loaded.players) {
      this.players.set(p.id, p);
      this.byToken.set(p.tokenHash, p.id);
      if (!this.presence.has(p.id)) this.presence.set(p.id, { sockets: 0, leftAt: now });
    }
    this.round = s.progress.round;
    this.votes = new Map();
    if (this.round && this.round.status !== 'revealed') {
      for (const v of loaded.votes) if (v.round === this.round.number) this.votes.set(v.player, v);
    }
    for (const id of loaded.messageIds) this.seen.add(id);
    this.schedule();
  }

  dispose(): void {
    this.disposed = true;
    for (const t of [this.timer, this.graceTimer, this.flushTimer]) if (t) clearTimeout(t);
    this.shared?.dispose();
  }

  // ------------------------------------------------------------------ reading

  isHost(token: string): boolean {
    return sameHash(hashToken(token), this.hostTokenHash);
  }

  playerByToken(token: string): PlayerRow | null {
    return this.playerByHash(hashToken(token));
  }

  /** The player whose token has this hash (hashToken), or null. */
  playerByHash(hash: string): PlayerRow | null {
    const id = this.byToken.get(hash);
    return id ? (this.players.get(id) ?? null) : null;
  }

  get lastSeq(): number {
    return this.log.length === 0 ? 0 : this.log[this.log.length - 1]!.seq;
  }

  missed(lastSeq: number): LogEntry[] {
    return this.log.filter((e) => e.seq > lastSeq);
  }

  /** Connected, or dropped less than the reconnect grace ago. */
  private present(playerId: string, now: number): boolean {
    if (this.connected(playerId)) return true;
    const p = this.presence.get(playerId);
    return !!p && now - p.leftAt < RECONNECT_GRACE_MS;
  }

  private connected(playerId: string): boolean {
    return this.connectedWith(playerId, this.shared?.elsewhere ?? null);
  }

  /** Has a socket here or (scale-out mode) on another process, by the given answer. */
  private connectedWith(playerId: string, elsewhere: ReadonlySet<string> | null): boolean {
    const p = this.presence.get(playerId);
    if ((p?.sockets ?? 0) > 0) return true;
    if (!this.deps.cluster) return false;
    // No answer from the other processes yet: a phone this process has never seen may be on one.
    if (elsewhere === null) return !p?.local;
    return elsewhere.has(playerId);
  }

  /**
   * Scale-out mode: the player's sockets are all on this process, as far as the other processes
   * last answered, so a message for that phone alone need not go through Redis to every process
   * (at a round's opening that is one message per phone, most of the room's traffic).
   */
  private onlyHere(playerId: string): boolean {
    if (!this.deps.cluster) return false;
    const elsewhere = this.shared?.elsewhere ?? null;
    return (this.presence.get(playerId)?.sockets ?? 0) > 0 && elsewhere !== null && !elsewhere.has(playerId);
  }

  /** Active players by team, in one pass. */
  private members(): Map<string, PlayerRow[]> {
    const by = new Map<string, PlayerRow[]>();
    for (const p of this.players.values()) {
      if (p.status !== 'active') continue;
      const list = by.get(p.team);
      if (list) list.push(p);
      else by.set(p.team, [p]);
    }
    return by;
  }

  /** The team a player is in (null when unknown). */
  teamOf(playerId: string): string | null {
    return this.players.get(playerId)?.team ?? null;
  }

  private counts(): { voted: Record<string, number>; eligible: Record<string, number> } {
    const voted: Record<string, number> = {};
    const eligible: Record<string, number> = {};
    const r = this.round;
    if (!r) return { voted, eligible };
    const now = this.now();
    for (const t of r.tasks) {
      if (!isVoting(t.kind)) continue;
      let n = 0;
      let m = 0;
      for (const id of r.eligible[t.team] ?? []) {
        const p = this.players.get(id);
        if (p?.status !== 'active') continue;
        const hasVote = this.votes.has(id);
        if (hasVote) n++;
        if (hasVote || this.present(id, now)) m++;
      }
      voted[t.team] = n;
      eligible[t.team] = m;
    }
    return { voted, eligible };
  }

  state(): RoomState {
    const r = this.round;
    const c = this.counts();
    const members = this.members();
    return {
      code: this.code,
      session: this.id,
      scenario: { id: this.scenario.id, title: this.scenario.title },
      settings: this.settings,
      rules: { tie: { ...RULES.tie }, timeout: { ...RULES.timeout } },
      seed: this.seed,
      engineMode: 'expected',
      status: this.status,
      locked: this.locked,
      lastSeq: this.lastSeq,
      teams: this.teams.map((t) => {
        const list = members.get(t.id) ?? [];
        return {
          id: t.id,
          name: t.name,
          players: list.length,
          connected: list.filter((p) => this.connected(p.id)).length,
          step: t.play.step,
          closing: t.closing,
          ended: teamEnded(t),
        };
      }),
      round: r
        ? {
            number: r.number,
            status: r.status,
            deadline: r.deadline,
            remainingMs: r.remainingMs,
            tasks: r.tasks,
            voted: c.voted,
            eligible: c.eligible,
          }
        : null,
      reveals: this.reveals,
      serverNow: this.now(),
    };
  }

  /**
   * Phones get their own team's task only (teams mode, while a round is open or shown): a round's
   * tasks are most of a state's size and a phone reads only its own. In individuals mode every
   * player is a team, so one state for all is cheaper than one per player.
   */
  private perTeam(): boolean {
    return this.settings.mode === 'teams' && this.round !== null;
  }

  /** The state a phone gets in a reply (join, resume): every reveal, its own team's task only. */
  stateFor(playerId: string): RoomState {
    const state = this.state();
    const team = this.teamOf(playerId);
    return this.perTeam() && team ? forTeam(state, team) : state;
  }

  playersInfo(): PlayerInfo[] {
    const r = this.round;
    return [...this.players.values()].map((p) => ({
      id: p.id,
      name: p.name,
      team: p.team,
      connected: this.connected(p.id),
      status: p.status,
      voted: !!r && r.status !== 'revealed' && this.votes.has(p.id),
      joinedRound: p.joinedRound,
    }));
  }

  you(playerId: string): You {
    const p = this.players.get(playerId)!;
    const r = this.round;
    const open = !!r && r.status !== 'revealed';
    return {
      player: p.id,
      name: p.name,
      team: p.team,
      ballot: open ? (this.votes.get(p.id)?.ballot ?? null) : null,
      eligible: open && (r!.eligible[p.team] ?? []).includes(p.id) && p.status === 'active',
    };
  }

  // ------------------------------------------------------------------ broadcasting

  private markDirty(...what: (keyof Room['dirty'])[]): void {
    for (const w of what) this.dirty[w] = true;
    if (this.flushTimer || this.disposed) return;
    this.flushTimer = setTimeout(() => this.flush(), COALESCE_MS);
  }

  /** "n of m voted" last sent to each team's phones, so only teams whose counts changed get one. */
  private sentProgress = new Map<string, string>();

  private flush(): void {
    this.flushTimer = null;
    if (this.disposed) return;
    const d = this.dirty;
    this.dirty = { state: false, progress: false, players: false };
    // Joins, drops and reconnections change only who is there: the host sees them live; phones
    // get the whole state when the round, timer, status or lock change (broadcastState), so a
    // room of hundreds does not send every phone a new state for every join.
    if (d.state) this.outlet.toHost(this.code, 'room:state', this.state());
    if ((d.progress || d.state) && this.round && this.round.status !== 'revealed') this.sendProgress();
    if (d.players) this.outlet.toHost(this.code, 'room:players', { players: this.playersInfo() });
  }

  /**
   * "n of m voted": the host gets every team's counts; each team's phones get their own team's,
   * and only when they changed since they last got them (a phone reads only its own team).
   */
  private sendProgress(): void {
    const r = this.round!;
    const c = this.counts();
    this.outlet.toHost(this.code, 'room:progress', { round: r.number, ...c });
    for (const team of Object.keys(c.eligible)) {
      const voted = c.voted[team] ?? 0;
      const eligible = c.eligible[team] ?? 0;
      const key = `${r.number}:${voted}/${eligible}`;
      if (this.sentProgress.get(team) === key) continue;
      this.sentProgress.set(team, key);
      this.outlet.toTeam(this.code, team, 'room:progress', {
        round: r.number,
        voted: { [team]: voted },
        eligible: { [team]: eligible },
      });
    }
  }

  /**
   * Sends the state now (round changes), and the players list soon. The host gets the whole
   * state; the phones the same state computed once, with only the latest reveal (a phone shows
   * the open or last closed round; the host keeps the history).
   */
  private broadcastState(): void {
    this.dirty.state = false;
    this.dirty.progress = false;
    const state = this.state();
    this.outlet.toHost(this.code, 'room:state', state);
    const phones = { ...state, reveals: state.reveals.slice(-1) };
    if (this.perTeam()) {
      // One state per team, each encoded once: a phone needs its own team's task, not every team's.
      for (const t of this.teams) this.outlet.toTeam(this.code, t.id, 'room:state', forTeam(phones, t.id));
    } else this.outlet.toPhones(this.code, 'room:state', phones);
    if (this.round && this.round.status !== 'revealed') {
      // The state carries the counts: they are what each team's phones have now.
      for (const team of Object.keys(state.round?.eligible ?? {})) {
        const key = `${this.round.number}:${state.round!.voted[team] ?? 0}/${state.round!.eligible[team] ?? 0}`;
        this.sentProgress.set(team, key);
      }
    }
    this.markDirty('players');
  }

  private patch(): Pick<SessionRow, 'status' | 'locked' | 'progress' | 'endedAt'> {
    return {
      status: this.status,
      locked: this.locked,
      endedAt: this.endedAt,
      progress: { round: this.round, closing: this.teams.filter((t) => t.closing).map((t) => t.id) },
    };
  }

  private async save(): Promise<void> {
    await this.store.updateSession(this.id, this.patch());
  }

  // ------------------------------------------------------------------ presence

  connect(playerId: string): void {
    const p = this.presence.get(playerId) ?? { sockets: 0, leftAt: 0 };
    p.sockets++;
    p.local = true;
    this.presence.set(playerId, p);
    this.shared?.changed();
    this.markDirty('state', 'players');
  }

  disconnect(playerId: string): void {
    const p = this.presence.get(playerId);
    if (!p) return;
    p.sockets = Math.max(0, p.sockets - 1);
    if (p.sockets === 0) {
      p.leftAt = this.now();
      this.afterGrace();
    }
    this.shared?.changed();
    this.markDirty('state', 'players');
  }

  /** When the reconnect grace runs out, the ones still present may all have voted. */
  private afterGrace(): void {
    if (this.graceTimer) clearTimeout(this.graceTimer);
    this.graceTimer = setTimeout(() => {
      this.graceTimer = null;
      this.markDirty('state');
      void this.run(() => this.maybeAutoClose()).catch((e) => this.logLine(`Room ${this.code}: ${e}`));
    }, RECONNECT_GRACE_MS + 50);
  }

  /**
   * Scale-out mode: the other processes' phones changed. A player no longer connected anywhere
   * left now (the reconnect grace starts); the host's lists and "n of m" follow.
   */
  private sharedChanged(before: ReadonlySet<string> | null): void {
    if (this.disposed) return;
    const now = this.now();
    let left = false;
    for (const id of this.players.keys()) {
      if (!this.connectedWith(id, before) || this.connected(id)) continue;
      const p = this.presence.get(id) ?? { sockets: 0, leftAt: now };
      p.leftAt = now;
      this.presence.set(id, p);
      left = true;
    }
    if (left) this.afterGrace();
    this.markDirty('state', 'players');
  }

  // ------------------------------------------------------------------ players

  async join(rawName: string | undefined, device: string): Promise<{ token: string; player: PlayerRow }> {
    if (this.status === 'ended') throw new Refusal('room-ended', 'This session has ended.');
    const players = [...this.players.values()];
    if (players.some((p) => p.status === 'banned' && p.device === device)) {
      throw new Refusal('banned', 'The host has removed this phone from the room.');
    }
    if (this.locked) throw new Refusal('room-locked', 'The host has locked this room: no one new can join.');
    const active = players.filter((p) => p.status === 'active');
    if (active.length >= LIMITS.playersMax) throw new Refusal('room-full', 'This room is full.');
    const cleaned = cleanName(rawName);
    if (!cleaned.ok) throw new Refusal('bad-name', cleaned.message);
    // A ban holds for the banned name too, from any device (a fresh browser is a new device id).
    if (cleaned.name && players.some((p) => p.status === 'banned' && sameName(p.name, cleaned.name))) {
      throw new Refusal('banned', 'The host has removed this name from the room.');
    }
    const taken = new Set(active.map((p) => p.name.toLowerCase()));
    let name = cleaned.name || friendlyName(taken);
    if (taken.has(name.toLowerCase())) {
      let n = 2;
      const base = graphemes(name)
        .slice(0, LIMITS.nameMax - 3)
        .join('');
      while (taken.has(`${base} ${n}`.toLowerCase())) n++;
      name = `${base} ${n}`;
    }
    const id = `p${this.players.size + 1}`;
    let team: string;
    if (this.settings.mode === 'individuals') {
      const index = this.teams.length;
      const t = { id: `t${index + 1}`, name, index };
      await this.store.addTeam(this.id, t);
      this.teams.push({ ...t, play: this.newPlay(), closing: false });
      team = t.id;
    } else {
      const sizes = this.teams.map((t) => ({ id: t.id, n: active.filter((p) => p.team === t.id).length }));
      sizes.sort((a, b) => a.n - b.n);
      team = sizes[0]!.id;
    }
    const token = newToken();
    const player: PlayerRow = {
      id,
      tokenHash: hashToken(token),
      name,
      team,
      device,
      status: 'active',
      joinedAt: this.now(),
      joinedRound: this.round?.number ?? 0,
    };
    await this.store.savePlayer(this.id, player);
    this.players.set(id, player);
    this.byToken.set(player.tokenHash, id);
    this.presence.set(id, { sockets: 0, leftAt: 0 });
    this.markDirty('state', 'players');
    return { token, player };
  }

  /** Checks a phone's token on resume. */
  resumePlayer(token: string): PlayerRow {
    const p = this.playerByToken(token);
    if (!p) throw new Refusal('unauthorized', 'This phone is not known in the room; join again.');
    if (p.status === 'banned') throw new Refusal('banned', 'The host has removed this phone from the room.');
    if (p.status === 'kicked') throw new Refusal('kicked', 'The host removed you from the room; join again.');
    return p;
  }

  // ------------------------------------------------------------------ votes

  private pendingVotes: PendingVote[] = [];

  /**
   * A phone's vote. Votes wait for the room's writer; those that arrive while it is busy are
   * checked one by one and written together in one transaction (one commit for the batch). The
   * reply comes once the batch is written (in scale-out mode, committed).
   */
  vote(
    playerId: string,
    msg: { id: string; round: number; ballot: Ballot },
  ): Promise<{ duplicate: boolean }> {
    return new Promise((resolve, reject) => {
      this.pendingVotes.push({ player: playerId, msg, resolve, reject });
      if (this.pendingVotes.length === 1) this.scheduleVotes();
    });
  }

  /** The batch starts on the next turn of the event loop, so votes read in this one join it. */
  private scheduleVotes(): void {
    setImmediate(() => this.startVotes());
  }

  private startVotes(): void {
    let batch: PendingVote[] | null = null;
    this.run(async () => {
      batch = this.pendingVotes;
      this.pendingVotes = [];
      return this.writeVotes(batch);
    }).then(
      (outcomes) => {
        outcomes.forEach((o, i) => {
          const item = batch![i]!;
          if ('ok' in o) item.resolve(o.ok);
          else item.reject(o.err);
        });
      },
      (err) => {
        // Nothing of the batch is known to be written (or the writer never took it).
        const failed = batch ?? this.pendingVotes.splice(0);
        for (const item of failed) item.reject(err);
      },
    );
  }

  /** Checks a vote against the room as it is; throws the Refusal the phone gets. */
  private checkVote(playerId: string, msg: { id: string; round: number; ballot: Ballot }): VoteRow {
    const p = this.players.get(playerId);
    if (!p) throw new Refusal('not-joined', 'Join the room first.');
    if (p.status === 'banned') throw new Refusal('banned', 'The host has removed this phone from the room.');
    if (p.status === 'kicked') throw new Refusal('kicked', 'The host removed you from the room; join again.');
    const r = this.round;
    if (this.status !== 'running' || !r) throw new Refusal('no-vote-open', 'No vote is open.');
    if (msg.round !== r.number) {
      throw new Refusal('wrong-round', `Round ${msg.round} is not the open round (${r.number}).`);
    }
    if (r.status === 'revealed') throw new Refusal('no-vote-open', 'This vote has closed.');
    if (!(r.eligible[p.team] ?? []).includes(p.id)) {
      throw new Refusal('not-voting', 'You joined after this vote opened: you vote from the next one.');
    }
    const task = r.tasks.find((t) => t.team === p.team);
    if (!task || !isVoting(task.kind))
      throw new Refusal('not-voting', 'Your team has nothing to decide now.');
    const problem = ballotProblem(task, msg.ballot);
    if (problem) throw new Refusal('bad-ballot', problem);
    return {
      round: r.number,
      player: p.id,
      team: p.team,
      messageId: voteKey(p.id, msg.id),
      ballot: msg.ballot,
      step: task.step,
      node: task.node,
      at: this.now(),
    };
  }

  /** One batch of votes: checked in arrival order, written in one transaction, then counted. */
  private async writeVotes(batch: PendingVote[]): Promise<VoteOutcome[]> {
    const outcomes: VoteOutcome[] = [];
    let rows: VoteRow[] = [];
    const players = new Set<string>();
    const write = async () => {
      if (rows.length === 0) return;
      const written = rows;
      rows = [];
      players.clear();
      await this.store.saveVotes(this.id, written);
      for (const row of written) {
        this.seen.add(row.messageId);
        this.votes.set(row.player, row);
      }
    };
    for (const item of batch) {
      const key = voteKey(item.player, item.msg.id);
      if (this.seen.has(key) || rows.some((r) => r.messageId === key)) {
        outcomes.push({ ok: { duplicate: true } });
        continue;
      }
      // A phone that changed its vote within one batch: the earlier ballot is written first,
      // so every acknowledged message id is remembered.
      if (players.has(item.player)) await write();
      try {
        rows.push(this.checkVote(item.player, item.msg));
        players.add(item.player);
        outcomes.push({ ok: { duplicate: false } });
      } catch (err) {
        if (!(err instanceof Refusal)) throw err;
        outcomes.push({ err });
      }
    }
    await write();
    if (outcomes.some((o) => 'ok' in o && !o.ok.duplicate)) {
      this.markDirty('progress', 'players');
      await this.maybeAutoClose();
    }
    return outcomes;
  }

  private async maybeAutoClose(): Promise<void> {
    const r = this.round;
    const due = allVoted({
      autoClose: this.settings.autoClose,
      running: this.status === 'running',
      roundStatus: r?.status ?? null,
      tasks: r?.tasks ?? [],
      eligibleIds: r?.eligible ?? {},
      votes: this.votes.size,
      counts: r?.status === 'voting' ? this.counts() : { voted: {}, eligible: {} },
    });
    if (due) await this.closeVote('all-voted');
  }

  // ------------------------------------------------------------------ rounds

  private async openRound(): Promise<void> {
    // A team with no one in it sits the round out (in teams mode, teams nobody joined never play).
    const members = this.members();
    const tasks = this.teams.filter((t) => members.has(t.id)).map((t) => taskFor(t, t.play.view()));
    const eligible = eligibleAtOpen(tasks, (team) => members.get(team) ?? []);
    const discussing = opensInDiscussion(tasks);
    const ms = this.settings.voteSeconds * 1000;
    const timed = ms > 0;
    const now = this.now();
    this.round = {
      number: (this.round?.number ?? 0) + 1,
      status: discussing ? 'discussion' : 'voting',
      openedAt: now,
      deadline: !discussing && timed ? now + ms : null,
      remainingMs: discussing && timed ? ms : null,
      tasks,
      eligible,
    };
    this.votes = new Map();
    await this.save();
    this.schedule();
    this.broadcastState();
    for (const p of this.players.values()) {
      if (p.status === 'active')
        this.outlet.toPlayer(this.code, p.id, 'you:update', this.you(p.id), this.onlyHere(p.id));
    }
    await this.maybeAutoClose();
  }

  private schedule(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const r = this.round;
    if (this.disposed || this.status !== 'running' || !r || r.status !== 'voting' || r.deadline === null)
      return;
    const number = r.number;
    this.timer = setTimeout(
      () => {
        this.timer = null;
        void this.run(async () => {
          if (this.round?.number === number && this.round.status === 'voting') await this.closeVote('timer');
        }).catch((e) => this.logLine(`Room ${this.code}: ${e}`));
      },
      Math.max(0, r.deadline - this.now()),
    );
  }

  /**
   * Counts every team's votes (session/rules.ts), checks each action with the engine on the
   * team's own playthrough (an action the engine refuses leaves it unchanged), writes the round
   * to the store and broadcasts it. The playthroughs step forward in place; only when the store
   * write fails are they rewound, so a round costs one engine step per team, not a replay.
   */
  private async closeVote(by: Reveal['closedBy']): Promise<void> {
    const r = this.round!;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const now = this.now();
    const byTeam = new Map<string, Ballot[]>();
    for (const v of this.votes.values()) {
      const list = byTeam.get(v.team);
      if (list) list.push(v.ballot);
      else byTeam.set(v.team, [v.ballot]);
    }
    const decisions = decideRound(r.tasks, (team) => byTeam.get(team) ?? []);
    let seq = this.lastSeq;
    const entries: LogEntry[] = [];
    const seqs = new Map<string, number>();
    const stepped: { team: TeamLive; before: number }[] = [];
    const nextClosing = new Map<string, boolean>();
    for (const d of decisions) {
      const team = this.teams.find((t) => t.id === d.team)!;
      if (d.action) {
        const before = team.play.step;
        try {
          team.play.act(d.action as Action);
        } catch (err) {
          if (!(err instanceof EngineError)) throw err;
          this.logLine(`Room ${this.code}: the engine refused ${JSON.stringify(d.action)}: ${err.message}`);
          continue;
        }
        stepped.push({ team, before });
        seqs.set(d.team, ++seq);
        entries.push({ seq, team: d.team, round: r.number, action: d.action, at: now });
        nextClosing.set(d.team, false);
      } else if (d.startsClose) nextClosing.set(d.team, true);
    }
    const reveal = revealOf(r.number, by, decisions, seqs);
    const round: RoundRow = { ...r, status: 'revealed', deadline: null, remainingMs: null };
    const closing = this.teams
      .filter((t) => (nextClosing.has(t.id) ? nextClosing.get(t.id) : t.closing))
      .map((t) => t.id);
    try {
      await this.store.closeRound(this.id, entries, reveal, {
        status: this.status,
        locked: this.locked,
        endedAt: this.endedAt,
        progress: { round, closing },
      });
    } catch (err) {
      // Not written: the playthroughs go back to where the store has them.
      for (const { team, before } of stepped) team.play = team.play.rewind(before);
      throw err;
    }
    for (const t of this.teams) if (nextClosing.has(t.id)) t.closing = nextClosing.get(t.id)!;
    this.round = round;
    this.log.push(...entries);
    this.reveals.push(reveal);
    this.votes = new Map();
    for (const e of entries) this.outlet.toRoom(this.code, 'room:action', e);
    this.outlet.toRoom(this.code, 'room:reveal', reveal);
    this.broadcastState();
  }

  // ------------------------------------------------------------------ host

  async control(msg: {
    id: string;
    command: HostCommandName;
    player?: string;
  }): Promise<{ duplicate: boolean }> {
    if (this.seen.has(msg.id)) return { duplicate: true };
    if (this.status === 'ended') throw new Refusal('room-ended', 'This session has ended.');
    const r = this.round;
    const now = this.now();
    const bad = (why: string) => new Refusal('bad-state', why);
    const timed = this.settings.voteSeconds > 0;
    switch (msg.command) {
      case 'start': {
        if (this.status === 'lobby') {
          const active = [...this.players.values()].filter((p) => p.status === 'active');
          if (active.length === 0) throw bad('No one has joined yet.');
          this.status = 'running';
          await this.openRound();
          break;
        }
        if (r?.status === 'discussion') {
          await this.startTimer(r, now);
          break;
        }
        throw bad('The session has started; use Next to open the next vote.');
      }
      case 'resume': {
        if (r?.status === 'paused' || r?.status === 'discussion') {
          await this.startTimer(r, now);
          break;
        }
        throw bad('The vote is not paused.');
      }
      case 'pause': {
        if (r?.status !== 'voting') throw bad('No vote is running.');
        r.status = 'paused';
        r.remainingMs = r.deadline === null ? null : Math.max(0, r.deadline - now);
        r.deadline = null;
        await this.save();
        this.schedule();
        this.broadcastState();
        break;
      }
      case 'add-time': {
        if (!timed) throw bad('This room has no vote timer.');
        if (r?.status === 'voting' && r.deadline !== null) r.deadline += LIMITS.addSeconds * 1000;
        else if ((r?.status === 'paused' || r?.status === 'discussion') && r.remainingMs !== null) {
          r.remainingMs += LIMITS.addSeconds * 1000;
        } else throw bad('No vote is open.');
        await this.save();
        this.schedule();
        this.broadcastState();
        break;
      }
      case 'close-vote': {
        if (!r || r.status === 'revealed') throw bad('No vote is open.');
        await this.closeVote('host');
        break;
      }
      case 'next': {
        if (this.status !== 'running' || r?.status !== 'revealed') throw bad('Close the vote first.');
        // Only teams with someone in them play on (openRound): a team nobody joined, or whose
        // players were all removed, never reaches an ending and must not keep the room going
        // with rounds in which no one has anything to do.
        const members = this.members();
        if (this.teams.every((t) => !members.has(t.id) || teamEnded(t))) {
          throw bad('Every team has finished: End session to see the debrief.');
        }
        await this.openRound();
        break;
      }
      case 'lock':
      case 'unlock': {
        this.locked = msg.command === 'lock';
        await this.save();
        this.broadcastState();
        break;
      }
      case 'kick':
      case 'ban': {
        const p = msg.player ? this.players.get(msg.player) : undefined;
        if (p?.status !== 'active') throw new Refusal('unknown-player', 'No such player in the room.');
        const status = msg.command === 'kick' ? 'kicked' : 'banned';
        const updated: PlayerRow = { ...p, status };
        await this.store.savePlayer(this.id, updated);
        this.players.set(p.id, updated);
        if (r && r.status !== 'revealed' && this.votes.has(p.id)) {
          await this.store.deleteVote(this.id, r.number, p.id);
          this.votes.delete(p.id);
        }
        this.outlet.toPlayer(this.code, p.id, 'you:removed', { reason: status });
        this.outlet.detach(this.code, p.id, p.team);
        this.broadcastState();
        await this.maybeAutoClose();
        break;
      }
      case 'end': {
        this.status = 'ended';
        this.endedAt = now;
        if (this.timer) clearTimeout(this.timer);
        this.timer = null;
        await this.save();
        this.broadcastState();
        break;
      }
    }
    this.seen.add(msg.id);
    await this.store.rememberMessage(this.id, msg.id);
    return { duplicate: false };
  }

  private async startTimer(r: RoundRow, now: number): Promise<void> {
    r.status = 'voting';
    r.deadline = r.remainingMs === null ? null : now + r.remainingMs;
    r.remainingMs = null;
    await this.save();
    this.schedule();
    this.broadcastState();
    await this.maybeAutoClose();
  }
}
