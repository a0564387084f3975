/** The trainer key (kept in this browser) and the trainer-only HTTP reads: past sessions and their CSV. */
import { API } from '../../protocol/index';
import { h } from '../../web/dom/h';
import { storage } from '../common/page';
import { errorText } from '../common/room';

const TRAINER_KEY = 'closecall.live.trainerKey';

export function trainerKey(): string {
  return storage.get(TRAINER_KEY) ?? '';
}

export function saveTrainerKey(key: string): void {
  storage.set(TRAINER_KEY, key);
}

/** The key field of the setup form; `onChange` runs when a new key is typed. */
export function keyField(onChange: () => void): HTMLElement {
  const input = h('input', {
    class: 'lv-input',
    id: 'lv-key',
    type: 'password',
    autocomplete: 'current-password',
    value: trainerKey(),
  });
  input.addEventListener('change', () => {
    saveTrainerKey(input.value.trim());
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

export async function trainerFetch(path: string): Promise<Response> {
  const res = await fetch(path, { headers: { Authorization: `Bearer ${trainerKey()}` } });
  if (res.status === 401) throw new Error('The trainer key was not accepted.');
  if (!res.ok) throw new Error(`The server answered HTTP ${res.status}.`);
  return res;
}

export function dateText(ms: number): string {
  return new Date(ms).toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short' });
}

/** Downloads a session's CSV; a failure is shown at the end of `box`. */
export async function exportCsv(id: string, box: HTMLElement): Promise<void> {
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
