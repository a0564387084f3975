/**
 * Properties of the model's outcomes over generated personas and situations (issue #8):
 * compared by exact expected score (every outcome of the model followed with its
 * probability, `tests/support/expect-score.ts`), never by one draw.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Action, type CloseSpec, Playthrough, type Scenario } from '../../../src/engine';
import { compile } from '../../../src/engine/runtime/compile';
import { expectedResolver, initialState, type State, step } from '../../../src/engine/runtime/step';
import { expectedScore, finals, outcomesOf } from '../../support/expect-score';
import { fixture } from '../../support/fixture';
import { closeSpec, fixtureOptions, GATE_FACTORS, KINDS } from '../../support/model-arbitraries';
import { runs } from '../../support/runs';

const RUNS = runs(40);
/**
 * Expected scores are sums over many weighted branches: where the honesty limit binds and
 * professionalism is already at 0, a bluff and the honest close tie, and the arithmetic may put
 * either a billionth of a point ahead. Scores are shown as whole numbers; a millionth of a point
 * is far below anything a player could see, and far above the arithmetic's noise. (A CI run once
 * failed here with a bluff ahead by 1.0e-6 points: that was a real gain, found by shrinking from a
 * case ahead by several points, and the model now limits a believed bluff; see the grid below.)
 */
const SCORE_EPS = 1e-6;

/** The state at the closing node, after the two fixture answers (plain, or great ones). */
function atClose(scenario: Scenario, great = false) {
  const s0: Scenario = great
    ? {
        ...scenario,
        nodes: scenario.nodes.map((n) => ({
          ...n,
          choices: n.choices?.map((ch) => ({
            ...ch,
            quality: 'strong' as const,
            effects: { keenness: 0.1, doubt: -0.1, rapport: 0.1 },
          })),
        })),
      }
    : scenario;
  const c = compile(s0);
  let s: State = initialState(c);
  for (const choice of ['a', 'b']) s = step(c, s, { type: 'choose', choice }, expectedResolver, false).state;
  return { c, s };
}
const close = (s: CloseSpec): Action => ({ type: 'close', close: s });

