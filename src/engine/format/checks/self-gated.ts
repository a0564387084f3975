/** Rule: a choice offered only once a variable is set that only this choice sets. */
import type { Condition } from '../schema';
import type { CheckContext } from './context';

export function checkSelfGatedChoices(ctx: CheckContext): void {
  const { scenario } = ctx;
  const setters = new Map<string, number>();
  for (const node of scenario.nodes) {
    for (const choice of node.choices) {
      const names = new Set([
        ...Object.keys(choice.effects?.set ?? {}),
        ...Object.keys(choice.effects?.add ?? {}),
      ]);
      for (const k of names) setters.set(k, (setters.get(k) ?? 0) + 1);
    }
  }
  scenario.nodes.forEach((node, n) => {
    node.choices.forEach((choice, c) => {
      if (!choice.condition || !choice.effects) return;
      const own = { ...choice.effects.set, ...choice.effects.add };
      for (const name of requiredVars(choice.condition)) {
        if (Object.hasOwn(own, name) && setters.get(name) === 1) {
          ctx.warn(
            'self-gated-choice',
            ['nodes', n, 'choices', c, 'condition'],
            `choice "${choice.id}" is offered only once "${name}" is set, but only this choice sets it, so it can never be offered`,
            `Set "${name}" in an earlier choice's effects, or change the condition.`,
          );
        }
      }
    });
  });
}

/**
 * Variables a condition needs to be set: those read by a `var` test, not under `not` or `any`,
 * that fails while the variable is unset (unset reads as false, or 0).
 */
function requiredVars(cond: Condition): string[] {
  if ('all' in cond) return cond.all.flatMap(requiredVars);
  if (!('var' in cond)) return [];
  if (cond.equals !== undefined && cond.equals !== false) return [cond.var];
  if ((cond.atLeast !== undefined && cond.atLeast > 0) || (cond.atMost !== undefined && cond.atMost < 0))
    return [cond.var];
  return [];
}
