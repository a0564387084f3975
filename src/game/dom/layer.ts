import { fitRect, LOGICAL_HEIGHT, LOGICAL_WIDTH } from '../ui/layout';
import { h } from './h';

/** The names a screen announces in `main[aria-label]` (a contract with tests and assistive tech). */
export type ScreenName =
  | 'Title'
  | 'Scenario select'
  | 'Briefing'
  | 'Interview'
  | 'Close'
  | 'Response'
  | 'Follow-up'
  | 'Negotiation'
  | 'Debrief'
  | 'Settings'
  | 'Map';

export interface DisplaySettings {
  reducedMotion: boolean;
  textSize: 'normal' | 'large' | 'larger';
  highContrast: boolean;
}

const TEXT_SCALE = { normal: 1, large: 1.15, larger: 1.3 } as const;

/**
 * The accessibility layer: a 1280×720 DOM stage scaled with the same transform as the canvas,
 * a <main> naming the current screen, a polite live region and visible captions.
 */
export class DomLayer {
  readonly frame: HTMLElement;
  readonly canvasHost: HTMLElement;
  readonly stage: HTMLElement;
  readonly main: HTMLElement;
  readonly live: HTMLElement;
  readonly captions: HTMLElement;
  readonly notices: HTMLElement;
  private captionTimer: number | undefined;
  private scale = 1;
  private readonly resizeListeners: (() => void)[] = [];

  constructor(root: HTMLElement) {
    this.canvasHost = h('div', { id: 'game', 'aria-hidden': 'true' });
    this.main = h('main', { id: 'screen', 'aria-label': 'Title', tabindex: '-1' });
    this.captions = h('div', { class: 'captions', 'aria-hidden': 'true' });
    this.notices = h('div', { class: 'notices', role: 'status' });
    this.stage = h('div', { id: 'stage' }, this.main, this.captions, this.notices);
    this.frame = h('div', { id: 'frame' }, this.canvasHost, this.stage);
    this.live = h('div', { id: 'live', class: 'sr-only', 'aria-live': 'polite', 'aria-atomic': 'false' });
    root.replaceChildren(this.frame, this.live);
    window.addEventListener('resize', () => this.fit());
    this.fit();
  }

  /** Scale the frame to the window (run before Phaser's own resize handler). */
  fit(): void {
    const r = fitRect(window.innerWidth, window.innerHeight);
    this.scale = r.scale;
    Object.assign(this.frame.style, {
      left: `${r.x}px`,
      top: `${r.y}px`,
      width: `${r.width}px`,
      height: `${r.height}px`,
    });
    this.stage.style.width = `${LOGICAL_WIDTH}px`;
    this.stage.style.height = `${LOGICAL_HEIGHT}px`;
    this.stage.style.transform = `scale(${r.width / LOGICAL_WIDTH}, ${r.height / LOGICAL_HEIGHT})`;
    for (const l of this.resizeListeners) l();
  }

  onResize(listener: () => void): void {
    this.resizeListeners.push(listener);
  }

  get currentScale(): number {
    return this.scale;
  }

  get screenName(): string {
    return this.main.getAttribute('aria-label') ?? '';
  }

  /** Clears <main> for a new screen and names it. */
  setScreen(name: ScreenName, className = ''): HTMLElement {
    this.main.setAttribute('aria-label', name);
    this.main.className = `screen ${className}`.trim();
    this.main.dataset.screen = name;
    this.main.replaceChildren();
    return this.main;
  }

  /** Moves focus to the first control in <main> (or a given element) so keyboard play flows. */
  focusFirst(preferred?: HTMLElement | null): void {
    const target =
      preferred ??
      this.main.querySelector<HTMLElement>('[data-autofocus]') ??
      this.main.querySelector<HTMLElement>('button:not([disabled]), input, [tabindex="0"]');
    (target ?? this.main).focus({ preventScroll: true });
  }

  /** Mirrors a line into the polite live region. */
  announce(text: string): void {
    const p = h('p', { text });
    this.live.append(p);
    while (this.live.childElementCount > 12) this.live.firstElementChild?.remove();
  }

  /** Shows a caption for a sound that carries meaning, on screen and in the live region. */
  caption(text: string): void {
    this.announce(text);
    this.captions.replaceChildren(h('span', { class: 'caption', text }));
    window.clearTimeout(this.captionTimer);
    this.captionTimer = window.setTimeout(() => this.captions.replaceChildren(), 3200);
  }

  /** A visible notice (e.g. an unreadable save was moved aside), dismissible. */
  notice(text: string): void {
    const box = h(
      'div',
      { class: 'notice panel', role: 'alert' },
      h('p', { text }),
      h('button', { type: 'button', class: 'btn btn-small', text: 'Dismiss notice' }),
    );
    box.querySelector('button')?.addEventListener('click', () => box.remove());
    this.notices.append(box);
  }

  applyDisplay(s: DisplaySettings): void {
    const root = document.documentElement;
    root.style.setProperty('--ts', String(TEXT_SCALE[s.textSize]));
    root.classList.toggle('reduced-motion', s.reducedMotion);
    root.classList.toggle('high-contrast', s.highContrast);
  }
}
