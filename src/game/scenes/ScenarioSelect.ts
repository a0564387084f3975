import type { Problem, Scenario } from '../../engine';
import { button, h } from '../../web/dom/h';
import { difficultyLabel, plural } from '../../web/format';
import { type ScenarioEntry, sortEntries, validateEntry } from '../catalog';
import { ctx } from '../context';
import { BaseScene, resumeSaved, startPlay } from '../kit';
import { browserStorage, keepLocal, removeLocal } from '../local';
import { setMapTarget } from '../map/target';
import '../dom/author.css';

/** How many problems an error card lists before "and N more". */
const SHOWN_PROBLEMS = 4;

/** One problem as the command line prints it: file:line:column, the JSON path, the message and the fix. */
export function problemText(p: Problem): { where: string; message: string; fix: string } {
  const where = p.line > 0 ? `${p.file}:${p.line}:${p.column}` : p.file;
  return { where, message: `${p.path !== '$' ? `${p.path}: ` : ''}${p.message}`, fix: p.fix };
}

/** A card per scenario file: what it is, how hard, the best score and completion; a clear card for a broken file. */
export class ScenarioSelect extends BaseScene {
  private dropCleanup: (() => void) | null = null;
  /** Files that failed to load in this visit: shown as error cards until dismissed, never kept. */
  private static rejected: ScenarioEntry[] = [];

  constructor() {
    super('ScenarioSelect');
  }

  create(): void {
    const c = ctx();
    this.drawBackdrop('glass-meeting-room', 0.45);
    const main = this.begin('Scenario select');
    const input = h('input', {
      type: 'file',
      accept: '.json,application/json',
      class: 'sr-only',
      tabindex: '-1',
      'aria-hidden': 'true',
      'data-file-input': true,
    });
    input.addEventListener('change', () => {
      const files = [...(input.files ?? [])];
      input.value = '';
      void this.loadFiles(files);
    });
    main.append(
      input,
      this.topbar(
        'Choose an interview',
        button(
          'Load a scenario file',
          () => {
            this.click();
            input.click();
          },
          { class: 'btn-small btn-ghost', title: 'Or drop a .json file anywhere on this screen' },
        ),
        button(
          'Settings',
          () => {
            this.click();
            c.returnTo = 'ScenarioSelect';
            this.go('Settings');
          },
          { class: 'btn-small btn-ghost' },
        ),
        button(
          'Back to title',
          () => {
            this.click('ui-back');
            this.go('Title');
          },
          { class: 'btn-small btn-ghost' },
        ),
      ),
    );
    const cards = h('div', { class: 'cards', role: 'list' });
    const entries = [...ScenarioSelect.rejected, ...c.catalog];
    if (entries.length === 0) {
      cards.append(
        h(
          'div',
          { class: 'card panel', role: 'listitem' },
          h('h2', { class: 'h3', text: 'No scenarios found' }),
          h('p', {
            class: 'body',
            text: 'Put scenario files (.json) in the scenarios folder and rebuild the game, or load one with "Load a scenario file".',
          }),
        ),
      );
    }
    for (const entry of entries) cards.append(this.card(entry));
    main.append(
      h('div', { class: 'select-wrap' }, cards),
      h(
        'div',
        { class: 'drop-hint', 'aria-hidden': 'true', hidden: true },
        h('p', { text: 'Drop a scenario file (.json) to load it' }),
      ),
    );
    this.listenForDrops(main);
    this.layer.focusFirst(
      main.querySelector<HTMLElement>('[data-focus-next]') ??
        main.querySelector<HTMLElement>('.card .btn-accent, .card .btn-primary'),
    );
    c.audio.startAmbience('office-bed');
  }

  protected override onShutdown(): void {
    this.dropCleanup?.();
    this.dropCleanup = null;
  }

  protected override onKey(e: KeyboardEvent): boolean {
    if (e.key === 'Escape') {
      this.go('Title');
      return true;
    }
    return false;
  }

