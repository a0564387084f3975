import type { ExpressionName } from '../format/schema';
import type { HiddenState } from '../types';

/** The face that shows a decision-maker's hidden state: irritation first, then doubt, then warmth. */
export function expressionFor(h: HiddenState): ExpressionName {
  if (h.irritation >= 0.4) return 'irritated';
  if (h.keenness >= 0.75 && h.doubt < 0.3) return 'impressed';
  if (h.doubt >= 0.55 || h.keenness < 0.3) return 'sceptical';
  if (h.rapport >= 0.55 && h.keenness >= 0.5) return 'warm';
  if (h.keenness >= 0.6) return 'interested';
  if (h.doubt >= 0.4) return 'thinking';
  return 'neutral';
}
