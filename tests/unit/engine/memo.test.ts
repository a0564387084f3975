/**
 * The judgement memo (runtime/memo.ts) is a speed-up only: steps that show no factors remember
 * the model's judgements by state, and a remembered judgement must be the one the model would
 * have given. Every library scenario is played from the same seeds with the memo on and off, in
 * expected and realistic mode, and every state and every response's numbers must agree; and a
 * step that shows its factors must give the same state and numbers as one that does not.
 * The memo keeps a persistence judgement and a counter-offer's for every rapport and believed
 * options alike (they read neither), and the decision after the interview for every believed
 * options: checked below on every library scenario's decision-maker with random hidden states.
 */
import { readdirSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import {
  type Compiled,
  closeCompositions,
  closeOptions,
  compile,
  createRandom,
  expectedResolver,
  type HiddenState,
  initialState,
  parseScenario,
  type State,
  step,
} from '../../../src/engine';
import { judgeAfterInterview, judgePersistence } from '../../../src/engine/model/decision';
import { type CounterContext, judgeCounter } from '../../../src/engine/model/negotiation';
import type { DecisionContext } from '../../../src/engine/model/terms';
import { setJudgementMemo } from '../../../src/engine/runtime/memo';
import { context, pickAt, type Resolver } from '../../../src/engine/runtime/step';
import { type RandomPlay, randomMove } from '../../../tools/lib/random-play';

const FILES = readdirSync('scenarios')
  .filter((f) => f.endsWith('.json') && f !== 'scenario.schema.json')
  .sort();

/** A fresh parse, so each run compiles its own scenario (and starts with an empty memo). */
const load = (file: string) => {
  const parsed = parseScenario(readFileSync(`scenarios/${file}`, 'utf8'), file);
  if (!parsed.ok) throw new Error(`${file} does not parse`);
  return parsed.scenario;
};

const PLAY: RandomPlay = { closeChance: 0.2, closes: (c, s) => closeCompositions(closeOptions(c, s)!) };

/** What a run shows of each step: the state and the response's numbers. */
function play(file: string, mode: 'expected' | 'realistic', explain: boolean): string[] {
  const c = compile(load(file));
  const rng = createRandom(3);
  const draws = createRandom(4);
  const resolve: Resolver = mode === 'expected' ? expectedResolver : (d, order) => pickAt(d, order, draws());
  const out: string[] = [];
  for (let game = 0; game < 40; game++) {
    let s: State = initialState(c);
    while (s.phase !== 'ended') {
      const r = step(c, s, randomMove(c, s, rng, PLAY), resolve, explain);
      const res = r.trace.response;
      out.push(
        JSON.stringify([
          r.state,
          res && [
            res.kind,
            res.result,
            res.distribution,
            res.chance,
            res.chanceOf,
            res.bluffExposed,
            res.exposeChance,
          ],
        ]),
      );
      s = r.state;
    }
  }
  return out;
}

afterEach(() => setJudgementMemo(true));

describe('the judgement memo changes nothing but the time', () => {
  for (const file of FILES) {
    it(`${file}: the same states and judgements with the memo on and off, and with factors shown`, () => {
      for (const mode of ['expected', 'realistic'] as const) {
        setJudgementMemo(true);
        const remembered = play(file, mode, false);
        setJudgementMemo(false);
        const fresh = play(file, mode, false);
        setJudgementMemo(true);
        const explained = play(file, mode, true);
        expect(remembered.length).toBeGreaterThan(100);
        expect(remembered).toEqual(fresh);
        expect(explained).toEqual(fresh);
      }
    });
  }
});

describe('what the memo leaves out of a judgement', () => {
  const compiled = FILES.map((f) => compile(load(f)));
  const unit = fc.double({ min: 0, max: 1, noNaN: true });
  /** The decision context after the interview with these hidden values for the lead. */
  const contextWith = (
    c: Compiled,
    phase: 'follow-up' | 'negotiation',
    lead: HiddenState,
  ): DecisionContext => {
    const start = initialState(c);
    const hidden = start.hidden.slice();
    hidden[c.lead] = lead;
    return context(c, { ...start, phase, hidden });
  };

  it('the decision after the interview gives the same numbers whatever the believed options', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: compiled.length - 1 }),
        fc.tuple(unit, unit, unit, unit),
        fc.tuple(unit, unit),
        (i, [keenness, doubt, irritation, rapport], [b1, b2]) => {
          const c = compiled[i]!;
          const at = (believesOptions: number) =>
            contextWith(c, 'follow-up', { keenness, doubt, irritation, rapport, believesOptions });
          const numbers = (ctx: DecisionContext) => {
            const j = judgeAfterInterview(ctx, false);
            return [j.distribution, j.chance, j.chanceOf, j.doubtRemaining];
          };
          expect(numbers(at(b1))).toEqual(numbers(at(b2)));
        },
      ),
      { numRuns: 400 },
    );
  });

  it('the persistence judgement gives the same numbers whatever the rapport and believed options', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: compiled.length - 1 }),
        fc.tuple(unit, unit, unit),
        fc.tuple(unit, unit, unit, unit),
        fc.integer({ min: 0, max: 9 }),
        fc.integer({ min: 1, max: 4 }),
        (i, [keenness, doubt, irritation], [r1, b1, r2, b2], count, intensity) => {
          const c = compiled[i]!;
          const at = (rapport: number, believesOptions: number) =>
            contextWith(c, 'follow-up', { keenness, doubt, irritation, rapport, believesOptions });
          const numbers = (ctx: DecisionContext) => {
            const j = judgePersistence(ctx, count, intensity, false);
            return [j.distribution, j.chance, j.chanceOf, j.doubtRemaining, j.irritationGain];
          };
          expect(numbers(at(r1, b1))).toEqual(numbers(at(r2, b2)));
        },
      ),
      { numRuns: 400 },
    );
  });

  it('a counter-offer gives the same numbers whatever the rapport and believed options', () => {
    const leverage = fc.oneof(
      fc.constant(null),
      fc.constant({ real: true as const }),
      unit.map((exposeChance) => ({ real: false as const, exposeChance })),
    );
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: compiled.length - 1 }),
        fc.tuple(unit, unit, unit),
        fc.tuple(unit, unit, unit, unit),
        fc.tuple(unit, unit, fc.integer({ min: 0, max: 4 }), fc.boolean(), leverage),
        (i, [keenness, doubt, irritation], [r1, b1, r2, b2], [at, aim, round, committed, cited]) => {
          const c = compiled[i]!;
          const band = c.scenario.decisionMakers[c.lead]!.salary;
          const counter: CounterContext = {
            offer: Math.round(band.min + at * (band.max - band.min)),
            band: { min: band.min, max: band.max },
            target: Math.round(band.min + aim * (band.max - band.min) * 1.2),
            round,
            committed,
            leverage: cited,
          };
          const ctxAt = (rapport: number, believesOptions: number) =>
            contextWith(c, 'negotiation', { keenness, doubt, irritation, rapport, believesOptions });
          const numbers = (ctx: DecisionContext) => {
            const j = judgeCounter(ctx, counter, false);
            return [j.distribution, j.chance, j.chanceOf, j.doubtRemaining, j.exposure];
          };
          expect(numbers(ctxAt(r1, b1))).toEqual(numbers(ctxAt(r2, b2)));
        },
      ),
      { numRuns: 400 },
    );
  });
});
