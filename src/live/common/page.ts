/** What every session page does first: the game's fonts, skin and palette, and a polite live region. */
import '@fontsource/atkinson-hyperlegible/400.css';
import '@fontsource/atkinson-hyperlegible/700.css';
import '@fontsource/atkinson-hyperlegible/400-italic.css';
import '../../web/dom/style.css';
import './live.css';
import { h } from '../../web/dom/h';
import { injectPalette } from '../../web/dom/palette';

export interface Page {
  root: HTMLElement;
  main: HTMLElement;
  /** Polite announcements (lines, results). */
  polite: HTMLElement;
  /** Assertive announcements (a vote opening or closing, errors). */
  urgent: HTMLElement;
}

export function setUpPage(): Page {
  injectPalette();
  const root = document.getElementById('app') ?? document.body;
  const main = h('main', { tabindex: '-1' });
  const polite = h('div', { class: 'sr-only', 'aria-live': 'polite', 'aria-atomic': 'false' });
  const urgent = h('div', { class: 'sr-only', 'aria-live': 'assertive', 'aria-atomic': 'true' });
  root.replaceChildren(main, polite, urgent);
  return { root, main, polite, urgent };
}

/** Says something through a live region (keeps the last few so a screen reader can review them). */
export function announce(region: HTMLElement, text: string): void {
  if (!text) return;
  if (region.getAttribute('aria-live') === 'assertive') {
    region.textContent = text;
    return;
  }
  region.append(h('p', { text }));
  while (region.childElementCount > 8) region.firstElementChild?.remove();
}

/** Storage that never throws (private mode, blocked storage). */
export const storage = {
  get(key: string): string | null {
    try {
      return window.localStorage.getItem(key);
    } catch {
      return null;
    }
  },
  set(key: string, value: string): void {
    try {
      window.localStorage.setItem(key, value);
    } catch {
      // Blocked storage: the page still works, it just cannot resume after a reload.
    }
  },
  remove(key: string): void {
    try {
      window.localStorage.removeItem(key);
    } catch {
      // ignore
    }
  },
};

/** "m:ss" for a countdown. */
export function clock(ms: number): string {
  const s = Math.max(0, Math.ceil(ms / 1000));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}
