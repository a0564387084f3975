import { describe, expect, it } from 'vitest';
import type { CloseSpec, Scenario } from '../../../src/engine';
import { closeSpec, loadScenario, playSteps } from '../../support/lessons';

const FILE = 'scenarios/00-tutorial.json';

const load = (): Scenario => loadScenario(FILE);

const playTo = playSteps;

const close = closeSpec;

const scenario = load();
// A well-prepared run that takes the guided route to the last closing node.
const PREPARED = [
  '-',
  '-',
  'ask-dog',
  '-',
  'swim-lanes',
  '-',
  'ask-route-setting',
  '-',
  '-',
  'saturdays-fine',
  '-',
  '-',
  'show-parts',
  '-',
  '-',
];

describe('tutorial lesson', () => {
  it('reaches the closing node with the close on offer and the earned points', () => {
    const view = playTo(scenario, PREPARED).view();
    expect(view.node?.id).toBe('close-now');
    expect(view.node?.coach).toBeTruthy();
    expect(view.close).not.toBeNull();
    expect(view.close?.points.map((p) => p.id)).toEqual(
      expect.arrayContaining(['used-it', 'route-setting', 'swim-club', 'saturday-mornings']),
    );
  });

  it('only offers a point after the question that earns it', () => {
    const skipped = [
      '-',
      '-',
      'get-started',
      'swim-lanes',
      '-',
      'ask-holiday',
      '-',
      '-',
      'saturdays-fine',
      '-',
      '-',
      'show-parts',
      '-',
      '-',
    ];
    const view = playTo(scenario, skipped).view();
    expect(view.node?.id).toBe('close-now');
    expect(view.close?.points.map((p) => p.id)).not.toContain('route-setting');
  });

  it('a firm statement of intent with a reason wins the offer on the call', () => {
    const play = playTo(scenario, PREPARED);
    const view = play.act({ type: 'close', close: close({ points: ['route-setting', 'swim-club'] }) });
    expect(view.phase).toBe('ended');
    expect(view.ending?.ending.outcome).toBe('offer-now');
    expect(view.ending?.ending.id).toBe('offer-on-the-call');
  });

  it('asking beats leaving it to Sam (C8: asking removes doubt)', () => {
    const asked = playTo(scenario, PREPARED).act({
      type: 'close',
      close: close({ points: ['route-setting', 'swim-club'] }),
    });
    const silent = playTo(scenario, PREPARED).act({ type: 'choose', choice: 'leave-it' });
    expect(asked.response?.result).toBe('offer-now');
    expect(silent.phase).toBe('ended');
    expect(silent.ending?.ending.outcome).not.toBe('offer-now');
    expect(silent.response?.kind).toBe('after-interview');
    expect(asked.response?.chance ?? 0).toBeGreaterThan(silent.response?.chance ?? 1);
  });

  it('a firm delivery beats a tentative one, which beats a pushy one', () => {
    const chance = (delivery: CloseSpec['delivery']) =>
      playTo(scenario, PREPARED).act({ type: 'close', close: close({ delivery, points: ['used-it'] }) })
        .response?.chance ?? 0;
    expect(chance('firm')).toBeGreaterThan(chance('tentative'));
    expect(chance('tentative')).toBeGreaterThan(chance('pushy'));
  });

  it('the no-close route ends in the ending that explains why asking matters', () => {
    const view = playTo(scenario, [...PREPARED.slice(0, 12), 'just-thanks', 'end-call']).view();
    expect(view.phase).toBe('ended');
    expect(['offer-after-silence', 'left-him-guessing', 'not-this-time']).toContain(view.ending?.ending.id);
  });
});
