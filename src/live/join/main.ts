/**
 * The phone: join a room by code (`/join/<code>` or a code field), then follow the team's
 * interview and vote while a vote is open. A reloaded or dropped phone resumes with its token and
 * the last seq it applied, and shows its vote again.
 */

import logoUrl from '../../../assets/ui/logo.svg?url';
import {
  type Ballot,
  LIMITS,
  type LogEntry,
  normaliseCode,
  type RoomState,
  type You,
} from '../../protocol/index';
import { nameLength, tidyName } from '../../protocol/names';
import { h } from '../../web/dom/h';
import { RoomFollower, refreshStatus, replayOf } from '../common/follow';
import { announce, clock, setUpPage, storage } from '../common/page';
import { clockSkew, errorText, RequestError, revealFor, timeLeft, uuid } from '../common/room';
import { resultSentence, TASK_TITLE } from '../common/votes';
import { type Joined, myTask, phoneHead, progressText, saidCard, voteCard } from './phone';

const page = setUpPage();
const DEVICE_KEY = 'closecall.live.device';
const tokenKey = (code: string) => `closecall.live.phone.${code}`;

function deviceId(): string {
  let id = storage.get(DEVICE_KEY);
  if (!id || !/^[A-Za-z0-9_-]{8,64}$/.test(id)) {
    id = uuid().replace(/-/g, '');
    storage.set(DEVICE_KEY, id);
  }
  return id;
}

