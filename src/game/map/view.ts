/**
 * The story map (DOM): the scenario's graph left to right by moment, nodes as labelled boxes
 * (`data-node-id`), choices as arrows whose words show on hover or focus, endings in outcome
 * colours, and the analyzer's colours (reach chance, unreachable, stalls, validator complaints).
 * Pan by dragging or with the arrow keys, zoom with the wheel or + and -. For a screen reader the
 * map is a list of nodes, each with its choices. A node's details offer `Play from here`.
 */
import {
  EngineVariables,
  type HiddenState,
  type PathTo,
  type Problem,
  pathsTo,
  type Scenario,
  type Node as ScenarioNode,
  type StartFrom,
  stateAt,
} from '../../engine';
import { button, h } from '../../web/dom/h';
import type { ScenarioEntry } from '../catalog';
import { HIDDEN_LABELS } from '../dom/meters';
import type { MapEditor } from './editor';
import {
  estimateWidth,
  foldFor,
  LABEL_FONT,
  LABEL_LINE,
  LABEL_PAD_X,
  LABEL_PAD_Y,
  layoutMap,
  type MapBox,
  type MapEdge,
  type MapLayout,
  type Measure,
  MOMENTS,
} from './layout';

const SVG = 'http://www.w3.org/2000/svg';
/** The map's viewport in stage pixels (the stage is scaled to the window), for folding the map. */
const VIEW_W = 866;
const VIEW_H = 612;
/** Below this zoom boxes show only their names, drawn large enough to read. */
const FAR_ZOOM = 0.75;
/** The smallest size on screen of a box's name (px). */
const FAR_NAME_PX = 12;

/** What the analysis says about each node (filled in after the first paint). */
export interface MapAnalysis {
  reach: Map<string, number>;
  likely: Map<
    string,
    { p: number; labels: string[]; hidden: HiddenState; vars: Record<string, string | number | boolean> }
  >;
  stalls: Set<string>;
}

export interface MapHandlers {
  /** When the map is being edited: the panel's forms and the drag-to-link. */
  editor?: MapEditor;
  back(): void;
  /** Starts the Interview at a node with the given state; `practice` turns on the decision-maker's view. */
  playFrom(from: StartFrom, practice: boolean): void;
  click(): void;
}

const MOMENT_LABEL = {
  opening: 'Opening',
  middle: 'Middle',
  closing: 'Closing',
  after: 'After the interview',
};

const OUTCOME_CLASS: Record<string, string> = {
  'offer-now': 'good',
  'offer-later': 'good',
  'next-stage': 'step',
  shortlisted: 'step',
  'no-decision': 'open',
  rejection: 'bad',
  withdrawn: 'bad',
  'offer-rescinded': 'bad',
};

const pct = (x: number) => (x > 0 && x < 0.005 ? '<1%' : `${Math.round(x * 100)}%`);

/** Validator complaints (warnings: a file with errors has no map) by node id. */
function complaintsByNode(scenario: Scenario, problems: Problem[]): Map<string, Problem[]> {
  const out = new Map<string, Problem[]>();
  for (const p of problems) {
    const m = /^\$\.nodes\[(\d+)\]/.exec(p.path);
    const node = m ? scenario.nodes[Number(m[1])] : undefined;
    if (!node) continue;
    out.set(node.id, [...(out.get(node.id) ?? []), p]);
  }
  return out;
}

/** Measures label text in the map's font (the layout's estimate where no canvas is at hand). */
function labelMeasure(): Measure {
  const g = document.createElement('canvas').getContext('2d');
  if (!g) return estimateWidth;
  const family = getComputedStyle(document.documentElement).getPropertyValue('--font').trim() || 'sans-serif';
  g.font = `${LABEL_FONT}px ${family}`;
  const seen = new Map<string, number>();
  return (text) => {
    let w = seen.get(text);
    if (w === undefined) {
      w = g.measureText(text).width;
      seen.set(text, w);
    }
    return w;
  };
}

function closeOnOffer(scenario: Scenario, n: ScenarioNode): boolean {
  return (n.closeAllowed ?? (scenario.closing.allowed === 'anywhere' || n.moment === 'closing')) && !n.ending;
}

export class StoryMap {
  readonly el: HTMLElement;
  private readonly scenario: Scenario;
  private readonly layout: MapLayout;
  private readonly viewport: HTMLElement;
  private readonly canvas: HTMLElement;
  private readonly svg: SVGSVGElement;
  private readonly panel: HTMLElement;
  private readonly status: HTMLElement;
  private readonly complaints: Map<string, Problem[]>;
  private analysis: MapAnalysis | null = null;
  /** Ways to each node offered by Play from here, worked out when first asked for. */
  private readonly paths = new Map<string, PathTo[]>();
  private zoom = 1;
  private panX = 0;
  private panY = 0;
  private selected: string | null = null;
  /** True between a pointer press and its release (a focus then comes from the pointer). */
  private pointerDown = false;
  /** Each arrow's drawing and its label (drawn above the boxes, shown when lit or hovered). */
  private readonly edgeEls = new Map<MapEdge, { arrow: SVGGElement; label: SVGGElement | null }>();
  private readonly labels: SVGSVGElement;

  constructor(
    entry: ScenarioEntry & { ok: true },
    private readonly handlers: MapHandlers,
  ) {
    this.scenario = entry.scenario;
    // Folded into rows (and the endings into columns) so the whole map fits the screen largest.
    this.layout = layoutMap(this.scenario, labelMeasure(), foldFor(this.scenario, VIEW_W, VIEW_H));
    this.complaints = complaintsByNode(this.scenario, entry.problems);
    this.svg = document.createElementNS(SVG, 'svg');
    this.labels = document.createElementNS(SVG, 'svg');
    this.canvas = h('div', { class: 'map-canvas' });
    this.viewport = h(
      'div',
      {
        class: 'map-viewport panel',
        tabindex: '0',
        role: 'region',
        'aria-label': 'Story map: drag or use the arrow keys to pan, + and - to zoom',
      },
      this.canvas,
    );
    this.status = h('p', { class: 'map-status small', role: 'status', text: 'Analysing the paths…' });
    this.panel = h('aside', { class: 'map-panel panel', 'aria-label': 'Node details' });
    this.el = h('div', { class: 'map-wrap' }, this.viewport, this.panel);
    this.draw();
    this.wirePanZoom();
    this.showIntro();
  }

