/**
 * "Send to an LRS": a finished session's records as xAPI statements, previewed, then sent by the
 * session server to the trainer's Learning Record Store (docs/lms.md). The LRS key and secret
 * go to the server for that one request and are not kept, here or there.
 */
import { API } from '../../protocol/index';
import { button, h } from '../../web/dom/h';

type Statement = {
  actor: { name?: string; objectType?: string };
  verb: { display?: Record<string, string>; id: string };
  object: {
    id: string;
    definition?: {
      name?: Record<string, string>;
      choices?: { id: string; description?: Record<string, string> }[];
    };
  };
  result?: { response?: string; score?: { raw?: number } };
};

const xapiPath = (id: string) => `${API.session(id)}/xapi`;

function verbOf(s: Statement): string {
  return s.verb.display?.['en-US'] ?? s.verb.id.split('/').pop() ?? s.verb.id;
}

function whatOf(s: Statement): string {
  const response = s.result?.response;
  // A choice is shown in the words the player saw; a close as its parts.
  const said = s.object.definition?.choices?.find((c) => c.id === response)?.description?.['en-US'];
  if (said) return said;
  if (response) return response.replace(/;/g, '; ');
  if (s.result?.score?.raw !== undefined) return `score ${s.result.score.raw}`;
  return s.object.definition?.name?.['en-US'] ?? s.object.id;
}

/** The button for a debrief's actions; it opens the panel after `after` (the debrief). */
export function lrsButton(
  sessionId: string,
  trainerKey: () => string,
  host: () => HTMLElement,
): HTMLButtonElement {
  return button('Send to an LRS…', () => openPanel(sessionId, trainerKey, host()), {
    class: 'btn-small',
    name: 'Send the records to an LRS (learning record store)',
  });
}

function openPanel(sessionId: string, trainerKey: () => string, host: HTMLElement): void {
  host.querySelector('#lv-lrs')?.remove();
  const auth = () => ({ Authorization: `Bearer ${trainerKey()}` });
  const status = h('p', { class: 'small', role: 'status' });
  const preview = h('div', { class: 'lv-lrs-preview' });
  const field = (id: string, label: string, type: string, hint: string, auto: string) =>
    h(
      'label',
      { class: 'lv-field', for: id },
      h('span', { text: label }),
      h('input', { class: 'lv-input', id, type, autocomplete: auto, spellcheck: 'false' }),
      h('small', { class: 'small', text: hint }),
    );
  const actors = h(
    'fieldset',
    { class: 'lv-field' },
    h('legend', { text: 'Who the statements are about' }),
    h(
      'label',
      { class: 'lv-radio' },
      h('input', { type: 'radio', name: 'lv-lrs-actors', value: 'team', checked: true }),
      h('span', { text: 'One actor per team (the team, with its players as members)' }),
    ),
    h(
      'label',
      { class: 'lv-radio' },
      h('input', { type: 'radio', name: 'lv-lrs-actors', value: 'player' }),
      h('span', { text: 'One actor per player name (each vote they cast)' }),
    ),
  );
  const chosen = () =>
    (actors.querySelector<HTMLInputElement>('input[name="lv-lrs-actors"]:checked')?.value ?? 'team') as
      | 'team'
      | 'player';
  const heading = h('h2', {
    class: 'h2',
    id: 'lv-lrs-title',
    tabindex: -1,
    text: 'Send the records to an LRS',
  });
  const sendBtn = button('Send', () => void send(), { class: 'btn-primary', disabled: true });
  let count = 0;

  const showPreview = async () => {
    sendBtn.disabled = true;
    status.textContent = 'Preparing the preview…';
    preview.replaceChildren();
    try {
      const res = await fetch(`${xapiPath(sessionId)}?actors=${chosen()}`, { headers: auth() });
      const body = (await res.json()) as {
        count?: number;
        statements?: Statement[];
        error?: { message: string };
      };
      if (!res.ok || !body.statements)
        throw new Error(body.error?.message ?? `The server answered HTTP ${res.status}.`);
      count = body.statements.length;
      const shown = body.statements.slice(0, 12);
      preview.replaceChildren(
        h('p', {
          text: `${count} statements will be sent${count > shown.length ? `; the first ${shown.length} are listed` : ''}.`,
        }),
        h(
          'div',
          { class: 'scroll', style: 'max-height:260px' },
          h(
            'table',
            { class: 'lv-past' },
            h(
              'thead',
              {},
              h('tr', {}, h('th', { text: 'Actor' }), h('th', { text: 'Verb' }), h('th', { text: 'What' })),
            ),
            h(
              'tbody',
              {},
              shown.map((s) =>
                h(
                  'tr',
                  {},
                  h('td', { text: s.actor.name ?? s.actor.objectType ?? '' }),
                  h('td', { text: verbOf(s) }),
                  h('td', { text: whatOf(s) }),
                ),
              ),
            ),
          ),
        ),
        h(
          'details',
          {},
          h('summary', { text: 'The first statement in full (JSON)' }),
          h('pre', { class: 'small', text: JSON.stringify(body.statements[0], null, 2) }),
        ),
      );
      sendBtn.textContent = `Send ${count} statements`;
      sendBtn.disabled = false;
      status.textContent = '';
    } catch (err) {
      status.textContent = err instanceof Error ? err.message : String(err);
    }
  };

  const value = (id: string) => (panel.querySelector<HTMLInputElement>(`#${id}`)?.value ?? '').trim();
  const send = async () => {
    sendBtn.disabled = true;
    status.textContent = `Sending ${count} statements…`;
    try {
      const res = await fetch(xapiPath(sessionId), {
        method: 'POST',
        headers: { ...auth(), 'content-type': 'application/json' },
        body: JSON.stringify({
          endpoint: value('lv-lrs-endpoint'),
          username: value('lv-lrs-key'),
          password: panel.querySelector<HTMLInputElement>('#lv-lrs-secret')?.value ?? '',
          actors: chosen(),
        }),
      });
      const body = (await res.json()) as { sent?: number; endpoint?: string; error?: { message: string } };
      if (!res.ok) throw new Error(body.error?.message ?? `The server answered HTTP ${res.status}.`);
      status.textContent = `Sent ${body.sent} statements to ${body.endpoint}.`;
    } catch (err) {
      status.textContent = err instanceof Error ? err.message : String(err);
    } finally {
      sendBtn.disabled = false;
    }
  };

  actors.addEventListener('change', () => void showPreview());
  const panel = h(
    'section',
    { class: 'lv-card panel', id: 'lv-lrs', 'aria-labelledby': 'lv-lrs-title' },
    heading,
    h('p', {
      class: 'small',
      text: 'Sent: each team’s decisions and close, its score and ending, and the names players typed. Not sent: phones, devices or anything else about the players. The key and secret are used for this send only and not kept.',
    }),
    actors,
    preview,
    field(
      'lv-lrs-endpoint',
      'LRS endpoint',
      'url',
      'The xAPI address your LRS gives, e.g. https://lrs.example.org/xapi/',
      'url',
    ),
    field('lv-lrs-key', 'Key (username)', 'text', 'The LRS client key or username.', 'username'),
    field(
      'lv-lrs-secret',
      'Secret (password)',
      'password',
      'The LRS client secret or password.',
      'current-password',
    ),
    h(
      'div',
      { class: 'lv-row' },
      sendBtn,
      button('Close', () => panel.remove(), { class: 'btn-small', name: 'Close the LRS panel' }),
    ),
    status,
  );
  host.append(panel);
  heading.focus();
  void showPreview();
}
