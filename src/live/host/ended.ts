/** The end of a live session: the session debrief of the room just played, and New session. */
import { button } from '../../web/dom/h';
import { storage } from '../common/page';
import { HOST_KEY, type HostApp, type Hosting } from './app';
import { debriefEl } from './debrief';
import { lrsButton } from './lrs';
import { presentTeams, removedNote } from './teams';
import { exportCsv, trainerKey } from './trainer';

export function renderEnded(app: HostApp, hst: Hosting): void {
  const main = app.page.main;
  main.setAttribute('aria-label', 'Session debrief');
  main.className = 'lv-debrief';
  main.replaceChildren(
    debriefEl({
      scenario: hst.replay.scenario,
      replay: hst.replay,
      teams: presentTeams(
        hst.state.teams.map((t, i) => ({ id: t.id, name: t.name, index: i })),
        hst.players,
      ),
      reveals: hst.state.reveals,
      subtitle: [`${hst.state.scenario.title} · room ${hst.state.code}`, removedNote(hst.players)]
        .filter(Boolean)
        .join(' · '),
      actions: [
        button('Export CSV', () => void exportCsv(hst.state.session, main), {
          class: 'btn-small',
          name: `Export CSV of room ${hst.state.code}`,
        }),
        button(
          'New session',
          () => {
            storage.remove(HOST_KEY);
            void app.setup();
          },
          { class: 'btn-primary' },
        ),
        lrsButton(hst.state.session, trainerKey, () => main),
      ],
    }),
  );
}