  /** The first view: the whole map (its boxes show their names large when it is small). */
  initialView(): void {
    this.fit();
  }

  /** The zoom and pan, to keep the view across a redraw. */
  viewState(): { zoom: number; panX: number; panY: number } {
    return { zoom: this.zoom, panX: this.panX, panY: this.panY };
  }

  restoreView(v: { zoom: number; panX: number; panY: number }): void {
    this.zoom = v.zoom;
    this.panX = v.panX;
    this.panY = v.panY;
    this.apply();
  }

  /** Fits the whole map into the viewport, centred. */
  fit(): void {
    const vw = this.viewport.clientWidth || VIEW_W;
    const vh = this.viewport.clientHeight || VIEW_H;
    this.zoom = Math.max(0.05, Math.min(1, vw / this.layout.width, vh / this.layout.height));
    this.panX = Math.max(0, (vw - this.layout.width * this.zoom) / 2);
    this.panY = Math.max(0, (vh - this.layout.height * this.zoom) / 2);
    this.apply();
  }

  zoomBy(f: number, cx?: number, cy?: number): void {
    const vw = this.viewport.clientWidth || 860;
    const vh = this.viewport.clientHeight || 600;
    const x = cx ?? vw / 2;
    const y = cy ?? vh / 2;
    const z = Math.max(0.05, Math.min(2.5, this.zoom * f));
    this.panX = x - ((x - this.panX) * z) / this.zoom;
    this.panY = y - ((y - this.panY) * z) / this.zoom;
    this.zoom = z;
    this.apply();
  }

  /** Says something in the map's status line (e.g. why there are no chances yet). */
  setStatus(text: string): void {
    this.status.textContent = text;
  }

  /** Removes the listeners the map put on the window. */
  unwire: () => void = () => {};

  /** Shows the analysis: reach chances, unreachable nodes and stalls. */
  setAnalysis(a: MapAnalysis): void {
    this.analysis = a;
    for (const box of this.layout.boxes) {
      if (box.kind !== 'node') continue;
      const el = this.boxEl(box.key);
      if (!el) continue;
      const reach = a.reach.get(box.id) ?? 0;
      const reached = a.likely.has(box.id);
      el.classList.toggle('unreachable', !reached);
      el.classList.toggle('stall', a.stalls.has(box.id));
      el.style.setProperty('--reach', String(reached ? Math.max(0.06, reach) : 0));
      const r = el.querySelector('.reach');
      if (r) r.textContent = reached ? `reached ${pct(reach)}` : 'unreachable';
    }
    const deadEndings = unreachableEndings(this.scenario, a);
    for (const ending of this.scenario.endings) {
      const el = this.boxEl(`ending:${ending.id}`);
      if (!el) continue;
      const dead = deadEndings.get(ending.id);
      el.classList.toggle('unreachable', !!dead);
      const line = el.querySelector('.box-line');
      if (line) line.textContent = dead ? `${ending.outcome} · unreachable` : ending.outcome;
      el.setAttribute(
        'aria-label',
        `Ending ${ending.id}: ${ending.title} (${ending.outcome})${dead ? `, unreachable: ${dead}` : ''}`,
      );
    }
    const unreachable = this.scenario.nodes.filter((n) => !a.likely.has(n.id)).length + deadEndings.size;
    this.status.textContent = `Reach chances from random play.${
      unreachable
        ? ` ${unreachable} ${deadEndings.size ? 'node or ending' : 'node'}${unreachable === 1 ? '' : 's'} no path reaches.`
        : ''
    }${a.stalls.size ? ` ${a.stalls.size} where play can stall.` : ''}`;
    if (this.selected && !this.handlers.editor) this.showNode(this.selected, false);
  }

  private boxEl(key: string): HTMLElement | null {
    return this.canvas.querySelector<HTMLElement>(`[data-box="${CSS.escape(key)}"]`);
  }

  private draw(): void {
    const L = this.layout;
    this.canvas.style.width = `${L.width}px`;
    this.canvas.style.height = `${L.height}px`;
    const svg = this.svg;
    svg.setAttribute('width', String(L.width));
    svg.setAttribute('height', String(L.height));
    svg.setAttribute('aria-hidden', 'true');
    svg.classList.add('map-edges');
    const defs = document.createElementNS(SVG, 'defs');
    defs.innerHTML =
      '<marker id="map-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="currentColor"/></marker>';
    svg.append(defs);
    for (const band of L.bands) {
      this.canvas.append(
        h('div', {
          class: `map-band band-${band.moment}`,
          style: `left:${band.x - 14}px;width:${band.w + 28}px;top:${band.y}px;height:${band.y + band.h >= L.height - 40 ? L.height - band.y : band.h}px`,
          'aria-hidden': 'true',
        }),
        h('p', {
          class: 'map-band-label',
          style: `left:${band.x}px;width:${band.w}px;top:${band.y + 34}px`,
          'aria-hidden': 'true',
          text: MOMENT_LABEL[band.moment],
        }),
      );
    }
    for (const e of L.edges) if (e.curve) svg.append(this.edge(e));
    this.canvas.append(svg);
    const list = h('ol', { class: 'map-nodes', 'aria-label': `Story map of ${this.scenario.meta.title}` });
    const ordered = [...L.boxes].sort(
      (a, b) => MOMENTS.indexOf(a.moment) - MOMENTS.indexOf(b.moment) || a.column - b.column || a.y - b.y,
    );
    for (const box of ordered) list.append(this.box(box));
    // The words go above the boxes: a label that crosses a box while its arrow is lit stays readable.
    const labels = this.labels;
    labels.setAttribute('width', String(L.width));
    labels.setAttribute('height', String(L.height));
    labels.setAttribute('aria-hidden', 'true');
    labels.classList.add('map-labels');
    for (const [, drawn] of this.edgeEls) if (drawn.label) labels.append(drawn.label);
    this.canvas.append(list, labels);
  }

