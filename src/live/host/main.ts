/**
 * The trainer's page, which is also the projector: set up and open a room, watch the room fill,
 * run the votes, reveal each team's split, and end with the session debrief. The host token is
 * kept in localStorage, so closing the tab and opening /host again returns to the same room.
 */
import QRCode from 'qrcode';
import logoUrl from '../../../assets/ui/logo.svg?url';
import {
  API,
  type LogEntry,
  type PlayerInfo,
  type RoomState,
  type ScenarioSummary,
  type SessionRecord,
  type SessionSummary,
  type Task,
} from '../../protocol/index';
import { button, h } from '../../web/dom/h';
import { plural } from '../../web/format';
import { type Followed, RoomFollower, refreshStatus, replayOf, statusEl } from '../common/follow';
import { announce, clock, setUpPage, storage } from '../common/page';
import {
  clockSkew,
  errorText,
  loadScenario,
  Replay,
  RequestError,
  revealFor,
  timeLeft,
  uuid,
} from '../common/room';
import { resultEl, resultSentence, TASK_TITLE } from '../common/votes';
import { debriefEl } from './debrief';
import { lrsButton } from './lrs';
import { type RoomSettings, setupForm } from './setup';
import { stageEl } from './stage';

const page = setUpPage();
const HOST_KEY = 'closecall.live.host';
const TRAINER_KEY = 'closecall.live.trainerKey';
const SETTINGS_KEY = 'closecall.live.settings';

interface Hosting extends Followed {
  token: string;
  players: PlayerInfo[];
  showPeople: boolean;
}

let hosting: Hosting | null = null;
let timerEl: HTMLElement | null = null;
let lastRevealed = 0;
let lastOpened = 0;

const follow = new RoomFollower({
  current: () => hosting,
  resume: (c, hst: Hosting) =>
    c.request('host:resume', { hostToken: hst.token, lastSeq: hst.replay.lastSeq }),
  resumed: (hst, reply) => {
    hst.players = reply.players;
    render();
  },
  resumeFailed: (hst, err) => {
    if (hosting !== hst) return;
    hst.error = errorText(err);
    render();
  },
  render: () => render(),
  progress: () => updateProgress(),
  status: () => renderStatus(),
  listen: (c) =>
    c.on('room:players', ({ players }) => {
      if (!hosting) return;
      hosting.players = players;
      renderPlayers();
    }),
});
const connection = () => follow.connection();

function savedHost(): { token: string; code: string } | null {
  try {
    const v = JSON.parse(storage.get(HOST_KEY) ?? 'null') as { token?: unknown; code?: unknown } | null;
    if (v && typeof v.token === 'string' && typeof v.code === 'string')
      return { token: v.token, code: v.code };
  } catch {
    // fall through
  }
  return null;
}

async function begin(token: string, state: RoomState, players: PlayerInfo[], missed: LogEntry[]) {
  const replay = await replayOf(state, missed);
  hosting = { token, state, players, replay, skew: clockSkew(state), error: '', showPeople: false };
  storage.set(HOST_KEY, JSON.stringify({ token, code: state.code }));
  lastRevealed = revealFor(state)?.round ?? 0;
  lastOpened = state.round?.number ?? 0;
  render(true);
}

async function control(command: string, player?: string): Promise<void> {
  const hst = hosting;
  if (!hst) return;
  try {
    await connection().request('host:control', {
      id: uuid(),
      command: command as 'start',
      ...(player ? { player } : {}),
    });
    hst.error = '';
  } catch (err) {
    hst.error = errorText(err);
    render();
  }
}

// ---------------------------------------------------------------------------
// Setup and past sessions
// ---------------------------------------------------------------------------

function clearState(): void {
  delete page.main.dataset.status;
  delete page.main.dataset.round;
  delete page.main.dataset.view;
}

function trainerKey(): string {
  return storage.get(TRAINER_KEY) ?? '';
}

