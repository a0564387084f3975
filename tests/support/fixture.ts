import { type DecisionMakerKind, Scenario, type ScenarioInput } from '../../src/engine';

export interface FixtureOptions {
  kind?: DecisionMakerKind;
  traits?: Partial<Record<'attunement' | 'processOrientation' | 'patience' | 'authority', number>>;
  initial?: Partial<Record<'keenness' | 'doubt' | 'irritation' | 'rapport' | 'believesOptions', number>>;
  commercial?: number;
  stage?: 'first-round' | 'second-round' | 'final';
  candidatesSeen?: number;
  candidatesRemaining?: number;
  vacancies?: number;
  exposeChance?: number;
  canAcceptOnSpot?: boolean;
}

const line = (id: string, speaker: string, text: string) => ({ id, speaker, text });
const lines = (id: string, text: string) => [line(id, 'dm', text)];

/** A small scenario whose circumstances a test sets: opening → middle → closing, then the end. */
export function fixture(o: FixtureOptions = {}): Scenario {
  const input: ScenarioInput = {
    formatVersion: 1,
    meta: {
      id: 'fixture',
      title: 'Fixture',
      summary: 'A test fixture.',
      lesson: 'Orderings hold.',
      role: {
        title: 'Sales executive',
        company: 'Fixture Ltd',
        sector: 'tests',
        commercial: o.commercial ?? 1,
      },
      difficulty: 'easy',
      minutes: 5,
      authors: ['tests'],
      backdrop: 'owner-office',
    },
    situation: {
      stage: o.stage ?? 'final',
      nextStage: o.stage === 'final' || o.stage === undefined ? 'offer' : 'second-interview',
      candidatesSeen: o.candidatesSeen ?? 5,
      candidatesRemaining: o.candidatesRemaining ?? 0,
      vacancies: o.vacancies ?? 1,
      description: 'Fixture situation.',
    },
    candidate: {
      name: 'Alex',
      background: 'A candidate.',
      targetSalary: 40000,
      canAcceptOnSpot: o.canAcceptOnSpot ?? true,
      otherOptions: [
        { id: 'offer', kind: 'offer', real: true, text: 'I have another offer.', briefing: 'A real offer.' },
        {
          id: 'bluff',
          kind: 'offer',
          real: false,
          exposeChance: o.exposeChance ?? 0.9,
          text: 'I have another offer too.',
          briefing: 'Not real.',
        },
      ],
    },
    decisionMakers: [
      {
        id: 'dm',
        name: 'Dee',
        role: 'Boss',
        kind: o.kind ?? 'owner-manager',
        description: 'The boss.',
        traits: o.traits ?? {},
        initial: { keenness: 0.75, doubt: 0.4, ...o.initial },
        salary: { currency: 'GBP', min: 30000, max: 42000 },
        portrait: { id: 'dana-whitlock', expressions: ['neutral'] },
        voice: { babble: 'voice-low' },
      },
    ],
    start: 'opening',
    nodes: [
      {
        id: 'opening',
        moment: 'opening',
        lines: [line('l1', 'dm', 'Hello.')],
        choices: [{ id: 'a', text: 'Hello.', next: 'middle' }],
      },
      {
        id: 'middle',
        moment: 'middle',
        lines: [line('l2', 'dm', 'Tell me more.')],
        choices: [{ id: 'b', text: 'Sure.', next: 'closing' }],
      },
      { id: 'closing', moment: 'closing', lines: [line('l3', 'dm', 'Any questions?')], endsInterview: true },
    ],
    closing: {
      decisionMaker: 'dm',
      forms: [
        { form: 'statement-of-intent', text: 'I want this job.' },
        { form: 'outright-ask', text: 'Will you offer me the job?' },
        { form: 'next-stage', text: 'Can I have the next interview?' },
        { form: 'shortlist', text: 'Will you shortlist me?' },
        { form: 'tentative', text: 'What happens next?' },
      ],
      deliveries: [
        { delivery: 'firm', text: 'Steady.' },
        { delivery: 'tentative', text: 'Unsure.' },
        { delivery: 'pushy', text: 'Leaning in.' },
        { delivery: 'desperate', text: 'Pleading.' },
      ],
      points: [
        { id: 'why', kind: 'why-us', text: 'I like this firm.' },
        { id: 'reason', kind: 'reason', text: 'I sell well.' },
      ],
      commitText: 'I will accept now.',
      responses: {
        'offer-now': lines('r1', 'Yes.'),
        'next-stage': lines('r2', 'Next stage.'),
        'no-decision': lines('r3', 'Maybe.'),
        rejection: lines('r4', 'No.'),
      },
      afterInterview: {
        'offer-later': lines('a1', 'Offer.'),
        'next-stage': lines('a2', 'Next.'),
        'no-decision': lines('a3', 'Wait.'),
        rejection: lines('a4', 'No.'),
      },
    },
    followUp: {
      days: 8,
      acts: [
        { id: 'email', kind: 'email', label: 'Email', text: 'An email.', intensity: 1 },
        { id: 'call', kind: 'call', label: 'Call', text: 'A call.', intensity: 2 },
        { id: 'visit', kind: 'turn-up', label: 'Turn up', text: 'Turning up.', intensity: 3 },
      ],
      replies: {
        concede: lines('f1', 'Fine, yes.'),
        holding: lines('f2', 'Still no.'),
        closed: lines('f3', 'Stop.'),
      },
      letGoText: 'Let it go',
    },
    negotiation: {
      rounds: 3,
      moves: [
        { id: 'accept', kind: 'accept', text: 'I accept.' },
        { id: 'counter', kind: 'counter', text: 'Could you do more?' },
        { id: 'leverage', kind: 'counter-with-leverage', text: 'My other offer pays more.' },
        { id: 'walk', kind: 'walk-away', text: 'No thanks.' },
      ],
      replies: {
        raise: lines('n1', 'More.'),
        hold: lines('n2', 'No more.'),
        rescind: lines('n3', 'Withdrawn.'),
        agreed: lines('n4', 'Deal.'),
      },
    },
    endings: [
      { id: 'e-now', outcome: 'offer-now', title: 'Now', debrief: 'Offer now.' },
      { id: 'e-later', outcome: 'offer-later', title: 'Later', debrief: 'Offer later.' },
      { id: 'e-next', outcome: 'next-stage', title: 'Next', debrief: 'Next stage.' },
      { id: 'e-short', outcome: 'shortlisted', title: 'Shortlisted', debrief: 'Shortlisted.' },
      { id: 'e-none', outcome: 'no-decision', title: 'None', debrief: 'No decision.' },
      { id: 'e-no', outcome: 'rejection', title: 'No', debrief: 'Rejected.' },
      { id: 'e-walk', outcome: 'withdrawn', title: 'Walked', debrief: 'Walked.' },
      { id: 'e-pulled', outcome: 'offer-rescinded', title: 'Pulled', debrief: 'Pulled.' },
    ],
  };
  return Scenario.parse(input);
}