  private edge(e: MapEdge): SVGGElement {
    const c = e.curve!;
    const g = edgeGroup(e, 'map-edge');
    const d = `M${c.x1},${c.y1} C${c.c1x},${c.c1y} ${c.c2x},${c.c2y} ${c.x2},${c.y2}`;
    const path = document.createElementNS(SVG, 'path');
    path.setAttribute('d', d);
    path.setAttribute('marker-end', 'url(#map-arrow)');
    const hit = document.createElementNS(SVG, 'path');
    hit.setAttribute('d', d);
    hit.classList.add('hit');
    const title = document.createElementNS(SVG, 'title');
    title.textContent = e.text;
    g.append(title, hit, path);
    const label = e.label ? this.edgeLabel(e) : null;
    if (label) {
      g.addEventListener('mouseenter', () => label.classList.add('hover'));
      g.addEventListener('mouseleave', () => label.classList.remove('hover'));
    }
    this.edgeEls.set(e, { arrow: g, label });
    return g;
  }

  /** An arrow's words in their box (placed by the layout clear of the other labels at its boxes). */
  private edgeLabel(e: MapEdge): SVGGElement {
    const l = e.label!;
    const g = edgeGroup(e, 'edge-label');
    const rect = document.createElementNS(SVG, 'rect');
    rect.setAttribute('x', String(l.x));
    rect.setAttribute('y', String(l.y));
    rect.setAttribute('width', String(l.w));
    rect.setAttribute('height', String(l.h));
    rect.setAttribute('rx', '5');
    const text = document.createElementNS(SVG, 'text');
    l.lines.forEach((line, i) => {
      const span = document.createElementNS(SVG, 'tspan');
      span.setAttribute('x', String(l.x + LABEL_PAD_X));
      // The baseline of each line, its text centred in the line's height.
      span.setAttribute(
        'y',
        String(l.y + LABEL_PAD_Y + i * LABEL_LINE + (LABEL_LINE + LABEL_FONT * 0.7) / 2),
      );
      span.textContent = line;
      text.append(span);
    });
    g.append(rect, text);
    return g;
  }

  private box(box: MapBox): HTMLElement {
    const style = `left:${box.x}px;top:${box.y}px;width:${box.w}px;height:${box.h}px`;
    const s = this.scenario;
    if (box.kind === 'ending') {
      const ending = s.endings.find((e) => e.id === box.id)!;
      return h(
        'li',
        { class: 'map-item', style },
        h(
          'button',
          {
            type: 'button',
            class: `map-box map-ending outcome-${OUTCOME_CLASS[ending.outcome] ?? 'open'}`,
            'data-box': box.key,
            'data-ending-id': ending.id,
            'aria-label': `Ending ${ending.id}: ${ending.title} (${ending.outcome})`,
            onclick: () => this.select(box.key),
            onfocus: () => this.focusBox(box),
          },
          h('span', { class: 'box-id', text: ending.title }),
          h('span', { class: 'box-line', text: ending.outcome }),
        ),
      );
    }
    if (box.kind === 'decision') {
      return h(
        'li',
        { class: 'map-item', style },
        h(
          'button',
          {
            type: 'button',
            class: 'map-box map-decision',
            'data-box': box.key,
            'aria-label':
              'The decision: after a close or the end of the interview, the model picks an ending by outcome',
            onclick: () => this.select(box.key),
            onfocus: () => this.focusBox(box),
          },
          h('span', { class: 'box-id', text: 'The decision' }),
          h('span', { class: 'box-line', text: 'chosen by the model' }),
        ),
      );
    }
    const node = s.nodes.find((n) => n.id === box.id)!;
    const complaints = this.complaints.get(node.id) ?? [];
    const close = closeOnOffer(s, node);
    const first = node.lines[0]?.text ?? '';
    const out = this.layout.edges.filter((e) => e.from === node.id);
    const name = (key: string) =>
      key === 'decision'
        ? 'the decision after the interview'
        : key.startsWith('ending:')
          ? `ending ${key.slice(7)}`
          : `node ${key}`;
    return h(
      'li',
      { class: 'map-item', style },
      h(
        'button',
        {
          type: 'button',
          class: `map-box map-node moment-${node.moment}${close ? ' close-offer' : ''}${complaints.length ? ' complained' : ''}${node.id === s.start ? ' start' : ''}`,
          'data-box': box.key,
          'data-node-id': node.id,
          'aria-describedby': `map-desc-${node.id}`,
          onclick: () => this.select(box.key),
          onfocus: () => this.focusBox(box),
          onmouseenter: () => this.highlight(box.key, true),
          onmouseleave: () => this.highlight(box.key, this.selected === box.key),
        },
        h('span', { class: 'box-id', text: node.id }),
        h('span', { class: 'box-line', text: first }),
        h(
          'span',
          { class: 'box-tags' },
          h('span', { class: 'reach', text: '' }),
          close ? h('span', { class: 'tag-close', text: 'Close' }) : null,
          complaints.length ? h('span', { class: 'tag-warn', text: `⚠ ${complaints.length}` }) : null,
        ),
      ),
      h(
        'ul',
        { class: 'sr-only', id: `map-desc-${node.id}` },
        h('li', {
          text: `${MOMENT_LABEL[node.moment]} moment${node.id === s.start ? ', the start' : ''}${close ? ', a close is on offer' : ''}${complaints.length ? `, ${complaints.length} validator warning${complaints.length === 1 ? '' : 's'}` : ''}.`,
        }),
        out.map((e) =>
          h('li', { text: `${e.kind === 'next' ? 'Continue' : `“${e.text}”`} leads to ${name(e.to)}.` }),
        ),
      ),
    );
  }

