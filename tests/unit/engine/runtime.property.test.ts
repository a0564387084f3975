import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type Action,
  closeCompositions,
  EngineError,
  Playthrough,
  Scenario,
  type View,
} from '../../../src/engine';
import { validScenario } from '../../support/arbitraries';
import { runs } from '../../support/runs';

/** The actions available in a view, closes included. */
function actionsOf(view: View): Action[] {
  const out: Action[] = view.choices.map((c) => ({ type: 'choose', choice: c.id }) as Action);
  if (view.canContinue) out.push({ type: 'continue' });
  if (view.close)
    for (const close of closeCompositions(view.close).slice(0, 40)) out.push({ type: 'close', close });
  if (view.followUp) {
    for (const a of view.followUp.acts) out.push({ type: 'persist', act: a.id });
    out.push({ type: 'let-go' });
  }
  if (view.negotiation) for (const m of view.negotiation.moves) out.push({ type: 'negotiate', move: m.id });
  return out;
}

/** Plays a scenario with picks drawn from `picks`, returning the playthrough. */
function play(
  scenario: Scenario,
  picks: number[],
  mode: 'expected' | 'realistic',
  seed: number,
): Playthrough {
  const p = Playthrough.start(scenario, { mode, seed });
  for (const pick of picks) {
    const view = p.view();
    if (view.phase === 'ended') break;
    const actions = actionsOf(view);
    if (!actions.length) break;
    p.act(actions[pick % actions.length]!);
  }
  return p;
}

const arbitraryPlay = fc.record({
  scenario: validScenario.map((s) => Scenario.parse(s)),
  picks: fc.array(fc.nat(1000), { maxLength: 40 }),
  mode: fc.constantFrom('expected' as const, 'realistic' as const),
  seed: fc.nat(),
});

describe('runtime properties', () => {
  it('random valid scenarios with random actions never throw, and scores stay in bounds', () => {
    fc.assert(
      fc.property(arbitraryPlay, ({ scenario, picks, mode, seed }) => {
        const p = play(scenario, picks, mode, seed);
        const score = p.score();
        expect(score.total).toBeGreaterThanOrEqual(0);
        expect(score.total).toBeLessThanOrEqual(100);
        for (const d of score.dimensions) {
          expect(d.value).toBeGreaterThanOrEqual(0);
          expect(d.value).toBeLessThanOrEqual(100);
        }
        for (const point of p.timeline()) {
          for (const v of Object.values(point.hidden)) expect(v >= 0 && v <= 1).toBe(true);
        }
        if (p.view().phase === 'ended') expect(p.debrief().ending.id).toBeTruthy();
      }),
      runs(150),
    );
  });

  it('replay equals live play, and save → restore → continue equals uninterrupted play', () => {
    fc.assert(
      fc.property(arbitraryPlay, fc.nat(40), ({ scenario, picks, mode, seed }, cut) => {
        const live = play(scenario, picks, mode, seed);
        const replayed = Playthrough.restore(scenario, JSON.parse(JSON.stringify(live.save())));
        expect(replayed.view()).toEqual(live.view());
        expect(replayed.history()).toEqual(live.history());
        const at = Math.min(cut, live.step);
        const resumed = Playthrough.restore(scenario, JSON.parse(JSON.stringify(live.rewind(at).save())));
        for (const action of live.actions.slice(at)) resumed.act(action);
        expect(resumed.view()).toEqual(live.view());
        expect(resumed.score()).toEqual(live.score());
      }),
      runs(100),
    );
  });

  it('an invalid action gets a clear error and leaves the state as it was', () => {
    fc.assert(
      fc.property(arbitraryPlay, ({ scenario, picks, mode, seed }) => {
        const p = play(scenario, picks, mode, seed);
        const before = p.view();
        expect(() => p.act({ type: 'choose', choice: 'no-such-choice' })).toThrow(EngineError);
        expect(() => p.act({ type: 'negotiate', move: 'no-such-move' })).toThrow(EngineError);
        expect(p.view()).toEqual(before);
      }),
      runs(60),
    );
  });
});
