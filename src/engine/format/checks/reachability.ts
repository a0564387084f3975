/** Rule: every node can be reached from the start (ignoring conditions). */
import type { CheckContext } from './context';

export function checkReachability(ctx: CheckContext): void {
  const { scenario, reached, nodeIndex } = ctx;
  if (ctx.startIndex === undefined) return;
  scenario.nodes.forEach((node, i) => {
    if (!reached[i] && nodeIndex.get(node.id) === i) {
      ctx.warn(
        'unreachable-node',
        ['nodes', i, 'id'],
        `node "${node.id}" cannot be reached from the start node "${scenario.start}"`,
        `Point a choice or "next" at "${node.id}", or remove the node.`,
      );
    }
  });
}
