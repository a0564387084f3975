import type { ExpressionName } from '../format/schema';
import type { HiddenState } from '../types';
import { FACES } from './weights';

/** The face that shows a decision-maker's hidden state: irritation first, then doubt, then warmth. */
export function expressionFor(h: HiddenState): ExpressionName {
  if (h.irritation >= FACES.irritated) return 'irritated';
  if (h.keenness >= FACES.impressedKeenness && h.doubt < FACES.impressedDoubt) return 'impressed';
  if (h.doubt >= FACES.scepticalDoubt || h.keenness < FACES.scepticalKeenness) return 'sceptical';
  if (h.rapport >= FACES.warmRapport && h.keenness >= FACES.warmKeenness) return 'warm';
  if (h.keenness >= FACES.interestedKeenness) return 'interested';
  if (h.doubt >= FACES.thinkingDoubt) return 'thinking';
  return 'neutral';
}
