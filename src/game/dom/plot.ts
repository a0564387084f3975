import type { HiddenKey, TimelinePoint } from '../../engine';
import { palette, series, seriesDash } from '../../web/theme';
import { type PlotBox, plotX, plotY, seriesPoints, spreadLabels, toPolyline } from '../ui/plot';
import { HIDDEN_LABELS } from './meters';

const NS = 'http://www.w3.org/2000/svg';
const KEYS: HiddenKey[] = ['keenness', 'doubt', 'irritation', 'rapport', 'believesOptions'];
const SHORT: Record<HiddenKey, string> = {
  keenness: 'Keenness',
  doubt: 'Doubt',
  irritation: 'Irritation',
  rapport: 'Rapport',
  believesOptions: 'Options',
};

function svg(tag: string, attrs: Record<string, string | number>, text?: string): SVGElement {
  const el = document.createElementNS(NS, tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
  if (text !== undefined) el.textContent = text;
  return el;
}

/**
 * The hidden state over the conversation: one line per value in colour-blind-safe colours, each with
 * its own dash pattern and a label at its end; the close marked.
 */
export function hiddenStatePlot(timeline: TimelinePoint[], closeActionIndex: number | null): SVGElement {
  const W = 600;
  const H = 300;
  const box: PlotBox = { x: 44, y: 16, width: 440, height: 240 };
  const root = svg('svg', {
    viewBox: `0 0 ${W} ${H}`,
    role: 'img',
    'aria-labelledby': 'plot-title plot-desc',
  });
  const first = timeline[0]?.hidden;
  const last = timeline[timeline.length - 1]?.hidden;
  root.append(svg('title', { id: 'plot-title' }, "The decision-maker's hidden state over the conversation"));
  root.append(
    svg(
      'desc',
      { id: 'plot-desc' },
      KEYS.map(
        (k) =>
          `${HIDDEN_LABELS[k]} from ${Math.round((first?.[k] ?? 0) * 100)}% to ${Math.round((last?.[k] ?? 0) * 100)}%`,
      ).join('; '),
    ),
  );
  for (const v of [0, 0.5, 1]) {
    const y = plotY(v, box);
    root.append(
      svg('line', {
        x1: box.x,
        x2: box.x + box.width,
        y1: y,
        y2: y,
        stroke: palette.panelBorder,
        'stroke-width': 1,
      }),
    );
    root.append(
      svg(
        'text',
        { x: box.x - 8, y: y + 5, 'text-anchor': 'end', 'font-size': 13, fill: palette.inkSoft },
        `${v * 100}%`,
      ),
    );
  }
  const n = timeline.length;
  const closeAt =
    closeActionIndex === null ? -1 : timeline.findIndex((p) => p.actionIndex === closeActionIndex);
  if (closeAt >= 0) {
    const x = plotX(closeAt, n, box);
    root.append(
      svg('line', {
        x1: x,
        x2: x,
        y1: box.y,
        y2: box.y + box.height,
        stroke: palette.accent,
        'stroke-width': 3,
        'stroke-dasharray': '2 4',
      }),
    );
    root.append(
      svg(
        'text',
        {
          x,
          y: box.y + box.height + 18,
          'text-anchor': 'middle',
          'font-size': 14,
          'font-weight': 700,
          fill: palette.accent,
        },
        'Your close',
      ),
    );
  } else {
    root.append(
      svg('text', { x: box.x, y: box.y + box.height + 18, 'font-size': 13, fill: palette.inkSoft }, 'Start'),
    );
    root.append(
      svg(
        'text',
        {
          x: box.x + box.width,
          y: box.y + box.height + 18,
          'text-anchor': 'end',
          'font-size': 13,
          fill: palette.inkSoft,
        },
        'End',
      ),
    );
  }
  const ends: number[] = [];
  for (const k of KEYS) {
    const pts = seriesPoints(
      timeline.map((p) => p.hidden[k] ?? 0),
      box,
    );
    const [dash, gap] = seriesDash[k];
    root.append(
      svg('polyline', {
        points: toPolyline(pts),
        fill: 'none',
        stroke: series[k],
        'stroke-width': 3.5,
        'stroke-linejoin': 'round',
        'stroke-linecap': 'round',
        'stroke-dasharray': gap === 0 ? 'none' : `${dash} ${gap}`,
      }),
    );
    ends.push(pts[pts.length - 1]?.y ?? box.y + box.height);
  }
  const labelYs = spreadLabels(ends, 17, box);
  KEYS.forEach((k, i) => {
    const y = labelYs[i] ?? 0;
    const [dash, gap] = seriesDash[k];
    root.append(
      svg('line', {
        x1: box.x + box.width + 6,
        x2: box.x + box.width + 26,
        y1: y,
        y2: y,
        stroke: series[k],
        'stroke-width': 3.5,
        'stroke-dasharray': gap === 0 ? 'none' : `${Math.min(dash, 6)} ${Math.min(gap, 3)}`,
      }),
      svg(
        'text',
        { x: box.x + box.width + 30, y: y + 5, 'font-size': 14, 'font-weight': 700, fill: palette.ink },
        SHORT[k],
      ),
    );
  });
  return root;
}

/** A legend: a sample of each line's colour and dash with its name. */
export function plotLegend(): HTMLElement {
  const wrap = document.createElement('div');
  wrap.className = 'legend';
  for (const k of KEYS) {
    const item = document.createElement('span');
    const sample = svg('svg', { width: 36, height: 12, 'aria-hidden': 'true' });
    const [dash, gap] = seriesDash[k];
    sample.append(
      svg('line', {
        x1: 2,
        x2: 34,
        y1: 6,
        y2: 6,
        stroke: series[k],
        'stroke-width': 3.5,
        'stroke-dasharray': gap === 0 ? 'none' : `${dash} ${gap}`,
      }),
    );
    item.append(sample, document.createTextNode(HIDDEN_LABELS[k]));
    wrap.append(item);
  }
  return wrap;
}