function keyField(onChange: () => void): HTMLElement {
  const input = h('input', {
    class: 'lv-input',
    id: 'lv-key',
    type: 'password',
    autocomplete: 'current-password',
    value: trainerKey(),
  });
  input.addEventListener('change', () => {
    storage.set(TRAINER_KEY, input.value.trim());
    onChange();
  });
  return h(
    'label',
    { class: 'lv-field', for: 'lv-key' },
    h('span', { text: 'Trainer key' }),
    input,
    h('small', {
      class: 'small',
      text: 'Printed by the session server when it first started (or set in CLOSECALL_TRAINER_KEY). Kept in this browser.',
    }),
  );
}

async function renderSetup(message = ''): Promise<void> {
  hosting = null;
  timerEl = null;
  clearState();
  page.main.setAttribute('aria-label', 'Host');
  page.main.className = 'lv-host';
  page.main.replaceChildren(h('p', { class: 'lv-status', role: 'status', text: 'Loading the scenarios…' }));
  let scenarios: ScenarioSummary[] = [];
  let loadError = '';
  try {
    const res = await fetch(API.scenarios);
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    scenarios = (await res.json()) as ScenarioSummary[];
  } catch (err) {
    loadError = `The scenario list could not be loaded (${err instanceof Error ? err.message : String(err)}). Is the session server running?`;
  }
  const summaries = await Promise.all(
    scenarios.map(async (s) => {
      try {
        const sc = await loadScenario(s.id);
        return {
          id: s.id,
          title: s.title,
          summary: sc.meta.summary,
          difficulty: sc.meta.difficulty,
          minutes: sc.meta.minutes,
        };
      } catch {
        return { id: s.id, title: s.title, summary: '', difficulty: '', minutes: 0 };
      }
    }),
  );
  let initial: RoomSettings = { scenario: summaries[0]?.id ?? '', mode: 'teams', teams: 3, voteSeconds: 60 };
  try {
    initial = { ...initial, ...(JSON.parse(storage.get(SETTINGS_KEY) ?? '{}') as Partial<RoomSettings>) };
  } catch {
    // ignore
  }
  const past = h('section', { class: 'lv-card panel', 'aria-labelledby': 'lv-past-title' });
  const form = setupForm(summaries, initial, (s) => void openRoom(s, form));
  if (loadError || message) form.error.textContent = loadError || message;
  const refreshPast = () => void renderPast(past);
  form.el.insertBefore(keyField(refreshPast), form.el.querySelector('.lv-error'));
  page.main.replaceChildren(
    h(
      'header',
      { class: 'lv-brand' },
      h('img', { src: logoUrl, alt: 'Close Call' }),
      h('h1', { class: 'h2', text: 'Group session' }),
    ),
    h('div', { class: 'lv-setup' }, form.el, past),
  );
  refreshPast();
  page.main.focus({ preventScroll: true });
}

async function openRoom(s: RoomSettings, form: ReturnType<typeof setupForm>): Promise<void> {
  const key = (document.getElementById('lv-key') as HTMLInputElement | null)?.value.trim() ?? trainerKey();
  if (key.length < 8) {
    form.error.textContent = 'Type the trainer key first (the session server printed it when it started).';
    document.getElementById('lv-key')?.focus();
    return;
  }
  storage.set(TRAINER_KEY, key);
  storage.set(SETTINGS_KEY, JSON.stringify(s));
  form.busy(true);
  try {
    const reply = await connection().request('host:create', {
      trainerKey: key,
      settings: { scenario: s.scenario, mode: s.mode, teams: s.teams, voteSeconds: s.voteSeconds },
    });
    await begin(reply.hostToken, reply.state, reply.players, []);
  } catch (err) {
    form.busy(false);
    form.error.textContent =
      err instanceof RequestError && err.code === 'unauthorized'
        ? 'The trainer key was not accepted. Check it against the one the server printed.'
        : errorText(err);
  }
}

async function trainerFetch(path: string): Promise<Response> {
  const res = await fetch(path, { headers: { Authorization: `Bearer ${trainerKey()}` } });
  if (res.status === 401) throw new Error('The trainer key was not accepted.');
  if (!res.ok) throw new Error(`The server answered HTTP ${res.status}.`);
  return res;
}

