import { describe, expect, it } from 'vitest';
import { Playthrough, type Scenario } from '../../../src/engine';
import { closeSpec, loadScenario } from '../../support/lessons';

const FILE = 'scenarios/06-doorstep.json';

const load = (): Scenario => loadScenario(FILE);

/** Plays the choices in order, pressing Continue wherever a node has no choices. */
function playTo(
  scenario: Scenario,
  choices: string[],
  mode: 'expected' | 'realistic' = 'expected',
  seed = 1,
): Playthrough {
  const play = Playthrough.start(scenario, { seed, mode });
  const skip = () => {
    while (play.view().phase === 'interview' && play.view().canContinue) play.act({ type: 'continue' });
  };
  for (const choice of choices) {
    skip();
    play.act({ type: 'choose', choice });
  }
  skip();
  return play;
}

const close = closeSpec;

const scenario = load();

// A decent interview: nothing disastrous, a few fair answers, no homework on the dealership.
const DECENT = [
  'greet-apologise',
  'test-features',
  'why-money',
  'gym-honest',
  'px-fetch-frank',
  'walkin-wait',
  'ask-commission',
  'know-photos',
  'cq-start',
];
// A strong interview: questions first, the forecourt test handled, Keith and the reviews asked about.
const STRONG = [
  'greet-forecourt',
  'test-ask-needs',
  'why-finance-link',
  'gym-honest',
  'px-walkround',
  'walkin-greet',
  'ask-gary',
  'know-reviews',
  'cq-doubts',
];
const POLITE = [
  'thank-you-email',
  'ring-showroom',
  'coffee-drop-in',
  'thank-you-email',
  'ring-showroom',
  'thank-you-email',
];

/** Persists with the acts in order until the follow-up ends; accepts any offer that follows. */
function persist(play: Playthrough, acts: string[]): Playthrough {
  for (const act of acts) {
    if (play.view().phase !== 'follow-up') break;
    play.act({ type: 'persist', act });
  }
  if (play.view().phase === 'follow-up') play.act({ type: 'let-go' });
  if (play.view().phase === 'negotiation') play.act({ type: 'negotiate', move: 'shake-on-it' });
  return play;
}

const afterNo = (choices: string[], mode: 'expected' | 'realistic' = 'expected', seed = 1) =>
  playTo(scenario, [...choices, 'nephew-accept'], mode, seed);

describe('doorstep lesson', () => {
  it('the close is on offer from "Anything else before I let you go?" on, and a decent interview left alone ends in a no', () => {
    // A goodbye is a closing moment with the close on offer (issue 18): before, the close was
    // hidden at Frank's "Anything else before I let you go?" and appeared only at the nephew.
    const atQuestions = playTo(scenario, DECENT.slice(0, -1));
    expect(atQuestions.view().node?.id).toBe('closing-questions');
    expect(atQuestions.view().node?.moment).toBe('closing');
    expect(atQuestions.view().close).not.toBeNull();
    const atNephew = playTo(scenario, DECENT);
    expect(atNephew.view().node?.id).toBe('nephew-reveal');
    expect(atNephew.view().close).not.toBeNull();
    for (const choices of [DECENT, STRONG]) {
      const view = afterNo(choices).view();
      expect(view.phase).toBe('follow-up');
      expect(['rejection', 'no-decision']).toContain(view.followUp?.status);
    }
  });

  // Persistence is bounded by how much Frank wants the candidate (issue 17): after a strong
  // interview (keenness 0.75) polite notes win him round; after a merely decent one (0.45, and
  // doubting) they win only sometimes, and never in expected play.
  it('polite persistence over several days wins the job in expected mode after a strong interview; letting go does not', () => {
    for (const choices of [STRONG]) {
      const persisted = persist(afterNo(choices), POLITE);
      const day = persisted.debrief();
      expect(day.outcome).toBe('offer-later');
      expect(day.ending.id).toBe('won-on-the-forecourt');

      const letGo = afterNo(choices);
      letGo.act({ type: 'let-go' });
      const left = letGo.debrief();
      expect(['rejection', 'no-decision']).toContain(left.outcome);
      expect(day.score.total).toBeGreaterThan(left.score.total);
    }
  });

  it('it takes more than one contact: the first polite email alone does not turn Frank round', () => {
    const play = afterNo(DECENT);
    const view = play.act({ type: 'persist', act: 'thank-you-email' });
    expect(view.response?.result).toBe('holding');
    expect(view.phase).toBe('follow-up');
  });

  it('after a merely decent interview notes alone do not turn a lukewarm, doubting Frank in expected play', () => {
    const play = persist(afterNo(DECENT), POLITE);
    expect(['rejection', 'no-decision']).toContain(play.debrief().outcome);
  });

  it('there is a point where more of it always hurts: turning up day after day never wins and shuts the door', () => {
    const play = afterNo(DECENT);
    const chances: number[] = [];
    while (play.view().phase === 'follow-up') {
      chances.push(play.act({ type: 'persist', act: 'saturday-turn-up' }).response!.chance);
    }
    const debrief = play.debrief();
    expect(debrief.outcome).toBe('rejection');
    expect(debrief.ending.id).toBe('door-shut');
    // The chance rises at first, then only falls as irritation builds.
    const peak = chances.indexOf(Math.max(...chances));
    for (let i = peak + 1; i < chances.length; i++) expect(chances[i]!).toBeLessThan(chances[i - 1]!);
    expect(chances.at(-1)!).toBeLessThan(chances[0]!);
  });

  it('in realistic play, polite persistence wins far more often than letting go', () => {
    let persistedWins = 0;
    let letGoWins = 0;
    const seeds = 120;
    for (let seed = 1; seed <= seeds; seed++) {
      const a = afterNo(STRONG, 'realistic', seed);
      if (a.view().phase === 'follow-up') {
        if (['offer-later', 'offer-now'].includes(persist(a, POLITE.slice(0, 4)).debrief().outcome))
          persistedWins++;
      }
      const b = afterNo(STRONG, 'realistic', seed);
      if (b.view().phase === 'follow-up') {
        b.act({ type: 'let-go' });
        if (b.view().phase === 'negotiation') b.act({ type: 'negotiate', move: 'shake-on-it' });
        if (['offer-later', 'offer-now'].includes(b.debrief().outcome)) letGoWins++;
      }
    }
    expect(persistedWins).toBeGreaterThan(seeds / 2);
    expect(persistedWins).toBeGreaterThan(letGoWins);
  });

  it('answering the "not now" in the room also works with Frank: a firm statement of intent with points', () => {
    const play = playTo(scenario, STRONG);
    const view = play.act({
      type: 'close',
      close: close({ points: ['repeat-trade', 'walk-in-initiative'] }),
    });
    expect(view.response?.result).toBe('offer-now');
    const tentative = playTo(scenario, DECENT).act({
      type: 'close',
      close: close({ form: 'tentative', delivery: 'tentative' }),
    });
    expect(tentative.phase).toBe('follow-up');
  });

  it('withdrawing when family is mentioned gives up a job that persistence could have won', () => {
    const play = playTo(scenario, [...STRONG, 'nephew-step-aside']);
    const debrief = play.debrief();
    expect(debrief.outcome).toBe('withdrawn');
    expect(debrief.ending.id).toBe('stepped-aside');
    expect(debrief.score.total).toBeLessThan(persist(afterNo(STRONG), POLITE).debrief().score.total);
  });
});
