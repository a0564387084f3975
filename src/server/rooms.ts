/** Every room the server holds, by code and by token; rebuilds open rooms from the store at start. */

import type { RoomSettings } from '../protocol/index';
import type { Cluster } from './cluster/cluster';
import { Refusal, Room, type RoomOutlet } from './room';
import type { ScenarioEntry } from './scenarios';
import { hashToken, newRoomCode, newSeed, newSessionId } from './secrets';
import type { Store } from './store/types';

/** An ended room stays in memory this long, so phones still get its final state. */
const ENDED_KEEP_MS = 30 * 60_000;

export class Rooms {
  private readonly byCode = new Map<string, Room>();
  private readonly byId = new Map<string, Room>();
  private readonly evictions = new Map<string, ReturnType<typeof setTimeout>>();
  /** Scale-out mode: rooms being loaded from the database, by session id. */
  private readonly loading = new Map<string, Promise<Room | null>>();

  constructor(
    readonly store: Store,
    readonly scenarios: Map<string, ScenarioEntry>,
    private readonly outlet: RoomOutlet,
    private readonly log: (line: string) => void = () => {},
    /** Scale-out mode (src/server/cluster/): rooms other processes made are loaded on demand. */
    private readonly cluster?: Cluster,
  ) {}

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
      if (!loaded) continue;
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
    for (const room of this.byCode.values()) if (room.playerByToken(token)) return room;
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
    for (const t of this.evictions.values()) clearTimeout(t);
    for (const room of this.byCode.values()) room.dispose();
  }
}