describe('honesty, success and answers, by exact expected score', () => {
  it('a bluff (any exposure chance) never has a higher expected score than the same close with no leverage', () => {
    fc.assert(
      fc.property(fixtureOptions, closeSpec, (o, sp) => {
        const { c, s } = atClose(fixture(o));
        const honest = expectedScore(c, s, close({ ...sp, leverage: null }));
        const bluff = expectedScore(c, s, close({ ...sp, leverage: 'bluff' }));
        expect(bluff).toBeLessThanOrEqual(honest + SCORE_EPS);
      }),
      RUNS,
    );
  });

  it('a bluff never has a higher expected score, over a grid of kinds, stages, states and closes', () => {
    // The property above samples; this walks the corners where a bluff used to pay (keen and
    // irritated decision-makers, a tentative question, pushy delivery, a tiny exposure chance).
    let cases = 0;
    for (const kind of KINDS)
      for (const stage of ['first-round', 'final'] as const)
        for (const keenness of [0.3, 0.95])
          for (const irritation of [0, 0.5])
            for (const exposeChance of [0.001, 0.5]) {
              const o = {
                kind,
                stage,
                exposeChance,
                candidatesSeen: 2,
                candidatesRemaining: 5,
                initial: { keenness, doubt: 0.2, irritation, rapport: 0.5, believesOptions: 0.2 },
              };
              const { c, s } = atClose(fixture(o));
              for (const form of ['statement-of-intent', 'outright-ask', 'next-stage', 'tentative'] as const)
                for (const delivery of ['firm', 'pushy'] as const) {
                  const sp: CloseSpec = {
                    form,
                    delivery,
                    points: ['why', 'reason'],
                    leverage: null,
                    commit: false,
                  };
                  const honest = expectedScore(c, s, close(sp));
                  const bluff = expectedScore(c, s, close({ ...sp, leverage: 'bluff' }));
                  expect(bluff, JSON.stringify({ o, sp })).toBeLessThanOrEqual(honest + SCORE_EPS);
                  cases++;
                }
            }
    expect(cases).toBe(KINDS.length * 2 * 2 * 2 * 2 * 4 * 2);
  });

  it('in negotiation, a bluffed counter never has a higher expected score than a plain counter', () => {
    fc.assert(
      fc.property(fixtureOptions, fc.boolean(), fc.integer({ min: 0, max: 2 }), (o, commit, rounds) => {
        // A candidate with no real option: the only leverage they can cite is the bluff.
        const f = fixture({ ...o, stage: 'final' });
        const scenario: Scenario = {
          ...f,
          candidate: { ...f.candidate, otherOptions: f.candidate.otherOptions.filter((x) => !x.real) },
        };
        const { c, s } = atClose(scenario);
        let st: State | undefined = outcomesOf(
          c,
          s,
          close({ form: 'outright-ask', delivery: 'firm', points: [], leverage: null, commit }),
        )
          .map((b) => b.state)
          .find((x) => x.phase === 'negotiation');
        for (let round = 0; st && round <= rounds; round++) {
          const plain = expectedScore(c, st, { type: 'negotiate', move: 'counter' });
          const bluff = expectedScore(c, st, { type: 'negotiate', move: 'leverage' });
          expect(bluff).toBeLessThanOrEqual(plain + SCORE_EPS);
          st = outcomesOf(c, st, { type: 'negotiate', move: 'counter' })
            .map((b) => b.state)
            .find((x) => x.phase === 'negotiation');
        }
      }),
      RUNS,
    );
  });

  it('success never scores below failure from the same state (with or without a close)', () => {
    const success = new Set(['offer-now', 'offer-later', 'next-stage', 'shortlisted']);
    fc.assert(
      fc.property(fixtureOptions, closeSpec, (o, sp) => {
        const { c, s } = atClose(fixture(o));
        const branches = [...finals(c, s, close(sp)), ...finals(c, s, { type: 'continue' })];
        const won = branches.filter((b) => success.has(b.state.result!));
        const lost = branches.filter((b) => !success.has(b.state.result!));
        const closed = finals(c, s, close(sp));
        // Within one close's branches, and between any success and a failure without a close.
        for (const w of closed.filter((b) => success.has(b.state.result!)))
          for (const l of lost) expect(w.total).toBeGreaterThanOrEqual(l.total);
        for (const w of won)
          for (const l of closed.filter((b) => !success.has(b.state.result!)))
            expect(w.total).toBeGreaterThanOrEqual(l.total);
      }),
      RUNS,
    );
  });

  it('great answers never lose to plain ones with the same close', () => {
    fc.assert(
      fc.property(fixtureOptions, closeSpec, (o, sp) => {
        const f = fixture(o);
        const plain = atClose(f, false);
        const great = atClose(f, true);
        expect(expectedScore(great.c, great.s, close(sp))).toBeGreaterThanOrEqual(
          expectedScore(plain.c, plain.s, close(sp)) - SCORE_EPS,
        );
      }),
      RUNS,
    );
  });

  it('two teams making the same choices get identical expected results, score and explanation', () => {
    fc.assert(
      fc.property(
        fixtureOptions,
        closeSpec,
        fc.array(fc.constantFrom('email', 'call', 'visit'), { maxLength: 4 }),
        (o, sp, acts) => {
          const run = () => {
            const play = Playthrough.start(fixture(o), { mode: 'expected' });
            play.act({ type: 'choose', choice: 'a' });
            play.act({ type: 'choose', choice: 'b' });
            play.act({ type: 'close', close: sp });
            for (const act of acts) if (play.view().phase === 'follow-up') play.act({ type: 'persist', act });
            return JSON.stringify({ r: play.responses(), s: play.score(), v: play.view() });
          };
          expect(run()).toBe(run());
        },
      ),
      runs(25),
    );
  });
});

