/** Rule: conditions on lines and follow-up coaching, then every variable a condition reads is set somewhere. */
import { ENGINE_VAR_NAMES, ENGINE_VARS } from '../engine-vars';
import type { JsonPath } from '../parse';
import type { Condition } from '../schema';
import type { CheckContext } from './context';

/** Walks the conditions no other rule walks: replies picked by state, and follow-up coaching. */
export function checkLineConditions(ctx: CheckContext): void {
  for (const { line, path } of ctx.allLines)
    if (line.condition) ctx.walkCondition(line.condition, [...path, 'condition']);
  const walkFeedback = (feedback: unknown, path: JsonPath) => {
    if (!Array.isArray(feedback)) return;
    feedback.forEach((f: { condition?: Condition }, i) => {
      if (f.condition) ctx.walkCondition(f.condition, [...path, i, 'condition']);
    });
  };
  ctx.scenario.followUp?.acts.forEach((a, i) => {
    walkFeedback(a.feedback, ['followUp', 'acts', i, 'feedback']);
  });
  walkFeedback(ctx.scenario.followUp?.letGoFeedback, ['followUp', 'letGoFeedback']);
}

/** Runs after every rule that walks conditions. */
export function checkVariables(ctx: CheckContext): void {
  const known = [...ctx.setVars, ...ENGINE_VARS.map((v) => v.name)];
  for (const read of ctx.readVars) {
    if (!ctx.setVars.has(read.name) && !ENGINE_VAR_NAMES.has(read.name)) {
      const near = ctx.suggest(read.name, known);
      ctx.warn(
        'unset-variable',
        read.path,
        `the condition reads the variable "${read.name}", but no choice ever sets it${
          near ? ` — did you mean "${near}"?` : ''
        }`,
        near
          ? `Change it to "${near}", or set "${read.name}" in some choice's effects.set or effects.add.`
          : `Set "${read.name}" in some choice's effects.set or effects.add, or fix the name.`,
      );
    }
  }
}
