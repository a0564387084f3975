/** Every room the server holds, by code and by token; rebuilds open rooms from the store at start. */

import type { RoomSettings } from './protocol';
import { Refusal, Room, type RoomOutlet } from './room';
import type { ScenarioEntry } from './scenarios';
import { newRoomCode, newSeed, newSessionId } from './secrets';
import type { Store } from './store/types';

/** An ended room stays in memory this long, so phones still get its final state. */
const ENDED_KEEP_MS = 30 * 60_000;

export class Rooms {
  private readonly byCode = new Map<string, Room>();
  private readonly byId = new Map<string, Room>();
  private readonly evictions = new Map<string, ReturnType<typeof setTimeout>>();

  constructor(
    readonly store: Store,
    readonly scenarios: Map<string, ScenarioEntry>,
    private readonly outlet: RoomOutlet,
    private readonly log: (line: string) => void = () => {},
  ) {}

  private deps(scenario: ScenarioEntry) {
    return { store: this.store, scenario, outlet: this.outlet, log: this.log };
  }

  /** Rebuilds every room that had not ended. Returns how many. */
  async restore(): Promise<number> {
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
    this.add(made.room);
    return made;
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
