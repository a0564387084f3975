import type { Scenario } from '../../engine/format/schema';
import type { ScenarioEntry } from '../catalog';
import { ctx } from '../context';
import { button, h } from '../dom/h';
import { BaseScene, resumeSaved, startPlay } from '../kit';
import { difficultyLabel, plural } from '../ui/format';

/** A card per scenario file: what it is, how hard, the best score and completion; a clear card for a broken file. */
export class ScenarioSelect extends BaseScene {
  constructor() {
    super('ScenarioSelect');
  }

  create(): void {
    const c = ctx();
    this.drawBackdrop('glass-meeting-room', 0.45);
    const main = this.begin('Scenario select');
    main.append(
      this.topbar(
        'Choose an interview',
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
    if (c.catalog.length === 0) {
      cards.append(
        h(
          'div',
          { class: 'card panel', role: 'listitem' },
          h('h2', { class: 'h3', text: 'No scenarios found' }),
          h('p', {
            class: 'body',
            text: 'Put scenario files (.json) in the scenarios folder and rebuild the game.',
          }),
        ),
      );
    }
    for (const entry of c.catalog) cards.append(this.card(entry));
    main.append(h('div', { class: 'select-wrap' }, cards));
    this.layer.focusFirst(main.querySelector<HTMLElement>('.card .btn-accent, .card .btn-primary'));
    c.audio.startAmbience('office-bed');
  }

  protected override onKey(e: KeyboardEvent): boolean {
    if (e.key === 'Escape') {
      this.go('Title');
      return true;
    }
    return false;
  }

  private card(entry: ScenarioEntry): HTMLElement {
    if (!entry.ok) {
      const errors = entry.problems.filter((p) => p.severity === 'error');
      const shown = (errors.length > 0 ? errors : entry.problems).slice(0, 4);
      return h(
        'div',
        { class: 'card card-error panel', role: 'listitem' },
        h('p', { class: 'eyebrow', text: 'Could not load' }),
        h('h2', { class: 'h3', text: entry.file }),
        h('p', { class: 'small', text: 'This scenario file has problems and cannot be played:' }),
        h(
          'ul',
          {},
          shown.map((p) => h('li', { text: `${p.line > 0 ? `line ${p.line}: ` : ''}${p.message}` })),
        ),
        entry.problems.length > shown.length
          ? h('p', {
              class: 'small',
              text: `and ${plural(entry.problems.length - shown.length, 'more problem')}.`,
            })
          : null,
      );
    }
    const s: Scenario = entry.scenario;
    const c = ctx();
    const progress = c.shell.store.progress(s.meta.id);
    const resume = c.shell.store.resume;
    const canResume = resume !== null && resume.scenario === s.meta.id && resume.actions.length > 0;
    return h(
      'article',
      { class: 'card panel', role: 'listitem', 'aria-labelledby': `card-${s.meta.id}` },
      h('p', { class: 'eyebrow', text: s.meta.role.company }),
      h('h2', { class: 'h3', id: `card-${s.meta.id}`, text: s.meta.title }),
      h('p', { class: 'small', text: `Role: ${s.meta.role.title}` }),
      h(
        'div',
        { class: 'meta' },
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
            name: `${canResume ? 'Start again' : 'Play'}: ${s.meta.title}`,
          },
        ),
        canResume
          ? button(
              'Resume',
              () => {
                this.click('ui-confirm');
                this.go(resumeSaved() ?? 'ScenarioSelect');
              },
              { class: 'btn-accent', name: `Resume: ${s.meta.title}` },
            )
          : null,
      ),
    );
  }
}
