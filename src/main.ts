import '@fontsource/atkinson-hyperlegible/400.css';
import '@fontsource/atkinson-hyperlegible/700.css';
import '@fontsource/atkinson-hyperlegible/400-italic.css';
import './web/dom/style.css';
import { DomLayer } from './game/dom/layer';
import { renderTitle } from './game/dom/titleView';
import { navigate, type Shell } from './game/shell';
import { injectPalette } from './web/dom/palette';
import { launchRequest } from './web/lms/wants';
import type { KeyValueStorage } from './web/save/store';
import { loadSave, SaveStore } from './web/save/store';

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
const loaded = loadSave(storage, Date.now(), reduced);
const store = new SaveStore(storage, loaded.save, (message) => layer.notice(message));
layer.applyDisplay(store.settings);

let title: ReturnType<typeof renderTitle> | null = null;
const shell: Shell = {
  layer,
  store,
  go: null,
  pending: null,
  progress: (f, note) => title?.setProgress(f, note),
};

// The Title is drawn in the DOM at once; Phaser arrives after the first paint.
title = renderTitle(layer, {
  play: () => navigate(shell, 'ScenarioSelect'),
  resume: store.resume ? () => navigate(shell, 'Resume') : null,
  resumeLabel: 'Resume your interview',
  settings: () => navigate(shell, 'Settings'),
});
if (loaded.notice) layer.notice(loaded.notice);
layer.focusFirst();

// Launched by a learning platform (docs/lms.md): connect, then open the launched play or the one it kept.
if (launchRequest(location.search)) {
  void import('./web/lms/link')
    .then((m) => m.connectLms(window, (message) => layer.notice(message)))
    .then((link) => {
      shell.lms = link;
      if (!link) return;
      if (link.resume) {
        store.setResume(link.resume);
        navigate(shell, 'Resume');
      } else if (link.scenario) navigate(shell, `Start:${link.scenario}`);
    })
    .catch((err: unknown) => console.info('Close Call: the learning platform could not be reached', err));
}

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
