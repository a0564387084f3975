/**
 * The first-round-panel lesson, asserted through the engine: early in a process with many
 * candidates still to see, before a process-bound panel, asking outright is premature and
 * asking for the next stage is the close (C4, C5; orderings 2 and 5).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  type CloseSpec,
  type Distribution,
  parseScenario,
  type Scenario,
  type View,
} from '../../../src/engine';
import { playSteps } from '../../support/lessons';

const FILE = 'scenarios/02-first-round-panel.json';

function load(file: string): Scenario {
  const parsed = parseScenario(readFileSync(file, 'utf8'), file);
  if (!parsed.ok) throw new Error(parsed.problems.map((p) => p.message).join('\n'));
  return parsed.scenario;
}

const playTo = playSteps;

const close = (over: Partial<CloseSpec>): CloseSpec => ({
  form: 'next-stage',
  delivery: 'firm',
  points: [],
  leverage: null,
  commit: false,
  ...over,
});

/** Chance the candidate moves forward at all: an offer or the next stage. */
const progress = (d: Distribution | undefined): number =>
  (d?.['offer-now'] ?? 0) + (d?.['next-stage'] ?? 0) + (d?.shortlisted ?? 0);

const scenario = load(FILE);
const STRONG = [
  'ask-about-board',
  '-',
  'clear-thanks',
  'freeze-example',
  'give-figures',
  '-',
  'reopen-rate',
  'members-not-shareholders',
  '-',
  'whole-cost',
  '-',
  'ask-team',
  '-',
  'thats-my-questions',
];
// Fine for Priya, but Tom never hears a number he likes.
const NO_FIGURES = [
  'nice-view',
  'clear-thanks',
  'freeze-example',
  'check-figures',
  '-',
  'reopen-rate',
  'members-not-shareholders',
  '-',
  'customer-wins',
  '-',
  'ask-team',
  '-',
  'thats-my-questions',
];
const POINTS = ['members', 'hire-days'];

const closeAt = (steps: string[], spec: Partial<CloseSpec>): View =>
  playTo(scenario, steps).act({ type: 'close', close: close(spec) });

describe('first-round-panel lesson', () => {
  it('the closing node comes with nine candidates still to see', () => {
    const view = playTo(scenario, STRONG).view();
    expect(view.node?.id).toBe('wrap-up');
    expect(scenario.situation.candidatesRemaining).toBe(9);
    expect(view.close?.forms.map((f) => f.form)).toEqual(
      expect.arrayContaining(['next-stage', 'statement-of-intent']),
    );
  });

  it('asking for the next stage gets the candidate through', () => {
    const view = closeAt(STRONG, { points: POINTS });
    expect(view.response?.result).toBe('next-stage');
    expect(view.ending?.ending.outcome).toBe('next-stage');
  });

  it('an outright statement of intent at the same node is premature (ordering 2)', () => {
    const nextStage = closeAt(STRONG, { points: POINTS });
    for (const form of ['statement-of-intent', 'outright-ask'] as const) {
      const outright = closeAt(STRONG, { form, points: POINTS });
      expect(outright.response?.result).not.toBe('next-stage');
      expect(outright.response?.result).not.toBe('offer-now');
      expect(progress(nextStage.response?.distribution)).toBeGreaterThan(
        progress(outright.response?.distribution) + 0.4,
      );
    }
  });

  it('firm beats tentative, and tentative beats pushy, with a process-bound panel (ordering 5)', () => {
    const chance = (delivery: CloseSpec['delivery']) =>
      closeAt(STRONG, { delivery, points: POINTS }).response?.chance ?? 0;
    expect(chance('firm')).toBeGreaterThan(chance('tentative'));
    expect(chance('tentative')).toBeGreaterThan(chance('pushy'));
    expect(chance('pushy')).toBeLessThan(0.5);
  });

  it('asking for the next stage beats not asking at all', () => {
    const asked = closeAt(STRONG, { points: POINTS });
    const silent = playTo(scenario, STRONG).act({ type: 'choose', choice: 'nothing-to-add' });
    expect(silent.response?.kind).toBe('after-interview');
    expect(progress(asked.response?.distribution)).toBeGreaterThan(progress(silent.response?.distribution));
  });

  it("Tom's state matters: winning him with figures changes the ending", () => {
    const withTom = closeAt(STRONG, { points: POINTS });
    expect(withTom.ending?.ending.id).toBe('through-with-toms-vote');
    const withoutTom = closeAt(NO_FIGURES, { points: ['members'] });
    expect(withoutTom.ending?.ending.outcome).toBe('next-stage');
    expect(withoutTom.ending?.ending.id).toBe('through-to-anita');
  });

  it('persistence that can win an owner-manager barely moves the panel (C7)', () => {
    const panel = playTo(scenario, STRONG);
    panel.act({ type: 'close', close: close({ form: 'statement-of-intent', points: POINTS }) });
    expect(panel.view().phase).toBe('follow-up');
    const panelReply = panel.act({ type: 'persist', act: 'call-priya' });

    const dana = load('scenarios/01-final-say.json');
    const owner = playTo(dana, [
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
      'thank-and-wait',
    ]);
    expect(owner.view().phase).toBe('follow-up');
    const ownerReply = owner.act({ type: 'persist', act: 'ring-dana' });

    const concede = (v: View) => v.response?.distribution['offer-later'] ?? 0;
    expect(concede(ownerReply)).toBeGreaterThan(concede(panelReply) * 5);
  });
});
