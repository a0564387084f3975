/**
 * The phone: join a room by code (`/join/<code>` or a code field), then follow the team's
 * interview and vote while a vote is open. A reloaded or dropped phone resumes with its token and
 * the last seq it applied, and shows its vote again.
 */

import logoUrl from '../../../assets/ui/logo.svg?url';
import type { Scenario } from '../../engine';
import {
  type Ballot,
  LIMITS,
  type LogEntry,
  normaliseCode,
  type RoomState,
  type Task,
  type You,
} from '../../protocol/index';
import { button, h } from '../../web/dom/h';
import { formatScore, outcomeLabel } from '../../web/format';
import { type Followed, RoomFollower, refreshStatus, replayOf, statusEl } from '../common/follow';
import { currentLines, lineEl } from '../common/lines';
import { announce, clock, setUpPage, storage } from '../common/page';
import { clockSkew, errorText, RequestError, revealFor, timeLeft, uuid } from '../common/room';
import { resultEl, resultSentence, TASK_TITLE } from '../common/votes';
import { closeBallotForm } from './closeBallot';

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

interface Joined extends Followed {
  code: string;
  token: string;
  you: You;
  scenario: Scenario;
  /** The ballot this phone sent in the open round (optimistic until the server confirms). */
  pending: { round: number; ballot: Ballot; id: string } | null;
  /** The close being built on this phone, kept across re-renders. */
  draft: { round: number; ballot: Extract<Ballot, { type: 'close' }> } | null;
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
  const error = h('p', { class: 'lv-error panel', role: 'alert', text: message });
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
    maxlength: LIMITS.nameMax,
    placeholder: 'Leave empty for a friendly name',
  });
  const joinBtn = h('button', { type: 'submit', class: 'btn btn-accent', text: 'Join' });
  const form = h(
    'form',
    { class: 'lv-card panel', novalidate: true },
    h('label', { class: 'lv-field', for: 'lv-code' }, h('span', { text: 'Room code' }), codeInput),
    h('label', { class: 'lv-field', for: 'lv-name' }, h('span', { text: 'Your name' }), nameInput),
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
    h('h1', { class: 'h2', style: 'color:#fff', text: 'Join the session' }),
    form,
  );
  (code ? nameInput : codeInput).focus();
}

// ---------------------------------------------------------------------------
// Phone
// ---------------------------------------------------------------------------

function teamIndex(state: RoomState, team: string): number {
  return Math.max(
    0,
    state.teams.findIndex((t) => t.id === team),
  );
}

