/**
 * The client side of a room: the socket, requests with acknowledgements, and every team's
 * playthrough rebuilt from the room's action log with the engine (the server is the one writer;
 * clients only replay). Shared by the host page and the phones.
 */
import { io, type Socket } from 'socket.io-client';
import type { Action, Scenario } from '../../engine';
import { Playthrough, parseScenario } from '../../engine';
import {
  API,
  type ClientEventName,
  type ClientPayload,
  type ClientReply,
  type LogEntry,
  type ProtocolError,
  type Reveal,
  type RoomState,
  type ServerEventName,
  type ServerPayload,
} from '../../protocol/index';

export type Reply<E extends ClientEventName> = ClientReply<E>;

/** A request that failed: the server's error, or a local one (no connection, no reply in time). */
export class RequestError extends Error {
  constructor(readonly error: ProtocolError | { code: 'offline' | 'timeout'; message: string }) {
    super(error.message);
  }
  get code(): string {
    return this.error.code;
  }
}

/** A UUID for every action-like message (so a retry is counted once). */
export function uuid(): string {
  // randomUUID exists only in secure contexts; phones on a training room's Wi-Fi use plain http.
  if (typeof crypto.randomUUID === 'function' && window.isSecureContext) return crypto.randomUUID();
  const b = new Uint8Array(16);
  crypto.getRandomValues(b);
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const x = Array.from(b, (n) => n.toString(16).padStart(2, '0')).join('');
  return `${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20)}`;
}

export class Connection {
  readonly socket: Socket;

  constructor() {
    this.socket = io({ reconnectionDelay: 500, reconnectionDelayMax: 4000 });
  }

  get connected(): boolean {
    return this.socket.connected;
  }

  /** Emits with an acknowledgement; resolves with the reply's ok branch or rejects with RequestError. */
  async request<E extends ClientEventName>(
    event: E,
    payload: ClientPayload<E>,
    timeoutMs = 10_000,
  ): Promise<Extract<Reply<E>, { ok: true }>> {
    if (!this.socket.connected) {
      await new Promise<void>((resolve, reject) => {
        const t = window.setTimeout(() => {
          this.socket.off('connect', done);
          reject(new RequestError({ code: 'offline', message: 'Not connected to the session server.' }));
        }, timeoutMs);
        const done = () => {
          window.clearTimeout(t);
          resolve();
        };
        this.socket.once('connect', done);
      });
    }
    let reply: Reply<E>;
    try {
      reply = (await this.socket.timeout(timeoutMs).emitWithAck(event, payload)) as Reply<E>;
    } catch {
      throw new RequestError({ code: 'timeout', message: 'The session server did not answer in time.' });
    }
    if (!reply || typeof reply !== 'object') {
      throw new RequestError({ code: 'timeout', message: 'The session server sent an empty reply.' });
    }
    if (!reply.ok) throw new RequestError(reply.error);
    return reply as Extract<Reply<E>, { ok: true }>;
  }

  on<E extends ServerEventName>(event: E, listener: (payload: ServerPayload<E>) => void): void {
    this.socket.on(event as string, listener as (p: unknown) => void);
  }
}

const scenarioCache = new Map<string, Promise<Scenario>>();

/** The room's scenario, from the server (the same file the server plays). */
export function loadScenario(id: string): Promise<Scenario> {
  const hit = scenarioCache.get(id);
  if (hit) return hit;
  const p = fetch(API.scenario(id))
    .then(async (res) => {
      if (!res.ok) throw new Error(`The scenario "${id}" could not be loaded (HTTP ${res.status}).`);
      const parsed = parseScenario(await res.text(), `${id}.json`);
      if (!parsed.ok)
        throw new Error(`The scenario "${id}" has problems: ${parsed.problems[0]?.message ?? ''}`);
      return parsed.scenario;
    })
    .catch((err: unknown) => {
      scenarioCache.delete(id);
      throw err;
    });
  scenarioCache.set(id, p);
  return p;
}

/** Every team's playthrough, rebuilt from log entries applied in seq order. */
export class Replay {
  readonly plays = new Map<string, Playthrough>();
  lastSeq = 0;
  /** Seq of each team's actions, by team, in order (for the debrief: which round made which step). */
  readonly entries: LogEntry[] = [];

  constructor(
    readonly scenario: Scenario,
    readonly seed: number,
  ) {}

  play(team: string): Playthrough {
    let p = this.plays.get(team);
    if (!p) {
      p = Playthrough.start(this.scenario, { seed: this.seed, mode: 'expected' });
      this.plays.set(team, p);
    }
    return p;
  }

  /**
   * Applies entries (skipping those already applied). Returns false when there is a gap (an entry
   * was missed): the caller should resume to fetch it.
   */
  apply(entries: LogEntry[]): boolean {
    const sorted = [...entries].sort((a, b) => a.seq - b.seq);
    for (const e of sorted) {
      if (e.seq <= this.lastSeq) continue;
      if (e.seq !== this.lastSeq + 1) return false;
      try {
        this.play(e.team).act(e.action as Action);
      } catch (err) {
        console.error('Close Call: an action from the session server does not fit the scenario', err);
      }
      this.entries.push(e);
      this.lastSeq = e.seq;
    }
    return true;
  }
}

/** The latest reveal of a round, if it has been revealed. */
export function revealFor(state: RoomState): Reveal | null {
  const r = state.round;
  if (r?.status !== 'revealed') return null;
  return state.reveals.find((x) => x.round === r.number) ?? null;
}

/** The server clock minus ours, to show the server's deadline on our clock. */
export function clockSkew(state: RoomState): number {
  return state.serverNow - Date.now();
}

/** Milliseconds left in the round's vote, or null when untimed. */
export function timeLeft(state: RoomState, skew: number): number | null {
  const r = state.round;
  if (!r) return null;
  if (r.deadline !== null) return Math.max(0, r.deadline - (Date.now() + skew));
  return r.remainingMs;
}

/** Words for an error code, for people. */
export function errorText(err: unknown): string {
  if (err instanceof RequestError) {
    switch (err.code) {
      case 'not-found':
        return 'There is no open room with that code. Check the code on the screen.';
      case 'room-locked':
        return 'The trainer has locked this room: ask them to unlock it.';
      case 'room-full':
        return 'This room is full.';
      case 'room-ended':
        return 'This session has ended.';
      case 'banned':
        // A ban holds for the phone and for the banned name from any phone.
        return 'The trainer has removed you from the room; you cannot join again.';
      case 'kicked':
        return 'The trainer removed you from the room. You can join again.';
      case 'bad-name':
        return 'That name cannot be used. Try another, or leave it empty for a friendly one.';
      case 'rate-limited':
        return 'Too many attempts: wait a moment and try again.';
      case 'unauthorized':
        return 'That key or token was not accepted.';
      case 'offline':
        return 'Not connected to the session server. Check your connection; the page keeps trying.';
      case 'timeout':
        return 'The session server did not answer in time. Try again.';
      default:
        return err.message;
    }
  }
  return err instanceof Error ? err.message : String(err);
}
