/**
 * Deterministic synthetic scenarios of any size, for benchmarks and stress tests: a layered
 * graph with 2–3 choices per node, a few effects and conditions, closes allowed only on
 * some nodes, and a last layer whose nodes end the interview. Every node is reachable and
 * every reference resolves, so the result validates without errors. Pure TypeScript.
 */
import { createRandom } from '../random';
import type { ScenarioInput } from './schema';

type NodeInput = ScenarioInput['nodes'][number];
type ChoiceInput = NonNullable<NodeInput['choices']>[number];

const WORDS = [
  'territory',
  'accounts',
  'delivery',
  'customers',
  'margin',
  'targets',
  'renewal',
  'catalogue',
  'pricing',
  'schools',
  'stock',
  'visits',
  'orders',
  'team',
  'route',
  'invoice',
];
const EXPRESSIONS = ['neutral', 'interested', 'sceptical', 'impressed', 'thinking'] as const;
const VARS = ['askedTeam', 'askedPricing', 'evidence', 'visits'] as const;

/**
 * Builds a valid scenario with `nodeCount` nodes (at least 1), the same for the same seed.
 */
export function generateScenario(nodeCount: number, seed: number): ScenarioInput {
  const count = Math.max(1, Math.floor(nodeCount));
  const random = createRandom(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const sentence = (lead: string) => `${lead} ${pick(WORDS)}, ${pick(WORDS)} and ${pick(WORDS)}?`;

  const width = Math.max(1, Math.min(12, Math.ceil(Math.sqrt(count) / 4)));
  const layers: string[][] = [];
  for (let i = 0; i < count; i++) {
    // The start node has a layer of its own, so every layer below it is reached.
    const layer = i === 0 ? 0 : 1 + Math.floor((i - 1) / width);
    layers[layer] ??= [];
    layers[layer].push(`n${i}`);
  }
  const lastLayer = layers.length - 1;

  const nodes: NodeInput[] = [];
  layers.forEach((ids, layer) => {
    const moment = layer === 0 ? 'opening' : layer >= lastLayer - 1 ? 'closing' : 'middle';
    ids.forEach((id, j) => {
      const node: NodeInput = {
        id,
        moment,
        lines: [
          {
            id: `${id}-dm`,
            speaker: layer % 3 === 2 ? 'second' : 'decider',
            text: sentence('What would you do about the'),
            expression: pick(EXPRESSIONS),
          },
        ],
      };
      if (random() < 0.3) node.lines.push({ id: `${id}-you`, speaker: 'candidate', text: 'Let me think.' });
      if (random() < 0.2) node.closeAllowed = true;
      else if (random() < 0.1) node.closeAllowed = false;
      // The first node of each layer offers the close, so every moment the graph has offers it.
      if (j === 0) node.closeAllowed = true;
      if (random() < 0.05) node.coach = 'Listen for what they are worried about.';
      if (layer === lastLayer) {
        node.endsInterview = true;
        node.closeAllowed = true;
      } else {
        const next = layers[layer + 1]!;
        const n = 2 + (random() < 0.5 ? 1 : 0);
        const choices: ChoiceInput[] = [];
        for (let c = 0; c < n; c++) {
          // Choice 0 always targets the same position, so every node of the next layer is reached.
          const target = next[(j + c) % next.length]!;
          const choice: ChoiceInput = { id: `c${c}`, text: sentence('Shall we talk about'), next: target };
          const roll = random();
          if (layer === 0 && c === 0)
            choice.effects = { rapport: 0.05, set: { askedTeam: true }, add: { visits: 1 } };
          else if (layer === 0 && c === 1)
            choice.effects = { keenness: 0.05, set: { askedPricing: true }, add: { evidence: 1 } };
          else if (roll < 0.15) choice.effects = { keenness: 0.05, add: { evidence: 1 } };
          else if (roll < 0.25) choice.effects = { dm: 'second', doubt: -0.05, set: { askedPricing: true } };
          if (c > 0 && random() < 0.2) {
            choice.condition =
              random() < 0.5
                ? { var: pick(VARS), atLeast: 1 }
                : { any: [{ state: 'keenness', atLeast: 0.5 }, { not: { var: 'askedTeam', equals: true } }] };
          }
          choice.quality = pick(['strong', 'fair', 'weak'] as const);
          choices.push(choice);
        }
        if (ids.length > 0 && next.length > ids.length) {
          // A wider next layer: extra choices reach the positions choice 0 cannot.
          for (let k = j + ids.length; k < next.length; k += ids.length) {
            choices.push({ id: `x${k}`, text: sentence('And the'), next: next[k]! });
          }
        }
        node.choices = choices;
      }
      nodes.push(node);
    });
  });

  const person = (id: string, name: string, kind: 'owner-manager' | 'hiring-manager', babble: string) => ({
    id,
    name,
    role: kind === 'owner-manager' ? 'Owner' : 'Sales Manager',
    kind,
    description: `${name} runs the interview.`,
    salary: { currency: 'GBP', min: 26000, max: 34000 },
    portrait: { id: 'dana-whitlock', expressions: [...EXPRESSIONS] },
    voice: { babble },
  });
  const line = (id: string, text: string) => [{ id, speaker: 'decider', text }];

  return {
    formatVersion: 1,
    meta: {
      id: `generated-${count}-${seed}`,
      title: `Generated scenario (${count} nodes)`,
      summary: 'A synthetic scenario for benchmarks.',
      lesson: 'None: it exists to measure the engine.',
      role: {
        title: 'Field Sales',
        company: 'Synthetic Supplies',
        sector: 'office supplies',
        commercial: 0.8,
      },
      difficulty: 'medium',
      minutes: 10,
      tags: ['generated'],
      authors: ['generateScenario'],
      backdrop: 'owner-office',
    },
    situation: {
      stage: 'final',
      nextStage: 'offer',
      candidatesSeen: 3,
      candidatesRemaining: 1,
      vacancies: 1,
      description: 'A synthetic final interview.',
    },
    candidate: {
      name: 'Test Candidate',
      background: 'A synthetic candidate.',
      targetSalary: 30000,
      canAcceptOnSpot: true,
      otherOptions: [
        { id: 'real', kind: 'interview', real: true, text: 'I have another interview.', briefing: 'Real.' },
        { id: 'bluff', kind: 'offer', real: false, text: 'I have another offer.', briefing: 'A bluff.' },
      ],
    },
    decisionMakers: [
      person('decider', 'Dee Cider', 'owner-manager', 'voice-mid'),
      person('second', 'Sec Ond', 'hiring-manager', 'voice-low'),
    ],
    start: 'n0',
    nodes,
    closing: {
      decisionMaker: 'decider',
      allowed: 'closing-moments',
      forms: [
        { form: 'statement-of-intent', text: 'I want this job and will accept now.' },
        { form: 'next-stage', text: 'Can we arrange the next step?' },
      ],
      deliveries: [
        { delivery: 'firm', text: 'calm and direct' },
        { delivery: 'pushy', text: 'leaning in' },
      ],
      points: [
        { id: 'why-team', kind: 'why-us', text: 'Your team.', requires: { var: 'askedTeam', equals: true } },
        {
          id: 'reason-evidence',
          kind: 'reason',
          text: 'My record.',
          requires: { var: 'evidence', atLeast: 1 },
        },
      ],
      commitText: 'I accept now.',
      responses: {
        'offer-now': line('r-offer', 'The job is yours.'),
        'next-stage': line('r-next', 'Come back next week.'),
        'no-decision': line('r-none', 'We will decide later.'),
        rejection: line('r-no', 'Not this time.'),
      },
      afterInterview: {
        'offer-later': line('a-offer', 'We would like to offer you the job.'),
        'next-stage': line('a-next', 'Please come to a second interview.'),
        'no-decision': line('a-none', 'We are still deciding.'),
        rejection: line('a-no', 'We have chosen someone else.'),
      },
    },
    negotiation: {
      moves: [
        { id: 'accept', kind: 'accept', text: 'I accept.' },
        { id: 'counter', kind: 'counter', text: 'Could you do a little more?' },
        { id: 'walk', kind: 'walk-away', text: 'I will have to decline.' },
      ],
      replies: {
        raise: line('n-raise', 'We can go a little higher.'),
        hold: line('n-hold', 'That is our offer.'),
        rescind: line('n-rescind', 'We withdraw the offer.'),
        agreed: line('n-agreed', 'Agreed.'),
      },
    },
    endings: [
      { id: 'offer-now', outcome: 'offer-now', title: 'Offer', debrief: 'You asked and got it.' },
      { id: 'offer-later', outcome: 'offer-later', title: 'Offer later', debrief: 'They called back.' },
      { id: 'next-stage', outcome: 'next-stage', title: 'Next stage', debrief: 'You moved on.' },
      {
        id: 'no-decision',
        outcome: 'no-decision',
        title: 'No decision',
        debrief: 'They are still deciding.',
      },
      { id: 'rejection', outcome: 'rejection', title: 'Rejected', debrief: 'Not this time.' },
      { id: 'withdrawn', outcome: 'withdrawn', title: 'Withdrawn', debrief: 'You walked away.' },
      { id: 'rescinded', outcome: 'offer-rescinded', title: 'Rescinded', debrief: 'The offer was pulled.' },
    ],
  };
}
