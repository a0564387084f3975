/**
 * What a line says it refers to (the debrief's sentences follow the play) and whether a node's
 * moment matches its lines (a wrap-up is a closing moment with the close on offer): the rules
 * live beside the runtime's record in `../refers.ts` and `../moments.ts`; this file runs them.
 */
import { momentIssues } from '../moments';
import { refersIssues } from '../refers';
import type { CheckContext } from './context';

export function checkRefersAndMoments(ctx: CheckContext): void {
  for (const i of [...refersIssues(ctx.scenario), ...momentIssues(ctx.scenario)])
    ctx.add(i.severity, i.code, i.path, i.message, i.fix);
}
