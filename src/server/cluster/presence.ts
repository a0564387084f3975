/**
 * Scale-out mode: which phones are connected, across processes (issue #11 follow-up).
 *
 * Each process knows its own phone sockets: a bound phone socket sits in its room's channel
 * (`room:<code>`) and carries its player id in `socket.data.player` (src/server/sockets.ts). A
 * room held by a process keeps the set of its players that have a live socket on *another*
 * process, from the answers of the other processes:
 *
 * - the question goes to every other process with socket.io's `serverSideEmit` and an
 *   acknowledgement (through Redis); each answers with its node id and the player ids it has in
 *   that room's channel. (Not `fetchSockets()`: that ships every socket's handshake, headers and
 *   all, for hundreds of phones, and does not say which process a socket is on.)
 * - it is asked shortly after any process sees one of the room's phones connect or disconnect (it
 *   tells the others with a small `serverSideEmit`), and every REFRESH_MS as a safety net;
 * - no change to the room waits for it: the room reads the last answer. A question that fails or
 *   is slow keeps what was known (answers that did come are used), logged once until questions
 *   succeed again;
 * - a process that does not answer keeps its phones until it has been missing from complete
 *   answers (every process Redis counts answered) for NODE_GONE_MS: a process that died closes its
 *   Redis connections, Redis stops counting it, and its phones go; a process whose Redis link is
 *   only reconnecting comes back before then. Answers that time out never drop anyone, so a process
 *   that hears nothing from Redis does not take everyone else's phones for gone;
 * - until the first complete answer the room counts every phone it has never seen as present; the
 *   ones that answer does not name stay so for NODE_GONE_MS too (their process may not have been
 *   counted, e.g. just after Redis restarted), unless a process names them meanwhile (then that
 *   process answers for them).
 */
import { randomBytes } from 'node:crypto';
import type { Server } from 'socket.io';
import { z } from 'zod';
import { LIMITS, PlayerId, RoomCode } from '../../protocol/index';
import type { Room, SharedPresence, SharedPresenceHooks } from '../room';

/** Safety-net refresh of every held room's presence. */
export const REFRESH_MS = 10_000;
/** A process missing from complete answers this long has its phones dropped. */
export const NODE_GONE_MS = 20_000;
/** A connect or disconnect is told to the others, and asked about, after this short wait (batching). */
const BATCH_MS = 100;
/** Our own limit on one question (socket.io's is 5 s once Redis has said how many processes there are). */
const ASK_TIMEOUT_MS = 8_000;

const NOTICE = 'closecall:presence-changed';
const ASK = 'closecall:presence-ask';
/** The phones the first complete answer did not name, kept as if one more process had them. */
const UNCLAIMED = '';

const NodeId = z.string().regex(/^[0-9a-f]{16}$/);
/** "These rooms' phones connected or disconnected here": ask again. */
export const PresenceNotice = z.object({ rooms: z.array(RoomCode).min(1).max(1_000) }).strict();
export const PresenceAsk = z.object({ room: RoomCode }).strict();
/** One process's phones in the room asked about. */
export const PresenceAnswer = z
  .object({ node: NodeId, players: z.array(PlayerId).max(LIMITS.playersMax * 2) })
  .strict();
export type PresenceAnswer = z.infer<typeof PresenceAnswer>;

/** The answers to one question; `complete` when every process Redis counts answered in time. */
export interface Answers {
  answers: PresenceAnswer[];
  complete: boolean;
  /** Why it is not complete. */
  why?: string;
}

/** What a room's tracker needs from its process (the hub below; a fake in unit tests). */
export interface PresenceLink {
  ask(code: string): Promise<Answers>;
  /** One of the room's phones connected or disconnected on this process: tell the others. */
  tell(code: string): void;
  /** A question did not get every answer (`why`), or did again (null). */
  failing(why: string | null): void;
  forget(tracker: PresenceTracker): void;
  now(): number;
  log(line: string): void;
}

/**
 * One room's view of the phones on other processes. `elsewhere` is null until the first complete
 * answer (the room then counts a phone it has never seen as present, as before).
 */
export class PresenceTracker implements SharedPresence {
  private known: ReadonlySet<string> | null = null;
  /** Each other process's phones in this room, and since when it is missing from complete answers. */
  private readonly nodes = new Map<string, { players: Set<string>; missingSince: number | null }>();
  private pending: ReturnType<typeof setTimeout> | null = null;
  private readonly interval: ReturnType<typeof setInterval>;
  private asking = false;
  private again = false;
  private disposed = false;

