/**
 * fast-check arbitraries for scenario files: valid scenarios built from random graphs
 * (every reference resolves and every node is reachable from the start).
 */
import fc from 'fast-check';
import type { ScenarioInput } from '../../src/engine/format/schema';
import { CLOSE_FORMS, DELIVERIES, EXPRESSIONS } from '../../src/engine/format/schema';

type NodeInput = ScenarioInput['nodes'][number];
type ChoiceInput = NonNullable<NodeInput['choices']>[number];

/** Dialogue text: printable, any script, 1–240 characters, never only spaces. */
export const lineText = fc
  .string({ unit: 'grapheme', minLength: 1, maxLength: 120 })
  .map((s) =>
    [...s]
      .filter((ch) => ch.codePointAt(0)! >= 0x20 && ch !== '\uFFFD')
      .join('')
      .trim(),
  )
  .filter((s) => s.length > 0 && [...s].length <= 240);

const GRAPH_LIMIT = 14;

/** A random graph: a spanning tree from node 0 plus extra edges (cycles allowed). */
const graph = fc.integer({ min: 1, max: GRAPH_LIMIT }).chain((n) =>
  fc.record({
    n: fc.constant(n),
    parents: fc.tuple(...Array.from({ length: n }, (_, i) => fc.nat({ max: Math.max(0, i - 1) }))),
    extra: fc.array(fc.tuple(fc.nat({ max: n - 1 }), fc.nat({ max: n - 1 })), { maxLength: n * 2 }),
    exits: fc.array(fc.constantFrom('ends', 'ending', 'withdraw'), { minLength: n, maxLength: n }),
    viaNext: fc.array(fc.boolean(), { minLength: n, maxLength: n }),
    texts: fc.array(lineText, { minLength: n, maxLength: n }),
    expressions: fc.array(fc.constantFrom(...EXPRESSIONS), { minLength: n, maxLength: n }),
    closeAllowed: fc.array(fc.constantFrom(true, false, undefined), { minLength: n, maxLength: n }),
    moments: fc.array(fc.constantFrom('opening', 'middle', 'closing' as const), {
      minLength: n,
      maxLength: n,
    }),
  }),
);

