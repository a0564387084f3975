import { exploreNodes, stateAt } from '../../engine';
import { button } from '../../web/dom/h';
import { validateEntry } from '../catalog';
import { ctx } from '../context';
import { BaseScene, startPlay } from '../kit';
import { browserStorage, keepLocal, readLocal } from '../local';
import { canSaveToDisk, closeSession, openSession, ScenarioDoc, saveDoc, sessionOf } from '../map/doc';
import { MapEditor } from '../map/editor';
import { mapTarget, setMapTarget } from '../map/target';
import { type MapAnalysis, StoryMap } from '../map/view';
import '../map/map.css';

/**
 * The story map of one scenario, opened by the Map button on its card; with Edit, the map becomes
 * the editor (see map/editor.ts): the session lives across redraws and the hot reload after a save.
 */
export class MapScene extends BaseScene {
  private map: StoryMap | null = null;
  private timer: number | undefined;
  private editor: MapEditor | null = null;

  constructor() {
    super('Map');
  }

  create(): void {
    const entry = mapTarget();
    if (!entry) {
      this.go('ScenarioSelect');
      return;
    }
    const doc = sessionOf(entry.file);
    const editor = doc
      ? new MapEditor(doc, {
          redraw: () => this.scene.restart(),
          announce: (t) => this.layer.announce(t),
          select: () => this.scene.restart(),
        })
      : null;
    this.editor = editor;
    // Editing, the map draws the file's last valid version and its warnings.
    const shown = doc ? { ...entry, scenario: doc.draft(), problems: doc.problems } : entry;
    const playable = doc ? doc.lastGood : entry.scenario;
    this.drawBackdrop('glass-meeting-room', 0.7);
    const main = this.begin('Map', 'map-screen');
    const map = new StoryMap(shown, {
      ...(editor ? { editor } : {}),
      back: () => this.back(),
      click: () => this.click(),
      playFrom: (from, practice) => {
        this.click('ui-confirm');
        if (practice) {
          ctx().shell.store.updateSettings({ practice: true });
          this.registry.set('dmView', true);
        }
        startPlay(entry.file, playable, from);
        this.go('Interview');
      },
    });
    this.map = map;
    const tools = doc
      ? [
          marked(
            button('Undo', () => this.undo(), {
              class: 'btn-small btn-ghost',
              disabled: !doc.canUndo,
              title: 'Undo (Ctrl+Z)',
            }),
            'undo',
          ),
          marked(
            button('Redo', () => this.redo(), {
              class: 'btn-small btn-ghost',
              disabled: !doc.canRedo,
              title: 'Redo (Ctrl+Y)',
            }),
            'redo',
          ),
          button(canSaveToDisk(doc) ? 'Save' : 'Download', () => void this.save(doc), {
            class: 'btn-small btn-accent',
            title: canSaveToDisk(doc) ? `Write ${doc.file}` : 'Download the file',
          }),
          button(
            'Stop editing',
            () => {
              closeSession(doc.file);
              this.scene.restart();
            },
            {
              class: 'btn-small btn-ghost',
              title: doc.dirty ? 'Stop editing and discard the unsaved changes' : 'Stop editing',
            },
          ),
        ]
      : [
          button('Edit', () => void this.startEditing(), {
            class: 'btn-small btn-accent',
            title: 'Edit this scenario on the map',
          }),
        ];
    main.append(
      this.topbar(
        `${doc ? 'Editing' : 'Map'}: ${entry.scenario.meta.title}`,
        ...tools,
        // Editing, the toolbar keeps room for the editor's buttons: zoom with + and - or the wheel.
        doc
          ? null
          : button('Zoom in', () => map.zoomBy(1.25), { class: 'btn-small btn-ghost', title: 'Zoom in (+)' }),
        doc
          ? null
          : button('Zoom out', () => map.zoomBy(1 / 1.25), {
              class: 'btn-small btn-ghost',
              title: 'Zoom out (-)',
            }),
        button('Fit', () => map.fit(), { class: 'btn-small btn-ghost', title: 'Fit the whole map (0)' }),
        button('Back to scenarios', () => this.back(), { class: 'btn-small btn-ghost' }),
      ),
      map.el,
    );
    if (doc?.view) map.restoreView(doc.view);
    else map.initialView();
    if (doc && map.reopen(doc.selected, doc.panel)) {
      /* the panel that was open is open again, focus where it was */
    } else
      this.layer.focusFirst(main.querySelector<HTMLElement>(doc ? '.map-panel button' : '[data-node-id]'));
    // The field to focus again after this redraw has been focused (or is gone): forget it.
    if (doc) doc.focusPath = null;
    // The analysis runs after the first paint so the map shows at once.
    this.timer = window.setTimeout(() => {
      // A file with errors cannot be played, so there are no chances to show until it is fixed.
      if (doc && doc.errors.length > 0) {
        if (this.map === map) map.setStatus('Fix the errors to see how often play reaches each node.');
        return;
      }
      const report = exploreNodes(shown.scenario, { maxStates: 8000, samples: 400 });
      const likely: MapAnalysis['likely'] = new Map();
      for (const [node, path] of report.likely) {
        const { hidden, vars } = stateAt(shown.scenario, path.state);
        likely.set(node, { p: path.p, labels: path.labels, hidden, vars });
      }
      if (this.map === map) map.setAnalysis({ reach: report.reach, likely, stalls: report.stalls });
    }, 60);
  }