async function renderPast(box: HTMLElement): Promise<void> {
  const title = h('h2', { class: 'h2', id: 'lv-past-title', text: 'Past sessions' });
  if (!trainerKey()) {
    box.replaceChildren(
      title,
      h('p', { class: 'small', text: 'Type the trainer key to see past sessions.' }),
    );
    return;
  }
  box.replaceChildren(title, h('p', { class: 'small', role: 'status', text: 'Loading…' }));
  try {
    const list = (await (await trainerFetch(API.sessions)).json()) as SessionSummary[];
    if (list.length === 0) {
      box.replaceChildren(title, h('p', { class: 'small', text: 'No sessions yet.' }));
      return;
    }
    const table = h(
      'table',
      { class: 'lv-past' },
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          h('th', { text: 'Date' }),
          h('th', { text: 'Scenario' }),
          h('th', { text: 'Teams' }),
          h('th', { text: '' }),
        ),
      ),
      h(
        'tbody',
        {},
        list.map((s) =>
          h(
            'tr',
            {},
            h('td', {
              text: new Date(s.createdAt).toLocaleString('en-GB', {
                dateStyle: 'medium',
                timeStyle: 'short',
              }),
            }),
            h('td', { text: s.scenario.title }),
            h('td', { text: s.teams.map((t) => `${t.name} (${t.players})`).join(', ') || '—' }),
            h(
              'td',
              {},
              h(
                'div',
                { class: 'lv-row' },
                button('Open', () => void openRecord(s.id), {
                  class: 'btn-small',
                  name: `Open the session of ${dateText(s.createdAt)}`,
                }),
                button('Export CSV', () => void exportCsv(s.id, box), {
                  class: 'btn-small',
                  name: `Export CSV of the session of ${dateText(s.createdAt)}`,
                }),
              ),
            ),
          ),
        ),
      ),
    );
    box.replaceChildren(title, h('div', { class: 'scroll', style: 'max-height:520px' }, table));
  } catch (err) {
    box.replaceChildren(title, h('p', { class: 'lv-error panel', role: 'alert', text: errorText(err) }));
  }
}

function dateText(ms: number): string {
  return new Date(ms).toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short' });
}

async function exportCsv(id: string, box: HTMLElement): Promise<void> {
  try {
    const blob = await (await trainerFetch(API.exportCsv(id))).blob();
    const a = h('a', { href: URL.createObjectURL(blob), download: `close-call-session-${id}.csv` });
    document.body.append(a);
    a.click();
    a.remove();
    window.setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
  } catch (err) {
    box.append(h('p', { class: 'lv-error panel', role: 'alert', text: errorText(err) }));
  }
}

async function openRecord(id: string): Promise<void> {
  page.main.replaceChildren(h('p', { class: 'lv-status', role: 'status', text: 'Opening the session…' }));
  try {
    const record = (await (await trainerFetch(API.session(id))).json()) as SessionRecord;
    const scenario = await loadScenario(record.summary.scenario.id);
    const replay = new Replay(scenario, record.seed);
    replay.apply(record.log);
    hosting = null;
    clearState();
    page.main.setAttribute('aria-label', 'Session debrief');
    page.main.className = 'lv-debrief';
    page.main.replaceChildren(
      debriefEl({
        scenario,
        replay,
        teams: record.summary.teams.map((t, i) => ({ id: t.id, name: t.name, index: i })),
        reveals: record.reveals,
        subtitle: `${record.summary.scenario.title} · ${dateText(record.summary.createdAt)} · read-only`,
        actions: [
          button('Export CSV', () => void exportCsv(id, page.main), { class: 'btn-small' }),
          lrsButton(id, trainerKey, () => page.main),
          button('Back to the session list', () => void renderSetup(), { class: 'btn-small' }),
        ],
      }),
    );
    page.main.focus({ preventScroll: true });
  } catch (err) {
    void renderSetup(errorText(err));
  }
}

// ---------------------------------------------------------------------------
// The room: lobby, projector, debrief
// ---------------------------------------------------------------------------

function renderStatus(): void {
  refreshStatus(page.main, follow.connected);
}

