import { describe, expect, it } from 'vitest';
import type { CloseSpec, Scenario, View } from '../../../src/engine';
import { closeSpec, loadScenario, playSteps } from '../../support/lessons';

const FILE = 'scenarios/01-final-say.json';

const load = (): Scenario => loadScenario(FILE);

const playTo = playSteps;

const close = closeSpec;

const scenario = load();
// A decent but not perfect interview: a fair answer on Gary's accounts and a so-so answer on commitment.
const DECENT = [
  'tea-and-vans',
  '-',
  'good-prices',
  '-',
  'sell-the-service',
  '-',
  'ask-five-years',
  '-',
  'thats-all',
  'pay-and-road',
  '-',
  'brown-sauce',
];
const PREPARED_POINTS = ['family-firm', 'whole-catalogue'];

const closeAt = (steps: string[], spec: Partial<CloseSpec>): View =>
  playTo(scenario, steps).act({ type: 'close', close: close(spec) });

describe('final-say lesson', () => {
  it('the closing node is where everyone has been seen and the close is on offer', () => {
    const view = playTo(scenario, DECENT).view();
    expect(view.node?.id).toBe('last-word');
    expect(view.node?.moment).toBe('closing');
    expect(view.close?.points.map((p) => p.id)).toEqual(expect.arrayContaining(PREPARED_POINTS));
  });

  it('a firm statement of intent with points wins an offer on the spot', () => {
    const view = closeAt(DECENT, { points: PREPARED_POINTS });
    expect(view.response?.result).toBe('offer-now');
  });

  it('a tentative question about next steps does not', () => {
    const view = closeAt(DECENT, { form: 'tentative', delivery: 'tentative' });
    expect(view.response?.result).not.toBe('offer-now');
    expect(view.response?.distribution['offer-now'] ?? 0).toBeLessThan(0.1);
  });

  it('firm beats tentative delivery with an attuned owner (C9)', () => {
    const firm = closeAt(DECENT, { points: PREPARED_POINTS }).response?.chance ?? 0;
    const tentative =
      closeAt(DECENT, { delivery: 'tentative', points: PREPARED_POINTS }).response?.chance ?? 1;
    expect(firm).toBeGreaterThan(tentative);
  });

  it('supporting points raise the chance of an offer (C12)', () => {
    const withPoints = closeAt(DECENT, { points: PREPARED_POINTS }).response?.chance ?? 0;
    const without = closeAt(DECENT, {}).response?.chance ?? 1;
    expect(withPoints).toBeGreaterThan(without);
  });

  it('asking beats leaving Dana to decide alone', () => {
    const asked = closeAt(DECENT, { points: PREPARED_POINTS });
    const silent = playTo(scenario, DECENT).act({ type: 'choose', choice: 'thank-and-wait' });
    expect(silent.response?.kind).toBe('after-interview');
    expect(asked.response?.chance ?? 0).toBeGreaterThan(silent.response?.chance ?? 1);
  });

  it('committing on the spot ends at once but at a lower salary than a negotiated offer (C3)', () => {
    const committed = closeAt(DECENT, { points: PREPARED_POINTS, commit: true });
    expect(committed.phase).toBe('ended');
    expect(committed.ending?.ending.outcome).toBe('offer-now');

    const negotiating = playTo(scenario, DECENT);
    const offered = negotiating.act({ type: 'close', close: close({ points: PREPARED_POINTS }) });
    expect(offered.phase).toBe('negotiation');
    // The promise made her first number final; without it, one ask raises it (C3).
    expect(offered.negotiation?.offer).toBe(committed.ending?.salary);
    negotiating.act({ type: 'negotiate', move: 'ask-for-more' });
    const accepted = negotiating.act({ type: 'negotiate', move: 'accept-offer' });
    expect(accepted.ending?.ending.outcome).toBe('offer-now');
    expect(committed.ending?.salary ?? Infinity).toBeLessThan(accepted.ending?.salary ?? 0);
  });

  it('a strong interview earns more points to close with than a weak one', () => {
    const weak = [
      'no-tea-notes',
      '-',
      'some-will-drift',
      '-',
      'match-price',
      '-',
      'ask-commission',
      '-',
      'thats-all',
      'keeping-options-open',
      '-',
      'join-remotely',
      '-',
    ];
    const view = playTo(scenario, weak).view();
    expect(view.node?.id).toBe('last-word');
    expect(view.close?.points.map((p) => p.id)).toEqual(['family-firm']);
    const weakChance = closeAt(weak, { points: ['family-firm'] }).response?.chance ?? 1;
    const decentChance = closeAt(DECENT, { points: PREPARED_POINTS }).response?.chance ?? 0;
    expect(decentChance).toBeGreaterThan(weakChance);
  });

  it('a real deal-breaker leads to the honest withdrawal ending', () => {
    const view = playTo(scenario, [...DECENT.slice(0, -1), 'deal-breaker']).view();
    expect(view.phase).toBe('ended');
    expect(view.ending?.ending.id).toBe('walked-away');
    expect(view.ending?.ending.outcome).toBe('withdrawn');
  });
});