  /**
   * Keeps a focused box in view, with the words of its arrows when they fit, and lights up its
   * arrows. Focus by the pointer does not move the map: the box would slide from under the
   * pointer between press and release, and the click would be lost.
   */
  private focusBox(box: MapBox): void {
    if (this.pointerDown) {
      this.highlight(box.key, true);
      return;
    }
    const vw = this.viewport.clientWidth || 860;
    const vh = this.viewport.clientHeight || 600;
    const inView = (r: { x: number; y: number; w: number; h: number }) => {
      const x = r.x * this.zoom + this.panX;
      const y = r.y * this.zoom + this.panY;
      const w = r.w * this.zoom;
      const hgt = r.h * this.zoom;
      if (x < 10) this.panX += 10 - x;
      else if (x + w > vw - 10) this.panX -= x + w - (vw - 10);
      if (y < 10) this.panY += 10 - y;
      else if (y + hgt > vh - 10) this.panY -= y + hgt - (vh - 10);
    };
    // The box and its labels together, when they fit; the box itself comes first.
    let x0 = box.x;
    let y0 = box.y;
    let x1 = box.x + box.w;
    let y1 = box.y + box.h;
    for (const e of this.layout.edges) {
      if (e.from !== box.key || !e.label) continue;
      x0 = Math.min(x0, e.label.x);
      y0 = Math.min(y0, e.label.y);
      x1 = Math.max(x1, e.label.x + e.label.w);
      y1 = Math.max(y1, e.label.y + e.label.h);
    }
    if ((x1 - x0) * this.zoom <= vw - 20 && (y1 - y0) * this.zoom <= vh - 20)
      inView({ x: x0, y: y0, w: x1 - x0, h: y1 - y0 });
    inView(box);
    this.apply();
    this.viewport.scrollTop = 0;
    this.viewport.scrollLeft = 0;
    this.highlight(box.key, true);
  }

  /**
   * Lights the arrows that leave or reach a box (the chosen box's stay lit too), and shows the words
   * of the arrows that leave it, which the layout keeps apart.
   */
  private highlight(key: string, on: boolean): void {
    for (const [e, { arrow, label }] of this.edgeEls) {
      if (e.from === key || e.to === key)
        arrow.classList.toggle('lit', on || this.selected === e.from || this.selected === e.to);
      else if (on) arrow.classList.remove('lit');
      // One box's words at a time: the box in hand, else the chosen one.
      label?.classList.toggle('lit', e.from === (on ? key : this.selected));
    }
  }

  private select(key: string): void {
    this.handlers.click();
    for (const el of this.canvas.querySelectorAll('.map-box.selected')) el.classList.remove('selected');
    this.boxEl(key)?.classList.add('selected');
    this.selected = key;
    this.highlight(key, true);
    const ed = this.handlers.editor;
    if (ed) {
      ed.doc.selected = key;
      ed.doc.panel = key.startsWith('ending:') ? 'endings' : null;
      if (key.startsWith('ending:')) this.showEdit(ed.endingsPanel(), true);
      else if (key === 'decision') this.showOther(key);
      else {
        const index = ed.doc.lastGood.nodes.findIndex((n) => n.id === key);
        const raw = (ed.doc.at(['nodes']) as { id?: unknown }[] | undefined) ?? [];
        const at = raw.findIndex((n) => n?.id === key);
        this.showEdit(ed.nodePanel(at >= 0 ? at : index), true);
      }
      return;
    }
    if (key.startsWith('ending:') || key === 'decision') this.showOther(key);
    else this.showNode(key, true);
  }

  /** Opens again, after a redraw, the panel that was open (a node's, or another of the editor's). */
  reopen(key: string | null, panel: string | null): boolean {
    const ed = this.handlers.editor;
    if (!ed) return false;
    if (key && this.boxEl(key)) {
      this.selected = key;
      this.boxEl(key)?.classList.add('selected');
      this.highlight(key, true);
    }
    const parts =
      panel === 'endings'
        ? ed.endingsPanel()
        : panel === 'persona'
          ? ed.personaPanel()
          : panel === 'situation'
            ? ed.situationPanel()
            : panel === 'close'
              ? ed.closePanel()
              : null;
    if (parts) {
      this.showEdit(parts, false);
      return true;
    }
    if (!key) return false;
    const raw = (ed.doc.at(['nodes']) as { id?: unknown }[] | undefined) ?? [];
    const at = raw.findIndex((n) => n?.id === key);
    if (at < 0) return false;
    this.showEdit(ed.nodePanel(at), true);
    return true;
  }

  /** Shows one of the editor's panels, validated and marked. */
  showEdit(parts: HTMLElement[], focus: boolean): void {
    const ed = this.handlers.editor;
    if (!ed) return;
    this.panel.replaceChildren(...parts, this.backButton());
    ed.mark(this.panel);
    if (!ed.restoreFocus(this.panel) && focus)
      this.panel
        .querySelector<HTMLElement>('select, input, textarea, button')
        ?.focus({ preventScroll: true });
  }

  private openPanel(panel: 'endings' | 'persona' | 'situation' | 'close'): void {
    const ed = this.handlers.editor!;
    ed.doc.panel = panel;
    ed.doc.selected = null;
    this.reopen(null, panel);
    this.panel.querySelector<HTMLElement>('select, input, textarea, button')?.focus({ preventScroll: true });
  }

  /** The editor's overview: what can be edited besides the nodes. */
  private editOverview(): HTMLElement[] {
    const ed = this.handlers.editor!;
    return [
      h('p', { class: 'eyebrow', text: 'Editing the map' }),
      h('h2', { class: 'h3', text: this.scenario.meta.title }),
      h('p', { class: 'ed-summary small', role: 'status' }),
      h('p', {
        class: 'small',
        text: 'Choose a node to edit its lines and choices, or drag from one node onto another to link them. Undo with Ctrl+Z, redo with Ctrl+Y.',
      }),
      h(
        'div',
        { class: 'ed-actions' },
        button('Add a node', () => ed.addNode(), { class: 'btn-small btn-accent' }),
        button('Endings', () => this.openPanel('endings'), { class: 'btn-small btn-ghost' }),
        button('Decision-maker', () => this.openPanel('persona'), { class: 'btn-small btn-ghost' }),
        button('Situation', () => this.openPanel('situation'), { class: 'btn-small btn-ghost' }),
        button("Close's parts", () => this.openPanel('close'), { class: 'btn-small btn-ghost' }),
      ),
    ];
  }

