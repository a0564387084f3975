import { babbleDue, typedText, visibleChars } from '../ui/typewriter';

export interface TyperOptions {
  reducedMotion: boolean;
  charsPerSecond?: number;
  /** Called once per syllable while typing (voice babble). */
  onSyllable?: () => void;
  babbleEvery?: number;
  onDone?: () => void;
}

/** Types a line into an element; `complete()` shows the rest at once. */
export class Typer {
  private raf = 0;
  private start = 0;
  private shown = 0;
  private done = false;
  private readonly chars: string[];

  constructor(
    private readonly el: HTMLElement,
    private readonly text: string,
    private readonly opts: TyperOptions,
  ) {
    this.chars = Array.from(text);
    if (opts.reducedMotion || this.chars.length === 0) {
      this.finish();
      return;
    }
    el.textContent = '';
    el.dataset.typing = 'true';
    this.start = performance.now();
    this.raf = requestAnimationFrame(this.tick);
  }

  get typing(): boolean {
    return !this.done;
  }

  private readonly tick = (now: number) => {
    const n = visibleChars(this.chars.length, now - this.start, this.opts.charsPerSecond);
    if (n !== this.shown) {
      if (this.opts.onSyllable && babbleDue(this.shown, n, this.opts.babbleEvery ?? 6))
        this.opts.onSyllable();
      this.shown = n;
      this.el.textContent = typedText(this.text, n);
    }
    if (n >= this.chars.length) this.finish();
    else this.raf = requestAnimationFrame(this.tick);
  };

  complete(): void {
    if (!this.done) this.finish();
  }

  cancel(): void {
    cancelAnimationFrame(this.raf);
    this.done = true;
  }

  private finish(): void {
    cancelAnimationFrame(this.raf);
    this.done = true;
    this.el.textContent = this.text;
    this.el.dataset.typing = 'false';
    this.opts.onDone?.();
  }
}