function codeFromPath(): string | null {
  const m = /^\/join\/([^/?#]+)/.exec(window.location.pathname);
  if (!m?.[1]) return null;
  let raw = m[1];
  try {
    raw = decodeURIComponent(raw);
  } catch {
    return null;
  }
  const code = normaliseCode(raw);
  return code.length > 0 && code.length <= 20 ? code : null;
}

let joined: Joined | null = null;
let lastAnnouncedRound = 0;
let lastRevealed = 0;
let timerEl: HTMLElement | null = null;
let timerWarned = new Set<number>();

const follow = new RoomFollower({
  current: () => joined,
  resume: (c, j: Joined) => c.request('player:resume', { playerToken: j.token, lastSeq: j.replay.lastSeq }),
  resumed: (j, reply) => {
    j.you = reply.you;
    // A vote that never got its acknowledgement is sent again with the same id (counted once).
    if (j.pending && j.state.round?.number === j.pending.round && !reply.you.ballot)
      void sendVote(j.pending.ballot, j.pending.id);
    renderPhone();
  },
  resumeFailed: (j, err) => {
    if (err instanceof RequestError && ['unauthorized', 'kicked', 'banned', 'not-found'].includes(err.code)) {
      storage.remove(tokenKey(j.code));
      joined = null;
      renderJoin(j.code, errorText(err), err.code === 'banned');
    } else if (joined === j) {
      j.error = errorText(err);
      renderPhone();
    }
  },
  render: () => renderPhone(),
  progress: () => updateProgress(),
  status: () => renderStatus(),
  listen: (c) => {
    c.on('room:reveal', () => {
      // room:state follows with the reveal in it; nothing to do here.
    });
    c.on('you:update', (you) => {
      if (!joined) return;
      joined.you = you;
      if (joined.pending && you.ballot && sameBallot(you.ballot, joined.pending.ballot))
        joined.pending = null;
      renderPhone();
    });
    c.on('you:removed', ({ reason }) => {
      if (!joined) return;
      const code = joined.code;
      storage.remove(tokenKey(code));
      joined = null;
      renderJoin(
        code,
        reason === 'banned'
          ? 'The trainer has removed this phone from the room; it cannot join again.'
          : 'The trainer removed you from the room. You can join again.',
        reason === 'banned',
      );
    });
  },
});
const connection = () => follow.connection();

function sameBallot(a: Ballot, b: Ballot): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

async function enter(
  code: string,
  token: string,
  you: You,
  state: RoomState,
  missed: LogEntry[],
): Promise<void> {
  const replay = await replayOf(state, missed);
  joined = {
    code,
    token,
    you,
    state,
    scenario: replay.scenario,
    replay,
    skew: clockSkew(state),
    pending: null,
    draft: null,
    error: '',
  };
  lastAnnouncedRound = state.round?.number ?? 0;
  lastRevealed = revealFor(state)?.round ?? 0;
  renderPhone(true);
}

// ---------------------------------------------------------------------------
// Join
// ---------------------------------------------------------------------------

function renderJoin(code: string | null, message = '', barred = false): void {
  page.main.setAttribute('aria-label', 'Join');
  page.main.className = 'lv-join';
  timerEl = null;
  // Why this phone is back at the join form (kicked, banned, the room gone) comes first, above
  // the form, so a phone held sideways shows it without scrolling; errors of a join try stay by
  // the Join button.
  const notice = message ? h('p', { class: 'lv-error panel lv-notice', role: 'alert', text: message }) : null;
  const error = h('p', { class: 'lv-error panel', role: 'alert' });
  const codeInput = h('input', {
    class: 'lv-input lv-code-input',
    id: 'lv-code',
    name: 'code',
    autocomplete: 'off',
    autocapitalize: 'characters',
    spellcheck: 'false',
    inputmode: 'text',
    maxlength: 12,
    value: code ?? '',
  });
  const nameInput = h('input', {
    class: 'lv-input',
    id: 'lv-name',
    name: 'name',
    autocomplete: 'nickname',
    // No maxlength: a browser would cut a long name silently (and count code units, not
    // characters); the phone says how long it is instead.
    placeholder: 'Leave empty for a friendly name',
    'aria-describedby': 'lv-name-hint',
  });
  const nameHint = h('small', { class: 'small', id: 'lv-name-hint', 'aria-live': 'polite' });
  const tooLong = (): string => {
    const n = nameLength(tidyName(nameInput.value));
    return n > LIMITS.nameMax
      ? `Names can have up to ${LIMITS.nameMax} characters; this one has ${n}. Shorten it to join.`
      : '';
  };
  nameInput.addEventListener('input', () => {
    const msg = tooLong();
    nameHint.textContent = msg;
    nameInput.setAttribute('aria-invalid', String(msg !== ''));
  });
  const joinBtn = h('button', { type: 'submit', class: 'btn btn-accent', text: 'Join' });
  const form = h(
    'form',
    { class: 'lv-card panel', novalidate: true },
    h('label', { class: 'lv-field', for: 'lv-code' }, h('span', { text: 'Room code' }), codeInput),
    h('label', { class: 'lv-field', for: 'lv-name' }, h('span', { text: 'Your name' }), nameInput, nameHint),
    error,
    joinBtn,
  );
  const submit = async () => {
    const typed = normaliseCode(codeInput.value);
    if (typed.length === 0) {
      error.textContent = 'Type the room code shown on the screen.';
      codeInput.focus();
      return;
    }
    if (typed.length !== LIMITS.codeLength) {
      error.textContent = `A room code has ${LIMITS.codeLength} letters and digits; check the screen.`;
      codeInput.focus();
      return;
    }
    const long = tooLong();
    if (long) {
      // Said once, under the field (the field is described by it), not again as an alert.
      nameHint.textContent = long;
      nameInput.setAttribute('aria-invalid', 'true');
      nameInput.focus();
      return;
    }
    joinBtn.disabled = true;
    joinBtn.textContent = 'Joining…';
    error.textContent = '';
    try {
      const name = nameInput.value.trim();
      const reply = await connection().request('player:join', {
        code: typed,
        name: name === '' ? undefined : name,
        device: deviceId(),
      });
      storage.set(tokenKey(typed), reply.playerToken);
      if (codeFromPath() !== typed) window.history.replaceState(null, '', `/join/${typed}`);
      await enter(typed, reply.playerToken, reply.you, reply.state, reply.missed);
    } catch (err) {
      error.textContent = errorText(err);
      joinBtn.disabled = false;
      joinBtn.textContent = 'Join';
      (err instanceof RequestError && err.code === 'bad-name' ? nameInput : codeInput).focus();
    }
  };
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    if (!joinBtn.disabled) void submit();
  });
  if (barred) joinBtn.disabled = true;
  page.main.replaceChildren(
    h('header', { class: 'lv-brand' }, h('img', { src: logoUrl, alt: 'Close Call' })),
    ...(notice ? [notice] : []),
    h('h1', { class: 'h2', style: 'color:#fff', text: 'Join the session' }),
    form,
  );
  // With a notice, the page stays at its top so the reason is what the phone shows first.
  (code ? nameInput : codeInput).focus({ preventScroll: notice !== null });
}

// ---------------------------------------------------------------------------
// Phone
// ---------------------------------------------------------------------------

function renderStatus(): void {
  refreshStatus(page.main, follow.connected);
}

/** Re-renders the phone, keeping focus on the same control. */
function renderPhone(first = false): void {
  const j = joined;
  if (!j) return;
  const focusKey = (document.activeElement as HTMLElement | null)?.dataset?.fk;
  page.main.setAttribute('aria-label', 'Phone');
  page.main.className = 'lv-phone';
  markState(j, first);
  const blocks: HTMLElement[] = [phoneHead(j, follow.connected)];
  if (j.error) blocks.push(h('p', { class: 'lv-error panel', role: 'alert', text: j.error }));
  blocks.push(saidCard(j));
  timerEl = null;
  blocks.push(
    voteCard(j, {
      vote: (b) => void sendVote(b),
      timer: (el) => {
        timerEl = el;
      },
    }),
  );
  page.main.replaceChildren(...blocks);
  tick();
  announceChanges(j);
  if (focusKey) page.main.querySelector<HTMLElement>(`[data-fk="${CSS.escape(focusKey)}"]`)?.focus();
  else if (first) page.main.focus({ preventScroll: true });
}

