/**
 * The story map's layout, pure: columns left to right by moment (opening, middle, closing, then
 * what comes after the interview), and within a moment by distance from the start; boxes stacked
 * in each column. Edges are the choices and "next" links, the endings and the decision after the interview.
 */
import type { Scenario } from '../../engine/format/schema';

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
}

export interface MapLayout {
  boxes: MapBox[];
  edges: MapEdge[];
  width: number;
  height: number;
  /** Left edge and width of each moment's band, for the headings. */
  bands: { moment: Moment; x: number; w: number }[];
}

export const BOX_W = 200;
export const BOX_H = 84;
const GAP_X = 70;
const GAP_Y = 22;
const PAD = 30;
const HEAD = 44;

export function layoutMap(scenario: Scenario): MapLayout {
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
  let decides = false;
  for (const n of nodes) {
    place({ key: n.id, kind: 'node', id: n.id, moment: n.moment }, depth.get(n.id) ?? maxDepth + 1);
    for (const c of n.choices) {
      if (c.next) edges.push({ from: n.id, to: c.next, text: c.text, kind: 'choice', choice: c.id });
      else if (c.ending)
        edges.push({ from: n.id, to: `ending:${c.ending}`, text: c.text, kind: 'ending', choice: c.id });
      else if (c.endsInterview) {
        decides = true;
        edges.push({ from: n.id, to: 'decision', text: c.text, kind: 'ends-interview', choice: c.id });
      }
    }
    if (n.next) edges.push({ from: n.id, to: n.next, text: 'Continue', kind: 'next' });
    if (n.ending) edges.push({ from: n.id, to: `ending:${n.ending}`, text: 'Continue', kind: 'ending' });
    if (n.endsInterview) {
      decides = true;
      edges.push({ from: n.id, to: 'decision', text: 'The interview ends', kind: 'ends-interview' });
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
        edges.push({
          from: 'decision',
          to: `ending:${e.id}`,
          text: `Outcome: ${e.outcome}`,
          kind: 'decides',
        });
    }
  }
  for (const e of scenario.endings) {
    place({ key: `ending:${e.id}`, kind: 'ending', id: e.id, moment: 'after' }, 1);
  }
  // Columns in order; boxes stacked.
  const columns = [...byColumn.keys()].sort();
  let height = 0;
  const bands: MapLayout['bands'] = [];
  columns.forEach((col, ci) => {
    const list = byColumn.get(col)!;
    const x = PAD + ci * (BOX_W + GAP_X);
    list.forEach((b, i) => {
      b.column = ci;
      b.x = x;
      b.y = PAD + HEAD + i * (BOX_H + GAP_Y);
      height = Math.max(height, b.y + BOX_H + PAD);
    });
    const moment = list[0]!.moment;
    const band = bands.find((bd) => bd.moment === moment);
    if (band) band.w = x + BOX_W - band.x;
    else bands.push({ moment, x, w: BOX_W });
  });
  const width = PAD + columns.length * (BOX_W + GAP_X) - GAP_X + PAD;
  return { boxes, edges, width: Math.max(width, 400), height: Math.max(height, 300), bands };
}
