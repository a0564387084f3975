/** Every room the server holds, by code and by token; rebuilds open rooms from the store at start. */

import type { RoomSettings } from '../protocol/index';
import type { Cluster } from './cluster/cluster';
import { Refusal, Room, type RoomOutlet } from './room';
import type { ScenarioEntry } from './scenarios';
import { hashToken, newRoomCode, newSeed, newSessionId } from './secrets';
import type { LoadedSession, Store } from './store/types';

/** An ended room stays in memory this long, so phones still get its final state. */
const ENDED_KEEP_MS = 30 * 60_000;
/** Default for CLOSECALL_IDLE_MINUTES: a room nobody has used for this long ends. */
export const DEFAULT_IDLE_MINUTES = 240;
/** How often open rooms are checked for idleness. */
const SWEEP_MS = 60_000;

export class Rooms {
  private readonly byCode = new Map<string, Room>();
  private readonly byId = new Map<string, Room>();
  private readonly evictions = new Map<string, ReturnType<typeof setTimeout>>();
  /** Scale-out mode: rooms being loaded from the database, by session id. */
  private readonly loading = new Map<string, Promise<Room | null>>();
  private sweeper: ReturnType<typeof setInterval> | null = null;
  /** Set when the process is shutting down: no new messages are taken. */
  closing = false;
  readonly idleMs: number;

  constructor(
    readonly store: Store,
    readonly scenarios: Map<string, ScenarioEntry>,
    private readonly outlet: RoomOutlet,
    private readonly log: (line: string) => void = () => {},
    /** Scale-out mode (src/server/cluster/): rooms other processes made are loaded on demand. */
    private readonly cluster?: Cluster,
    idleMinutes: number = DEFAULT_IDLE_MINUTES,
    private readonly now: () => number = Date.now,
  ) {
    this.idleMs = idleMinutes * 60_000;
    this.sweeper = setInterval(() => void this.sweep(), SWEEP_MS);
    this.sweeper.unref?.();
  }

  /** Ends every open room idle for longer than the idle limit; returns how many. */
  async sweep(): Promise<number> {
    const now = this.now();
    let n = 0;
    for (const room of [...this.byCode.values()]) {
      if (room.status === 'ended' || now - room.activityAt() < this.idleMs) continue;
      try {
        // Not counted as activity; in scale-out mode the guard first takes what others wrote.
        if (!(await room.run(() => room.expire(this.idleMs), false))) continue;
        this.log(
          `Room ${room.code} ended: nothing happened in it for ${Math.round(this.idleMs / 60_000)} minutes.`,
        );
        this.ended(room);
        n++;
      } catch (err) {
        this.log(`Room ${room.code} could not be ended: ${err instanceof Error ? err.message : err}`);
      }
    }
    return n;
  }

  /** A stored session idle past the limit is written as ended; true when it was. */
  private async endIfIdle(loaded: LoadedSession): Promise<boolean> {
    const last = Room.lastActivityOf(loaded);
    if (this.now() - last < this.idleMs) return false;
    const s = loaded.session;
    await this.store.updateSession(s.id, {
      status: 'ended',
      locked: s.locked,
      endedAt: this.now(),
      progress: s.progress,
    });
    this.log(`Room ${s.code} ended: idle since ${new Date(last).toISOString()}; not reopened.`);
    return true;
  }

  /** Waits (at most `ms`) for every room's queued changes to finish. */
  async drain(ms: number): Promise<boolean> {
    const all = Promise.all([...this.byCode.values()].map((r) => r.settled())).then(() => true);
    let timer: ReturnType<typeof setTimeout> | undefined;
    const limit = new Promise<boolean>((r) => {
      timer = setTimeout(() => r(false), ms);
    });
    const done = await Promise.race([all, limit]);
    clearTimeout(timer);
    return done;
  }

  private deps(scenario: ScenarioEntry) {
    return {
      store: this.store,
      scenario,
      outlet: this.outlet,
      log: this.log,
      cluster: this.cluster?.forRooms,
    };
  }