  constructor(
    readonly code: string,
    private readonly link: PresenceLink,
    private readonly hooks: SharedPresenceHooks,
    /** False while the room needs no presence (it has ended). */
    private readonly wanted: () => boolean = () => true,
  ) {
    this.interval = setInterval(() => void this.refresh(), REFRESH_MS);
    this.interval.unref?.();
    this.soon();
  }

  /** Ask the other processes shortly (several calls in a row make one question). */
  soon(): void {
    if (this.pending || this.disposed) return;
    this.pending = setTimeout(() => {
      this.pending = null;
      void this.refresh();
    }, BATCH_MS);
    this.pending.unref?.();
  }

  /** Asks now; one question at a time per room (a call meanwhile asks once more afterwards). */
  async refresh(): Promise<void> {
    if (this.disposed || !this.wanted()) return;
    if (this.asking) {
      this.again = true;
      return;
    }
    this.asking = true;
    try {
      const result = await this.link.ask(this.code);
      if (this.disposed) return;
      this.link.failing(result.complete ? null : (result.why ?? 'not every process answered'));
      this.apply(result);
    } catch (err) {
      this.link.log(`Room ${this.code}: presence update failed: ${err}`);
    } finally {
      this.asking = false;
      if (this.again && !this.disposed) {
        this.again = false;
        this.soon();
      }
    }
  }

  get elsewhere(): ReadonlySet<string> | null {
    return this.known;
  }

  /** Takes one question's answers: the processes that answered are up to date, the rest keep theirs. */
  apply(result: Answers): void {
    // Until every process has answered once, a process that did not may hold any of the phones.
    if (this.known === null && !result.complete) return;
    const now = this.link.now();
    const answered = new Set<string>();
    const named = new Set<string>();
    for (const a of result.answers) {
      answered.add(a.node);
      for (const p of a.players) named.add(p);
      if (a.players.length > 0) this.nodes.set(a.node, { players: new Set(a.players), missingSince: null });
      else this.nodes.delete(a.node);
    }
    if (this.known === null) {
      const unclaimed = this.hooks.unseen().filter((p) => !named.has(p));
      if (unclaimed.length > 0) this.nodes.set(UNCLAIMED, { players: new Set(unclaimed), missingSince: now });
    } else {
      const unclaimed = this.nodes.get(UNCLAIMED);
      if (unclaimed) for (const p of named) unclaimed.players.delete(p);
      if (unclaimed?.players.size === 0) this.nodes.delete(UNCLAIMED);
    }
    if (result.complete) {
      for (const [node, known] of this.nodes) {
        if (answered.has(node)) continue;
        known.missingSince ??= now;
        if (now - known.missingSince >= NODE_GONE_MS) this.nodes.delete(node);
      }
    }
    const next = new Set<string>();
    for (const known of this.nodes.values()) for (const p of known.players) next.add(p);
    const before = this.known;
    this.known = next;
    if (before === null || before.size !== next.size || [...next].some((p) => !before.has(p))) {
      this.hooks.onChange(before);
    }
  }

  changed(): void {
    if (!this.disposed) this.link.tell(this.code);
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    clearInterval(this.interval);
    if (this.pending) clearTimeout(this.pending);
    this.pending = null;
    this.link.forget(this);
  }
}

/**
 * The process's side: answers the others' questions from its own sockets, asks theirs for the
 * rooms it holds, and tells them when one of its phones connects or disconnects.
 */
export class PresenceHub implements PresenceLink {
  /** This process, as its answers name it. */
  readonly node = randomBytes(8).toString('hex');
  private io: Server | null = null;
  private readonly trackers = new Map<string, PresenceTracker>();
  private readonly toTell = new Set<string>();
  private tellTimer: ReturnType<typeof setTimeout> | null = null;
  private failingSince: number | null = null;
  private lastFailureLog = Number.NEGATIVE_INFINITY;
  private badMessages = 0;

  constructor(private readonly logLine: (line: string) => void) {}

  log(line: string): void {
    this.logLine(line);
  }

