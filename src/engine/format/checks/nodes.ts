/** Rule: nodes and their choices: unique ids, targets that exist, exactly one way out, effects and conditions. */
import { ENGINE_VAR_NAMES } from '../engine-vars';
import type { JsonPath } from '../parse';
import { checkBackdrop } from './assets';
import { type CheckContext, quote } from './context';

export function checkNodes(ctx: CheckContext): void {
  const { scenario, nodeIndex, nodeIds, endingIds, endingSet, error } = ctx;
  ctx.duplicates(
    'node',
    scenario.nodes.map((node, i) => ({ id: node.id, path: ['nodes', i, 'id'] })),
  );
  ctx.duplicates(
    'ending',
    scenario.endings.map((e, i) => ({ id: e.id, path: ['endings', i, 'id'] })),
  );

  const checkNode = (id: string, path: JsonPath) => {
    if (nodeIndex.has(id)) return;
    const near = ctx.suggest(id, nodeIds);
    error(
      'missing-node',
      path,
      `there is no node "${id}"${near ? ` — did you mean "${near}"?` : ''}`,
      near
        ? `Change it to "${near}", or add a node with id "${id}".`
        : `Add a node with id "${id}", or point to an existing node.`,
    );
  };
  const checkEnding = (id: string, path: JsonPath) => {
    if (endingSet.has(id)) return;
    const near = ctx.suggest(id, endingIds);
    error(
      'missing-ending',
      path,
      `there is no ending "${id}"${near ? ` — did you mean "${near}"?` : ''}`,
      `Use one of the ending ids: ${quote(endingIds)}, or add an ending "${id}".`,
    );
  };

  checkNode(scenario.start, ['start']);
  scenario.nodes.forEach((node, n) => {
    const np: JsonPath = ['nodes', n];
    checkBackdrop(ctx, node.backdrop, [...np, 'backdrop']);
    if (node.next !== undefined) checkNode(node.next, [...np, 'next']);
    if (node.ending !== undefined) checkEnding(node.ending, [...np, 'ending']);
    const exits = [
      node.choices.length > 0 ? 'choices' : '',
      node.next !== undefined ? 'next' : '',
      node.endsInterview ? 'endsInterview' : '',
      node.ending !== undefined ? 'ending' : '',
    ].filter(Boolean);
    if (exits.length === 0) {
      error(
        'dead-end',
        np,
        `node "${node.id}" leads nowhere: it has no choices, no next, no ending and does not end the interview`,
        'Add choices, a "next" node, an "ending", or "endsInterview": true.',
      );
    } else if (exits.includes('choices') && exits.includes('next')) {
      error(
        'choices-and-next',
        [...np, 'next'],
        `node "${node.id}" has both choices and next; only one can apply`,
        'Remove "next" (the choices decide where to go) or remove the choices.',
      );
    } else if (exits.length > 1) {
      error(
        'node-exits',
        np,
        `node "${node.id}" has more than one way out (${exits.join(', ')}); give exactly one`,
        `Keep one of ${exits.join(', ')} and remove the others.`,
      );
    }
    ctx.duplicates(
      'choice',
      node.choices.map((c, i) => ({ id: c.id, path: [...np, 'choices', i, 'id'] })),
    );
    node.choices.forEach((choice, c) => {
      const cp: JsonPath = [...np, 'choices', c];
      if (choice.next !== undefined) checkNode(choice.next, [...cp, 'next']);
      if (choice.ending !== undefined) checkEnding(choice.ending, [...cp, 'ending']);
      const targets = [
        choice.next !== undefined ? 'next' : '',
        choice.ending !== undefined ? 'ending' : '',
        choice.endsInterview ? 'endsInterview' : '',
      ].filter(Boolean);
      if (targets.length !== 1) {
        error(
          'choice-target',
          cp,
          targets.length === 0
            ? `choice "${choice.id}" goes nowhere`
            : `choice "${choice.id}" has ${targets.join(' and ')}; give exactly one`,
          'Give exactly one of "next", "ending" or "endsInterview": true.',
        );
      }
      if (choice.condition) ctx.walkCondition(choice.condition, [...cp, 'condition']);
      if (choice.effects) {
        ctx.checkDm(choice.effects.dm, [...cp, 'effects', 'dm']);
        for (const how of ['set', 'add'] as const) {
          for (const k of Object.keys(choice.effects[how] ?? {})) {
            if (!ENGINE_VAR_NAMES.has(k)) continue;
            ctx.add(
              'error',
              'read-only-variable',
              [...cp, 'effects', how, k],
              `"${k}" is set by the engine from its record of the close and the follow-up; a choice cannot ${how === 'set' ? 'set' : 'add to'} it`,
              `Remove "${k}" from effects.${how}, or use a variable of your own with another name (conditions may read "${k}" as it is).`,
              true,
            );
          }
        }
      }
    });
  });
}
