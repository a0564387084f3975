import type { HiddenState } from '../../engine';
import { h } from '../../web/dom/h';
import { series, seriesDash } from '../../web/theme';

export const HIDDEN_LABELS: Record<keyof HiddenState, string> = {
  keenness: 'Keenness',
  doubt: 'Doubt',
  irritation: 'Irritation',
  rapport: 'Rapport',
  believesOptions: 'Believes you have options',
};

const KEYS = Object.keys(HIDDEN_LABELS) as (keyof HiddenState)[];

/** CSS background for a meter fill: the series colour with the series' dash pattern as stripes. */
export function meterFill(key: keyof HiddenState): string {
  const [dash, gap] = seriesDash[key];
  const c = series[key];
  if (gap === 0) return c;
  return `repeating-linear-gradient(90deg, ${c} 0 ${dash}px, rgba(255,255,255,0.55) ${dash}px ${dash + gap}px)`;
}

/** The practice-mode "decision-maker's view": live meters of the hidden state, labelled with numbers. */
export function metersPanel(hidden: HiddenState, name: string): HTMLElement {
  return h(
    'section',
    { class: 'meters panel', 'aria-label': `${name}'s hidden state` },
    h('p', { class: 'eyebrow', text: `${name}'s view` }),
    KEYS.map((k) => {
      const pct = Math.round((hidden[k] ?? 0) * 100);
      return h(
        'div',
        {
          class: 'meter',
          role: 'meter',
          'aria-label': HIDDEN_LABELS[k],
          'aria-valuenow': pct,
          'aria-valuemin': 0,
          'aria-valuemax': 100,
        },
        h('span', { text: HIDDEN_LABELS[k] }),
        h('span', { text: `${pct}%` }),
        h('div', { class: 'bar' }, h('div', { style: `width:${pct}%;background:${meterFill(k)}` })),
      );
    }),
  );
}
