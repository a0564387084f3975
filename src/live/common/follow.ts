/**
 * Following a room from a page, the same on the host's screen and on the phones: one socket per
 * page (made on first use), the room's state and replayed log kept in step with the server's
 * events, and a resume (`host:resume` / `player:resume` with the page's token and the last seq it
 * applied) whenever the socket (re)connects or a gap shows, one at a time.
 */

import type { LogEntry, RoomState } from '../../protocol/index';
import { h } from '../../web/dom/h';
import { Connection, clockSkew, loadScenario, Replay } from './room';

/** What a page knows of the room it follows. */
export interface Followed {
  state: RoomState;
  replay: Replay;
  /** The server clock minus ours (clockSkew). */
  skew: number;
  /** The last failure to show on the page ('' when none). */
  error: string;
}

/** The part of a resume reply every page uses. */
export interface Resumed {
  state: RoomState;
  missed: LogEntry[];
}

export interface FollowOptions<F extends Followed, R extends Resumed> {
  /** The room the page follows now; null while it shows a form (setup, join). */
  current(): F | null;
  /** Sends the page's resume message for `f` (its token and `f.replay.lastSeq`). */
  resume(conn: Connection, f: F): Promise<R>;
  /** After a resume has brought `f` up to date: the page takes its own parts of the reply and renders. */
  resumed(f: F, reply: R): void;
  /** A resume failed; `f` may no longer be the room followed. */
  resumeFailed(f: F, err: unknown): void;
  /** A new room state (with no gap in the log) for the room followed: render it. */
  render(): void;
  /** The vote counts of the open round changed (room:progress). */
  progress(): void;
  /** The socket connected or dropped. */
  status(): void;
  /** The page's own listeners, added once when the socket is made. */
  listen?(conn: Connection): void;
}

export class RoomFollower<F extends Followed, R extends Resumed> {
  private conn: Connection | null = null;
  private resuming = false;

  constructor(private readonly o: FollowOptions<F, R>) {}

  /** Whether the page's socket is connected now (false before it is made). */
  get connected(): boolean {
    return this.conn?.connected ?? false;
  }

  /** The page's socket, made and wired on first use. */
  connection(): Connection {
    if (this.conn) return this.conn;
    const c = new Connection();
    this.conn = c;
    const o = this.o;
    c.socket.on('connect', () => {
      if (o.current()) void this.resume();
      o.status();
    });
    c.socket.on('disconnect', () => o.status());
    c.on('room:action', (entry) => {
      const f = o.current();
      if (!f) return;
      if (!f.replay.apply([entry])) void this.resume();
    });
    c.on('room:state', (state) => {
      const f = o.current();
      if (!f) return;
      // Just after Redis restarts, socket.io's cluster adapter can hand this process's own
      // sockets a broadcast late, after a newer one: a state older than the one shown (a smaller
      // lastSeq) is dropped rather than taking the screen back a round.
      if (state.lastSeq < f.state.lastSeq) return;
      f.state = state;
      f.skew = clockSkew(state);
      if (state.lastSeq > f.replay.lastSeq) {
        void this.resume();
        return;
      }
      o.render();
    });
    c.on('room:progress', (p) => {
      const round = o.current()?.state.round;
      if (!round || round.number !== p.round) return;
      round.voted = p.voted;
      round.eligible = p.eligible;
      o.progress();
    });
    o.listen?.(c);
    return c;
  }

  /** Fetches what the page missed and brings the room followed up to date (one resume at a time). */
  async resume(): Promise<void> {
    const f = this.o.current();
    if (!f || this.resuming) return;
    this.resuming = true;
    try {
      const reply = await this.o.resume(this.connection(), f);
      if (this.o.current() !== f) return;
      f.replay.apply(reply.missed);
      f.state = reply.state;
      f.skew = clockSkew(reply.state);
      f.error = '';
      this.o.resumed(f, reply);
    } catch (err) {
      this.o.resumeFailed(f, err);
    } finally {
      this.resuming = false;
    }
  }
}

/** The log of a room entered now, replayed with its scenario up to the entries the server sent. */
export async function replayOf(state: RoomState, missed: LogEntry[]): Promise<Replay> {
  const replay = new Replay(await loadScenario(state.scenario.id), state.seed);
  replay.apply(missed);
  return replay;
}

/** The connection tag ("Connected" / "Reconnecting…"). */
export function statusEl(online: boolean): HTMLElement {
  return h('span', {
    class: `lv-status ${online ? '' : 'offline'}`,
    'data-status': '',
    text: online ? 'Connected' : 'Reconnecting…',
  });
}

/** Swaps the connection tag on the page for a fresh one. */
export function refreshStatus(main: HTMLElement, online: boolean): void {
  main.querySelector('[data-status]')?.replaceWith(statusEl(online));
}
