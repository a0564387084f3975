import { describe, expect, it } from 'vitest';
import {
  type Action,
  type CloseSpec,
  OUTCOME_VALUE,
  type OutcomeName,
  Playthrough,
  type Scenario,
} from '../../../src/engine';
import { choose, loadScenario } from '../../support/lessons';

const FILE = 'scenarios/03-open-doors.json';

const load = (): Scenario => loadScenario(FILE);

const close = (spec: Partial<CloseSpec> = {}): Action => ({
  type: 'close',
  close: { form: 'outright-ask', delivery: 'firm', points: [], leverage: null, commit: false, ...spec },
});

/** Plays the actions in expected mode, then lets any follow-up rest so the playthrough ends. */
function play(scenario: Scenario, actions: Action[]): Playthrough {
  const p = Playthrough.start(scenario, { seed: 1, mode: 'expected' });
  for (const a of actions) p.act(a);
  while (p.view().phase === 'follow-up') p.act({ type: 'let-go' });
  return p;
}

const outcome = (p: Playthrough): OutcomeName => p.debrief().outcome;
const value = (p: Playthrough) => OUTCOME_VALUE[outcome(p)];
const closeChance = (p: Playthrough) => p.responses().find((r) => r.kind === 'close')!.chance;

// Fair, unremarkable answers up to the moment Marco's headset goes and he has "ten minutes".
const ordinaryStart = ['keep-it-short', 'stay-calm', 'good-induction', 'leave-to-marco'].map(choose);
// The rest of an interview that never asks, ending with the polite goodbye.
const politeRest = [
  'ask-halden',
  'same-pressure',
  'any-pattern',
  'report-it',
  'ask-her-why',
  'let-him-go',
].map(choose);

describe('open-doors: more vacancies than candidates makes an early close welcome', () => {
  const scenario = load();

  it('an outright ask in the middle of a first interview wins an offer on the spot', () => {
    const p = play(scenario, [...ordinaryStart, close()]);
    expect(p.view().ending?.ending.id).toBe('yes-in-the-doorway');
    expect(outcome(p)).toBe('offer-now');
    const factors = p.responses()[0]!.factors.map((f) => f.id);
    expect(factors).not.toContain('premature');
    expect(factors).toContain('vacancies');
  });

  it('the same start followed by the polite goodbye does worse', () => {
    const early = play(scenario, [...ordinaryStart, close()]);
    const waited = play(scenario, [...ordinaryStart, ...politeRest]);
    expect(waited.debrief().closeActionIndex).toBeNull();
    expect(value(waited)).toBeLessThan(value(early));
    expect(waited.score().total).toBeLessThan(early.score().total);
  });

  it('an early ask for the next stage moves on where a cautious, silent interview stalls', () => {
    const nextStage = play(scenario, [...ordinaryStart, close({ form: 'next-stage' })]);
    const cautious = play(scenario, [
      ...ordinaryStart,
      ...['ask-pay-first', 'recover', 'days-only', 'earn-days', 'report-it', 'ask-her-why', 'let-him-go'].map(
        choose,
      ),
    ]);
    // More places than candidates left: the process is complete, so a yes is an offer after the
    // interview, as it would be from silence (a yes never means less than silence, issue 17).
    expect(outcome(nextStage)).toBe('offer-later');
    expect(value(nextStage)).toBeGreaterThan(value(cautious));
  });

  it('the same early ask with one vacancy and ten candidates left is premature (ordering 8)', () => {
    const crowded = structuredClone(scenario);
    crowded.situation.vacancies = 1;
    const open = play(scenario, [...ordinaryStart, close()]);
    const shut = play(crowded, [...ordinaryStart, close()]);
    expect(closeChance(shut)).toBeLessThan(closeChance(open) - 0.3);
    expect(outcome(shut)).not.toBe('offer-now');
    expect(shut.responses()[0]!.factors.map((f) => f.id)).toContain('premature');
  });
});