function myTask(j: Joined): Task | undefined {
  return j.state.round?.tasks.find((t) => t.team === j.you.team);
}

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
  const state = j.state;
  const team = state.teams.find((t) => t.id === j.you.team);
  const ti = teamIndex(state, j.you.team);
  const play = j.replay.play(j.you.team);
  const view = play.view();
  const round = state.round;
  const task = myTask(j);
  const reveal = revealFor(state);
  // The state in data attributes, for tests and tools (what the screen already says in words).
  page.main.dataset.status = state.status === 'running' ? (round?.status ?? 'lobby') : state.status;
  const moment = `${state.status}:${round?.number ?? 0}:${round?.status === 'revealed' ? 'r' : 'o'}`;
  if (page.main.dataset.moment !== moment) {
    // A new vote or a result: start from the top of the page.
    page.main.dataset.moment = moment;
    if (!first) window.scrollTo(0, 0);
  }
  page.main.dataset.round = String(round?.number ?? 0);
  page.main.dataset.task = task?.kind ?? 'none';
  page.main.dataset.eligible = String(j.you.eligible);

  const head = h(
    'header',
    { class: 'lv-phone-head' },
    h('span', { class: `lv-team-tag panel team-${ti % 8}`, text: team?.name ?? 'Your team' }),
    h('span', { class: 'lv-status', text: j.you.name }),
    h('span', { class: 'lv-spacer' }),
    statusEl(follow.connected),
  );

  const blocks: HTMLElement[] = [head];
  if (j.error) blocks.push(h('p', { class: 'lv-error panel', role: 'alert', text: j.error }));

  // What was said
  const said = h(
    'section',
    { class: 'lv-phone-card panel', 'aria-label': 'What was said' },
    h('p', { class: 'eyebrow', text: state.scenario.title }),
  );
  if (state.status === 'lobby') {
    said.append(
      h('p', { class: 'h3', text: "You're in." }),
      h('p', { class: 'body', text: `You are in ${team?.name ?? 'a team'}. Wait for the trainer to start.` }),
    );
  } else if (view.phase === 'ended' && view.ending) {
    let total = '';
    try {
      total = ` · score ${formatScore(play.debrief().score.total)}`;
    } catch {
      total = '';
    }
    // The team's result first, then the last words that led to it.
    said.append(
      h('p', { class: 'h3', text: `Your team: ${view.ending.ending.title}` }),
      h('p', { class: 'body', text: `${outcomeLabel(view.ending.ending.outcome)}${total}` }),
      ...currentLines(play).slice(-2).map(lineEl),
    );
  } else {
    const lines = currentLines(play);
    said.append(...(lines.length > 0 ? lines.slice(-3) : []).map(lineEl));
  }
  blocks.push(said);

  // The vote
  const vote = h('section', { class: 'lv-phone-card panel', 'aria-label': 'Your vote' });
  if (state.status === 'ended') {
    vote.append(h('p', { class: 'h3', text: 'The session has ended. Thank you for playing.' }));
  } else if (state.status === 'lobby' || !round) {
    vote.append(h('p', { class: 'body', text: 'Votes open when the trainer starts the session.' }));
  } else if (round.status === 'revealed') {
    const result = reveal?.teams.find((t) => t.team === j.you.team);
    vote.append(h('p', { class: 'eyebrow', text: `Vote ${round.number}: result` }));
    if (result) {
      vote.append(
        h('p', {
          class: 'h3',
          text: resultSentence(j.scenario, 'Your team', task, result).split(' (')[0] ?? '',
        }),
        resultEl(j.scenario, task, result),
      );
    }
    vote.append(h('p', { class: 'small', text: 'Waiting for the next decision.' }));
  } else {
    const open = round.status === 'voting' || round.status === 'discussion' || round.status === 'paused';
    const timerSpan = h('span', { class: 'lv-phone-timer', role: 'timer', 'aria-label': 'Time left' });
    timerEl = timerSpan;
    vote.append(
      h(
        'div',
        { class: 'lv-row' },
        h('p', { class: 'eyebrow', text: `Vote ${round.number}` }),
        h('span', { class: 'lv-spacer' }),
        timerSpan,
      ),
    );
    if (task && task.discussion.length > 0 && round.status === 'discussion') {
      vote.append(
        h(
          'div',
          { class: 'lv-stack', style: 'gap:6px' },
          h('p', { class: 'eyebrow', text: 'Discuss with your team' }),
          ...task.discussion.map((d) => h('p', { class: 'body', text: d })),
        ),
      );
    }
    if (round.status === 'paused')
      vote.append(h('p', { class: 'small', text: 'The trainer has paused the timer.' }));
    if (!task || task.kind === 'none') {
      vote.append(h('p', { class: 'body', text: 'Your team has finished the interview.' }));
    } else if (task.kind === 'continue') {
      vote.append(h('p', { class: 'body', text: TASK_TITLE.continue }));
    } else if (!j.you.eligible) {
      vote.append(
        h('p', { class: 'h3', text: TASK_TITLE[task.kind] }),
        h('p', { class: 'body', text: 'You joined during this vote: you vote from the next decision.' }),
      );
    } else {
      const mine = j.pending?.round === round.number ? j.pending.ballot : j.you.ballot;
      vote.append(h('h2', { class: 'h3', text: TASK_TITLE[task.kind] }));
      if (task.kind === 'close' && task.close) {
        vote.append(
          closeBallotForm(
            j.scenario,
            task.close,
            mine?.type === 'close' ? mine : null,
            j.draft?.round === round.number ? j.draft.ballot : null,
            (b) => void sendVote(b),
            (b) => {
              j.draft = { round: round.number, ballot: b };
            },
          ),
        );
      } else {
        const group = h('div', { class: 'lv-ballot', role: 'group', 'aria-label': 'Choices' });
        task.options.forEach((o, i) => {
          const pressed = mine?.type === 'option' && mine.option === o.id;
          const b = button(
            [
              h('span', { class: 'key', 'aria-hidden': 'true', text: String(i + 1) }),
              h('span', { text: o.text }),
            ],
            () => void sendVote({ type: 'option', option: o.id }),
            { name: o.text, disabled: !open },
          );
          b.setAttribute('aria-pressed', String(pressed));
          b.dataset.fk = `opt:${o.id}`;
          group.append(b);
        });
        vote.append(group);
      }
      if (mine) {
        vote.append(
          h('p', {
            class: 'lv-voted',
            role: 'status',
            text: 'Voted: you can change it until the vote closes.',
          }),
        );
      }
    }
    if (task && task.kind !== 'continue' && task.kind !== 'none')
      vote.append(h('p', { class: 'small', 'data-progress': '', text: progressText(j) }));
  }
  blocks.push(vote);
  page.main.replaceChildren(...blocks);
  tick();

  // Announcements: a vote opening, a result.
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
  if (focusKey) page.main.querySelector<HTMLElement>(`[data-fk="${CSS.escape(focusKey)}"]`)?.focus();
  else if (first) page.main.focus({ preventScroll: true });
}

function progressText(j: Joined): string {
  const r = j.state.round;
  if (!r) return '';
  const voted = r.voted[j.you.team] ?? 0;
  const of = r.eligible[j.you.team] ?? 0;
  return `Your team: ${voted} of ${of} voted`;
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