function joinUrl(code: string): string {
  return `${window.location.origin}/join/${code}`;
}

function render(first = false): void {
  const hst = hosting;
  if (!hst) return;
  const focusKey = (document.activeElement as HTMLElement | null)?.dataset?.fk;
  const viewName = `${hst.state.status}`;
  if (page.main.dataset.view !== viewName) {
    page.main.dataset.view = viewName;
    window.scrollTo(0, 0);
  }
  if (hst.state.status === 'lobby') renderLobby(hst);
  else if (hst.state.status === 'running') renderProjector(hst);
  else renderEnded(hst);
  // The state in data attributes, for tests and tools (what the screen already says in words).
  page.main.dataset.status =
    hst.state.status === 'running' ? (hst.state.round?.status ?? 'lobby') : hst.state.status;
  page.main.dataset.round = String(hst.state.round?.number ?? 0);
  if (focusKey)
    page.main
      .querySelector<HTMLElement>(`[data-fk="${CSS.escape(focusKey)}"]`)
      ?.focus({ preventScroll: true });
  else if (first) page.main.focus({ preventScroll: true });
  announceChanges(hst);
  tick();
}

function announceChanges(hst: Hosting): void {
  const r = hst.state.round;
  if (r && r.number !== lastOpened && r.status !== 'revealed') {
    lastOpened = r.number;
    announce(page.urgent, `Vote ${r.number} is open.`);
  }
  const reveal = revealFor(hst.state);
  if (reveal && reveal.round !== lastRevealed) {
    lastRevealed = reveal.round;
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
    announce(page.polite, `The vote is closed. ${text}`);
  }
}

function ctl(
  label: string,
  command: string,
  opts: { cls?: string; disabled?: boolean } = {},
): HTMLButtonElement {
  const b = button(label, () => void control(command), { class: opts.cls ?? '', disabled: opts.disabled });
  b.dataset.fk = `ctl:${label}`;
  return b;
}

function lockButton(state: RoomState): HTMLButtonElement {
  const b = state.locked ? ctl('Unlock room', 'unlock') : ctl('Lock room', 'lock');
  b.setAttribute('aria-pressed', String(state.locked));
  return b;
}

function endButton(): HTMLButtonElement {
  const b = button('End session', () => {
    if (window.confirm('End the session for everyone? Teams stop where they are.')) void control('end');
  });
  b.dataset.fk = 'ctl:End session';
  return b;
}

function playersEl(hst: Hosting): HTMLElement {
  const box = h('div', { class: 'lv-teams', 'data-players': '' });
  fillPlayers(box, hst);
  return box;
}

function fillPlayers(box: HTMLElement, hst: Hosting): void {
  const state = hst.state;
  box.replaceChildren(
    ...state.teams.map((t, i) => {
      const members = hst.players.filter((p) => p.team === t.id && p.status === 'active');
      return h(
        'section',
        { class: `lv-team team-${i % 8}`, 'aria-label': t.name },
        h('h3', { text: `${t.name} · ${plural(members.length, 'player')}` }),
        members.length === 0
          ? h('p', { class: 'small', text: 'No one yet.' })
          : h(
              'ul',
              { class: 'lv-players' },
              members.map((p) => {
                const nameId = `pl-${p.id}`;
                const kick = button('Kick', () => void control('kick', p.id), { class: 'btn-small' });
                const ban = button(
                  'Ban',
                  () => {
                    if (window.confirm(`Ban ${p.name}? This phone will not be able to join again.`))
                      void control('ban', p.id);
                  },
                  { class: 'btn-small' },
                );
                kick.setAttribute('aria-describedby', nameId);
                ban.setAttribute('aria-describedby', nameId);
                kick.dataset.fk = `kick:${p.id}`;
                ban.dataset.fk = `ban:${p.id}`;
                return h(
                  'li',
                  { 'data-player': p.name },
                  h('span', {
                    class: `lv-name ${p.connected ? '' : 'off'}`,
                    id: nameId,
                    text: p.connected ? p.name : `${p.name} (offline)`,
                  }),
                  kick,
                  ban,
                );
              }),
            ),
      );
    }),
  );
}

