/**
 * The solo game's art for the session pages: portraits (one SVG per expression) and backdrops,
 * drawn as plain <img> elements so the projector and phones need no canvas.
 */
import { backdropUrls, portraitUrl } from '../../web/assets';
import { h } from '../../web/dom/h';

const BACKDROPS = backdropUrls();

export function backdropUrl(id: string): string | null {
  return BACKDROPS[id] ?? null;
}

const EXPRESSION_WORDS: Record<string, string> = {
  neutral: 'neutral',
  interested: 'interested',
  sceptical: 'sceptical',
  impressed: 'impressed',
  irritated: 'irritated',
  warm: 'warm',
  thinking: 'thinking',
};

/** A portrait whose face can change; the image's alt text names the person and the expression. */
export class Portrait {
  readonly el: HTMLElement;
  private readonly img: HTMLImageElement;
  private current = '';

  constructor(
    private readonly portraitId: string,
    private readonly name: string,
  ) {
    this.img = h('img', { alt: '', decoding: 'async', draggable: 'false' });
    this.el = h('div', { class: 'lv-portrait' }, this.img);
  }

  set(expression: string): void {
    if (expression === this.current) return;
    const url = portraitUrl(this.portraitId, expression) ?? portraitUrl(this.portraitId, 'neutral');
    if (!url) return;
    this.current = expression;
    this.img.src = url;
    this.img.alt = `${this.name}, looking ${EXPRESSION_WORDS[expression] ?? expression}`;
    this.el.dataset.expression = expression;
  }
}