  private showIntro(): void {
    const s = this.scenario;
    if (this.handlers.editor) {
      this.panel.replaceChildren(...this.editOverview(), this.status, legend());
      this.handlers.editor.mark(this.panel);
      this.handlers.editor.restoreFocus(this.panel);
      return;
    }
    this.panel.replaceChildren(
      h('p', { class: 'eyebrow', text: 'Story map' }),
      h('h2', { class: 'h3', text: s.meta.title }),
      h('p', {
        class: 'small',
        text: `${s.nodes.length} nodes and ${s.endings.length} endings. Choose a node to see its lines, where its choices lead, and to play from it.`,
      }),
      this.status,
      legend(),
    );
  }

  private showOther(key: string): void {
    const s = this.scenario;
    if (key === 'decision') {
      this.panel.replaceChildren(
        h('p', { class: 'eyebrow', text: 'After the interview' }),
        h('h2', { class: 'h3', text: 'The decision' }),
        h('p', {
          class: 'small',
          text: 'After a close, or when the interview ends without one, the decision-maker model decides; the game then takes the first ending whose outcome matches (and whose condition holds).',
        }),
        this.backButton(),
      );
      return;
    }
    const ending = s.endings.find((e) => `ending:${e.id}` === key)!;
    this.panel.replaceChildren(
      h('p', { class: 'eyebrow', text: `Ending · ${ending.outcome}` }),
      h('h2', { class: 'h3', text: ending.title }),
      h('p', { class: 'small map-text', text: ending.debrief }),
      this.backButton(),
    );
  }

  private backButton(): HTMLButtonElement {
    return button(
      'Back to the overview',
      () => {
        this.selected = null;
        if (this.handlers.editor) {
          this.handlers.editor.doc.selected = null;
          this.handlers.editor.doc.panel = null;
        }
        for (const el of this.canvas.querySelectorAll('.map-box.selected')) el.classList.remove('selected');
        this.showIntro();
      },
      { class: 'btn-small btn-ghost' },
    );
  }

  private showNode(id: string, focus: boolean): void {
    const s = this.scenario;
    const node = s.nodes.find((n) => n.id === id)!;
    const a = this.analysis;
    const reach = a?.reach.get(id) ?? 0;
    const likely = a?.likely.get(id);
    const complaints = this.complaints.get(id) ?? [];
    const out = this.layout.edges.filter((e) => e.from === id);
    const where = (to: string) =>
      to === 'decision' ? 'the decision' : to.startsWith('ending:') ? `ending “${to.slice(7)}”` : `“${to}”`;
    const play = button('Play from here', () => this.showPlayFrom(id), {
      class: 'btn-accent',
      disabled: !!a && !likely,
      title: a && !likely ? 'No path of play reaches this node' : undefined,
    });
    this.panel.replaceChildren(
      ...present([
        h('p', { class: 'eyebrow', text: `${MOMENT_LABEL[node.moment]} · node` }),
        h('h2', { class: 'h3 map-node-title', text: id }),
        h('p', {
          class: 'small',
          text: !a
            ? 'Analysing…'
            : likely
              ? `Random play reaches it ${pct(reach)} of the time; its most likely path has ${likely.labels.length} step${likely.labels.length === 1 ? '' : 's'}.`
              : 'No path of play reaches this node.',
        }),
        a?.stalls.has(id)
          ? h('p', {
              class: 'small warn',
              text: 'Play can stall here: no choice is available and nothing else leads on.',
            })
          : null,
        closeOnOffer(s, node) ? h('p', { class: 'small', text: 'A close is on offer here.' }) : null,
        h(
          'div',
          { class: 'map-text' },
          node.lines.slice(0, 3).map((l) => h('p', { class: 'small', text: `${l.speaker}: ${l.text}` })),
          node.lines.length > 3
            ? h('p', { class: 'small', text: `… and ${node.lines.length - 3} more lines` })
            : null,
          h('p', { class: 'eyebrow', text: 'Ways on' }),
          h(
            'ul',
            { class: 'map-ways' },
            out.map((e) =>
              h('li', { text: `${e.kind === 'next' ? 'Continue' : `“${e.text}”`} → ${where(e.to)}` }),
            ),
          ),
          complaints.length
            ? h(
                'ul',
                { class: 'map-complaints' },
                complaints.map((p) =>
                  h('li', { text: `${p.file}:${p.line}:${p.column} ${p.message}. Fix: ${p.fix}` }),
                ),
              )
            : null,
        ),
        h('div', { class: 'actions' }, play, this.backButton()),
      ]),
    );
    if (focus) play.focus({ preventScroll: true });
  }