/** The state in data attributes, for tests and tools (what the screen already says in words). */
function markState(j: Joined, first: boolean): void {
  const state = j.state;
  const round = state.round;
  page.main.dataset.status = state.status === 'running' ? (round?.status ?? 'lobby') : state.status;
  const moment = `${state.status}:${round?.number ?? 0}:${round?.status === 'revealed' ? 'r' : 'o'}`;
  if (page.main.dataset.moment !== moment) {
    // A new vote or a result: start from the top of the page.
    page.main.dataset.moment = moment;
    if (!first) window.scrollTo(0, 0);
  }
  page.main.dataset.round = String(round?.number ?? 0);
  page.main.dataset.task = myTask(j)?.kind ?? 'none';
  page.main.dataset.eligible = String(j.you.eligible);
}

/** Announcements: a vote opening, a result. */
function announceChanges(j: Joined): void {
  const round = j.state.round;
  const task = myTask(j);
  const reveal = revealFor(j.state);
  if (round && round.number !== lastAnnouncedRound && round.status !== 'revealed') {
    lastAnnouncedRound = round.number;
    timerWarned = new Set();
    announce(page.urgent, `Vote ${round.number} is open. ${task ? TASK_TITLE[task.kind] : ''}`);
  }
  if (reveal && reveal.round !== lastRevealed) {
    lastRevealed = reveal.round;
    const result = reveal.teams.find((t) => t.team === j.you.team);
    if (result) announce(page.urgent, resultSentence(j.scenario, 'Your team', task, result));
  }
}

function updateProgress(): void {
  if (!joined) return;
  const el = page.main.querySelector('[data-progress]');
  if (el) el.textContent = progressText(joined);
}

async function sendVote(ballot: Ballot, id = uuid()): Promise<void> {
  const j = joined;
  const round = j?.state.round;
  if (!j || !round) return;
  j.pending = { round: round.number, ballot, id };
  j.error = '';
  renderPhone();
  try {
    await connection().request('player:vote', { id, round: round.number, ballot });
    if (joined === j && j.pending?.id === id) {
      j.you = { ...j.you, ballot };
      j.pending = null;
      renderPhone();
    }
  } catch (err) {
    if (joined !== j) return;
    if (err instanceof RequestError && (err.code === 'offline' || err.code === 'timeout')) {
      // Kept as pending: sent again with the same id after the phone resumes.
      j.error = 'Your vote is waiting for the connection; it will be sent when the phone reconnects.';
    } else {
      j.pending = null;
      j.error = errorText(err);
    }
    renderPhone();
  }
}

function tick(): void {
  const j = joined;
  if (!j || !timerEl) return;
  const r = j.state.round;
  if (!r || r.status === 'revealed') {
    timerEl.textContent = '';
    return;
  }
  const left = timeLeft(j.state, j.skew);
  if (left === null) {
    timerEl.textContent = 'No timer';
    return;
  }
  timerEl.textContent = r.status === 'voting' ? clock(left) : `${clock(left)} (waiting)`;
  if (r.status === 'voting') {
    for (const mark of [30_000, 10_000]) {
      if (left <= mark && left > mark - 2000 && !timerWarned.has(mark)) {
        timerWarned.add(mark);
        announce(page.urgent, `${mark / 1000} seconds left to vote.`);
      }
    }
  }
}

window.setInterval(tick, 250);

// ---------------------------------------------------------------------------
// Start
// ---------------------------------------------------------------------------

async function start(): Promise<void> {
  const code = codeFromPath();
  const token = code ? storage.get(tokenKey(code)) : null;
  if (!code || !token) {
    renderJoin(code);
    return;
  }
  page.main.setAttribute('aria-label', 'Join');
  page.main.className = 'lv-join';
  page.main.replaceChildren(h('p', { class: 'lv-status', role: 'status', text: 'Rejoining your team…' }));
  try {
    const reply = await connection().request('player:resume', { playerToken: token, lastSeq: 0 });
    await enter(code, token, reply.you, reply.state, reply.missed);
    if (joined && reply.you.ballot) joined.you = reply.you;
  } catch (err) {
    if (err instanceof RequestError && ['unauthorized', 'kicked', 'not-found', 'banned'].includes(err.code)) {
      storage.remove(tokenKey(code));
    }
    renderJoin(
      code,
      err instanceof RequestError && err.code === 'unauthorized' ? '' : errorText(err),
      err instanceof RequestError && err.code === 'banned',
    );
  }
}

void start();
