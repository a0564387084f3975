/**
 * Rule: when the player may close — the opening, the middle and the closing minutes. Only the
 * moments the scenario has count (a two-node sketch cannot offer a middle), and a node that ends
 * the playthrough offers no close.
 */
import type { CheckContext } from './context';

export function checkCloseMoments(ctx: CheckContext): void {
  const { scenario, reached } = ctx;
  const closeMoments = new Set(
    scenario.nodes
      .filter((node, i) => reached[i] && !node.ending && ctx.closesAt(node))
      .map((node) => node.moment),
  );
  const moments = new Set(scenario.nodes.filter((n, i) => reached[i] && !n.ending).map((n) => n.moment));
  const missing = (['opening', 'middle', 'closing'] as const).filter(
    (m) => moments.has(m) && !closeMoments.has(m),
  );
  if (closeMoments.size < 3 && missing.length > 0) {
    ctx.warn(
      'close-moments',
      ['closing', 'allowed'],
      `the close is on offer only in ${closeMoments.size === 0 ? 'no moment' : `the ${[...closeMoments].join(' and ')} moments`}, never in the ${missing.join(' or ')}: the game, not the player, decides when to close`,
      'Offer the close in the opening, the middle and the closing minutes ("allowed": "anywhere"), and keep "closeAllowed": false only on nodes where an ask makes no sense (mid-exercise, mid-sentence).',
    );
  }
}

/** Whether some node play can reach offers the close. */
export function closeSomewhere(ctx: CheckContext): boolean {
  return ctx.scenario.nodes.some((node, i) => ctx.reached[i] && ctx.closesAt(node));
}
