/**
 * The story map's layout, pure: columns left to right by moment (opening, middle, closing, then
 * what comes after the interview), and within a moment by distance from the start; boxes stacked
 * in each column. Edges are the choices and "next" links, the endings and the decision after the
 * interview, each drawn as a curve with its words in a label box. The labels of the arrows leaving
 * one box never overlap: they show together when that box is chosen, so each is placed at a point
 * along its own arrow that is clear of the others.
 */
import type { Scenario } from '../../engine';

export type Moment = 'opening' | 'middle' | 'closing' | 'after';
export const MOMENTS: readonly Moment[] = ['opening', 'middle', 'closing', 'after'];

export interface MapBox {
  /** A node id, `ending:<id>` for an ending, or `decision` for the decision after the interview. */
  key: string;
  kind: 'node' | 'ending' | 'decision';
  /** The node or ending id (for the decision, "decision"). */
  id: string;
  moment: Moment;
  column: number;
  x: number;
  y: number;
  w: number;
  h: number;
}

export interface MapEdge {
  from: string;
  to: string;
  /** What the player says (a choice), or "Continue" for next, or the kind of link. */
  text: string;
  kind: 'choice' | 'next' | 'ending' | 'ends-interview' | 'decides';
  /** The choice id, when the edge is a choice. */
  choice?: string;
  /** The arrow: a cubic curve from `from`'s box to `to`'s (null when a box is missing). */
  curve: Curve | null;
  /** The words' box on the map (null when there is no curve). */
  label: EdgeLabel | null;
}

/** A cubic Bézier curve: start, two control points, end. */
export interface Curve {
  x1: number;
  y1: number;
  c1x: number;
  c1y: number;
  c2x: number;
  c2y: number;
  x2: number;
  y2: number;
}

/** An arrow's words: the box (top left, size) and its lines, wrapped to LABEL_MAX_W. */
export interface EdgeLabel {
  x: number;
  y: number;
  w: number;
  h: number;
  lines: string[];
}

/** The width of a text in the labels' font (LABEL_FONT px); the map measures it in the browser. */
export type Measure = (text: string) => number;

export interface MapLayout {
  boxes: MapBox[];
  edges: MapEdge[];
  width: number;
  height: number;
  /** Each moment's band in each row: left edge, width, top and height, for the headings. */
  bands: { moment: Moment; x: number; w: number; y: number; h: number }[];
}

/** How to fold a map to fit a screen: its columns in several rows, its endings in several columns. */
export interface LayoutOptions {
  /** Rows the columns are folded into, left to right then top to bottom (default 1). */
  rows?: number;
  /** At most this many endings stacked in one column (default: all in one). */
  endingsPerColumn?: number;
  /** False to skip placing the arrows' words (to compare foldings quickly). */
  labels?: boolean;
}

/**
 * The folding of a map that shows it largest in a viewport of vw by vh (map units at zoom 1):
 * one to five rows, endings three to six to a column, compared without the arrows' words.
 */
export function foldFor(scenario: Scenario, vw: number, vh: number): LayoutOptions {
  let best: LayoutOptions = {};
  let bestZoom = -1;
  for (const rows of [1, 2, 3, 4, 5])
    for (const endingsPerColumn of [Number.POSITIVE_INFINITY, 3, 4, 6]) {
      const L = layoutMap(scenario, estimateWidth, { rows, endingsPerColumn, labels: false });
      const zoom = Math.min(vw / L.width, vh / L.height);
      // A fold must gain clearly to be worth the longer arrows.
      if (zoom > bestZoom * 1.05) {
        bestZoom = zoom;
        best = { rows, endingsPerColumn };
      }
    }
  return best;
}

export const BOX_W = 200;
export const BOX_H = 84;
const GAP_X = 70;
const GAP_Y = 22;
const PAD = 30;
const HEAD = 44;
/** Space between folded rows, for the arrows and their words. */
const ROW_GAP = 60;

/** Label text size and box metrics, in map units. */
export const LABEL_FONT = 15;
export const LABEL_LINE = 18;
export const LABEL_PAD_X = 6;
export const LABEL_PAD_Y = 4;
const LABEL_MAX_W = 240;
const LABEL_MAX_LINES = 3;
/** Space kept between two labels. */
const LABEL_GAP = 3;
/** Points along an arrow tried for its label, best first (the middle, then towards either end). */
const ALONG = [0.5, 0.62, 0.38, 0.72, 0.28, 0.8, 0.2, 0.88, 0.12];

