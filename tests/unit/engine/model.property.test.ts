/**
 * Properties of the decision-maker model over generated situations, kinds and traits
 * (issue #8, "Tests and figures"). Each holds for every generated case, not one fixture.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type CloseSpec, Playthrough, type Response } from '../../../src/engine';
import { type FixtureOptions, fixture } from '../../support/fixture';
import { closeSpec, fixtureOptions, GATE_FACTORS, unit } from '../../support/model-arbitraries';
import { runs } from '../../support/runs';

function closeAt(o: FixtureOptions, s: CloseSpec, moment = 2): Playthrough {
  const play = Playthrough.start(fixture(o), { mode: 'expected' });
  for (let i = 0; i < moment; i++) play.act({ type: 'choose', choice: i === 0 ? 'a' : 'b' });
  play.act({ type: 'close', close: s });
  return play;
}
const sum = (r: Response) => r.factors.reduce((a, f) => a + f.points, 0);
const RUNS = runs(60);

describe('the model over generated scenarios', () => {
  it('factors add up exactly to the chance shown, and no chance is certain without a gate', () => {
    fc.assert(
      fc.property(fixtureOptions, closeSpec, (o, s) => {
        const play = closeAt(o, s);
        for (const r of play.responses()) {
          expect(sum(r)).toBe(Math.round(r.chance * 100));
          expect(r.factors[0]!.id).toBe('start');
          const gated = r.factors.some((f) => GATE_FACTORS.includes(f.id));
          // What a player reads is the whole percentage: a gate worth under half a point is left
          // out of the factors (it may take 3.3% to 2.6%), and the chance shown is then still 3%.
          if (!gated) {
            expect(Math.round(r.chance * 100)).toBeGreaterThanOrEqual(3);
            expect(Math.round(r.chance * 100)).toBeLessThanOrEqual(97);
          }
          for (const f of r.factors) if (f.id !== 'start') expect(f.points).not.toBe(0);
        }
      }),
      RUNS,
    );
  });

  it('a close at the start of the interview is worse than the same close at the end, and timing grades it so', () => {
    fc.assert(
      fc.property(fixtureOptions, closeSpec, (o, s) => {
        const early = closeAt(o, { ...s, leverage: null }, 0).responses()[0]!;
        const late = closeAt(o, { ...s, leverage: null }, 2).responses()[0]!;
        expect(early.chance).toBeLessThan(late.chance);
        const t = (p: Playthrough) => p.current.close!.timing;
        expect(t(closeAt(o, s, 0))).toBeLessThan(t(closeAt(o, s, 2)));
      }),
      RUNS,
    );
  });

  it('better answers never lower the timing grade, and keenness never lowers the chance', () => {
    fc.assert(
      fc.property(fixtureOptions, closeSpec, unit, (o, s, k2) => {
        const lo = Math.min(o.initial!.keenness!, k2);
        const hi = Math.max(o.initial!.keenness!, k2);
        const a = closeAt({ ...o, initial: { ...o.initial, keenness: lo } }, s);
        const b = closeAt({ ...o, initial: { ...o.initial, keenness: hi } }, s);
        expect(b.current.close!.timing).toBe(a.current.close!.timing);
        expect(b.responses()[0]!.chance).toBeGreaterThanOrEqual(a.responses()[0]!.chance - 1e-12);
      }),
      RUNS,
    );
  });

  it('expected mode is deterministic: two teams making the same choices get the same result', () => {
    fc.assert(
      fc.property(fixtureOptions, closeSpec, (o, s) => {
        const a = closeAt(o, s);
        const b = closeAt(o, s);
        expect(JSON.stringify(b.responses())).toBe(JSON.stringify(a.responses()));
        expect(b.score()).toEqual(a.score());
      }),
      RUNS,
    );
  });
});
