/**
 * The trainer's remote: a second device (a phone or a laptop) opened at /host?remote=CODE with the
 * trainer key. It holds what the room should not see: Kick, Ban (with what a ban can and cannot
 * stop), Lock, End session with its confirmation, and notes kept on this device; and the same
 * buttons that move the session on as the projector.
 */
import logoUrl from '../../../assets/ui/logo.svg?url';
import { normaliseCode } from '../../protocol/index';
import { button, h } from '../../web/dom/h';
import { plural } from '../../web/format';
import { statusEl } from '../common/follow';
import { storage } from '../common/page';
import { errorText, RequestError } from '../common/room';
import { TASK_TITLE } from '../common/votes';
import type { HostApp, Hosting } from './app';
import { banExplanation, endButton, flowButtons, lockButton, playersEl } from './controls';
import { exportCsv, keyField, trainerKey } from './trainer';

const notesKey = (code: string) => `closecall.live.notes.${code}`;

/** The remote before it has control: the room code and the trainer key. */
export function renderRemoteKey(app: HostApp, code: string, message = ''): void {
  const main = app.page.main;
  main.setAttribute('aria-label', 'Trainer remote');
  main.className = 'lv-remote';
  const error = h('p', { class: 'lv-error panel', role: 'alert', text: message });
  const codeInput = h('input', {
    class: 'lv-input lv-code-input',
    id: 'lv-remote-code',
    autocomplete: 'off',
    autocapitalize: 'characters',
    spellcheck: 'false',
    maxlength: 12,
    value: code,
  });
  const take = h('button', { type: 'submit', class: 'btn btn-accent', text: 'Take control' });
  const form = h(
    'form',
    { class: 'lv-card panel', novalidate: true },
    h('h1', { class: 'h3', text: 'Trainer’s remote' }),
    h('p', {
      class: 'small',
      text: 'Control a room from this device: players, Kick, Ban, Lock and your notes stay here, off the projector.',
    }),
    h('label', { class: 'lv-field', for: 'lv-remote-code' }, h('span', { text: 'Room code' }), codeInput),
    keyField(() => {}),
    error,
    take,
  );
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const typed = normaliseCode(codeInput.value);
    const key = (document.getElementById('lv-key') as HTMLInputElement | null)?.value.trim() ?? '';
    if (!typed) {
      error.textContent = 'Type the room code shown on the projector.';
      codeInput.focus();
      return;
    }
    if (key.length < 8) {
      error.textContent = 'Type the trainer key (the session server printed it when it started).';
      document.getElementById('lv-key')?.focus();
      return;
    }
    take.disabled = true;
    void takeControl(app, typed).then((msg) => {
      if (msg) {
        take.disabled = false;
        error.textContent = msg;
      }
    });
  });
  main.replaceChildren(
    h('header', { class: 'lv-brand' }, h('img', { src: logoUrl, alt: 'Close Call' })),
    form,
  );
  main.focus({ preventScroll: true });
}

/** Takes host control of room `code` with the stored trainer key; returns what went wrong, or ''. */
export async function takeControl(app: HostApp, code: string): Promise<string> {
  try {
    const reply = await app
      .connection()
      .request('host:takeover', { trainerKey: trainerKey(), code, lastSeq: 0 });
    await app.begin(null, reply.state, reply.players, reply.missed);
    if (app.role === 'remote') window.history.replaceState(null, '', `/host?remote=${code}`);
    return '';
  } catch (err) {
    return err instanceof RequestError && err.code === 'unauthorized'
      ? 'The trainer key was not accepted. Check it against the one the server printed.'
      : errorText(err);
  }
}

function nowText(hst: Hosting): string {
  const state = hst.state;
  const n = hst.players.filter((p) => p.status === 'active').length;
  if (state.status === 'lobby') return `Lobby · ${plural(n, 'player')} joined`;
  if (state.status === 'ended') return 'The session has ended.';
  const r = state.round;
  if (!r) return 'Starting…';
  const what =
    r.status === 'revealed'
      ? 'closed: results on the projector'
      : r.status === 'discussion'
        ? 'discussion (the timer waits)'
        : r.status;
  return `Vote ${r.number} · ${what}`;
}

