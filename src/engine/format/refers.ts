/**
 * Checks what debrief text says it refers to (`refers` on ending lines, choice feedback and
 * follow-up feedback): every node, answer, act and move it names must exist, and a text about
 * answers may not name answers that cannot both be given.
 */
import type { JsonPath } from './parse';
import type { Refers, Scenario } from './schema';

export interface Issue {
  severity: 'error' | 'warning';
  code: string;
  path: JsonPath;
  message: string;
  fix: string;
}

type Kind = 'nodes' | 'choices' | 'acts' | 'moves';
const FIELDS: { key: keyof Refers; kind: Kind; what: string }[] = [
  { key: 'visited', kind: 'nodes', what: 'node' },
  { key: 'notVisited', kind: 'nodes', what: 'node' },
  { key: 'answered', kind: 'choices', what: 'choice' },
  { key: 'notAnswered', kind: 'choices', what: 'choice' },
  { key: 'acts', kind: 'acts', what: 'follow-up act' },
  { key: 'moves', kind: 'moves', what: 'negotiation move' },
];

/** Every `refers` in the scenario, with its path. */
function allRefers(scenario: Scenario): { refers: Refers; path: JsonPath }[] {
  const out: { refers: Refers; path: JsonPath }[] = [];
  scenario.nodes.forEach((n, i) => {
    n.choices.forEach((c, j) => {
      if (c.feedbackRefers)
        out.push({ refers: c.feedbackRefers, path: ['nodes', i, 'choices', j, 'feedbackRefers'] });
    });
  });
  const feedback = (f: unknown, path: JsonPath) => {
    if (!Array.isArray(f)) return;
    f.forEach((x: { refers?: Refers }, k) => {
      if (x.refers) out.push({ refers: x.refers, path: [...path, k, 'refers'] });
    });
  };
  scenario.followUp?.acts.forEach((a, i) => {
    feedback(a.feedback, ['followUp', 'acts', i, 'feedback']);
  });
  feedback(scenario.followUp?.letGoFeedback, ['followUp', 'letGoFeedback']);
  scenario.endings.forEach((e, i) => {
    e.debriefLines?.forEach((l, j) => {
      if (l.refers) out.push({ refers: l.refers, path: ['endings', i, 'debriefLines', j, 'refers'] });
    });
  });
  return out;
}

export function refersIssues(scenario: Scenario): Issue[] {
  const ids: Record<Kind, Set<string>> = {
    nodes: new Set(scenario.nodes.map((n) => n.id)),
    choices: new Set(scenario.nodes.flatMap((n) => n.choices.map((c) => c.id))),
    acts: new Set(scenario.followUp?.acts.map((a) => a.id) ?? []),
    moves: new Set(scenario.negotiation?.moves.map((m) => m.id) ?? []),
  };
  const nodeOf = new Map<string, string>();
  for (const n of scenario.nodes) for (const c of n.choices) nodeOf.set(c.id, n.id);
  const issues: Issue[] = [];
  for (const { refers, path } of allRefers(scenario)) {
    for (const { key, kind, what } of FIELDS) {
      const list = refers[key];
      if (!Array.isArray(list)) continue;
      list.forEach((id, k) => {
        if (ids[kind].has(id)) return;
        issues.push({
          severity: 'error',
          code: 'unknown-reference',
          path: [...path, key, k],
          message: `This text refers to the ${what} "${id}", which the scenario does not have.`,
          fix: `Name an existing ${what}, or remove the reference.`,
        });
      });
    }
    // Two answers at the same node can never both be given: such a text could never be shown.
    const seen = new Map<string, string>();
    for (const c of refers.answered ?? []) {
      const node = nodeOf.get(c);
      if (!node) continue;
      const other = seen.get(node);
      if (other) {
        issues.push({
          severity: 'warning',
          code: 'impossible-reference',
          path: [...path, 'answered'],
          message: `This text needs both "${other}" and "${c}", two answers at the node "${node}": it can never be shown.`,
          fix: 'Keep one of the two answers, or split the text in two.',
        });
      }
      seen.set(node, c);
    }
    const both = (refers.answered ?? []).filter((c) => (refers.notAnswered ?? []).includes(c));
    const bothNodes = (refers.visited ?? []).filter((n) => (refers.notVisited ?? []).includes(n));
    for (const x of [...both, ...bothNodes]) {
      issues.push({
        severity: 'warning',
        code: 'impossible-reference',
        path,
        message: `This text both needs and rules out "${x}": it can never be shown.`,
        fix: 'Remove one of the two.',
      });
    }
  }
  return issues;
}