  /** Rebuilds every room that had not ended. Returns how many. */
  async restore(): Promise<number> {
    // Scale-out mode: no process restores every room at start; the first message for a room
    // loads it from the database on whichever process gets it (see `load`).
    if (this.cluster) return 0;
    let n = 0;
    for (const id of await this.store.openSessionIds()) {
      const loaded = await this.store.loadSession(id);
      if (!loaded || (await this.endIfIdle(loaded))) continue;
      const scenario = this.scenarios.get(loaded.session.scenario);
      if (!scenario) {
        this.log(`Room ${loaded.session.code}: scenario "${loaded.session.scenario}" is gone; not reopened.`);
        continue;
      }
      try {
        const room = Room.restore(this.deps(scenario), loaded);
        this.add(room);
        await room.resumeTimers();
        n++;
      } catch (err) {
        this.log(
          `Room ${loaded.session.code} could not be rebuilt: ${err instanceof Error ? err.message : err}`,
        );
      }
    }
    return n;
  }

  private add(room: Room): void {
    this.byCode.set(room.code, room);
    this.byId.set(room.id, room);
  }

  async create(settings: RoomSettings): Promise<{ room: Room; hostToken: string }> {
    const scenario = this.scenarios.get(settings.scenario);
    if (!scenario) throw new Refusal('unknown-scenario', `There is no scenario "${settings.scenario}".`);
    let code = newRoomCode();
    for (let i = 0; (this.byCode.has(code) || (await this.store.codeInUse(code))) && i < 50; i++) {
      code = newRoomCode();
    }
    if (this.byCode.has(code)) throw new Refusal('internal', 'No free room code; try again.');
    const made = await Room.create(this.deps(scenario), {
      id: newSessionId(),
      code,
      settings,
      seed: newSeed(),
    });
    this.cluster?.adopt(made.room, 0);
    this.add(made.room);
    return made;
  }

  /** Scale-out mode: the room of session `id`, from memory or loaded from the database once. */
  private async load(id: string | null): Promise<Room | null> {
    if (!id || !this.cluster) return null;
    const held = this.byId.get(id);
    if (held) return held;
    const pending = this.loading.get(id);
    if (pending) return pending;
    const cluster = this.cluster;
    const p = (async () => {
      const found = await cluster.load(id);
      if (!found) return null;
      const scenario = this.scenarios.get(found.loaded.session.scenario);
      if (!scenario) throw new Refusal('unknown-scenario', "This room's scenario is not on this server.");
      if (found.loaded.session.status !== 'ended' && (await this.endIfIdle(found.loaded))) return null;
      const room = Room.restore(this.deps(scenario), found.loaded);
      cluster.adopt(room, found.rev);
      this.add(room);
      await room.resumeTimers();
      return room;
    })();
    this.loading.set(id, p);
    try {
      return await p;
    } finally {
      this.loading.delete(id);
    }
  }

  /** `byRoomCode`, and in scale-out mode a room another process opened. */
  async findByCode(code: string): Promise<Room | null> {
    return this.byRoomCode(code) ?? (this.cluster ? this.load(await this.cluster.locate({ code })) : null);
  }

  async findByHostToken(token: string): Promise<Room | null> {
    return (
      this.byHostToken(token) ??
      (this.cluster ? this.load(await this.cluster.locate({ hostHash: hashToken(token) })) : null)
    );
  }

  /** In scale-out mode the player may have joined through another process: refresh, then look. */
  async findByPlayerToken(token: string): Promise<Room | null> {
    const here = this.byPlayerToken(token);
    if (here || !this.cluster) return here;
    const room = await this.load(await this.cluster.locate({ playerHash: hashToken(token) }));
    if (!room) return null;
    await room.run(() => undefined);
    return room.playerByToken(token) ? room : null;
  }

  byRoomCode(code: string): Room | null {
    return this.byCode.get(code) ?? null;
  }

  byHostToken(token: string): Room | null {
    for (const room of this.byCode.values()) if (room.isHost(token)) return room;
    return null;
  }

  /** The room and player a phone token belongs to. */
  byPlayerToken(token: string): Room | null {
    const hash = hashToken(token);
    for (const room of this.byCode.values()) if (room.playerByHash(hash)) return room;
    return null;
  }

  /** Called after a room ends: it leaves memory a while later. */
  ended(room: Room): void {
    if (this.evictions.has(room.id)) return;
    const t = setTimeout(() => {
      this.evictions.delete(room.id);
      room.dispose();
      if (this.byCode.get(room.code) === room) this.byCode.delete(room.code);
      this.byId.delete(room.id);
    }, ENDED_KEEP_MS);
    t.unref?.();
    this.evictions.set(room.id, t);
  }

  get size(): number {
    return this.byCode.size;
  }

  close(): void {
    if (this.sweeper) clearInterval(this.sweeper);
    this.sweeper = null;
    for (const t of this.evictions.values()) clearTimeout(t);
    for (const room of this.byCode.values()) room.dispose();
  }
}
