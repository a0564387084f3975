import { describe, expect, it } from 'vitest';
import {
  type Action,
  OUTCOME_VALUE,
  type OutcomeName,
  Playthrough,
  type Scenario,
} from '../../../src/engine';
import { choose, closeAction, loadScenario } from '../../support/lessons';

const FILE = 'scenarios/04-two-offers.json';

const load = (): Scenario => loadScenario(FILE);

const close = closeAction;

/** Plays in expected mode; then lets any follow-up rest and accepts any offer, so it ends. */
function play(scenario: Scenario, actions: Action[]): Playthrough {
  const p = Playthrough.start(scenario, { seed: 1, mode: 'expected' });
  for (const a of actions) p.act(a);
  for (let guard = 0; p.view().phase !== 'ended' && guard < 10; guard++) {
    const v = p.view();
    if (v.phase === 'follow-up') p.act({ type: 'let-go' });
    else if (v.phase === 'negotiation') p.act({ type: 'negotiate', move: 'accept-offer' });
    else p.act({ type: 'continue' });
  }
  return p;
}

/** Plays the actions only, leaving the playthrough wherever they lead. */
function walk(scenario: Scenario, actions: Action[]): Playthrough {
  const p = Playthrough.start(scenario, { seed: 1, mode: 'expected' });
  for (const a of actions) p.act(a);
  return p;
}

const closeResponse = (p: Playthrough) => p.responses().find((r) => r.kind === 'close')!;
const outcome = (p: Playthrough): OutcomeName => p.debrief().outcome;

// Strong, specific answers and good questions: Helen ends up keen.
const strong = [
  'ask-leaderboard',
  'which-deal',
  'exact-numbers',
  'deal-story',
  'security-call',
  'own-forecast',
  'discovery-first',
  'ask-why-failed',
  'ask-territory',
  'whats-stalling',
  'see-the-sheet',
  'keep-vague',
  'outgrew-patch',
].map(choose);
// Vague and evasive answers: Helen ends up lukewarm.
const weak = [
  'nap-pod',
  'team-number',
  'deal-vague',
  'blame-procurement',
  'feature-list',
  'ours-is-better',
  'ask-commission',
  'thats-me',
  'keep-vague',
  'nothing-would',
].map(choose);
const points = ['why-territory', 'reason-numbers'];

describe('two-offers: real leverage with a keen decision-maker, and its misuse', () => {
  const scenario = load();

  it('strong answers leave Helen keen and weak ones leave her lukewarm', () => {
    expect(walk(scenario, strong).view().hidden.keenness).toBeGreaterThan(0.8);
    expect(walk(scenario, weak).view().hidden.keenness).toBeLessThan(0.4);
  });

  it('the real offer, said in a firm close to a keen Helen, wins an offer on the spot', () => {
    const withOffer = play(scenario, [...strong, close({ points, leverage: 'brightmoor-offer' })]);
    const without = play(scenario, [...strong, close({ points })]);
    expect(outcome(withOffer)).toBe('offer-now');
    expect(withOffer.debrief().ending.id).toBe('quick-yes');
    expect(closeResponse(withOffer).chance).toBeGreaterThan(closeResponse(without).chance);
  });

  it('the real offer helps even a bare close, and asking at all beats waiting for her call', () => {
    const bare = play(scenario, [...strong, close({ form: 'outright-ask', delivery: 'tentative' })]);
    const bareWithOffer = play(scenario, [
      ...strong,
      close({ form: 'outright-ask', delivery: 'tentative', leverage: 'brightmoor-offer' }),
    ]);
    expect(closeResponse(bareWithOffer).chance).toBeGreaterThan(closeResponse(bare).chance + 0.05);
    const waited = play(scenario, [...strong, choose('thats-all'), { type: 'continue' }]);
    expect(outcome(waited)).toBe('offer-later');
  });

  it('the same leverage bluffed is seen through and does worse than saying nothing', () => {
    const bluff = play(scenario, [...strong, close({ points, leverage: 'orrin-bluff' })]);
    const real = play(scenario, [...strong, close({ points, leverage: 'brightmoor-offer' })]);
    const none = play(scenario, [...strong, close({ points })]);
    const response = closeResponse(bluff);
    expect(response.bluffExposed).toBe(true);
    expect(response.lines.map((l) => l.id)).toContain('resp-bluff-1');
    expect(response.chance).toBeLessThan(closeResponse(none).chance);
    expect(bluff.score().total).toBeLessThan(real.score().total);
  });

  it('with a lukewarm Helen, the real offer lowers the chance and the bluff lowers it further', () => {
    const none = play(scenario, [...weak, close()]);
    const real = play(scenario, [...weak, close({ leverage: 'brightmoor-offer' })]);
    const bluff = play(scenario, [...weak, close({ leverage: 'orrin-bluff' })]);
    expect(closeResponse(real).chance).toBeLessThan(closeResponse(none).chance);
    expect(closeResponse(bluff).chance).toBeLessThan(closeResponse(real).chance);
    expect(OUTCOME_VALUE[outcome(real)]).toBeLessThanOrEqual(OUTCOME_VALUE[outcome(none)]);
    expect(outcome(real)).not.toBe('offer-now');
  });

  it('mentioning the offer in the interview reads differently to a keen and a lukewarm Helen', () => {
    const keen = walk(scenario, strong.slice(0, 11));
    expect(keen.view().choices.map((c) => c.id)).toContain('mention-offer-keen');
    const cool = walk(scenario, weak.slice(0, 8));
    expect(cool.view().choices.map((c) => c.id)).toContain('mention-offer-cool');
    expect(cool.view().choices.map((c) => c.id)).not.toContain('mention-offer-keen');
  });
});