describe('explanations for every kind of response', () => {
  it('factors add up exactly to the chance shown for closes, decisions, persistence and negotiation', () => {
    fc.assert(
      fc.property(
        fixtureOptions,
        closeSpec,
        fc.array(fc.constantFrom('email', 'call', 'visit'), { minLength: 1, maxLength: 5 }),
        fc.array(fc.constantFrom('counter', 'leverage'), { minLength: 1, maxLength: 3 }),
        fc.integer({ min: 0, max: 1 << 30 }),
        (o, sp, acts, moves, seed) => {
          // Realistic mode, so the draws reach every kind of response.
          const play = Playthrough.start(fixture(o), { mode: 'realistic', seed });
          play.act({ type: 'choose', choice: 'a' });
          play.act({ type: 'choose', choice: 'b' });
          if (seed % 3 === 0) play.act({ type: 'continue' });
          else play.act({ type: 'close', close: sp });
          for (const act of acts) if (play.view().phase === 'follow-up') play.act({ type: 'persist', act });
          for (const move of moves) {
            if (play.view().phase !== 'negotiation') break;
            try {
              play.act({ type: 'negotiate', move });
            } catch {
              break; // no counters left: the engine says so
            }
          }
          for (const r of play.responses()) {
            const sum = r.factors.reduce((a, f) => a + f.points, 0);
            expect(sum, `${r.kind}: ${JSON.stringify(r.factors)}`).toBe(Math.round(r.chance * 100));
            expect(r.factors[0]!.id).toBe('start');
            const gated = r.factors.some((f) => GATE_FACTORS.includes(f.id));
            // The percentage shown (a gate under half a point is left out of the factors). A
            // change of mind after a no has no floor (it needs a reason), only the ceiling.
            if (!gated && r.kind !== 'persistence') {
              expect(Math.round(r.chance * 100)).toBeGreaterThanOrEqual(3);
              expect(Math.round(r.chance * 100)).toBeLessThanOrEqual(97);
            }
          }
        },
      ),
      runs(60),
    );
  });
});

describe('persistence has a peak', () => {
  /**
   * For every kind and every act there is a count of earlier acts past which one more act
   * (then letting go) never has a higher expected score than letting go now. Checked from
   * the first such count up to 20 acts. TOL: determination keeps growing a hair as it
   * saturates, so in the flat region past the peak one more act may gain less than a
   * thousandth of a score point; that is creep, not a second peak.
   */
  const TOL = 1e-3;
  const LIMIT = 20;
  it('for every kind and act, there is a count past which one more act never raises the expected score', () => {
    fc.assert(
      fc.property(fixtureOptions, fc.constantFrom('email', 'call', 'visit'), (o, act) => {
        const f = fixture(o);
        const scenario: Scenario = { ...f, followUp: { ...f.followUp!, days: LIMIT + 5 } };
        const { c, s } = atClose(scenario);
        // Into the follow-up after a "not yet" or "no" to a tentative question.
        const start = outcomesOf(
          c,
          s,
          close({ form: 'tentative', delivery: 'tentative', points: [], leverage: null, commit: false }),
        )
          .map((b) => b.state)
          .find((st) => st.phase === 'follow-up');
        if (!start) return; // the model never says no here
        const gains: number[] = [];
        let st: State | undefined = start;
        for (let n = 0; n < LIMIT && st; n++) {
          const more = expectedScore(c, st, { type: 'persist', act });
          const stop = expectedScore(c, st, { type: 'let-go' });
          gains.push(more - stop);
          st = outcomesOf(c, st, { type: 'persist', act })
            .map((b) => b.state)
            .find((x) => x.phase === 'follow-up');
        }
        // The last count at which one more act still paid; after it, never again.
        const lastGain = gains.reduce((last, g, i) => (g > TOL ? i : last), -1);
        expect(lastGain, `gains ${gains.map((g) => g.toFixed(3)).join(' ')}`).toBeLessThan(LIMIT - 1);
        for (let i = lastGain + 1; i < gains.length; i++) expect(gains[i]!).toBeLessThanOrEqual(TOL);
      }),
      runs(40),
    );
  });
});
