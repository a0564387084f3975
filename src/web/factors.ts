/**
 * The factors that moved a decision, largest first, as one list for the solo debrief and the
 * session debrief alike: each row is the points it moved (signed, coloured by direction) and its
 * sentence.
 */
import type { Factor } from '../engine';
import { h } from './dom/h';
import { formatPoints } from './format';

export interface FactorListOptions {
  /** The heading's element (the solo debrief's sections are h2, the session debrief's team columns h4). */
  heading?: 'h2' | 'h3' | 'h4';
  headingClass?: string;
  /** Show at most this many factors (the largest). */
  limit?: number;
}

/** A titled list of factors sorted by how much they moved the chance, or null when there are none. */
export function factorList(
  title: string,
  factors: Factor[],
  opts: FactorListOptions = {},
): HTMLElement | null {
  if (factors.length === 0) return null;
  const sorted = [...factors].sort((a, b) => Math.abs(b.points) - Math.abs(a.points));
  const shown = opts.limit === undefined ? sorted : sorted.slice(0, opts.limit);
  return h(
    'section',
    {},
    h(opts.heading ?? 'h2', { class: opts.headingClass ?? 'h3', text: title }),
    h(
      'ul',
      { class: 'factors' },
      shown.map((f) =>
        h(
          'li',
          {},
          h('span', {
            class: `pts ${f.points > 0.5 ? 'pos' : f.points < -0.5 ? 'neg' : ''}`,
            text: formatPoints(f.points),
          }),
          h('span', { text: f.text }),
        ),
      ),
    ),
  );
}
