import '@fontsource/atkinson-hyperlegible/400.css';
import '@fontsource/atkinson-hyperlegible/700.css';
import '@fontsource/atkinson-hyperlegible/400-italic.css';
import './web/dom/style.css';
import { DomLayer } from './game/dom/layer';
import { renderTitle } from './game/dom/titleView';
import { navigate, type Shell } from './game/shell';
import { injectPalette } from './web/dom/palette';
import { launchRequest } from './web/lms/wants';
import { emptySave } from './web/save/format';
import type { LoadResult } from './web/save/store';
import { firstLook, type KeyValueStorage, SaveStore } from './web/save/store';

function safeStorage(): KeyValueStorage | null {
  try {
    const s = window.localStorage;
    s.getItem('closecall.probe');
    return s;
  } catch {
    return null;
  }
}

injectPalette();
const root = document.getElementById('app') ?? document.body;
const layer = new DomLayer(root);
const storage = safeStorage();
const reduced = window.matchMedia?.('(prefers-reduced-motion: reduce)').matches ?? false;

let title: ReturnType<typeof renderTitle> | null = null;
let store!: SaveStore;
const shell: Shell = {
  layer,
  get store() {
    return store;
  },
  go: null,
  pending: null,
  progress: (f, note) => title?.setProgress(f, note),
};

/** The Title, drawn in the DOM at once with the save's settings; Phaser arrives after the first paint. */
function open(loaded: LoadResult, writable = true): void {
  store = new SaveStore(writable ? storage : null, loaded.save, (message) => layer.notice(message));
  layer.applyDisplay(store.settings);
  title = renderTitle(layer, {
    play: () => navigate(shell, 'ScenarioSelect'),
    resume: store.resume ? () => navigate(shell, 'Resume') : null,
    resumeLabel: 'Resume your interview',
    settings: () => navigate(shell, 'Settings'),
  });
  if (loaded.notice) layer.notice(loaded.notice);
  layer.focusFirst();
  startGame();
}

// Nothing saved (a first visit, or no storage): the Title at once, without the save's reader.
// A save to read: its reader (zod) first, fetched now, so its settings and resume are right.
const look = firstLook(storage, reduced);
/** Settles once the save is loaded and the Title drawn (at once when nothing is saved). */
const opened: Promise<void> =
  'loaded' in look
    ? Promise.resolve(open(look.loaded))
    : import('./web/save/load')
        .then((m) => open(m.loadSave(storage, Date.now(), reduced)))
        .catch((err: unknown) => {
          console.error('Close Call could not read the save', err);
          // Nothing is written over the save that could not be read: progress this visit is not kept.
          open(
            {
              save: emptySave(reduced),
              notice:
                'Your saved progress could not be loaded (the page did not finish loading), so this visit starts fresh and keeps nothing. Reload the page to get it back.',
              movedTo: null,
            },
            false,
          );
        });

// Launched by a learning platform (docs/lms.md): connect, then open the launched play or the one it kept.
if (launchRequest(location.search)) {
  void import('./web/lms/link')
    .then((m) => m.connectLms(window, (message) => layer.notice(message)))
    .then(async (link) => {
      await opened;
      shell.lms = link;
      if (!link) return;
      if (link.resume) {
        store.setResume(link.resume);
        navigate(shell, 'Resume');
      } else if (link.scenario) navigate(shell, `Start:${link.scenario}`);
    })
    .catch((err: unknown) => console.info('Close Call: the learning platform could not be reached', err));
}

function startGame(): void {
  requestAnimationFrame(() => {
    setTimeout(() => {
      import('./game/main')
        .then((m) => m.StartGame(layer.canvasHost, shell))
        .catch((err: unknown) => {
          console.error('Close Call could not start', err);
          layer.notice('The game could not finish loading. Please reload the page.');
        });
    }, 0);
  });
}
