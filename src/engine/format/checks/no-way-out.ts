/**
 * Rule: loops with no way out. Ignoring conditions, every reachable node must have a path to a
 * way out of the interview: an ending, the end of the interview, or a place to close. A node
 * whose choices all have conditions can also end the interview when none holds.
 */
import type { CheckContext } from './context';

export function checkWaysOut(ctx: CheckContext): void {
  const { scenario, nodeIndex, reached, startIndex } = ctx;
  if (startIndex === undefined) return;
  const into: number[][] = scenario.nodes.map(() => []);
  const exits = new Uint8Array(scenario.nodes.length);
  scenario.nodes.forEach((node, i) => {
    const closes = node.ending === undefined && ctx.closesAt(node);
    const allGated = node.choices.length > 0 && node.choices.every((ch) => ch.condition);
    if (
      closes ||
      allGated ||
      node.ending !== undefined ||
      node.endsInterview ||
      (node.choices.length === 0 && node.next === undefined) ||
      node.choices.some((ch) => ch.ending !== undefined || ch.endsInterview)
    ) {
      exits[i] = 1;
    }
    const targets = node.choices.length ? node.choices.map((ch) => ch.next) : [node.next];
    for (const t of targets) {
      const j = t === undefined ? undefined : nodeIndex.get(t);
      if (j !== undefined) into[j]!.push(i);
    }
  });
  const out = new Uint8Array(scenario.nodes.length);
  const queue: number[] = [];
  exits.forEach((e, i) => {
    if (e) {
      out[i] = 1;
      queue.push(i);
    }
  });
  while (queue.length > 0) {
    for (const from of into[queue.pop()!]!) {
      if (!out[from]) {
        out[from] = 1;
        queue.push(from);
      }
    }
  }
  // Report where play enters a trap: the start, or a node reached from one with a way out.
  scenario.nodes.forEach((node, i) => {
    if (!reached[i] || out[i] || nodeIndex.get(node.id) !== i) return;
    const entered = i === startIndex || into[i]!.some((from) => reached[from] && out[from]);
    if (!entered) return;
    ctx.error(
      'no-way-out',
      ['nodes', i, 'id'],
      `once play reaches node "${node.id}" it can never leave: no path from it leads to an ending, the end of the interview or a close (a loop with no way out)`,
      'Give a node in the loop a choice with an "ending" or "endsInterview": true, or allow a close there.',
    );
  });
}
