import type { Scenario } from '../../engine';
import { button, h } from '../../web/dom/h';
import type { GameAudio } from '../audio/audio';
import { babbleEvery } from '../ui/typewriter';
import type { DomLayer } from './layer';
import { Typer } from './typer';

export interface SpokenLine {
  speaker: string;
  speakerName: string;
  text: string;
  cue?: string;
  expression?: string;
  /** Speech (default), an action / stage direction, or narration. */
  kind?: 'speech' | 'action' | 'narration';
}

/** How a line is shown: speech under the speaker's name, or an action or narration in italics without it. */
export function lineMode(line: Pick<SpokenLine, 'speaker' | 'kind'>): 'speech' | 'action' | 'narration' {
  if (line.speaker === 'narrator' || line.kind === 'narration') return 'narration';
  return line.kind === 'action' ? 'action' : 'speech';
}

export interface DialogueOptions {
  layer: DomLayer;
  audio: GameAudio;
  scenario: Scenario;
  reducedMotion: boolean;
  /** Called when a line starts (to change a face). */
  onLine?: (line: SpokenLine, index: number) => void;
  /** Called when the last line has been typed out. */
  onFinished: () => void;
}

/**
 * The dialogue box: shows lines one at a time with a typewriter and voice babble; a click on the box
 * or a key completes a line; Next, or another click on the box, moves on. Every line is mirrored into the live region.
 */
export class DialogueBox {
  readonly el: HTMLElement;
  private readonly who = h('p', { class: 'who' });
  private readonly cue = h('p', { class: 'cue' });
  private readonly text = h('p', { class: 'line', 'aria-hidden': 'true' });
  private readonly footer = h('div', { class: 'row' });
  private lines: SpokenLine[] = [];
  private index = 0;
  private typer: Typer | null = null;
  private finished = false;

  constructor(private readonly opts: DialogueOptions) {
    this.el = h(
      'section',
      { class: 'dialogue panel', 'aria-label': 'Dialogue' },
      this.who,
      this.cue,
      this.text,
      this.footer,
    );
    // A click or tap anywhere on the box (not on its buttons) completes the line being typed, and
    // on a whole line moves to the next one, as Next does: on a phone the box is the big target.
    this.el.addEventListener('click', (e) => {
      if ((e.target as HTMLElement).closest('button')) return;
      if (!this.complete()) this.next();
    });
  }

  get typing(): boolean {
    return this.typer?.typing ?? false;
  }

  get done(): boolean {
    return this.finished;
  }

  /** The line on show (its index in the lines played). */
  get position(): number {
    return this.index;
  }

  /**
   * Plays lines from the first, or takes up at line `from` shown whole (a scene restarted in place
   * by hot reload keeps the player's line instead of replaying what they have read).
   */
  play(lines: SpokenLine[], from?: number): void {
    this.lines = lines;
    this.index = from === undefined ? 0 : Math.max(0, Math.min(from, lines.length - 1));
    this.finished = false;
    if (lines.length === 0) {
      this.who.textContent = '';
      this.cue.textContent = '';
      this.text.textContent = '';
      this.finish();
      return;
    }
    this.show();
    if (from !== undefined) this.complete();
  }

  /** Completes the line being typed; returns true if there was one. */
  complete(): boolean {
    if (this.typer?.typing) {
      this.typer.complete();
      return true;
    }
    return false;
  }

  /** Moves to the next line; returns true if there was one. */
  next(): boolean {
    if (this.complete()) return true;
    if (this.index < this.lines.length - 1) {
      this.index++;
      this.show();
      return true;
    }
    return false;
  }

  stop(): void {
    this.typer?.cancel();
  }

  private show(): void {
    const line = this.lines[this.index] as SpokenLine;
    const mode = lineMode(line);
    const narrator = mode === 'narration';
    this.el.classList.toggle('narrator', narrator);
    this.el.classList.toggle('action', mode === 'action');
    this.el.dataset.kind = mode;
    this.who.textContent = mode === 'speech' ? line.speakerName : '';
    this.who.hidden = mode !== 'speech';
    this.cue.textContent = line.cue ? `(${line.cue})` : '';
    this.cue.hidden = !line.cue;
    this.opts.layer.announce(
      `${mode === 'speech' ? `${line.speakerName}: ` : mode === 'action' ? 'Action: ' : ''}${line.cue ? `(${line.cue}) ` : ''}${line.text}`,
    );
    this.opts.onLine?.(line, this.index);
    this.footer.replaceChildren(h('span', { class: 'hint', text: '' }));
    const dm = this.opts.scenario.decisionMakers.find((d) => d.id === line.speaker);
    this.typer?.cancel();
    this.typer = new Typer(this.text, line.text, {
      reducedMotion: this.opts.reducedMotion,
      babbleEvery: dm ? babbleEvery(dm.voice.rate) : 6,
      onSyllable: dm
        ? () => this.opts.audio.play(dm.voice.babble, { channel: 'voices', rate: dm.voice.rate })
        : undefined,
      onDone: () => this.afterTyped(),
    });
    if (this.typer.typing) {
      this.footer.replaceChildren(
        h('span', { class: 'hint', text: 'Click or press Space to show the whole line' }),
      );
    }
  }

  private afterTyped(): void {
    const more = this.index < this.lines.length - 1;
    if (more) {
      const next = button('Next', () => this.next(), { class: 'btn-small btn-primary', name: 'Next line' });
      this.footer.replaceChildren(
        h('span', { class: 'hint', text: `${this.index + 1} of ${this.lines.length}` }),
        next,
      );
      next.focus({ preventScroll: true });
    } else {
      this.footer.replaceChildren();
      this.finish();
    }
  }

  private finish(): void {
    if (this.finished) return;
    this.finished = true;
    this.opts.onFinished();
  }
}
