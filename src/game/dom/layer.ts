import { FAST } from '../fast';
import { type Box, captionSpot, fitRect, LOGICAL_HEIGHT, LOGICAL_WIDTH } from '../ui/layout';

/** What a caption must not cover: panels (text) and controls. */
const CAPTION_BLOCKERS = '.panel, button, [role="button"], a[href], input, select, textarea';

import { h } from '../../web/dom/h';

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

/** Below this canvas scale (a phone held landscape: 844×390 gives 0.54) the DOM layer reflows. */
export const COMPACT_BELOW = 0.72;

/**
 * The accessibility layer: a <main> naming the current screen, a polite live region and visible
 * captions. On a screen big enough for it the DOM stage is the 1280×720 layout scaled with the same
 * transform as the canvas; on a small one (a phone held landscape) it is laid out at the window's
 * real size in CSS pixels ("compact"), so text and targets keep their size and the layout reflows
 * instead of shrinking. CSS variables --art-x, --art-y and --art-s map the canvas art's 1280×720
 * coordinates into the stage, so a panel can keep clear of something drawn in the art.
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
    this.frame = h('div', { id: 'frame' }, this.canvasHost);
    this.live = h('div', { id: 'live', class: 'sr-only', 'aria-live': 'polite', 'aria-atomic': 'false' });
    root.replaceChildren(this.frame, this.stage, this.live);
    window.addEventListener('resize', () => this.fit());
    this.fit();
    this.watchScrolling();
    // The notices' height, for screens that keep their controls clear of them (style.css:
    // --notices-h, 0 when there is none).
    if (typeof ResizeObserver === 'function')
      new ResizeObserver(() =>
        this.stage.style.setProperty('--notices-h', `${this.notices.offsetHeight}px`),
      ).observe(this.notices);
  }

  /**
   * The scroll cue: every element in <main> that scrolls and has more to show below gets
   * data-more="below" (or "both" when scrolled part way), which style.css draws as a "More below"
   * tab at its bottom edge, so a panel whose last control is out of sight never looks finished;
   * scrolled to its end it gets "end" (the tab hidden, its room kept, so nothing moves).
   * Kept up to date as screens change, text types out, panels scroll and the window resizes.
   */
  private watchScrolling(): void {
    let candidates: HTMLElement[] = [];
    let stale = true;
    let queued = false;
    const update = () => {
      queued = false;
      if (stale) {
        candidates = [...this.main.querySelectorAll<HTMLElement>('*')].filter((el) =>
          /(auto|scroll)/.test(getComputedStyle(el).overflowY),
        );
        stale = false;
      }
      for (const el of candidates) {
        // The cue's own room (kept while the panel scrolls, shown or not) is not content.
        let room = 0;
        if (el.dataset.more) {
          const cue = getComputedStyle(el, '::after');
          room = (Number.parseFloat(cue.height) || 0) + (Number.parseFloat(cue.marginTop) || 0);
        }
        const scrolls = el.scrollHeight - room > el.clientHeight + 2;
        const below = el.scrollTop + el.clientHeight < el.scrollHeight - 2;
        const above = el.scrollTop > 2;
        // At the end the cue hides but keeps its room ("end"): taking the room away would move
        // the content down under the pointer just as the player reaches the last control.
        const more = !scrolls ? '' : below ? (above ? 'both' : 'below') : 'end';
        if (more) {
          if (el.dataset.more !== more) el.dataset.more = more;
        } else if (el.dataset.more) delete el.dataset.more;
      }
    };
    const queue = (restructured: boolean) => {
      if (restructured) stale = true;
      if (queued) return;
      queued = true;
      requestAnimationFrame(update);
    };
    new MutationObserver((records) => queue(records.some((r) => r.type === 'childList'))).observe(this.main, {
      childList: true,
      subtree: true,
      characterData: true,
    });
    this.main.addEventListener('scroll', () => queue(false), { capture: true, passive: true });
    window.addEventListener('resize', () => queue(true));
  }

  /** Fits the canvas frame to the window and lays out the DOM stage (run before Phaser's own resize handler). */
  fit(): void {
    const ww = window.innerWidth;
    const wh = window.innerHeight;
    const r = fitRect(ww, wh);
    this.scale = r.scale;
    Object.assign(this.frame.style, {
      left: `${r.x}px`,
      top: `${r.y}px`,
      width: `${r.width}px`,
      height: `${r.height}px`,
    });
    const compact = r.scale < COMPACT_BELOW;
    this.compact = compact;
    document.documentElement.classList.toggle('compact', compact);
    const st = this.stage.style;
    if (compact) {
      Object.assign(st, { left: '0px', top: '0px', width: `${ww}px`, height: `${wh}px`, transform: 'none' });
      st.setProperty('--art-x', `${r.x}px`);
      st.setProperty('--art-y', `${r.y}px`);
      st.setProperty('--art-s', String(r.width / LOGICAL_WIDTH));
    } else {
      Object.assign(st, {
        left: `${r.x}px`,
        top: `${r.y}px`,
        width: `${LOGICAL_WIDTH}px`,
        height: `${LOGICAL_HEIGHT}px`,
        transform: `scale(${r.width / LOGICAL_WIDTH}, ${r.height / LOGICAL_HEIGHT})`,
      });
      st.setProperty('--art-x', '0px');
      st.setProperty('--art-y', '0px');
      st.setProperty('--art-s', '1');
    }
    for (const l of this.resizeListeners) l();
    this.placeCaptionSoon();
  }

  /** True when the stage is laid out at the window's real size (a phone held landscape). */
  compact = false;

  /**
   * Marks a rectangle of the canvas art (1280×720 coordinates) in the DOM, e.g. a face, so tests
   * and assistive tools can see where it is. The marker is invisible and ignores the pointer.
   */
  markArt(name: string, x: number, y: number, width: number, height: number): HTMLElement {
    // The lowest face drawn so far on this screen: the dialogue box keeps below it (--face-bottom,
    // in the art's 1280×720 coordinates; see style.css).
    if (name.startsWith('face:')) {
      const before = Number.parseFloat(this.main.style.getPropertyValue('--face-bottom')) || 0;
      this.main.style.setProperty('--face-bottom', String(Math.ceil(Math.max(before, y + height))));
    }
    const el = h('div', { class: 'art-mark', 'aria-hidden': 'true' });
    el.dataset.art = name;
    el.style.setProperty('--mx', String(x));
    el.style.setProperty('--my', String(y));
    el.style.setProperty('--mw', String(width));
    el.style.setProperty('--mh', String(height));
    this.main.append(el);
    return el;
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
    // Layout variables a screen measured for itself (where its faces end, where its top bar ends).
    this.main.style.removeProperty('--face-bottom');
    this.main.style.removeProperty('--top-end');
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
    const el = h('span', { class: 'caption', text });
    // Hidden until placed: the screen that goes with the sound is often built just after it.
    el.style.visibility = 'hidden';
    this.captions.replaceChildren(el);
    this.captionEl = el;
    // While it shows, a screen or panel that changes under it moves it again (once a frame at most).
    this.captionWatch.observe(this.stage, { childList: true, subtree: true, attributes: true });
    this.placeCaptionSoon();
    // Text that reflows without a mutation (a web font arriving, a panel growing to fit its text
    // over the next frames) is caught by placing it again a little later.
    for (const ms of [150, 500]) window.setTimeout(() => this.placeCaptionSoon(), ms);
    window.clearTimeout(this.captionTimer);
    this.captionTimer = window.setTimeout(() => {
      this.captions.replaceChildren();
      this.captionEl = null;
      this.captionWatch.disconnect();
    }, 3200);
  }

  private captionEl: HTMLElement | null = null;
  private captionFrame = 0;
  // Anything on the stage but the caption itself (moving it must not set off another move).
  private readonly captionWatch = new MutationObserver((changes) => {
    if (changes.some((c) => !this.captions.contains(c.target))) this.placeCaptionSoon();
  });

  private placeCaptionSoon(): void {
    if (!this.captionEl || this.captionFrame) return;
    this.captionFrame = window.requestAnimationFrame(() => {
      this.captionFrame = 0;
      const el = this.captionEl;
      if (!el) return;
      this.placeCaption(el);
      el.style.visibility = '';
    });
  }

  /**
   * Puts a caption where it hides nothing the player reads or presses: top centre when that is
   * free, else the first free spot over the art (`captionSpot`). In stage coordinates: 1280×720
   * scaled on a desktop, the window's own pixels on a phone.
   */
  private placeCaption(el: HTMLElement): void {
    const stageBox = this.stage.getBoundingClientRect();
    const k = this.compact ? 1 : stageBox.width / LOGICAL_WIDTH || 1;
    const blockers: Box[] = [];
    for (const b of this.stage.querySelectorAll<HTMLElement>(CAPTION_BLOCKERS)) {
      if (this.captions.contains(b)) continue;
      const r = b.getBoundingClientRect();
      if (r.width === 0 || r.height === 0 || getComputedStyle(b).visibility === 'hidden') continue;
      blockers.push({
        x: (r.left - stageBox.left) / k,
        y: (r.top - stageBox.top) / k,
        width: r.width / k,
        height: r.height / k,
      });
    }
    const stage = this.compact
      ? { width: window.innerWidth, height: window.innerHeight }
      : { width: LOGICAL_WIDTH, height: LOGICAL_HEIGHT };
    const size = { width: el.offsetWidth, height: el.offsetHeight };
    const first = { x: Math.round((stage.width - size.width) / 2), y: this.compact ? 56 : 24 };
    const spot = captionSpot(size, stage, blockers, first);
    el.style.left = `${spot.x}px`;
    el.style.top = `${spot.y}px`;
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
    root.classList.toggle('reduced-motion', s.reducedMotion || FAST);
    root.classList.toggle('high-contrast', s.highContrast);
  }
}
