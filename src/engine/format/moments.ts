/**
 * Moments follow the scene. Warns when a node's lines read as the interview winding up (a
 * goodbye, "anything else?") but its moment is not "closing", and when the last node before the
 * interview ends does not offer the close.
 */
import type { JsonPath } from './parse';
import type { Issue } from './refers';
import type { Node, Scenario } from './schema';

/** Phrases a decision-maker uses to wind an interview up (authored assumption, from the library's own scenes). */
const WRAP_UP =
  /\b(anything else\??$|anything else (before|you'd like|you want)|before I let you go|that's us\b|that's everything|that's all (for today|from me|I need|I have)|any (last |final )?questions for (me|us)|we'll be in touch|I'll be in touch|let you get (on|off)|wrap (this|things) up|to wrap up|I think we're done|we're about done)/i;

/** Whether a node's lines read as winding the interview up (spoken by someone other than the candidate). */
export function readsAsWrapUp(node: Node): boolean {
  return node.lines.some(
    (l) => l.speaker !== 'candidate' && l.speaker !== 'narrator' && WRAP_UP.test(l.text),
  );
}

/** Whether the close is on offer at a node, by the same rule the runtime uses. */
function offersClose(scenario: Scenario, node: Node): boolean {
  if (node.ending) return false;
  return node.closeAllowed ?? (scenario.closing.allowed === 'anywhere' || node.moment === 'closing');
}

/** Whether the interview can end straight after this node (by a choice or by the node itself). */
function endsHere(node: Node): boolean {
  if (node.endsInterview) return true;
  if (node.choices.length === 0 && !node.next && !node.ending) return true;
  return node.choices.some((c) => c.endsInterview === true || c.ending !== undefined);
}

export function momentIssues(scenario: Scenario): Issue[] {
  const issues: Issue[] = [];
  scenario.nodes.forEach((node, i) => {
    const path: JsonPath = ['nodes', i, 'moment'];
    if (node.moment !== 'closing' && readsAsWrapUp(node)) {
      issues.push({
        severity: 'warning',
        code: 'moment-wrap-up',
        path,
        message: `The node "${node.id}" reads as the interview winding up, but its moment is "${node.moment}": the game will label it so and judge a close here as early.`,
        fix: 'Set "moment": "closing" on this node, or reword its lines.',
      });
    }
    if (readsAsWrapUp(node) && !offersClose(scenario, node) && !node.ending) {
      issues.push({
        severity: 'warning',
        code: 'wrap-up-no-close',
        path: ['nodes', i],
        message: `The node "${node.id}" reads as the interview winding up, but the close is not on offer there.`,
        fix: 'A goodbye or "anything else?" is the natural moment to ask: allow the close here.',
      });
    }
    if (endsHere(node) && !offersClose(scenario, node)) {
      issues.push({
        severity: 'warning',
        code: 'last-node-no-close',
        path: ['nodes', i],
        message: `The interview can end after the node "${node.id}", but the close is not on offer there: the player never gets a last chance to ask.`,
        fix: 'Make this a closing moment ("moment": "closing") or set "closeAllowed": true.',
      });
    }
  });
  return issues;
}