function confirmEl(app: HostApp, hst: Hosting): HTMLElement | null {
  const c = hst.confirming;
  if (!c) return null;
  const cancel = button('Cancel', () => {
    hst.confirming = null;
    app.render();
  });
  cancel.dataset.fk = 'confirm:cancel';
  if (c.command === 'end') {
    const yes = button(
      'End the session',
      () => {
        hst.confirming = null;
        void app.control('end');
      },
      { class: 'btn-primary' },
    );
    yes.dataset.fk = 'confirm:yes';
    return h(
      'section',
      { class: 'lv-card panel lv-confirm', role: 'alertdialog', 'aria-label': 'End the session?' },
      h('p', { class: 'h3', text: 'End the session for everyone?' }),
      h('p', { class: 'small', text: 'Teams stop where they are; the projector shows the session debrief.' }),
      h('div', { class: 'lv-row' }, yes, cancel),
    );
  }
  const p = hst.players.find((x) => x.id === c.player && x.status === 'active');
  if (!p) {
    hst.confirming = null;
    return null;
  }
  const yes = button(
    `Ban ${p.name}`,
    () => {
      hst.confirming = null;
      void app.control('ban', p.id);
    },
    { class: 'btn-primary' },
  );
  yes.dataset.fk = 'confirm:yes';
  return h(
    'section',
    { class: 'lv-card panel lv-confirm', role: 'alertdialog', 'aria-label': `Ban ${p.name}?` },
    h('p', { class: 'h3', text: `Ban ${p.name}?` }),
    h('p', { class: 'small', text: banExplanation(p.name) }),
    h('div', { class: 'lv-row' }, yes, cancel),
  );
}

function notesEl(code: string): HTMLElement {
  const area = h('textarea', { class: 'lv-input lv-notes', id: 'lv-notes', rows: 4 });
  area.value = storage.get(notesKey(code)) ?? '';
  area.addEventListener('input', () => storage.set(notesKey(code), area.value));
  return h(
    'section',
    { class: 'lv-card panel', 'aria-label': 'Notes' },
    h(
      'label',
      { class: 'lv-field', for: 'lv-notes' },
      h('span', { text: 'Notes (kept on this device only)' }),
      area,
    ),
  );
}

/** The remote with control of a room, whatever its status. */
export function renderRemote(app: HostApp, hst: Hosting): void {
  const main = app.page.main;
  const state = hst.state;
  main.setAttribute('aria-label', 'Trainer remote');
  main.className = 'lv-remote';
  const notes = main.querySelector<HTMLTextAreaElement>('#lv-notes');
  const focusedNotes = notes !== null && document.activeElement === notes;
  const timer = h('span', { class: 'lv-phone-timer', role: 'timer', 'aria-label': 'Time left' });
  if (state.status === 'running') app.timerEl = timer;
  const task = state.round?.tasks.find((t) => t.kind !== 'none' && t.kind !== 'continue');
  const ended = state.status === 'ended';
  const parts: (HTMLElement | null)[] = [
    h(
      'header',
      { class: 'lv-phone-head' },
      h('span', { class: 'lv-team-tag panel', text: `Remote · room ${state.code}` }),
      h('span', { class: 'lv-spacer' }),
      statusEl(app.follow.connected),
    ),
    hst.error ? h('p', { class: 'lv-error panel', role: 'alert', text: hst.error }) : null,
    confirmEl(app, hst),
    h(
      'section',
      { class: 'lv-card panel', 'aria-label': 'Now' },
      h('p', { class: 'eyebrow', text: state.scenario.title }),
      h(
        'div',
        { class: 'lv-row' },
        h('p', { class: 'h3', text: nowText(hst) }),
        h('span', { class: 'lv-spacer' }),
        state.status === 'running' ? timer : null,
      ),
      task && state.round?.status !== 'revealed'
        ? h('p', { class: 'small', text: TASK_TITLE[task.kind] })
        : null,
      ended
        ? null
        : h(
            'div',
            { class: 'lv-controls', role: 'toolbar', 'aria-label': 'Session controls' },
            ...flowButtons(app, hst),
            lockButton(app, state),
            endButton(app),
          ),
      ended
        ? h(
            'div',
            { class: 'lv-row' },
            button('Export CSV', () => void exportCsv(state.session, main), {
              class: 'btn-small',
              name: `Export CSV of room ${state.code}`,
            }),
          )
        : null,
    ),
    ended
      ? null
      : h(
          'section',
          { class: 'lv-card panel', 'aria-label': 'Players' },
          h('h2', { class: 'h3', text: 'Players' }),
          h('p', {
            class: 'small',
            text: 'Kick: the phone leaves and may join again. Ban: it may not (Ban asks first).',
          }),
          playersEl(app, hst, true),
        ),
    notesEl(state.code),
  ];
  main.replaceChildren(...parts.filter((p): p is HTMLElement => p !== null));
  if (focusedNotes) main.querySelector<HTMLTextAreaElement>('#lv-notes')?.focus({ preventScroll: true });
}
