/** Past sessions: the list on the setup screen (Open, Export CSV) and a finished session's read-only debrief. */
import { API, type SessionRecord, type SessionSummary } from '../../protocol/index';
import { button, h } from '../../web/dom/h';
import { errorText, loadScenario, Replay } from '../common/room';
import type { HostApp } from './app';
import { debriefEl } from './debrief';
import { lrsButton } from './lrs';
import { presentTeams, removedNote } from './teams';
import { dateText, exportCsv, trainerFetch, trainerKey } from './trainer';

export async function renderPast(app: HostApp, box: HTMLElement): Promise<void> {
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
          h('th', { text: 'Room' }),
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
            h('td', { text: dateText(s.createdAt) }),
            h('td', { class: 'lv-room-code', text: s.code }),
            h('td', { text: s.scenario.title }),
            h('td', { text: s.teams.map((t) => `${t.name} (${t.players})`).join(', ') || '—' }),
            h(
              'td',
              {},
              h(
                'div',
                { class: 'lv-row' },
                button('Open', () => void openRecord(app, s.id), {
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

/** A finished session's debrief, read from its record. */
export async function openRecord(app: HostApp, id: string): Promise<void> {
  const main = app.page.main;
  main.replaceChildren(h('p', { class: 'lv-status', role: 'status', text: 'Opening the session…' }));
  try {
    const record = (await (await trainerFetch(API.session(id))).json()) as SessionRecord;
    const scenario = await loadScenario(record.summary.scenario.id);
    const replay = new Replay(scenario, record.seed);
    replay.apply(record.log);
    app.hosting = null;
    app.clearState();
    main.setAttribute('aria-label', 'Session debrief');
    main.className = 'lv-debrief';
    main.replaceChildren(
      debriefEl({
        scenario,
        replay,
        teams: presentTeams(
          record.summary.teams.map((t, i) => ({ id: t.id, name: t.name, index: i })),
          record.players,
        ),
        reveals: record.reveals,
        subtitle: [
          `${record.summary.scenario.title} · room ${record.summary.code} · ${dateText(record.summary.createdAt)} · read-only`,
          removedNote(record.players),
        ]
          .filter(Boolean)
          .join(' · '),
        actions: [
          button('Export CSV', () => void exportCsv(id, main), { class: 'btn-small' }),
          lrsButton(id, trainerKey, () => main),
          button('Back to the session list', () => void app.setup(), { class: 'btn-small' }),
        ],
      }),
    );
    main.focus({ preventScroll: true });
  } catch (err) {
    void app.setup(errorText(err));
  }
}
