import { button, h } from '../../web/dom/h';
import type { DomLayer } from './layer';

export interface PauseActions {
  resume(): void;
  settings(): void;
  restart: (() => void) | null;
  quitToSelect(): void;
  quitToTitle(): void;
}

/** The pause menu (Esc): a modal dialog over the current screen. Returns a function that closes it. */
export function openPause(layer: DomLayer, actions: PauseActions): () => void {
  const before = document.activeElement as HTMLElement | null;
  const close = () => {
    if (!overlay.isConnected) return;
    overlay.remove();
    before?.focus?.({ preventScroll: true });
  };
  const dialog = h(
    'div',
    {
      class: 'dialog panel pause-menu',
      role: 'dialog',
      'aria-modal': 'true',
      'aria-labelledby': 'pause-title',
    },
    h('h2', { class: 'h2', id: 'pause-title', text: 'Paused' }),
    button(
      'Resume',
      () => {
        close();
        actions.resume();
      },
      { class: 'btn-primary' },
    ),
    button('Settings', () => {
      close();
      actions.settings();
    }),
    actions.restart
      ? button('Restart this scenario', () => {
          close();
          actions.restart?.();
        })
      : null,
    button('Quit to scenario select', () => {
      close();
      actions.quitToSelect();
    }),
    button('Quit to title', () => {
      close();
      actions.quitToTitle();
    }),
  );
  const overlay = h('div', { class: 'overlay', 'data-overlay': 'pause' }, dialog);
  overlay.addEventListener('keydown', (e) => trapFocus(e, dialog));
  layer.main.append(overlay);
  dialog.querySelector<HTMLElement>('button')?.focus();
  return close;
}

/** Keeps Tab inside a modal dialog. */
export function trapFocus(e: KeyboardEvent, container: HTMLElement): void {
  if (e.key !== 'Tab') return;
  const items = Array.from(
    container.querySelectorAll<HTMLElement>('button:not([disabled]), input, [tabindex="0"]'),
  );
  if (items.length === 0) return;
  const first = items[0] as HTMLElement;
  const last = items[items.length - 1] as HTMLElement;
  if (e.shiftKey && document.activeElement === first) {
    e.preventDefault();
    last.focus();
  } else if (!e.shiftKey && document.activeElement === last) {
    e.preventDefault();
    first.focus();
  }
}

/** A modal dialog with arbitrary content and a close button (history, etc.). */
export function openDialog(
  layer: DomLayer,
  title: string,
  content: HTMLElement,
  onClose?: () => void,
): () => void {
  const before = document.activeElement as HTMLElement | null;
  const close = () => {
    overlay.remove();
    before?.focus?.({ preventScroll: true });
    onClose?.();
  };
  const id = `dlg-${Math.random().toString(36).slice(2, 8)}`;
  const dialog = h(
    'div',
    { class: 'dialog panel', role: 'dialog', 'aria-modal': 'true', 'aria-labelledby': id },
    h('h2', { class: 'h2', id, text: title }),
    content,
    h(
      'div',
      { class: 'actions' },
      button('Close this panel', close, { class: 'btn-primary', name: `Close ${title.toLowerCase()}` }),
    ),
  );
  const overlay = h('div', { class: 'overlay', 'data-overlay': 'dialog' }, dialog);
  overlay.addEventListener('keydown', (e) => {
    trapFocus(e, dialog);
    if (e.key === 'Escape') {
      e.stopPropagation();
      close();
    }
  });
  layer.main.append(overlay);
  dialog.querySelector<HTMLElement>('.actions button')?.focus();
  return close;
}