  /** Opens an editing session on the file's text (fetched again, or the loaded copy's). */
  private async startEditing(): Promise<void> {
    const entry = mapTarget();
    if (!entry) return;
    let text: string | null = null;
    try {
      if (entry.source === 'local')
        text = readLocal(browserStorage()).find((f) => f.name === entry.file)?.text ?? null;
      else {
        const res = await fetch(`./${entry.file}`, { cache: 'no-store' });
        if (res.ok) text = await res.text();
      }
    } catch {
      text = null;
    }
    if (text === null) {
      this.layer.announce(`The file ${entry.file} could not be read, so it cannot be edited here.`);
      return;
    }
    openSession(
      new ScenarioDoc(entry.file, entry.source === 'local' ? 'local' : 'library', text, entry.scenario),
    );
    this.click('ui-confirm');
    this.scene.restart();
    window.setTimeout(() => ctx().shell && this.layer.announce('Editing: choose a node, or add one.'), 0);
  }

  private undo(): void {
    const doc = this.editor?.doc;
    if (!doc?.undo()) return;
    this.editor!.rememberFocus();
    this.scene.restart();
    window.setTimeout(() => this.layer.announce('Undone.'), 0);
  }

  private redo(): void {
    const doc = this.editor?.doc;
    if (!doc?.redo()) return;
    this.editor!.rememberFocus();
    this.scene.restart();
    window.setTimeout(() => this.layer.announce('Redone.'), 0);
  }

  private async save(doc: ScenarioDoc): Promise<void> {
    try {
      const said = await saveDoc(doc);
      // A loaded file: the kept copy and its card follow the edit.
      if (doc.source === 'local') {
        keepLocal(browserStorage(), { name: doc.file, text: doc.text, addedAt: Date.now() });
        const entry = validateEntry(doc.text, doc.file, 'local');
        const c = ctx();
        c.catalog = c.catalog.map((e) => (e.file === doc.file && e.source === 'local' ? entry : e));
        if (entry.ok) setMapTarget(entry);
      }
      this.click('ui-confirm');
      this.layer.announce(
        doc.errors.length
          ? `${said} It has ${doc.errors.length} errors: the game keeps the last valid version.`
          : said,
      );
      this.scene.restart();
    } catch (err) {
      this.layer.announce(`Not saved: ${err instanceof Error ? err.message : String(err)}`);
    }
  }

  protected override onShutdown(): void {
    window.clearTimeout(this.timer);
    if (this.editor && this.map) {
      this.editor.focusBeforeRedraw();
      this.editor.doc.view = this.map.viewState();
    }
    this.map?.unwire();
    this.map = null;
  }

  private back(): void {
    this.click('ui-back');
    this.go('ScenarioSelect');
  }

  protected override onKey(e: KeyboardEvent): boolean {
    const typing = (e.target as HTMLElement | null)?.closest?.('input, textarea, select');
    if (this.editor && (e.ctrlKey || e.metaKey) && !typing) {
      const k = e.key.toLowerCase();
      if (k === 'z' && !e.shiftKey) {
        this.undo();
        return true;
      }
      if (k === 'y' || (k === 'z' && e.shiftKey)) {
        this.redo();
        return true;
      }
    }
    if (e.key === 'Escape') {
      this.back();
      return true;
    }
    return false;
  }
}

/** Marks a toolbar button so the editor can enable it as undo history grows. */
function marked(b: HTMLButtonElement, action: string): HTMLButtonElement {
  b.dataset.ed = action;
  return b;
}