function renderPlayers(): void {
  const hst = hosting;
  if (!hst) return;
  const box = page.main.querySelector<HTMLElement>('[data-players]');
  if (!box) {
    render();
    return;
  }
  const focusKey = (document.activeElement as HTMLElement | null)?.dataset?.fk;
  fillPlayers(box, hst);
  if (focusKey)
    page.main
      .querySelector<HTMLElement>(`[data-fk="${CSS.escape(focusKey)}"]`)
      ?.focus({ preventScroll: true });
  const n = hst.players.filter((p) => p.status === 'active').length;
  const count = page.main.querySelector('[data-count]');
  if (count) count.textContent = `${plural(n, 'player')} joined`;
  // The lobby's Start is for a room with someone in it: it follows the players as they come and go.
  const start = page.main.querySelector<HTMLButtonElement>('[data-fk="ctl:Start"]');
  if (start && hst.state.status === 'lobby') start.disabled = n === 0;
}

function renderLobby(hst: Hosting): void {
  const state = hst.state;
  timerEl = null;
  page.main.setAttribute('aria-label', 'Host');
  page.main.className = 'lv-host';
  const url = joinUrl(state.code);
  const qr = h('div', { class: 'lv-qr', role: 'img', 'aria-label': `QR code of the join link ${url}` });
  QRCode.toString(url, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' })
    .then((svg) => {
      const doc = new DOMParser().parseFromString(svg, 'image/svg+xml');
      const el = doc.documentElement;
      el.setAttribute('aria-hidden', 'true');
      el.setAttribute('focusable', 'false');
      qr.replaceChildren(document.importNode(el, true));
    })
    .catch((err: unknown) => console.info('Close Call: no QR code', err));
  const n = hst.players.filter((p) => p.status === 'active').length;
  const timer =
    state.settings.voteSeconds > 0
      ? `${state.settings.voteSeconds} seconds a vote`
      : 'no timer (you close each vote)';
  page.main.replaceChildren(
    h(
      'header',
      { class: 'lv-brand' },
      h('img', { src: logoUrl, alt: 'Close Call' }),
      h('h1', { class: 'h2', text: state.scenario.title }),
      h('span', { class: 'lv-spacer' }),
      statusEl(follow.connected),
      lockButton(state),
      endButton(),
      ctl('Start', 'start', { cls: 'btn-accent', disabled: n === 0 }),
    ),
    h('p', { class: 'lv-error panel', role: 'alert', text: hst.error }),
    h(
      'div',
      { class: 'lv-lobby' },
      h(
        'section',
        { class: 'lv-card panel lv-join-card', 'aria-label': 'How to join' },
        h('p', { class: 'eyebrow', text: 'Join on your phone' }),
        h('p', { class: 'lv-code', 'aria-label': 'Room code', text: state.code }),
        h('a', {
          class: 'lv-link',
          href: url,
          target: '_blank',
          rel: 'noopener',
          text: url.replace(/^https?:\/\//, ''),
        }),
        qr,
        h('p', { class: 'small', text: 'Or open /join and type the code.' }),
      ),
      h(
        'div',
        { class: 'lv-stack' },
        h(
          'section',
          { class: 'lv-card panel', 'aria-label': 'Who has joined' },
          h(
            'div',
            { class: 'lv-row' },
            h('h2', { class: 'h2', text: 'Who has joined' }),
            h('span', { class: 'lv-spacer' }),
            h('span', {
              class: 'h3',
              'data-count': '',
              'aria-live': 'polite',
              text: `${plural(n, 'player')} joined`,
            }),
          ),
          playersEl(hst),
        ),
        h(
          'section',
          { class: 'lv-card panel', 'aria-label': 'Rules' },
          h('h2', { class: 'h3', text: 'How votes work' }),
          h(
            'ul',
            { class: 'lv-rules' },
            h('li', {
              text: `Mode: ${state.settings.mode === 'teams' ? `${plural(state.teams.length, 'team')}, each on its own phones` : 'individuals: everyone plays their own interview'}; timer: ${timer}.`,
            }),
            h('li', {
              text: 'Every team plays the same interview with the same seed: the same choices get the same answer.',
            }),
            h('li', { text: 'Votes stay hidden until the vote closes; then each team’s split is shown.' }),
            h('li', {}, h('b', { text: 'Tie: ' }), state.rules.tie.text),
            h('li', {}, h('b', { text: 'Timeout: ' }), state.rules.timeout.text),
          ),
        ),
      ),
    ),
  );
}

interface Group {
  key: string;
  teams: { id: string; name: string; index: number }[];
}

/** Teams whose playthroughs are at the same point share a stage. */
function groups(hst: Hosting): Group[] {
  const out = new Map<string, Group>();
  hst.state.teams.forEach((t, index) => {
    const play = hst.replay.play(t.id);
    const key = JSON.stringify(play.actions);
    let g = out.get(key);
    if (!g) {
      g = { key, teams: [] };
      out.set(key, g);
    }
    g.teams.push({ id: t.id, name: t.name, index });
  });
  return [...out.values()];
}

function voteAside(hst: Hosting, g: Group, compact: boolean): HTMLElement {
  const state = hst.state;
  const round = state.round;
  const box = h('section', { class: 'lv-vote panel', 'aria-label': 'The vote' });
  if (!round) return box;
  const reveal = revealFor(state);
  const first = round.tasks.find((t) => t.team === g.teams[0]!.id);
  if (reveal) {
    box.append(h('p', { class: 'eyebrow', text: `Vote ${round.number}: what each team did` }));
    for (const t of g.teams) {
      const r = reveal.teams.find((x) => x.team === t.id);
      const task = round.tasks.find((x) => x.team === t.id);
      if (!r) continue;
      if (g.teams.length > 1) box.append(h('p', { class: `lv-chip-team team-${t.index % 8}`, text: t.name }));
      box.append(resultEl(hst.replay.scenario, task, r));
    }
    return box;
  }
  const kind = first?.kind ?? 'none';
  box.append(h('h2', { class: 'h3', text: TASK_TITLE[kind] }));
  if (first && (kind === 'choose' || kind === 'follow-up' || kind === 'negotiate')) {
    box.append(
      h(
        'ol',
        { class: 'lv-options' },
        first.options.map((o, i) =>
          h(
            'li',
            {},
            h('span', { class: 'key', 'aria-hidden': 'true', text: String(i + 1) }),
            h('span', { text: o.text }),
          ),
        ),
      ),
    );
  } else if (kind === 'close') {
    box.append(
      h('p', {
        class: 'body',
        text: 'On their phones: form, delivery, supporting points, leverage and commitment.',
      }),
    );
  }
  if (!compact || g.teams.length > 0) {
    box.append(
      h(
        'div',
        { class: 'lv-stack', style: 'gap:4px' },
        g.teams.map((t) =>
          h('p', { class: 'lv-progress', 'data-progress': t.id, text: progressText(state, t.id, t.name) }),
        ),
      ),
    );
  }
  return box;
}

function progressLine(hst: Hosting, g: Group): string {
  const reveal = revealFor(hst.state);
  const round = hst.state.round;
  return g.teams
    .map((t) => {
      const r = reveal?.teams.find((x) => x.team === t.id);
      const task = round?.tasks.find((x) => x.team === t.id);
      return r ? resultSentence(hst.replay.scenario, t.name, task, r) : progressText(hst.state, t.id, t.name);
    })
    .join(' ');
}

function progressText(state: RoomState, team: string, name: string): string {
  const r = state.round;
  if (!r) return '';
  const task = r.tasks.find((t) => t.team === team);
  if (task && (task.kind === 'continue' || task.kind === 'none')) return `${name}: no vote`;
  return `${name}: ${r.voted[team] ?? 0} of ${r.eligible[team] ?? 0} voted`;
}

function updateProgress(): void {
  const hst = hosting;
  if (!hst) return;
  for (const el of page.main.querySelectorAll<HTMLElement>('[data-progress]')) {
    const id = el.dataset.progress!;
    const t = hst.state.teams.find((x) => x.id === id);
    if (t) el.textContent = progressText(hst.state, id, t.name);
  }
  const all = page.main.querySelector('[data-allprogress]');
  if (all) all.textContent = allProgress(hst.state);
}

function votersIn(state: RoomState): number {
  const r = state.round;
  if (!r) return 0;
  return r.tasks
    .filter((t) => t.kind !== 'continue' && t.kind !== 'none')
    .reduce((n, t) => n + (r.eligible[t.team] ?? 0), 0);
}

function allProgress(state: RoomState): string {
  const r = state.round;
  if (!r) return '';
  let voted = 0;
  let of = 0;
  for (const t of r.tasks) {
    if (t.kind === 'continue' || t.kind === 'none') continue;
    voted += r.voted[t.team] ?? 0;
    of += r.eligible[t.team] ?? 0;
  }
  return `${voted} of ${of} voted`;
}

function discussionEl(tasks: Task[]): HTMLElement | null {
  const prompts = [...new Set(tasks.flatMap((t) => t.discussion))];
  if (prompts.length === 0) return null;
  return h(
    'div',
    { class: 'lv-discussion', role: 'group', 'aria-label': 'Discuss' },
    h('p', { class: 'eyebrow', text: 'Discuss before you vote · the timer waits' }),
    ...prompts.map((p) => h('p', { class: 'lv-prompt', text: p })),
    h('p', { class: 'small', text: 'Press Start when the room is ready to vote.' }),
  );
}

function renderProjector(hst: Hosting): void {
  const state = hst.state;
  const round = state.round;
  page.main.setAttribute('aria-label', 'Host');
  page.main.className = 'lv-proj';
  const status = round?.status ?? 'revealed';
  const open = status === 'voting' || status === 'paused' || status === 'discussion';
  const anyLeft = state.teams.some((t) => !t.ended);
  const timed = state.settings.voteSeconds > 0;
  const timer = h('span', {
    class: `lv-timer panel ${status === 'voting' ? '' : 'paused'}`,
    role: 'timer',
    'aria-label': 'Time left',
  });
  timerEl = timer;
  const controls = h(
    'div',
    { class: 'lv-controls', role: 'toolbar', 'aria-label': 'Session controls' },
    status === 'discussion' ? ctl('Start', 'start', { cls: 'btn-accent' }) : null,
    open ? ctl('Close the vote', 'close-vote', { cls: 'btn-primary' }) : null,
    status === 'voting' && timed ? ctl('Pause', 'pause') : null,
    status === 'paused' ? ctl('Resume', 'resume', { cls: 'btn-accent' }) : null,
    open && timed ? ctl('Add 30 seconds', 'add-time') : null,
    status === 'revealed' && anyLeft ? ctl('Next', 'next', { cls: 'btn-accent' }) : null,
    lockButton(state),
    (() => {
      const b = button(hst.showPeople ? 'Hide players' : 'Players', () => {
        hst.showPeople = !hst.showPeople;
        render();
      });
      b.setAttribute('aria-expanded', String(hst.showPeople));
      b.dataset.fk = 'ctl:Players';
      return b;
    })(),
    endButton(),
  );
  const top = h(
    'header',
    { class: 'lv-proj-top' },
    h(
      'span',
      { class: 'tag panel lv-code-small' },
      'Join: ',
      h('b', { 'aria-label': 'Room code', text: state.code }),
    ),
    h('span', { class: 'tag panel', text: `${state.scenario.title} · vote ${round?.number ?? 0}` }),
    timer,
    open && votersIn(state) > 0
      ? h('span', {
          class: 'tag panel',
          'data-allprogress': '',
          'aria-live': 'polite',
          text: allProgress(state),
        })
      : null,
    h('span', { class: 'lv-spacer' }),
    statusEl(follow.connected),
  );
  // Teams at the same point share a stage; with many paths (individuals) the largest four get a
  // stage and the rest are listed by name.
  const all = groups(hst);
  const gs = all.length > 4 ? [...all].sort((a, b) => b.teams.length - a.teams.length).slice(0, 4) : all;
  const rest = all.filter((g) => !gs.includes(g));
  const wrap = h('div', {
    class: `lv-stage-wrap ${gs.length === 1 ? 'single' : `cols-${Math.min(4, gs.length)}`}`,
  });
  for (const g of gs) {
    const play = hst.replay.play(g.teams[0]!.id);
    const aside = voteAside(hst, g, gs.length > 1);
    const tasks = round?.tasks.filter((t) => g.teams.some((x) => x.id === t.team)) ?? [];
    const discussion = status === 'discussion' ? discussionEl(tasks) : null;
    if (discussion) aside.prepend(discussion);
    wrap.append(stageEl(play, g.teams, aside));
  }
  const others =
    rest.length > 0
      ? h(
          'section',
          { class: 'lv-card panel', 'aria-label': 'Other paths' },
          h('h2', { class: 'h3', text: `${plural(rest.length, 'other path')}` }),
          h(
            'ul',
            { class: 'lv-rules' },
            rest.map((g) =>
              h(
                'li',
                {},
                h('b', { text: g.teams.map((t) => t.name).join(', ') }),
                ` · ${progressLine(hst, g)}`,
              ),
            ),
          ),
        )
      : null;
  const people = hst.showPeople
    ? h(
        'section',
        { class: 'lv-card panel lv-drawer', 'aria-label': 'Players' },
        h('h2', { class: 'h3', text: 'Players' }),
        playersEl(hst),
      )
    : null;
  const finished =
    !anyLeft && status === 'revealed'
      ? h(
          'section',
          { class: 'lv-discussion panel', 'aria-label': 'Every team has finished' },
          h('p', { class: 'lv-prompt', text: 'Every team has finished the interview.' }),
          h('p', { class: 'small', text: 'Press End session to see the session debrief.' }),
        )
      : null;
  page.main.replaceChildren(
    top,
    h(
      'div',
      { class: 'lv-proj-body' },
      hst.error ? h('p', { class: 'lv-error panel', role: 'alert', text: hst.error }) : null,
      finished,
      wrap,
      others,
      people,
    ),
    h('footer', { class: 'lv-proj-foot' }, h('span', { class: 'lv-spacer' }), controls),
  );
}

function renderEnded(hst: Hosting): void {
  timerEl = null;
  page.main.setAttribute('aria-label', 'Session debrief');
  page.main.className = 'lv-debrief';
  page.main.replaceChildren(
    debriefEl({
      scenario: hst.replay.scenario,
      replay: hst.replay,
      teams: hst.state.teams.map((t, i) => ({ id: t.id, name: t.name, index: i })),
      reveals: hst.state.reveals,
      subtitle: `${hst.state.scenario.title} · room ${hst.state.code}`,
      actions: [
        button(
          'New session',
          () => {
            storage.remove(HOST_KEY);
            void renderSetup();
          },
          { class: 'btn-primary' },
        ),
        lrsButton(hst.state.session, trainerKey, () => page.main),
      ],
    }),
  );
}

function tick(): void {
  const hst = hosting;
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

window.setInterval(tick, 250);

// ---------------------------------------------------------------------------
// Start: back to the room this browser hosts, or the setup.
// ---------------------------------------------------------------------------

async function start(): Promise<void> {
  const saved = savedHost();
  if (!saved) {
    void renderSetup();
    return;
  }
  page.main.setAttribute('aria-label', 'Host');
  page.main.className = 'lv-host';
  page.main.replaceChildren(
    h('p', { class: 'lv-status', role: 'status', text: `Returning to room ${saved.code}…` }),
  );
  try {
    const reply = await connection().request('host:resume', { hostToken: saved.token, lastSeq: 0 });
    await begin(saved.token, reply.state, reply.players, reply.missed);
  } catch (err) {
    storage.remove(HOST_KEY);
    void renderSetup(
      err instanceof RequestError && (err.code === 'unauthorized' || err.code === 'not-found')
        ? `Room ${saved.code} is no longer open. Open a new room.`
        : errorText(err),
    );
  }
}

void start();
