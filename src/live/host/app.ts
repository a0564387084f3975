/**
 * The host page's one piece of state: the room it hosts (or none, while a form or a record is
 * shown), the socket that follows it, and the screen each room status gets. The screens are
 * functions of this object (setup.ts, lobby.ts, play.ts, ended.ts, past.ts); main.ts wires them.
 */
import type { LogEntry, NetworkInfo, PlayerInfo, RoomState } from '../../protocol/index';
import { type Followed, RoomFollower, refreshStatus, replayOf } from '../common/follow';
import { announce, clock, type Page, storage } from '../common/page';
import { clockSkew, errorText, revealFor, timeLeft, uuid } from '../common/room';
import { resultSentence } from '../common/votes';
import { trainerKey } from './trainer';

export const HOST_KEY = 'closecall.live.host';
export const REMOTE_KEY = 'closecall.live.remote';

/**
 * The projector shows only what the room should see; the remote (a second device opened with the
 * trainer key) holds Kick, Ban, Lock, the confirmations and the trainer's notes.
 */
export type HostRole = 'projector' | 'remote';

export interface Hosting extends Followed {
  /** The host token of the device that opened the room; null on a device that took control with the trainer key. */
  token: string | null;
  players: PlayerInfo[];
  showPeople: boolean;
  /** A command waiting for the trainer to confirm it on the remote (Ban someone, End the session). */
  confirming: { command: 'ban' | 'end'; player?: string } | null;
}

/** What each screen draws; main.ts supplies them. */
export interface HostScreens {
  setup(app: HostApp, message?: string): Promise<void>;
  lobby(app: HostApp, hst: Hosting): void;
  play(app: HostApp, hst: Hosting): void;
  ended(app: HostApp, hst: Hosting): void;
  /** Redraws only the players lists (a join or a leave), or returns false when the screen has none. */
  players(app: HostApp, hst: Hosting): boolean;
  /** Rewrites the vote counts in place. */
  progress(app: HostApp, hst: Hosting): void;
}

export class HostApp {
  /** The room hosted now; null while the setup or a past session is shown. */
  hosting: Hosting | null = null;
  /** The countdown of the screen shown, if it has one. */
  timerEl: HTMLElement | null = null;
  /** Where phones can reach the server (asked once per room; null until known). */
  network: NetworkInfo | null = null;
  /** The join address the trainer picked when there are several. */
  joinBase: string | null = null;
  private lastRevealed = 0;
  private lastOpened = 0;
  readonly follow: RoomFollower<Hosting, { state: RoomState; missed: LogEntry[]; players: PlayerInfo[] }>;

  constructor(
    readonly page: Page,
    private readonly screens: HostScreens,
    readonly role: HostRole = 'projector',
  ) {
    this.follow = new RoomFollower({
      current: () => this.hosting,
      resume: (c, hst) =>
        hst.token
          ? c.request('host:resume', { hostToken: hst.token, lastSeq: hst.replay.lastSeq })
          : c.request('host:takeover', {
              trainerKey: trainerKey(),
              code: hst.state.code,
              lastSeq: hst.replay.lastSeq,
            }),
      resumed: (hst, reply) => {
        hst.players = reply.players;
        this.render();
      },
      resumeFailed: (hst, err) => {
        if (this.hosting !== hst) return;
        hst.error = errorText(err);
        this.render();
      },
      render: () => this.render(),
      progress: () => {
        if (this.hosting) this.screens.progress(this, this.hosting);
      },
      status: () => refreshStatus(this.page.main, this.follow.connected),
      listen: (c) =>
        c.on('room:players', ({ players }) => {
          if (!this.hosting) return;
          this.hosting.players = players;
          this.renderPlayers();
        }),
    });
  }

  connection() {
    return this.follow.connection();
  }

  /** Shows the setup (leaving any room shown). */
  setup(message = ''): Promise<void> {
    this.hosting = null;
    this.timerEl = null;
    this.clearState();
    return this.screens.setup(this, message);
  }

  /** Forgets the data attributes of a room's screen. */
  clearState(): void {
    delete this.page.main.dataset.status;
    delete this.page.main.dataset.round;
    delete this.page.main.dataset.view;
  }

