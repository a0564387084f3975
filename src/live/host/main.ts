/**
 * The trainer's page. On the projector (/host): set up and open a room (setup.ts, past sessions in
 * past.ts), watch the room fill (lobby.ts), run the votes and reveal each team's split (play.ts),
 * and end with the session debrief (ended.ts). As the trainer's remote (/host?remote=CODE, with
 * the trainer key): remote.ts. This file only wires them: the state is the HostApp (app.ts). The
 * host token (or, on a device that took control with the key, the room code) is kept in
 * localStorage, so closing the tab and opening the page again returns to the same room.
 */
import { normaliseCode } from '../../protocol/index';
import { h } from '../../web/dom/h';
import { setUpPage, storage } from '../common/page';
import { errorText, RequestError } from '../common/room';
import { HOST_KEY, HostApp, type HostRole, REMOTE_KEY } from './app';
import { refreshPlayers } from './controls';
import { renderEnded } from './ended';
import { renderLobby } from './lobby';
import { playNeedsRedraw, renderPlay, updatePlayProgress } from './play';
import { renderRemote, renderRemoteKey, takeControl } from './remote';
import { renderSetup } from './setup';
import { fitStages } from './stage';
import { trainerKey } from './trainer';

const remoteParam = new URLSearchParams(window.location.search).get('remote');
const role: HostRole = remoteParam === null ? 'projector' : 'remote';

const app =
  role === 'remote'
    ? new HostApp(
        setUpPage(),
        {
          setup: async (a, message) => renderRemoteKey(a, normaliseCode(remoteParam ?? ''), message),
          lobby: renderRemote,
          play: renderRemote,
          ended: renderRemote,
          players: refreshPlayers,
          // The remote shows no live counts: redrawing on every vote would disturb the notes.
          progress: () => {},
        },
        'remote',
      )
    : new HostApp(setUpPage(), {
        setup: renderSetup,
        lobby: renderLobby,
        play: renderPlay,
        ended: renderEnded,
        // The projector's play screen lists no players: it is drawn again only when a team's
        // stage comes or goes, so the buttons under the trainer's pointer stay the same elements.
        players: (a, hst) =>
          refreshPlayers(a, hst) || (hst.state.status === 'running' && !playNeedsRedraw(hst)),
        progress: updatePlayProgress,
      });

window.setInterval(() => app.tick(), 250);
if (role === 'projector') {
  // The stages fit their words to their height: again when the window or the fonts change it.
  const refit = () => {
    if (app.page.main.classList.contains('lv-proj')) fitStages(app.page.main);
  };
  window.addEventListener('resize', refit);
  void document.fonts?.ready.then(refit);
}

function savedHost(): { token: string | null; code: string } | null {
  try {
    const v = JSON.parse(storage.get(role === 'remote' ? REMOTE_KEY : HOST_KEY) ?? 'null') as {
      token?: unknown;
      code?: unknown;
    } | null;
    if (v && (typeof v.token === 'string' || v.token === null) && typeof v.code === 'string')
      return { token: v.token, code: v.code };
  } catch {
    // fall through
  }
  return null;
}

/** Back to the room this browser hosts, or the setup. */
async function start(): Promise<void> {
  if (role === 'remote') {
    const code = normaliseCode(remoteParam ?? '') || savedHost()?.code || '';
    if (!code || !trainerKey()) {
      void app.setup();
      return;
    }
    const problem = await takeControl(app, code);
    if (problem) void app.setup(problem);
    return;
  }
  const saved = savedHost();
  if (saved && saved.token === null) {
    // This device took control with the trainer key: take it again.
    const problem = await takeControl(app, saved.code);
    if (problem) {
      storage.remove(HOST_KEY);
      void app.setup(problem);
    }
    return;
  }
  if (!saved?.token) {
    void app.setup();
    return;
  }
  const main = app.page.main;
  main.setAttribute('aria-label', 'Host');
  main.className = 'lv-host';
  main.replaceChildren(
    h('p', { class: 'lv-status', role: 'status', text: `Returning to room ${saved.code}…` }),
  );
  try {
    const reply = await app.connection().request('host:resume', { hostToken: saved.token, lastSeq: 0 });
    await app.begin(saved.token, reply.state, reply.players, reply.missed);
  } catch (err) {
    storage.remove(HOST_KEY);
    void app.setup(
      err instanceof RequestError && (err.code === 'unauthorized' || err.code === 'not-found')
        ? `Room ${saved.code} is no longer open. Open a new room.`
        : errorText(err),
    );
  }
}

void start();