  /** The Play-from-here panel: the hidden state and variables of the most likely path, adjustable. */
  private showPlayFrom(id: string, choice = 0): void {
    const mostLikely = this.analysis?.likely.get(id);
    if (!mostLikely) return;
    this.handlers.click();
    // The ways in an author can start from: the most likely, the strongest and weakest arrivals,
    // and arrivals with other variables (a bounded walk; the most likely path always stays).
    let ways = this.paths.get(id);
    if (!ways) {
      ways = pathsTo(this.scenario, id);
      this.paths.set(id, ways);
    }
    const way = ways[choice];
    const likely = way ? { p: way.p, labels: way.labels, ...stateAt(this.scenario, way.state) } : mostLikely;
    const hidden = { ...likely.hidden };
    const vars = { ...likely.vars };
    const pathSelect = h(
      'select',
      { id: 'pfh-path' },
      ...(ways.length ? ways : [null]).map((w, i) =>
        h('option', {
          value: String(i),
          text: w
            ? wayName(w, ways.slice(0, i))
            : `Most likely path (${stepsText(mostLikely.labels.length)})`,
          selected: i === choice,
        }),
      ),
    );
    pathSelect.addEventListener('change', () => {
      this.showPlayFrom(id, Number(pathSelect.value));
      this.panel.querySelector<HTMLElement>('#pfh-path')?.focus({ preventScroll: true });
    });
    // The answers the path gives (its Continues are not choices the author made).
    const answers = likely.labels.filter((l) => l !== 'Continue');
    const pathSteps = h(
      'details',
      { class: 'pfh-steps small' },
      h('summary', {
        text: `This path: ${stepsText(likely.labels.length)}, ${answers.length} answer${answers.length === 1 ? '' : 's'}`,
      }),
      answers.length
        ? h(
            'ol',
            {},
            answers.map((l) => h('li', { text: l })),
          )
        : h('p', { text: 'No answers yet: this is where the interview starts.' }),
    );
    const sliders = (Object.keys(HIDDEN_LABELS) as (keyof HiddenState)[]).map((k) => {
      const out = h('output', { text: hidden[k].toFixed(2) });
      const input = h('input', {
        type: 'range',
        min: '0',
        max: '1',
        step: '0.01',
        value: String(hidden[k]),
        id: `pfh-${k}`,
        'data-hidden': k,
      });
      input.addEventListener('input', () => {
        hidden[k] = Number(input.value);
        out.textContent = hidden[k].toFixed(2);
      });
      return h(
        'div',
        { class: 'pfh-row' },
        h('label', { for: `pfh-${k}`, text: HIDDEN_LABELS[k] }),
        input,
        out,
      );
    });
    // Every variable the scenario sets or reads, not only those on this path: an author tests a
    // node with any of them. A variable left unset stays unset (false / 0 to conditions).
    const kinds = scenarioVariables(this.scenario);
    const engineOwn = new Set(Object.keys(EngineVariables.shape));
    for (const [k, v] of Object.entries(vars))
      if (!kinds.has(k) && !engineOwn.has(k))
        kinds.set(k, typeof v === 'number' ? 'number' : typeof v === 'boolean' ? 'boolean' : 'text');
    const varRow = (k: string, kind: VarKind): HTMLElement => {
      const idAttr = `pfh-var-${k}`;
      const v = vars[k];
      let input: HTMLInputElement;
      if (kind === 'boolean') {
        input = h('input', { type: 'checkbox', id: idAttr, checked: v === true });
        input.addEventListener('change', () => {
          vars[k] = input.checked;
        });
      } else if (kind === 'number') {
        input = h('input', {
          type: 'number',
          id: idAttr,
          value: v === undefined ? '' : String(v),
          step: 'any',
        });
        input.addEventListener('input', () => {
          const n = Number(input.value);
          if (input.value.trim() === '') delete vars[k];
          else if (Number.isFinite(n)) vars[k] = n;
        });
      } else {
        input = h('input', { type: 'text', id: idAttr, value: v === undefined ? '' : String(v) });
        input.addEventListener('input', () => {
          vars[k] = input.value;
        });
      }
      const onPath = Object.hasOwn(likely.vars, k);
      return h(
        'div',
        { class: 'pfh-row' },
        h('label', { for: idAttr, text: onPath ? k : `${k} (unset)` }),
        input,
      );
    };
    const varList = h(
      'div',
      { class: 'pfh-vars' },
      [...kinds].map(([k, kind]) => varRow(k, kind)),
    );
    // A variable the scenario does not name yet (e.g. one a condition is about to read).
    const newName = h('input', { type: 'text', id: 'pfh-new-var', placeholder: 'name', spellcheck: false });
    const newValue = h('input', { type: 'text', id: 'pfh-new-value', placeholder: 'true, 3 or text' });
    const newNote = h('p', { class: 'small', role: 'status' });
    const addVar = button(
      'Add the variable',
      () => {
        const name = newName.value.trim();
        if (!/^[a-zA-Z][a-zA-Z0-9_]*$/.test(name)) {
          newNote.textContent = 'A variable name is letters, digits and underscores, starting with a letter.';
          newName.focus();
          return;
        }
        const raw = newValue.value.trim();
        const value: string | number | boolean =
          raw === 'true'
            ? true
            : raw === 'false'
              ? false
              : raw !== '' && Number.isFinite(Number(raw))
                ? Number(raw)
                : raw;
        vars[name] = value;
        const kind: VarKind =
          typeof value === 'number' ? 'number' : typeof value === 'boolean' ? 'boolean' : 'text';
        varList
          .querySelector(`#${CSS.escape(`pfh-var-${name}`)}`)
          ?.closest('.pfh-row')
          ?.remove();
        kinds.set(name, kind);
        varList.append(varRow(name, kind));
        newName.value = '';
        newValue.value = '';
        newNote.textContent = `${name} is set to ${String(value)}.`;
      },
      { class: 'btn-small btn-ghost' },
    );
    const varRows = [
      kinds.size ? varList : h('p', { class: 'small', text: 'The scenario sets no variables.' }),
      h(
        'div',
        { class: 'pfh-row pfh-add', role: 'group', 'aria-label': 'A new variable' },
        h('label', { for: 'pfh-new-var', text: 'Add a variable' }),
        newName,
        h('label', { for: 'pfh-new-value', class: 'sr-only', text: 'Its value' }),
        newValue,
        addVar,
      ),
      newNote,
    ];
    const practice = h('input', { type: 'checkbox', id: 'pfh-practice', checked: true });
    this.panel.replaceChildren(
      h('p', { class: 'eyebrow', text: 'Play from here' }),
      h('h2', { class: 'h3 map-node-title', text: id }),
      h('div', { class: 'pfh-row pfh-path' }, h('label', { for: 'pfh-path', text: 'Arrive by' }), pathSelect),
      pathSteps,
      h('p', {
        class: 'small',
        text: 'The state this path leaves. Change it before you start.',
      }),
      h(
        'div',
        { class: 'map-text pfh', role: 'group', 'aria-label': 'Hidden state and variables' },
        h('p', { class: 'eyebrow', text: 'Hidden state' }),
        sliders,
        h('p', { class: 'eyebrow', text: 'Variables' }),
        varRows,
        h(
          'div',
          { class: 'pfh-row pfh-check' },
          practice,
          h('label', { for: 'pfh-practice', text: "Practice mode: show the decision-maker's view" }),
        ),
      ),
      h(
        'div',
        { class: 'actions' },
        button(
          'Start the interview here',
          () =>
            this.handlers.playFrom({ node: id, hidden: { ...hidden }, vars: { ...vars } }, practice.checked),
          { class: 'btn-accent' },
        ),
        button('Cancel', () => this.showNode(id, true), { class: 'btn-small btn-ghost' }),
      ),
    );
    this.panel.querySelector<HTMLElement>('input')?.focus({ preventScroll: true });
  }