  /** Starts hosting a room: from now on its state and log are followed and shown. */
  async begin(
    token: string | null,
    state: RoomState,
    players: PlayerInfo[],
    missed: LogEntry[],
  ): Promise<void> {
    const replay = await replayOf(state, missed);
    this.hosting = {
      token,
      state,
      players,
      replay,
      skew: clockSkew(state),
      error: '',
      showPeople: false,
      confirming: null,
    };
    storage.set(this.role === 'remote' ? REMOTE_KEY : HOST_KEY, JSON.stringify({ token, code: state.code }));
    this.lastRevealed = revealFor(state)?.round ?? 0;
    this.lastOpened = state.round?.number ?? 0;
    this.render(true);
  }

  /** Sends one trainer command; a refusal shows on the page. */
  async control(command: string, player?: string): Promise<void> {
    const hst = this.hosting;
    if (!hst) return;
    try {
      await this.connection().request('host:control', {
        id: uuid(),
        command: command as 'start',
        ...(player ? { player } : {}),
      });
      hst.error = '';
    } catch (err) {
      hst.error = errorText(err);
      this.render();
    }
  }

  /** Draws the screen for the room's status, keeping the focused control focused. */
  render(first = false): void {
    const hst = this.hosting;
    if (!hst) return;
    const main = this.page.main;
    const focusKey = (document.activeElement as HTMLElement | null)?.dataset?.fk;
    const viewName = `${hst.state.status}`;
    if (main.dataset.view !== viewName) {
      main.dataset.view = viewName;
      window.scrollTo(0, 0);
    }
    this.timerEl = null;
    if (hst.state.status === 'lobby') this.screens.lobby(this, hst);
    else if (hst.state.status === 'running') this.screens.play(this, hst);
    else this.screens.ended(this, hst);
    // The state in data attributes, for tests and tools (what the screen already says in words).
    main.dataset.status =
      hst.state.status === 'running' ? (hst.state.round?.status ?? 'lobby') : hst.state.status;
    main.dataset.round = String(hst.state.round?.number ?? 0);
    this.refocus(focusKey);
    if (!focusKey && first) main.focus({ preventScroll: true });
    this.announceChanges(hst);
    this.tick();
  }

  /** Redraws the players lists after a join or leave (the whole screen when it has none). */
  renderPlayers(): void {
    const hst = this.hosting;
    if (!hst) return;
    const focusKey = (document.activeElement as HTMLElement | null)?.dataset?.fk;
    if (!this.screens.players(this, hst)) {
      this.render();
      return;
    }
    this.refocus(focusKey);
  }

  private refocus(focusKey: string | undefined): void {
    if (!focusKey) return;
    this.page.main
      .querySelector<HTMLElement>(`[data-fk="${CSS.escape(focusKey)}"]`)
      ?.focus({ preventScroll: true });
  }

  private announceChanges(hst: Hosting): void {
    const r = hst.state.round;
    if (r && r.number !== this.lastOpened && r.status !== 'revealed') {
      this.lastOpened = r.number;
      announce(this.page.urgent, `Vote ${r.number} is open.`);
    }
    const reveal = revealFor(hst.state);
    if (reveal && reveal.round !== this.lastRevealed) {
      this.lastRevealed = reveal.round;
      const text = reveal.teams
        .map((t) => {
          const name = hst.state.teams.find((x) => x.id === t.team)?.name ?? t.team;
          return resultSentence(
            hst.replay.scenario,
            name,
            r?.tasks.find((k) => k.team === t.team),
            t,
          );
        })
        .join(' ');
      announce(this.page.polite, `The vote is closed. ${text}`);
    }
  }

  /** Updates the countdown (four times a second). */
  tick(): void {
    const hst = this.hosting;
    const timerEl = this.timerEl;
    if (!hst || !timerEl) return;
    const r = hst.state.round;
    if (!r || r.status === 'revealed') {
      timerEl.textContent = 'Vote closed';
      return;
    }
    const left = timeLeft(hst.state, hst.skew);
    if (left === null) {
      timerEl.textContent = 'No timer';
      return;
    }
    timerEl.textContent =
      r.status === 'voting' ? clock(left) : `${clock(left)} ${r.status === 'paused' ? 'paused' : 'waiting'}`;
  }
}