export const validScenario: fc.Arbitrary<ScenarioInput> = fc
  .record({
    g: graph,
    forms: fc.uniqueArray(fc.constantFrom(...CLOSE_FORMS), { minLength: 1, maxLength: 5 }),
    deliveries: fc.uniqueArray(fc.constantFrom(...DELIVERIES), { minLength: 1, maxLength: 4 }),
    title: lineText.map((t) => t.slice(0, 80) || 'Title'),
    negotiation: fc.boolean(),
    setVar: fc.boolean(),
  })
  .map(({ g, forms, deliveries, title, negotiation, setVar }) => {
    // The parent of node i is parents[i] (< i): a spanning tree, so all nodes are reachable.
    const out = new Map<number, number[]>();
    for (let i = 1; i < g.n; i++) {
      const p = Math.min(g.parents[i]!, i - 1);
      out.set(p, [...(out.get(p) ?? []), i]);
    }
    for (const [a, b] of g.extra) out.set(a, [...(out.get(a) ?? []), b]);
    const nodes: NodeInput[] = [];
    for (let i = 0; i < g.n; i++) {
      const targets = out.get(i) ?? [];
      const node: NodeInput = {
        id: `node-${i}`,
        moment: g.moments[i],
        lines: [{ id: `l-${i}`, speaker: 'dm-a', text: g.texts[i]!, expression: g.expressions[i] }],
      };
      // The start node always allows a close, so an offer on the spot stays possible.
      if (i === 0) node.closeAllowed = true;
      else if (g.closeAllowed[i] !== undefined) node.closeAllowed = g.closeAllowed[i];
      // An edge back makes a loop; a close where it starts keeps a way out (a loop without one is an error).
      if (g.extra.some(([a, b]) => a === i && b <= i)) node.closeAllowed = true;
      if (targets.length === 1 && g.viaNext[i]) {
        node.next = `node-${targets[0]}`;
      } else if (targets.length > 0) {
        node.choices = targets.map(
          (t, c): ChoiceInput => ({
            id: `c-${c}`,
            text: `Go to ${t}`,
            next: `node-${t}`,
            ...(setVar && c === 0
              ? { effects: { set: { flag: true }, add: { score: 1 }, keenness: 0.1 } }
              : {}),
            ...(c > 0 && setVar
              ? {
                  condition: {
                    any: [
                      { var: 'flag', equals: true },
                      { state: 'rapport', atLeast: 0.2 },
                    ],
                  },
                }
              : {}),
          }),
        );
      } else if (g.exits[i] === 'ends') node.endsInterview = true;
      else if (g.exits[i] === 'ending') node.ending = 'end-offer';
      else node.choices = [{ id: 'quit', text: 'I withdraw.', ending: 'end-withdrawn' }];
      nodes.push(node);
    }
    // A valid scenario offers the close at every moment it has (the validator warns otherwise):
    // the first node of each moment that does not end the playthrough allows it.
    for (const moment of ['opening', 'middle', 'closing'] as const) {
      const first = nodes.find((n) => n.moment === moment && !n.ending);
      if (first) first.closeAllowed = true;
    }
    // …and the last node before the interview ends offers it too (the validator warns otherwise).
    for (const n of nodes) {
      const endsHere =
        n.endsInterview ||
        ((n.choices ?? []).length === 0 && !n.next && !n.ending) ||
        (n.choices ?? []).some((c) => c.endsInterview === true || c.ending !== undefined);
      if (endsHere && !n.ending) n.closeAllowed = true;
    }
    const say = (id: string) => [{ id, speaker: 'dm-a', text: 'Words.' }];
    const scenario: ScenarioInput = {
      formatVersion: 1,
      meta: {
        id: 'prop',
        title,
        summary: 'Generated.',
        lesson: 'Ask.',
        role: { title: 'Rep', company: 'Co', sector: 'office supplies', commercial: 0.5 },
        difficulty: 'easy',
        minutes: 5,
        authors: ['fc'],
        backdrop: 'owner-office',
      },
      situation: {
        stage: 'final',
        nextStage: 'offer',
        candidatesSeen: 1,
        candidatesRemaining: 0,
        vacancies: 1,
        description: 'x',
      },
      candidate: { name: 'C', background: 'x', targetSalary: 1000, canAcceptOnSpot: true },
      decisionMakers: [
        {
          id: 'dm-a',
          name: 'A',
          role: 'Owner',
          kind: 'owner-manager',
          description: 'x',
          salary: { currency: 'GBP', min: 900, max: 1100 },
          portrait: { id: 'dana-whitlock', expressions: [...EXPRESSIONS] },
          voice: { babble: 'voice-mid' },
        },
      ],
      start: 'node-0',
      nodes,
      closing: {
        decisionMaker: 'dm-a',
        forms: forms.map((form) => ({ form, text: `I ask (${form}).` })),
        deliveries: deliveries.map((delivery) => ({ delivery, text: 'calmly' })),
        commitText: 'I accept.',
        responses: {
          'offer-now': say('r1'),
          'next-stage': say('r2'),
          'no-decision': say('r3'),
          rejection: say('r4'),
        },
        afterInterview: {
          'offer-later': say('a1'),
          'next-stage': say('a2'),
          'no-decision': say('a3'),
          rejection: say('a4'),
        },
      },
      endings: [
        { id: 'end-offer', outcome: 'offer-now', title: 'Offer', debrief: 'x' },
        // Every outcome a decision can produce has an ending (the validator's missing-outcome-ending check).
        { id: 'end-stage', outcome: 'next-stage', title: 'Next stage', debrief: 'x' },
        { id: 'end-no', outcome: 'rejection', title: 'No', debrief: 'x' },
        { id: 'end-withdrawn', outcome: 'withdrawn', title: 'Withdrawn', debrief: 'x' },
      ],
    };
    const withdrawable = negotiation || JSON.stringify(nodes).includes('"end-withdrawn"');
    if (!withdrawable) scenario.endings.pop();
    if (negotiation) {
      scenario.negotiation = {
        moves: [
          { id: 'yes', kind: 'accept', text: 'Yes.' },
          { id: 'more', kind: 'counter', text: 'More?' },
          { id: 'bye', kind: 'walk-away', text: 'No, thank you.' },
        ],
        replies: { raise: say('n1'), hold: say('n2'), rescind: say('n3'), agreed: say('n4') },
      };
      scenario.endings.push({ id: 'end-pulled', outcome: 'offer-rescinded', title: 'Pulled', debrief: 'x' });
    }
    return scenario;
  });
