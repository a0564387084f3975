/**
 * The full-pipeline lesson, asserted through the engine: the persistence that can win over an
 * owner-manager backfires with a process-bound recruiter and a full pipeline. One polite email is
 * the limit; every path that persists more than twice ends worse than one that stops, and turning
 * up is the worst act of all (C7, the negative side of ordering 9; C5 for the close that fits).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  type CloseSpec,
  type Debrief,
  OUTCOME_VALUE,
  Playthrough,
  parseScenario,
  type Scenario,
} from '../../../src/engine';
import { playChoices } from '../../support/lessons';

function load(file: string): Scenario {
  const parsed = parseScenario(readFileSync(file, 'utf8'), file);
  if (!parsed.ok) throw new Error(parsed.problems.map((p) => p.message).join('\n'));
  return parsed.scenario;
}

const playTo = playChoices;

const close = (over: Partial<CloseSpec>): CloseSpec => ({
  form: 'shortlist',
  delivery: 'firm',
  points: [],
  leverage: null,
  commit: false,
  ...over,
});

const scenario = load('scenarios/07-full-pipeline.json');
const ACTS = scenario.followUp!.acts.map((a) => a.id);

// A decent interview: two strong answers, some thin ones, and a question about timing.
const DECENT = [
  'open-warm',
  'outline-fine',
  'cust-star',
  'int-never',
  'res-move-on',
  'mot-first-home',
  'ask-discovery',
  'more-timeline',
];

const afterInterview = () => playTo(scenario, [...DECENT, 'wrap-thanks']);

/** Persists with the acts in order (while the follow-up lasts), then lets it rest. */
function followUp(acts: string[]): Debrief {
  const play = afterInterview();
  for (const act of acts) {
    if (play.view().phase !== 'follow-up') break;
    play.act({ type: 'persist', act });
  }
  if (play.view().phase === 'follow-up') play.act({ type: 'let-go' });
  if (play.view().phase === 'negotiation')
    play.act({ type: 'negotiate', move: scenario.negotiation!.moves[0]!.id });
  return play.debrief();
}

/** Every sequence of `n` acts. */
function sequences(n: number): string[][] {
  if (n === 0) return [[]];
  return sequences(n - 1).flatMap((s) => ACTS.map((a) => [...s, a]));
}

const worse = (a: Debrief, b: Debrief) =>
  OUTCOME_VALUE[a.outcome] < OUTCOME_VALUE[b.outcome] ||
  (OUTCOME_VALUE[a.outcome] === OUTCOME_VALUE[b.outcome] && a.score.total < b.score.total);

describe('full-pipeline lesson', () => {
  it('a decent first-round interview left to the process ends in "no decision yet" and the follow-up days', () => {
    const view = afterInterview().view();
    expect(view.phase).toBe('follow-up');
    expect(view.followUp?.status).toBe('no-decision');
  });

  it('one polite email then waiting keeps the candidate in the queue', () => {
    const debrief = followUp(['polite-email']);
    expect(debrief.outcome).toBe('no-decision');
    expect(debrief.ending.id).toBe('still-in-the-queue');
  });

  it('every path that persists more than twice ends worse than one that stops after one polite email', () => {
    const stopped = followUp(['polite-email']);
    for (const n of [3, 4]) {
      for (const acts of sequences(n)) {
        const debrief = followUp(acts);
        expect(worse(debrief, stopped), acts.join(' > ')).toBe(true);
        expect(debrief.outcome, acts.join(' > ')).toBe('rejection');
      }
    }
  });

  it('every act past the first polite one makes things worse', () => {
    const stopped = followUp(['polite-email']);
    for (const act of ACTS) {
      const debrief = followUp(['polite-email', act]);
      expect(worse(debrief, stopped), act).toBe(true);
    }
  });

  it('turning up is the worst single act, and it closes the application', () => {
    const byAct = ACTS.map((act) => ({ act, debrief: followUp([act]) }));
    const turnUp = byAct.find((x) => x.act === 'turn-up-hq')!;
    for (const other of byAct) {
      if (other.act !== 'turn-up-hq')
        expect(turnUp.debrief.score.total).toBeLessThan(other.debrief.score.total);
    }
    expect(turnUp.debrief.outcome).toBe('rejection');
    expect(turnUp.debrief.ending.id).toBe('application-closed');
  });

  it('Claire almost never concedes to persistence, where Frank often does (C7)', () => {
    const play = afterInterview();
    const chance = play.act({ type: 'persist', act: 'polite-email' }).response!.chance;
    expect(chance).toBeLessThan(0.05);

    const doorstep = load('scenarios/06-doorstep.json');
    const frank = Playthrough.start(doorstep, { seed: 1, mode: 'expected' });
    while (frank.view().phase === 'interview') {
      const v = frank.view();
      if (v.choices.length > 0) {
        frank.act({
          type: 'choose',
          choice: v.node?.id === 'nephew-reveal' ? 'nephew-accept' : v.choices[0]!.id,
        });
      } else frank.act({ type: 'continue' });
    }
    expect(frank.view().phase).toBe('follow-up');
    const frankChance = frank.act({ type: 'persist', act: 'thank-you-email' }).response!.chance;
    expect(frankChance).toBeGreaterThan(chance * 5);
  });

  it('what works instead is the right-sized close: asking for Discovery Day at the end', () => {
    const asked = playTo(scenario, DECENT);
    asked.act({ type: 'close', close: close({ points: ['first-home-hubs', 'counter-experience'] }) });
    const debrief = asked.debrief();
    expect(debrief.outcome).toBe('shortlisted');
    expect(debrief.ending.id).toBe('discovery-day');
    expect(debrief.score.total).toBeGreaterThan(followUp(['polite-email']).score.total);

    const outright = playTo(scenario, DECENT).act({
      type: 'close',
      close: close({ form: 'outright-ask', delivery: 'pushy' }),
    });
    expect(outright.response?.result).not.toBe('offer-now');
  });
});