  attach(io: Server): void {
    this.io = io;
    io.sockets.on(NOTICE, (payload: unknown) => {
      const notice = PresenceNotice.safeParse(payload);
      if (!notice.success) return this.bad(NOTICE);
      for (const code of notice.data.rooms) this.trackers.get(code)?.soon();
    });
    io.sockets.on(ASK, (payload: unknown, reply: unknown) => {
      const ask = PresenceAsk.safeParse(payload);
      if (!ask.success || typeof reply !== 'function') return this.bad(ASK);
      void this.mine(ask.data.room).then(
        (players) => reply({ node: this.node, players } satisfies PresenceAnswer),
        // No answer: the asker times out and keeps what it knew of this process.
        (err) => this.log(`Presence: could not list this process's phones: ${err}`),
      );
    });
  }

  /** Starts following a room this process holds. */
  track(room: Room, hooks: SharedPresenceHooks): SharedPresence {
    this.trackers.get(room.code)?.dispose();
    const tracker = new PresenceTracker(room.code, this, hooks, () => room.status !== 'ended');
    this.trackers.set(room.code, tracker);
    return tracker;
  }

  forget(tracker: PresenceTracker): void {
    if (this.trackers.get(tracker.code) === tracker) this.trackers.delete(tracker.code);
  }

  now(): number {
    return Date.now();
  }

  /** The player ids with a bound socket in the room's channel on this process. */
  private async mine(code: string): Promise<string[]> {
    if (!this.io) return [];
    const sockets = await this.io.in(`room:${code}`).local.fetchSockets();
    const ids = new Set<string>();
    for (const s of sockets) {
      const player: unknown = s.data?.player;
      if (typeof player === 'string') ids.add(player);
    }
    return [...ids];
  }

  /** Tells the other processes, soon and batched, that a room's phones changed here. */
  tell(code: string): void {
    this.toTell.add(code);
    if (this.tellTimer) return;
    this.tellTimer = setTimeout(() => {
      this.tellTimer = null;
      const codes = [...this.toTell];
      this.toTell.clear();
      for (let i = 0; i < codes.length; i += 1_000) {
        this.emit([NOTICE, { rooms: codes.slice(i, i + 1_000) }]).catch(() => {
          // Not told: the others find out at their next refresh.
        });
      }
    }, BATCH_MS);
    this.tellTimer.unref?.();
  }

  ask(code: string): Promise<Answers> {
    return new Promise((resolve) => {
      let settled = false;
      const finish = (result: Answers) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        resolve(result);
      };
      const timer = setTimeout(
        () => finish({ answers: [], complete: false, why: `no answer in ${ASK_TIMEOUT_MS / 1000} s` }),
        ASK_TIMEOUT_MS,
      );
      timer.unref?.();
      if (!this.io) return finish({ answers: [], complete: false, why: 'not attached to socket.io' });
      this.emit([
        ASK,
        { room: code },
        (err: Error | null, responses: unknown[]) => {
          const answers: PresenceAnswer[] = [];
          for (const r of responses ?? []) {
            const a = PresenceAnswer.safeParse(r);
            if (a.success) answers.push(a.data);
            else this.bad(`${ASK} answer`);
          }
          finish({ answers, complete: !err, why: err?.message });
        },
      ]).catch((err) => finish({ answers: [], complete: false, why: String(err) }));
    });
  }

  /**
   * `serverSideEmit` through the adapter itself: socket.io's own method drops the promise, and the
   * cluster adapter's rejects when Redis cannot count the processes (an unhandled rejection would
   * end the process).
   */
  private emit(packet: unknown[]): Promise<void> {
    const io = this.io;
    if (!io) return Promise.resolve();
    try {
      return Promise.resolve(io.of('/').adapter.serverSideEmit(packet)).then(() => undefined);
    } catch (err) {
      return Promise.reject(err);
    }
  }

  /** Logs the first failure of a run of them (at most one a minute), and the recovery after it. */
  failing(why: string | null): void {
    const now = Date.now();
    if (why === null) {
      if (this.failingSince !== null) {
        this.log(
          `Presence: every process answers again (after ${Math.round((now - this.failingSince) / 1000)} s).`,
        );
      }
      this.failingSince = null;
      return;
    }
    if (this.failingSince !== null || now - this.lastFailureLog < 60_000) return;
    this.failingSince = now;
    this.lastFailureLog = now;
    this.log(
      `Presence: a question to the other processes failed (${why}); rooms keep the phones they last knew of (logged once until it works again).`,
    );
  }

  private bad(what: string): void {
    if (this.badMessages++ === 0) this.log(`Presence: ignored a malformed ${what} (logged once).`);
  }

  close(): void {
    if (this.tellTimer) clearTimeout(this.tellTimer);
    this.tellTimer = null;
    for (const t of [...this.trackers.values()]) t.dispose();
  }
}