  private apply(): void {
    this.canvas.style.transform = `translate(${this.panX}px, ${this.panY}px) scale(${this.zoom})`;
    // Far out, a box shows only its name, sized to read at least FAR_NAME_PX on screen.
    const far = this.zoom < FAR_ZOOM;
    this.canvas.classList.toggle('map-far', far);
    if (far)
      this.canvas.style.setProperty('--far-name', `${Math.min(40, FAR_NAME_PX / this.zoom).toFixed(1)}px`);
  }

  private wirePanZoom(): void {
    const vp = this.viewport;
    let drag: { x: number; y: number; px: number; py: number; moved: boolean } | null = null;
    const press = () => {
      this.pointerDown = true;
    };
    const release = () => {
      // After the click that follows the release.
      window.setTimeout(() => {
        this.pointerDown = false;
      }, 0);
    };
    vp.addEventListener('pointerdown', press, true);
    vp.addEventListener('mousedown', press, true);
    window.addEventListener('pointerup', release, true);
    window.addEventListener('pointercancel', release, true);
    const unwirePress = () => {
      window.removeEventListener('pointerup', release, true);
      window.removeEventListener('pointercancel', release, true);
    };
    // Editing: a drag from a node onto another box links them with a new choice.
    let link: { from: string; x: number; y: number; line: SVGLineElement | null } | null = null;
    const toMap = (cx: number, cy: number) => {
      const r = this.canvas.getBoundingClientRect();
      const scale = r.width / (this.layout.width || 1);
      return { x: (cx - r.left) / scale, y: (cy - r.top) / scale };
    };
    vp.addEventListener('pointerdown', (e) => {
      const box = (e.target as HTMLElement).closest<HTMLElement>('.map-box[data-node-id]');
      if (!this.handlers.editor || !box || e.button !== 0) return;
      link = { from: box.dataset.nodeId!, x: e.clientX, y: e.clientY, line: null };
    });
    vp.addEventListener('pointermove', (e) => {
      if (!link) return;
      if (!link.line && Math.hypot(e.clientX - link.x, e.clientY - link.y) < 10) return;
      const from = this.layout.boxes.find((b) => b.key === link!.from)!;
      if (!link.line) {
        link.line = document.createElementNS(SVG, 'line');
        link.line.classList.add('link-drag');
        link.line.setAttribute('x1', String(from.x + from.w));
        link.line.setAttribute('y1', String(from.y + from.h / 2));
        this.labels.append(link.line);
      }
      const p = toMap(e.clientX, e.clientY);
      link.line.setAttribute('x2', String(p.x));
      link.line.setAttribute('y2', String(p.y));
    });
    const endLink = (e: PointerEvent) => {
      if (!link) return;
      const drawn = link;
      link = null;
      if (!drawn.line) return;
      drawn.line.remove();
      const under = document.elementFromPoint(e.clientX, e.clientY)?.closest<HTMLElement>('[data-box]');
      const to = under?.dataset.box;
      if (to && to !== drawn.from) this.handlers.editor?.link(drawn.from, to);
    };
    window.addEventListener('pointerup', endLink, true);
    const unwireLink = () => window.removeEventListener('pointerup', endLink, true);
    vp.addEventListener('pointerdown', (e) => {
      if ((e.target as HTMLElement).closest('button')) return;
      drag = { x: e.clientX, y: e.clientY, px: this.panX, py: this.panY, moved: false };
      vp.setPointerCapture(e.pointerId);
    });
    vp.addEventListener('pointermove', (e) => {
      if (!drag) return;
      // The stage is scaled to the window: convert screen pixels to stage pixels.
      const scale = vp.getBoundingClientRect().width / (vp.offsetWidth || 1);
      this.panX = drag.px + (e.clientX - drag.x) / scale;
      this.panY = drag.py + (e.clientY - drag.y) / scale;
      drag.moved = true;
      this.apply();
    });
    const end = () => {
      drag = null;
    };
    vp.addEventListener('pointerup', end);
    vp.addEventListener('pointercancel', end);
    this.unwire = () => {
      unwirePress();
      unwireLink();
    };
    vp.addEventListener(
      'wheel',
      (e) => {
        e.preventDefault();
        const r = vp.getBoundingClientRect();
        const scale = r.width / (vp.offsetWidth || 1);
        this.zoomBy(
          e.deltaY < 0 ? 1.15 : 1 / 1.15,
          (e.clientX - r.left) / scale,
          (e.clientY - r.top) / scale,
        );
      },
      { passive: false },
    );
    vp.addEventListener('keydown', (e) => {
      const step = 60;
      const keys: Record<string, () => void> = {
        ArrowLeft: () => (this.panX += step),
        ArrowRight: () => (this.panX -= step),
        ArrowUp: () => (this.panY += step),
        ArrowDown: () => (this.panY -= step),
        '+': () => this.zoomBy(1.2),
        '=': () => this.zoomBy(1.2),
        '-': () => this.zoomBy(1 / 1.2),
        '0': () => this.fit(),
      };
      const k = keys[e.key];
      if (!k || ((e.target as HTMLElement).closest('button') && e.key.startsWith('Arrow'))) return;
      e.preventDefault();
      e.stopPropagation();
      k();
      this.apply();
    });
  }
}

const present = (xs: (Node | null)[]): Node[] => xs.filter((x): x is Node => x !== null);

