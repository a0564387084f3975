/**
 * The trainer's page, which is also the projector: set up and open a room (setup.ts, past
 * sessions in past.ts), watch the room fill (lobby.ts), run the votes and reveal each team's split
 * (play.ts), and end with the session debrief (ended.ts). This file only wires them: the state is
 * the HostApp (app.ts). The host token is kept in localStorage, so closing the tab and opening
 * /host again returns to the same room.
 */
import { h } from '../../web/dom/h';
import { setUpPage, storage } from '../common/page';
import { errorText, RequestError } from '../common/room';
import { HOST_KEY, HostApp } from './app';
import { refreshPlayers } from './controls';
import { renderEnded } from './ended';
import { renderLobby } from './lobby';
import { renderPlay, updatePlayProgress } from './play';
import { renderSetup } from './setup';

const app = new HostApp(setUpPage(), {
  setup: renderSetup,
  lobby: renderLobby,
  play: renderPlay,
  ended: renderEnded,
  players: refreshPlayers,
  progress: updatePlayProgress,
});

window.setInterval(() => app.tick(), 250);

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

/** Back to the room this browser hosts, or the setup. */
async function start(): Promise<void> {
  const saved = savedHost();
  if (!saved) {
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
