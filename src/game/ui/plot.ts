/** Pure scaling for the debrief's plot of the decision-maker's hidden state over the conversation. */

export interface PlotBox {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface PlotPoint {
  x: number;
  y: number;
}

/** X position of the i-th of n points across the box (a single point sits in the middle). */
export function plotX(i: number, n: number, box: PlotBox): number {
  if (n <= 1) return box.x + box.width / 2;
  return box.x + (box.width * i) / (n - 1);
}

/** Y position of a value 0–1 (clamped): 1 at the top of the box. */
export function plotY(value: number, box: PlotBox): number {
  const v = Number.isFinite(value) ? Math.min(1, Math.max(0, value)) : 0;
  return box.y + box.height * (1 - v);
}

/** The points of one series. */
export function seriesPoints(values: number[], box: PlotBox): PlotPoint[] {
  return values.map((v, i) => ({ x: plotX(i, values.length, box), y: plotY(v, box) }));
}

/** An SVG polyline `points` attribute. */
export function toPolyline(points: PlotPoint[]): string {
  return points.map((p) => `${round1(p.x)},${round1(p.y)}`).join(' ');
}

/**
 * Y positions for end-of-line labels, nudged apart so that no two are closer than `gap`
 * while staying inside the box.
 */
export function spreadLabels(ys: number[], gap: number, box: PlotBox): number[] {
  const order = ys.map((y, i) => ({ y, i })).sort((a, b) => a.y - b.y);
  const out = new Array<number>(ys.length);
  let prev = Number.NEGATIVE_INFINITY;
  for (const item of order) {
    const y = Math.max(item.y, prev + gap, box.y);
    out[item.i] = y;
    prev = y;
  }
  // If the stack runs off the bottom, shift it back up.
  const overflow = prev - (box.y + box.height);
  if (overflow > 0) {
    for (let k = 0; k < out.length; k++) out[k] = Math.max(box.y, (out[k] as number) - overflow);
  }
  return out;
}

function round1(n: number): number {
  return Math.round(n * 10) / 10;
}