type VarKind = 'boolean' | 'number' | 'text';

/**
 * Endings no play can reach, with why: one a reached node or choice names is reached; one the
 * decision picks needs a reached node that offers a close or ends the interview, an outcome the
 * decision can give, and no earlier ending of its outcome without a condition (that one is taken).
 */
export function unreachableEndings(s: Scenario, a: MapAnalysis): Map<string, string> {
  const out = new Map<string, string>();
  const reached = s.nodes.filter((n) => a.likely.has(n.id));
  const direct = new Set<string>();
  let decides = false;
  for (const n of reached) {
    if (n.ending) direct.add(n.ending);
    if (n.endsInterview || (closeOnOffer(s, n) && !n.ending)) decides = true;
    for (const c of n.choices) {
      if (c.ending) direct.add(c.ending);
      if (c.endsInterview) decides = true;
    }
  }
  const named = new Set<string>();
  for (const n of s.nodes) {
    if (n.ending) named.add(n.ending);
    for (const c of n.choices) if (c.ending) named.add(c.ending);
  }
  const walkAway = s.negotiation?.moves.some((m) => m.kind === 'walk-away') ?? false;
  s.endings.forEach((e, i) => {
    if (direct.has(e.id)) return;
    const shadow = s.endings.slice(0, i).find((x) => x.outcome === e.outcome && !x.condition);
    let why: string | null = null;
    if (named.has(e.id) && !decides) why = 'only unreached nodes lead to it';
    else if (!decides) why = 'no reached node offers a close or ends the interview';
    else if (shadow) why = `the ending "${shadow.id}" of the same outcome comes first and always applies`;
    else if (e.outcome === 'offer-rescinded' && !s.negotiation)
      why = 'there is no negotiation to rescind an offer in';
    else if (e.outcome === 'withdrawn' && !walkAway) why = 'nothing leads to a withdrawal';
    if (why) out.set(e.id, why);
  });
  return out;
}

/** Every variable a scenario's effects set or add and its conditions read, with its kind of value. */
export function scenarioVariables(s: Scenario): Map<string, VarKind> {
  const out = new Map<string, VarKind>();
  const see = (name: string, kind: VarKind) => {
    if (!out.has(name)) out.set(name, kind);
  };
  const kindOf = (v: unknown): VarKind =>
    typeof v === 'number' ? 'number' : typeof v === 'boolean' ? 'boolean' : 'text';
  const read = (c: unknown): void => {
    if (!c || typeof c !== 'object') return;
    const o = c as Record<string, unknown>;
    if (typeof o.var === 'string')
      see(
        o.var,
        o.equals !== undefined
          ? kindOf(o.equals)
          : o.atLeast !== undefined || o.atMost !== undefined
            ? 'number'
            : 'boolean',
      );
    for (const k of ['all', 'any'] as const)
      if (Array.isArray(o[k])) for (const x of o[k] as unknown[]) read(x);
    if (o.not) read(o.not);
  };
  for (const n of s.nodes) {
    for (const c of n.choices) {
      for (const [k, v] of Object.entries(c.effects?.set ?? {})) see(k, kindOf(v));
      for (const k of Object.keys(c.effects?.add ?? {})) see(k, 'number');
      read(c.condition);
    }
    for (const l of n.lines) read(l.condition);
  }
  for (const p of s.closing.points) read(p.requires);
  // The engine's own record of the close and the follow-up is not the author's to set.
  const engineSet = new Set(Object.keys(EngineVariables.shape));
  for (const k of [...out.keys()]) if (engineSet.has(k)) out.delete(k);
  return new Map([...out].sort(([a], [b]) => a.localeCompare(b)));
}

function legend(): HTMLElement {
  const item = (cls: string, text: string) =>
    h('li', {}, h('span', { class: `swatch ${cls}`, 'aria-hidden': 'true' }), text);
  return h(
    'ul',
    { class: 'map-legend', 'aria-label': 'Legend' },
    item('sw-reach', 'Bar: how often random play reaches the node'),
    item('sw-close', 'Close: a close is on offer'),
    item('sw-unreach', 'Dashed grey: no path reaches it'),
    item('sw-stall', 'Red: play can stall there'),
    item('sw-warn', '⚠ validator warnings'),
    item('sw-good', 'Endings: offer'),
    item('sw-step', 'Endings: next stage'),
    item('sw-open', 'Endings: no decision'),
    item('sw-bad', 'Endings: rejection, withdrawn'),
  );
}

/** An SVG group for one arrow (or its words), marked with its kind and the two nodes it joins. */
function edgeGroup(e: MapEdge, cls: string): SVGGElement {
  const g = document.createElementNS(SVG, 'g');
  g.classList.add(cls, `edge-${e.kind}`);
  g.dataset.from = e.from;
  g.dataset.to = e.to;
  return g;
}

const stepsText = (n: number): string => `${n} step${n === 1 ? '' : 's'}`;

/**
 * How Play from here names a way to a node in its list. Another path is named by the answer where
 * it leaves the way above it that it follows longest, and numbered so no two entries read the same.
 */
function wayName(w: PathTo, above: PathTo[]): string {
  const steps = stepsText(w.labels.length);
  const also = w.notes.length ? `, also the ${w.notes.join(' and ')}` : '';
  switch (w.kind) {
    case 'likely':
      return `Most likely path (${steps}${also})`;
    case 'strongest':
      return `Strongest arrival: they think most of you (${steps})`;
    case 'weakest':
      return `Weakest arrival: they think least of you (${steps})`;
    default: {
      const shared = (o: PathTo) => {
        let i = 0;
        while (i < w.labels.length && w.labels[i] === o.labels[i]) i++;
        return i;
      };
      const at = Math.max(0, ...above.map(shared));
      const rest = w.labels.slice(at).filter((l) => l !== 'Continue');
      const first = rest[0] ?? w.labels[w.labels.length - 1] ?? '';
      const words = first.length > 44 ? `${first.slice(0, 43)}…` : first;
      return `Path ${above.length + 1} (${steps}): “${words}”`;
    }
  }
}
