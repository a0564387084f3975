/** The setup screen: the trainer key, the room's settings and Open room, beside the past sessions. */
import logoUrl from '../../../assets/ui/logo.svg?url';
import { API, normaliseCode, type ScenarioSummary } from '../../protocol/index';
import { h } from '../../web/dom/h';
import { storage } from '../common/page';
import { errorText, loadScenario, RequestError } from '../common/room';
import type { HostApp } from './app';
import { renderPast } from './past';
import { takeControl } from './remote';
import { type RoomSettings, setupForm } from './setupForm';
import { keyField, saveTrainerKey, trainerKey } from './trainer';

const SETTINGS_KEY = 'closecall.live.settings';

export async function renderSetup(app: HostApp, message = ''): Promise<void> {
  const main = app.page.main;
  main.setAttribute('aria-label', 'Host');
  main.className = 'lv-host';
  main.replaceChildren(h('p', { class: 'lv-status', role: 'status', text: 'Loading the scenarios…' }));
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
  const form = setupForm(summaries, initial, (s) => void openRoom(app, s, form));
  if (loadError || message) form.error.textContent = loadError || message;
  const refreshPast = () => void renderPast(app, past);
  form.el.insertBefore(keyField(refreshPast), form.el.querySelector('.lv-error'));
  main.replaceChildren(
    h(
      'header',
      { class: 'lv-brand' },
      h('img', { src: logoUrl, alt: 'Close Call' }),
      h('h1', { class: 'h2', text: 'Group session' }),
    ),
    h('div', { class: 'lv-setup' }, h('div', { class: 'lv-stack' }, form.el, takeOverForm(app)), past),
  );
  refreshPast();
  main.focus({ preventScroll: true });
}

async function openRoom(app: HostApp, s: RoomSettings, form: ReturnType<typeof setupForm>): Promise<void> {
  const key = (document.getElementById('lv-key') as HTMLInputElement | null)?.value.trim() ?? trainerKey();
  if (key.length < 8) {
    form.error.textContent = 'Type the trainer key first (the session server printed it when it started).';
    document.getElementById('lv-key')?.focus();
    return;
  }
  saveTrainerKey(key);
  storage.set(SETTINGS_KEY, JSON.stringify(s));
  form.busy(true);
  try {
    const reply = await app.connection().request('host:create', {
      trainerKey: key,
      settings: { scenario: s.scenario, mode: s.mode, teams: s.teams, voteSeconds: s.voteSeconds },
    });
    await app.begin(reply.hostToken, reply.state, reply.players, []);
  } catch (err) {
    form.busy(false);
    form.error.textContent =
      err instanceof RequestError && err.code === 'unauthorized'
        ? 'The trainer key was not accepted. Check it against the one the server printed.'
        : errorText(err);
  }
}

/** Takes host control of an open room from this device with the trainer key (the room's first device keeps it too). */
function takeOverForm(app: HostApp): HTMLElement {
  const error = h('p', { class: 'lv-error panel', role: 'alert' });
  const input = h('input', {
    class: 'lv-input lv-code-input',
    id: 'lv-takeover-code',
    autocomplete: 'off',
    autocapitalize: 'characters',
    spellcheck: 'false',
    maxlength: 12,
  });
  const take = h('button', { type: 'submit', class: 'btn', text: 'Take over' });
  const form = h(
    'form',
    { class: 'lv-card panel', novalidate: true, 'aria-label': 'Take over a room' },
    h('h2', { class: 'h3', text: 'Take over a room' }),
    h('p', {
      class: 'small',
      text: 'A room opened on another device: show it here with its code and the trainer key.',
    }),
    h('label', { class: 'lv-field', for: 'lv-takeover-code' }, h('span', { text: 'Room code' }), input),
    error,
    take,
  );
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const code = normaliseCode(input.value);
    const key = (document.getElementById('lv-key') as HTMLInputElement | null)?.value.trim() ?? '';
    if (key.length < 8) {
      error.textContent = 'Type the trainer key above first.';
      document.getElementById('lv-key')?.focus();
      return;
    }
    if (!code) {
      error.textContent = 'Type the room code.';
      input.focus();
      return;
    }
    saveTrainerKey(key);
    take.disabled = true;
    void takeControl(app, code).then((msg) => {
      take.disabled = false;
      error.textContent = msg;
    });
  });
  return form;
}