  /** Drag and drop anywhere on the screen. */
  private listenForDrops(main: HTMLElement): void {
    const hint = main.querySelector<HTMLElement>('.drop-hint')!;
    const hasFiles = (e: DragEvent) => [...(e.dataTransfer?.types ?? [])].includes('Files');
    const over = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      if (e.dataTransfer) e.dataTransfer.dropEffect = 'copy';
      hint.hidden = false;
    };
    const leave = (e: DragEvent) => {
      if (e.relatedTarget === null) hint.hidden = true;
    };
    const drop = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      hint.hidden = true;
      void this.loadFiles([...(e.dataTransfer?.files ?? [])]);
    };
    document.addEventListener('dragover', over);
    document.addEventListener('dragleave', leave);
    document.addEventListener('drop', drop);
    this.dropCleanup = () => {
      document.removeEventListener('dragover', over);
      document.removeEventListener('dragleave', leave);
      document.removeEventListener('drop', drop);
    };
  }

  /** Reads, validates and adds files from the player's disk; bad ones become error cards. */
  private async loadFiles(files: File[]): Promise<void> {
    const c = ctx();
    const storage = browserStorage();
    const said: string[] = [];
    let focusName = '';
    for (const file of files) {
      let text: string;
      try {
        if (file.size > 16 * 1024 * 1024 * 4) throw new Error('the file is larger than 64 MB');
        text = await file.text();
      } catch (err) {
        text = '';
        said.push(`${file.name} could not be read: ${err instanceof Error ? err.message : String(err)}`);
        continue;
      }
      const entry = validateEntry(text, file.name, 'local');
      ScenarioSelect.rejected = ScenarioSelect.rejected.filter((e) => e.file !== file.name);
      c.catalog = c.catalog.filter((e) => !(e.source === 'local' && e.file === file.name));
      if (entry.ok) {
        const kept = keepLocal(storage, { name: file.name, text, addedAt: Date.now() });
        if (kept) said.push(kept);
        c.catalog = sortEntries([...c.catalog, entry]);
        said.push(`Loaded ${entry.scenario.meta.title} from ${file.name}.`);
        const twin = sameId(entry, c.catalog);
        if (twin)
          said.push(
            `Warning: ${file.name} has the scenario id "${entry.scenario.meta.id}" of ${twin.file}, so the two share progress, best score and saved games. Give it its own meta.id.`,
          );
      } else {
        ScenarioSelect.rejected = [entry, ...ScenarioSelect.rejected];
        const n = entry.problems.filter((p) => p.severity === 'error').length;
        said.push(`${file.name} has ${plural(n, 'error')} and cannot be played.`);
      }
      focusName = file.name;
    }
    this.scene.restart();
    // After the restart, focus the new card's first control and say what happened.
    window.setTimeout(() => {
      const card = this.layer.main.querySelector<HTMLElement>(
        `[data-file="${CSS.escape(focusName)}"] button`,
      );
      if (card) card.focus();
      for (const s of said) this.layer.announce(s);
    }, 0);
  }

  private errorCard(entry: ScenarioEntry & { ok: false }): HTMLElement {
    const errors = entry.problems.filter((p) => p.severity === 'error');
    const shown = (errors.length > 0 ? errors : entry.problems).slice(0, SHOWN_PROBLEMS);
    const local = entry.source === 'local';
    return h(
      'div',
      {
        class: 'card card-error panel',
        role: 'listitem',
        'data-file': entry.file,
        'data-error-card': true,
        'aria-label': `${entry.file}: cannot be played`,
      },
      h('p', { class: 'eyebrow', text: local ? 'Could not load your file' : 'Could not load' }),
      h('h2', { class: 'h3 file-name', text: entry.file }),
      h('p', {
        class: 'small',
        text: `This scenario file has ${plural(errors.length, 'error')} and cannot be played:`,
      }),
      h(
        'ul',
        { class: 'problems' },
        shown.map((p) => {
          const t = problemText(p);
          return h(
            'li',
            {},
            h('span', { class: 'where', text: t.where }),
            ' ',
            h('span', { text: t.message }),
            h('span', { class: 'fix', text: `Fix: ${t.fix}` }),
          );
        }),
      ),
      entry.problems.length > shown.length
        ? h('p', {
            class: 'small',
            text: `and ${plural(entry.problems.length - shown.length, 'more problem')}${
              local ? '' : ` (npm run validate -- ${entry.file} lists them all)`
            }.`,
          })
        : null,
      local
        ? h(
            'div',
            { class: 'actions' },
            button(
              'Dismiss',
              () => {
                this.click('ui-back');
                ScenarioSelect.rejected = ScenarioSelect.rejected.filter((e) => e !== entry);
                this.scene.restart();
              },
              { class: 'btn-small', name: `Dismiss: ${entry.file}` },
            ),
          )
        : null,
    );
  }

  private card(entry: ScenarioEntry): HTMLElement {
    if (!entry.ok) return this.errorCard(entry);
    const s: Scenario = entry.scenario;
    const c = ctx();
    const local = entry.source === 'local';
    const progress = c.shell.store.progress(s.meta.id);
    const resume = c.shell.store.resume;
    const canResume = resume !== null && resume.scenario === s.meta.id && resume.actions.length > 0;
    const headingId = `card-${local ? 'local-' : ''}${s.meta.id}`;
    const twin = local ? sameId(entry, c.catalog) : null;
    // A loaded copy beside the library card of the same title: its controls say which card they are.
    const clash =
      local &&
      c.catalog.some(
        (e) => e !== entry && e.ok && e.source !== 'local' && e.scenario.meta.title === s.meta.title,
      );
    const named = clash ? `${s.meta.title} (loaded from ${entry.file})` : s.meta.title;
    return h(
      'article',
      {
        class: `card panel${local ? ' card-local' : ''}`,
        role: 'listitem',
        'aria-labelledby': headingId,
        'data-file': entry.file,
      },
      h('p', { class: 'eyebrow', text: s.meta.role.company }),
      h('h2', { class: 'h3', id: headingId, text: s.meta.title }),
      h('p', { class: 'small', text: `Role: ${s.meta.role.title}` }),
      h(
        'div',
        { class: 'meta' },
        local ? h('span', { class: 'chip local', text: 'loaded from your computer' }) : null,
        twin
          ? h('span', {
              class: 'chip warn',
              text: `⚠ same id as ${twin.file}: progress and saves are shared`,
            })
          : null,
        h('span', { class: `chip diff-${s.meta.difficulty}`, text: difficultyLabel(s.meta.difficulty) }),
        h('span', { class: 'chip', text: `${s.meta.minutes} min` }),
        h('span', { class: 'chip', text: progress.best === null ? 'No score yet' : `Best ${progress.best}` }),
        progress.completed
          ? h('span', {
              class: 'chip done',
              text: `Completed ✓ ${progress.endings.length > 1 ? `(${progress.endings.length} endings)` : ''}`.trim(),
            })
          : null,
      ),
      h('p', { class: 'body grow', text: s.meta.summary }),
      h(
        'div',
        { class: 'actions' },
        button(
          canResume ? 'Start again' : 'Play',
          () => {
            this.click('ui-confirm');
            startPlay(entry.file, s);
            this.go('Briefing');
          },
          {
            class: canResume ? 'btn-primary' : 'btn-accent',
            name: `${canResume ? 'Start again' : 'Play'}: ${named}`,
          },
        ),
        canResume
          ? button(
              'Resume',
              () => {
                this.click('ui-confirm');
                this.go(resumeSaved() ?? 'ScenarioSelect');
              },
              { class: 'btn-accent', name: `Resume: ${named}` },
            )
          : null,
        button(
          'Map',
          () => {
            this.click();
            setMapTarget(entry);
            this.go('Map');
          },
          { class: 'btn-small btn-ghost', name: `Map: ${named}` },
        ),
        local
          ? button(
              'Remove',
              () => {
                this.click('ui-back');
                removeLocal(browserStorage(), entry.file);
                c.catalog = c.catalog.filter((e) => e !== entry);
                this.layer.announce(`Removed ${s.meta.title}.`);
                this.scene.restart();
              },
              { class: 'btn-small btn-ghost', name: `Remove: ${named}` },
            )
          : null,
      ),
    );
  }
}

/** Another card whose scenario has this one's meta.id (saves and best scores key on it). */
function sameId(
  entry: ScenarioEntry & { ok: true },
  catalog: readonly ScenarioEntry[],
): ScenarioEntry | null {
  return catalog.find((e) => e !== entry && e.ok && e.scenario.meta.id === entry.scenario.meta.id) ?? null;
}
