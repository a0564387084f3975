import { button, h } from '../../web/dom/h';
import type { DomLayer } from './layer';

const logo = import.meta.glob('../../../assets/ui/logo.svg', {
  eager: true,
  query: '?url',
  import: 'default',
}) as Record<string, string>;

export interface TitleActions {
  play(): void;
  resume: (() => void) | null;
  resumeLabel?: string;
  settings(): void;
}

export interface TitleHandle {
  setProgress(fraction: number, note: string): void;
}

/**
 * Draws the Title in the DOM layer. Used both at first paint (before Phaser has loaded) and by the
 * Title scene, so the screen looks the same either way.
 */
export function renderTitle(layer: DomLayer, actions: TitleActions): TitleHandle {
  const main = layer.setScreen('Title', 'title-screen');
  const logoUrl = Object.values(logo)[0];
  const mark = logoUrl
    ? h('img', { class: 'title-logo', src: logoUrl, alt: 'Close Call' })
    : h(
        'div',
        { class: 'title-word', role: 'img', 'aria-label': 'Close Call' },
        'Close ',
        h('span', { text: 'Call' }),
      );
  const bar = h('div');
  const note = h('p', { class: 'loadnote', text: '' });
  const progress = h(
    'div',
    {
      class: 'loadbar',
      role: 'progressbar',
      'aria-label': 'Loading the game',
      'aria-valuemin': 0,
      'aria-valuemax': 100,
    },
    bar,
  );
  const buttons = [
    actions.resume
      ? button(actions.resumeLabel ?? 'Resume', actions.resume, {
          class: 'btn-accent',
          name: actions.resumeLabel ?? 'Resume',
        })
      : null,
    button('Play', actions.play, { class: actions.resume ? 'btn-primary' : 'btn-accent' }),
    button('Settings', actions.settings, { class: 'btn-ghost' }),
  ];
  const card = h(
    'div',
    { class: 'title-card panel' },
    h('h1', { class: 'sr-only', text: 'Close Call' }),
    mark,
    h('p', {
      class: 'title-tag',
      text: 'Practise the moment that wins the job: asking for it, at the right time, in the right way.',
    }),
    h('div', { class: 'title-actions' }, buttons),
    progress,
    note,
  );
  main.append(card);
  return {
    setProgress(fraction: number, text: string) {
      const pct = Math.round(Math.min(1, Math.max(0, fraction)) * 100);
      bar.style.width = `${pct}%`;
      progress.setAttribute('aria-valuenow', String(pct));
      note.textContent = text;
      progress.hidden = pct >= 100;
      note.hidden = pct >= 100 && !text;
    },
  };
}
