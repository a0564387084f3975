import { describe, expect, it } from 'vitest';
import { type Action, Playthrough, type Scenario } from '../../../src/engine';
import { choose, closeAction, loadScenario } from '../../support/lessons';

const FILE = 'scenarios/05-price-of-yes.json';

const load = (): Scenario => loadScenario(FILE);

const move = (id: string): Action => ({ type: 'negotiate', move: id });
const close = closeAction;

function play(scenario: Scenario, actions: Action[]): Playthrough {
  const p = Playthrough.start(scenario, { seed: 1, mode: 'expected' });
  for (const a of actions) p.act(a);
  return p;
}

const salary = (p: Playthrough) => {
  const d = p.debrief();
  expect(d.salary).not.toBeNull();
  return d.salary!;
};

// A good interview: Raj is keen by the time he asks "anything you want to ask me?".
const interview = [
  'drink-and-ask',
  'first-client-here',
  'what-kept-them',
  'influencer-test',
  'unhappy-first',
  'cut-in-half',
  'dog-walkers',
  'price-tags',
  'name-68',
  'wren-math',
  'mention-hallow',
  'did-you',
].map(choose);
const toLastOrders = [...interview, { type: 'continue' } as Action];
const points = ['why-pollards', 'why-wren', 'reason-harlow'];

describe('price-of-yes: the yes on the spot costs salary', () => {
  const scenario = load();

  it('saying yes and committing in the close wins the job at once', () => {
    const p = play(scenario, [
      ...toLastOrders,
      choose('ask-start'),
      choose('yes-now'),
      close({ points, commit: true }),
    ]);
    expect(p.view().phase).toBe('ended');
    expect(p.debrief().outcome).toBe('offer-now');
    expect(p.debrief().ending.id).toBe('price-of-yes');
  });

  it('asking for it in writing and negotiating afterwards ends with a higher salary', () => {
    const yes = play(scenario, [
      ...toLastOrders,
      choose('ask-start'),
      choose('yes-now'),
      close({ points, commit: true }),
    ]);
    const later = play(scenario, [
      ...toLastOrders,
      choose('in-writing'),
      { type: 'continue' },
      move('counter-hallow'),
      move('counter-hallow'),
      move('accept-number'),
    ]);
    expect(later.debrief().outcome).toBe('offer-later');
    expect(later.debrief().ending.id).toBe('negotiated-offer');
    expect(salary(later)).toBeGreaterThan(salary(yes));
    expect(salary(later) - salary(yes)).toBeGreaterThanOrEqual(3000);
  });

  it('the same close without the promise to accept opens at the same number, with room to negotiate up', () => {
    const committed = play(scenario, [...toLastOrders, close({ points, commit: true })]);
    expect(committed.view().phase).toBe('ended');
    const open = play(scenario, [...toLastOrders, close({ points })]);
    expect(open.view().phase).toBe('negotiation');
    const opening = open.view().negotiation!.offer;
    // The promise does not lower his first number; it makes it the last one (C3).
    expect(opening).toBe(salary(committed));
    open.act(move('ask-for-68'));
    open.act(move('accept-number'));
    expect(salary(open)).toBeGreaterThan(salary(committed));
  });

  it('committing still raises the chance of an offer on the spot when the close is weaker', () => {
    const spec = { form: 'outright-ask' as const, delivery: 'tentative' as const };
    const weakStart = [
      'straight-to-notes',
      'cycling',
      'people-first',
      'whos-in-charge',
      'case-studies',
      'records',
      'package-first',
      'somewhere-sixties',
      'only-you',
    ].map(choose);
    const committed = play(scenario, [...weakStart, close({ ...spec, commit: true })]);
    const uncommitted = play(scenario, [...weakStart, close(spec)]);
    const chance = (p: Playthrough) => p.responses().find((r) => r.kind === 'close')!.chance;
    expect(chance(committed)).toBeGreaterThan(chance(uncommitted));
  });
});