/**
 * A generous estimate of a text's width at LABEL_FONT px in a proportional sans-serif (used where
 * nothing can measure, as in the unit tests; the map itself measures with the real font).
 */
export const estimateWidth: Measure = (text) => {
  let em = 0;
  for (const ch of text) {
    if (/[ilj.,;:'!|()[\]\s]/.test(ch)) em += 0.32;
    else if (/[mwMW@%]/.test(ch)) em += 0.92;
    else if (/[A-Z0-9]/.test(ch)) em += 0.7;
    else em += 0.58;
  }
  return em * LABEL_FONT;
};

export function layoutMap(
  scenario: Scenario,
  measure: Measure = estimateWidth,
  options: LayoutOptions = {},
): MapLayout {
  const nodes = scenario.nodes;
  const index = new Map(nodes.map((n, i) => [n.id, i] as const));
  // Distance from the start (breadth first); nodes no path reaches go after the deepest.
  const depth = new Map<string, number>();
  const queue = [scenario.start];
  depth.set(scenario.start, 0);
  while (queue.length) {
    const id = queue.shift()!;
    const n = nodes[index.get(id) ?? -1];
    if (!n) continue;
    const targets = [...n.choices.map((c) => c.next), n.next].filter((t): t is string => !!t);
    for (const t of targets) {
      if (!depth.has(t) && index.has(t)) {
        depth.set(t, depth.get(id)! + 1);
        queue.push(t);
      }
    }
  }
  const maxDepth = Math.max(0, ...depth.values());
  const edges: MapEdge[] = [];
  const boxes: MapBox[] = [];
  const byColumn = new Map<string, MapBox[]>();
  const place = (box: Omit<MapBox, 'column' | 'x' | 'y' | 'w' | 'h'>, d: number) => {
    const b: MapBox = { ...box, column: 0, x: 0, y: 0, w: BOX_W, h: BOX_H };
    boxes.push(b);
    const col = `${MOMENTS.indexOf(box.moment)}:${String(d).padStart(5, '0')}`;
    const list = byColumn.get(col) ?? [];
    list.push(b);
    byColumn.set(col, list);
  };
  const edge = (e: Omit<MapEdge, 'curve' | 'label'>) => edges.push({ ...e, curve: null, label: null });
  let decides = false;
  for (const n of nodes) {
    place({ key: n.id, kind: 'node', id: n.id, moment: n.moment }, depth.get(n.id) ?? maxDepth + 1);
    for (const c of n.choices) {
      if (c.next) edge({ from: n.id, to: c.next, text: c.text, kind: 'choice', choice: c.id });
      else if (c.ending)
        edge({ from: n.id, to: `ending:${c.ending}`, text: c.text, kind: 'ending', choice: c.id });
      else if (c.endsInterview) {
        decides = true;
        edge({ from: n.id, to: 'decision', text: c.text, kind: 'ends-interview', choice: c.id });
      }
    }
    if (n.next) edge({ from: n.id, to: n.next, text: 'Continue', kind: 'next' });
    if (n.ending) edge({ from: n.id, to: `ending:${n.ending}`, text: 'Continue', kind: 'ending' });
    if (n.endsInterview) {
      decides = true;
      edge({ from: n.id, to: 'decision', text: 'The interview ends', kind: 'ends-interview' });
    }
  }
  const direct = new Set(edges.filter((e) => e.kind === 'ending').map((e) => e.to));
  // The decision after the interview (and every close) leads to the endings chosen by outcome.
  const closes = nodes.some(
    (n) => n.closeAllowed ?? (scenario.closing.allowed === 'anywhere' || n.moment === 'closing'),
  );
  if (decides || closes) {
    place({ key: 'decision', kind: 'decision', id: 'decision', moment: 'after' }, 0);
    for (const e of scenario.endings) {
      if (!direct.has(`ending:${e.id}`))
        edge({ from: 'decision', to: `ending:${e.id}`, text: `Outcome: ${e.outcome}`, kind: 'decides' });
    }
  }
  const perColumn = Math.max(1, options.endingsPerColumn ?? Number.POSITIVE_INFINITY);
  scenario.endings.forEach((e, i) => {
    place(
      { key: `ending:${e.id}`, kind: 'ending', id: e.id, moment: 'after' },
      1 + Math.floor(i / perColumn),
    );
  });
  // Columns in order, folded into rows; boxes stacked in each column.
  const columns = [...byColumn.keys()].sort();
  const rows = Math.max(1, Math.min(options.rows ?? 1, columns.length));
  const perRow = Math.ceil(columns.length / rows);
  let height = 0;
  let width = 0;
  let rowTop = PAD + HEAD;
  const bands: MapLayout['bands'] = [];
  for (let r = 0; r * perRow < columns.length; r++) {
    const rowCols = columns.slice(r * perRow, (r + 1) * perRow);
    let rowBottom = rowTop;
    const rowBands: MapLayout['bands'] = [];
    rowCols.forEach((col, ci) => {
      const list = byColumn.get(col)!;
      const x = PAD + ci * (BOX_W + GAP_X);
      list.forEach((b, i) => {
        b.column = r * perRow + ci;
        b.x = x;
        b.y = rowTop + i * (BOX_H + GAP_Y);
        rowBottom = Math.max(rowBottom, b.y + BOX_H);
      });
      width = Math.max(width, x + BOX_W + PAD);
      const moment = list[0]!.moment;
      const band = rowBands.find((bd) => bd.moment === moment);
      if (band) band.w = x + BOX_W - band.x;
      else rowBands.push({ moment, x, w: BOX_W, y: rowTop - HEAD - PAD, h: 0 });
    });
    for (const b of rowBands) b.h = rowBottom + PAD - b.y;
    bands.push(...rowBands);
    height = Math.max(height, rowBottom + PAD);
    // The next row starts below this one, with room for the arrows' words between.
    rowTop = rowBottom + ROW_GAP + HEAD;
  }
  const byKey = new Map(boxes.map((b) => [b.key, b] as const));
  // Several edges between the same two boxes share a curve bent a little differently.
  const pairCount = new Map<string, number>();
  for (const e of edges) {
    const a = byKey.get(e.from);
    const b = byKey.get(e.to);
    if (!a || !b) continue;
    const pair = `${e.from}>${e.to}`;
    const nth = pairCount.get(pair) ?? 0;
    pairCount.set(pair, nth + 1);
    e.curve = curveBetween(a, b, nth);
  }
  if (options.labels !== false) placeLabels(boxes, edges, measure);
  for (const e of edges) {
    if (!e.label) continue;
    width = Math.max(width, e.label.x + e.label.w + PAD);
    height = Math.max(height, e.label.y + e.label.h + PAD);
  }
  return { boxes, edges, width: Math.max(width, 400), height: Math.max(height, 300), bands };
}

/** The arrow from box a to box b (the nth between them); backward arrows arrive at b's top or bottom. */
function curveBetween(a: MapBox, b: MapBox, nth: number): Curve {
  const back = b.x <= a.x;
  const x1 = a.x + a.w;
  const y1 = a.y + a.h / 2 + (nth % 3) * 8 - 8;
  const x2 = back ? b.x + b.w / 2 : b.x;
  const y2 = back ? b.y + (b.y > a.y ? 0 : b.h) : b.y + b.h / 2;
  const bend = 40 + nth * 18;
  return back
    ? { x1, y1, c1x: x1 + bend, c1y: y1, c2x: x2, c2y: y2 + (b.y > a.y ? -bend : bend), x2, y2 }
    : { x1, y1, c1x: x1 + bend, c1y: y1, c2x: x2 - bend, c2y: y2, x2, y2 };
}

/** The point at t (0 to 1) along a curve. */
export function pointOn(c: Curve, t: number): { x: number; y: number } {
  const u = 1 - t;
  const a = u * u * u;
  const b = 3 * u * u * t;
  const d = 3 * u * t * t;
  const e = t * t * t;
  return {
    x: a * c.x1 + b * c.c1x + d * c.c2x + e * c.x2,
    y: a * c.y1 + b * c.c1y + d * c.c2y + e * c.y2,
  };
}

interface Rect {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** Whether two boxes overlap, or come closer than `gap`. */
export function overlaps(a: Rect, b: Rect, gap = 0): boolean {
  return a.x < b.x + b.w + gap && b.x < a.x + a.w + gap && a.y < b.y + b.h + gap && b.y < a.y + a.h + gap;
}

/** Wraps a text into at most LABEL_MAX_LINES lines of at most LABEL_MAX_W; the rest is cut with "…". */
export function wrapLabel(text: string, measure: Measure): string[] {
  const lines: string[] = [];
  let line = '';
  const words = text.split(/\s+/).filter(Boolean);
  for (let i = 0; i < words.length; i++) {
    let word = words[i]!;
    // A word wider than a line is cut to fit.
    while (measure(word) > LABEL_MAX_W && word.length > 1) {
      let n = word.length - 1;
      while (n > 1 && measure(word.slice(0, n)) > LABEL_MAX_W) n--;
      if (line) {
        lines.push(line);
        line = '';
      }
      lines.push(word.slice(0, n));
      word = word.slice(n);
    }
    const tryLine = line ? `${line} ${word}` : word;
    if (measure(tryLine) <= LABEL_MAX_W) line = tryLine;
    else {
      if (line) lines.push(line);
      line = word;
    }
  }
  if (line) lines.push(line);
  if (lines.length <= LABEL_MAX_LINES) return lines;
  const kept = lines.slice(0, LABEL_MAX_LINES);
  let last = `${kept[LABEL_MAX_LINES - 1]!}…`;
  while (measure(last) > LABEL_MAX_W && last.length > 1) last = `${last.slice(0, -2).trimEnd()}…`;
  kept[LABEL_MAX_LINES - 1] = last;
  return kept;
}

/**
 * Places every arrow's label near a point along its arrow (centred on it, or just above or below
 * it), clear of every box and of the labels of the other arrows leaving the same box (those show
 * together when the box is chosen), preferring the arrow's middle; when no place along the arrow
 * is clear, the nearest clear place above or below (or beside) the arrow's middle.
 */
function placeLabels(boxes: MapBox[], edges: MapEdge[], measure: Measure): void {
  const placed = new Map<string, Rect[]>();
  for (const e of edges) {
    if (!e.curve) continue;
    const c = e.curve;
    const lines = wrapLabel(e.text, measure);
    const w = Math.ceil(Math.max(0, ...lines.map(measure))) + 2 * LABEL_PAD_X;
    const h = lines.length * LABEL_LINE + 2 * LABEL_PAD_Y;
    const siblings = placed.get(e.from) ?? [];
    // Centred on a point, kept on the map.
    const at = (x: number, y: number): Rect => ({
      x: Math.max(0, Math.round(x - w / 2)),
      y: Math.max(0, Math.round(y - h / 2)),
      w,
      h,
    });
    const apart = (r: Rect) => !siblings.some((o) => overlaps(r, o, LABEL_GAP));
    // Words never cover a box: shown on hover, they would hide the next node's title.
    const clear = (r: Rect) => apart(r) && !boxes.some((b) => overlaps(r, b, LABEL_GAP));
    let best: Rect | undefined;
    let bestScore = Number.POSITIVE_INFINITY;
    let rank = 0;
    for (const t of ALONG) {
      const p = pointOn(c, t);
      for (const dy of [0, -(h / 2 + 6), h / 2 + 6]) {
        const r = at(p.x, p.y + dy);
        const score = rank++;
        if (score < bestScore && clear(r)) {
          best = r;
          bestScore = score;
        }
      }
    }
    // Nothing along the arrow is clear: the nearest clear place above or below its middle, then
    // beside it; as a last resort, clear of its sibling labels only (least box covered).
    const mid = pointOn(c, 0.5);
    for (let k = 1; !best && k < 160; k++) {
      for (const [dx, sign] of [
        [0, 1],
        [0, -1],
        [BOX_W / 2, 1],
        [-BOX_W / 2, 1],
      ] as const) {
        const r = at(mid.x + dx, mid.y + sign * k * (LABEL_LINE / 2));
        if (clear(r)) {
          best = r;
          break;
        }
      }
    }
    if (!best) {
      for (let k = 0; !best; k++) {
        for (const sign of [1, -1]) {
          const r = at(mid.x, mid.y + sign * k * (LABEL_LINE / 2));
          if (apart(r)) {
            best = r;
            break;
          }
        }
      }
    }
    e.label = { ...best, lines };
    placed.set(e.from, [...siblings, best]);
  }
}
