/**
 * Issue 17, "the model tells the truth, part two": each defect a trainer found, as a property over
 * random plausible premises and every decision-maker kind (the four newer kinds included). Each
 * of these failed on the model before the issue was fixed; the comment says by how much.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Action, CloseSpec, Scenario } from '../../../src/engine';
import { compile } from '../../../src/engine/runtime/compile';
import { expectedResolver, initialState, type State, step } from '../../../src/engine/runtime/step';
import { expectedScore, outcomesOf } from '../../support/expect-score';
import { type FixtureOptions, fixture } from '../../support/fixture';
import { persona, within } from '../../support/model-arbitraries';
import { close, forward, type Moment, spec, value } from '../../support/orderings';
import { runs } from '../../support/runs';

// ------------------------------------------------------------------------------ helpers

const ORDER: Moment[] = ['opening', 'middle', 'closing'];

/** The compiled fixture and its state at the node of `m` (the fixture's answers move nothing). */
function at(sc: Scenario, m: Moment = 'closing') {
  const c = compile(sc);
  let s: State = initialState(c);
  for (let i = 0; i < ORDER.indexOf(m); i++)
    s = step(c, s, { type: 'choose', choice: i === 0 ? 'a' : 'b' }, expectedResolver, false).state;
  return { c, s };
}

const closeAction = (s: Partial<CloseSpec> = {}): Action => ({ type: 'close', close: spec(s) });
/** After the interview: accept any offer, let a no go. */
const settle = (st: State): Action =>
  st.phase === 'negotiation' ? { type: 'negotiate', move: 'accept' } : { type: 'let-go' };
/** The exact expected score of a close at `m`, then accepting any offer and letting a no go. */
const scoreOf = (sc: Scenario, closing: Partial<CloseSpec>, m: Moment = 'closing') => {
  const { c, s } = at(sc, m);
  return expectedScore(c, s, closeAction(closing), settle);
};
const isOffer = (r: string | null) => r === 'offer-now' || r === 'offer-later';

const state = (k: [number, number], d: [number, number] = [0.05, 0.9]) =>
  fc.record({
    keenness: within(...k),
    doubt: within(...d),
    irritation: within(0, 0.2),
    rapport: within(0.1, 0.9),
    believesOptions: within(0.05, 0.95),
  });

/** The full prepared close of the seed (C10, C12, C11, C2): why-us, a reason, a real offer, a promise. */
const SEED: Partial<CloseSpec> = { points: ['why', 'reason'], leverage: 'offer', commit: true };
/** A bare, firm statement of intent. */
const BARE: Partial<CloseSpec> = { points: [], leverage: null, commit: false };
const TIMID: Partial<CloseSpec> = { form: 'tentative', delivery: 'tentative', points: [] };

/** Decision-makers who can offer on the spot and are attuned to a direct ask (C2, C13's premise). */
const attunedWithAuthority = persona(
  ['owner-manager', 'ceo', 'founder', 'sales-director'],
  (t) => t.attunement >= 0.6 && t.authority >= 0.6,
);

// ------------------------------------------------------------------------------ 1. reach

describe('1: a decision-maker who does not want the candidate is not talked round by notes', () => {
  // Before: an owner-manager at keenness 0 conceded to five polite notes with probability 92%
  // (one other finalist), 83% (three), 59% (eight); expected mode made the offer on the third.
  it('five polite notes after a no add at most five points of offer chance, and never an offer in expected play', () => {
    const premise = fc.record({
      who: persona(),
      commercial: within(0, 1),
      seen: fc.integer({ min: 1, max: 8 }),
      initial: state([0, 0.1]),
    });
    fc.assert(
      fc.property(premise, (g) => {
        const sc = fixture({
          ...g.who,
          commercial: g.commercial,
          candidatesSeen: g.seen,
          initial: g.initial,
        });
        const { c, s } = at(sc);
        const no = step(c, s, closeAction(TIMID), () => 'no-decision', false).state;
        fc.pre(no.phase === 'follow-up');
        const offerChance = (notes: number) => {
          const policy = (st: State): Action =>
            st.phase === 'negotiation'
              ? { type: 'negotiate', move: 'accept' }
              : st.persisted < notes
                ? { type: 'persist', act: 'email' }
                : { type: 'let-go' };
          let total = 0;
          const walk = (st: State, q: number) => {
            for (const o of outcomesOf(c, st, policy(st))) {
              if (o.state.phase === 'ended') total += isOffer(o.state.result) ? q * o.p : 0;
              else walk(o.state, q * o.p);
            }
          };
          walk(no, 1);
          return total;
        };
        expect(offerChance(5)).toBeLessThanOrEqual(offerChance(0) + 0.05);
        let st = no;
        for (let i = 0; i < 5 && st.phase === 'follow-up'; i++)
          st = step(c, st, { type: 'persist', act: 'email' }, expectedResolver, false).state;
        if (st.phase === 'follow-up') st = step(c, st, { type: 'let-go' }, expectedResolver, false).state;
        expect(isOffer(st.result)).toBe(false);
      }),
      runs(40),
    );
  });
});

// ------------------------------------------------------------------------------ 2. consistency

describe('2: a yes is never worth less than a no from the same state', () => {
  // Before: in an early round with a complete process, a "no decision" could become an offer
  // after the interview while a yes only won the next stage (68 against 88 in 334 of 960 closes).
  it('in an early round whose process is complete, every favourable answer scores at least as well as "no decision"', () => {
    const premise = fc.record({
      who: persona(),
      commercial: within(0, 1),
      stage: fc.constantFrom('first-round', 'second-round' as const),
      pool: fc.oneof(
        fc.record({ candidatesSeen: fc.integer({ min: 1, max: 20 }), candidatesRemaining: fc.constant(0) }),
        fc
          .record({
            candidatesSeen: fc.integer({ min: 0, max: 20 }),
            candidatesRemaining: fc.integer({ min: 0, max: 3 }),
          })
          .map((o) => ({ ...o, vacancies: o.candidatesRemaining + 2 })),
      ),
      initial: state([0.3, 0.95]),
      form: fc.constantFrom(
        'statement-of-intent',
        'outright-ask',
        'next-stage',
        'shortlist',
        'tentative' as const,
      ),
      delivery: fc.constantFrom('firm', 'tentative' as const),
      moment: fc.constantFrom<Moment>('middle', 'closing'),
    });
    fc.assert(
      fc.property(premise, (g) => {
        const sc = fixture({
          ...g.who,
          ...g.pool,
          commercial: g.commercial,
          stage: g.stage,
          initial: g.initial,
        });
        const { c, s } = at(sc, g.moment);
        const action = closeAction({ form: g.form, delivery: g.delivery });
        const worth = (result: string) => {
          let ok = false;
          const st = step(
            c,
            s,
            action,
            (d, order) => {
              ok = (d as Record<string, number>)[result] !== undefined;
              return order.find((k) => k === result) ?? order[0]!;
            },
            false,
          ).state;
          return ok ? expectedScore(c, st, settle(st), settle) : null;
        };
        const noDecision = worth('no-decision');
        for (const yes of ['offer-now', 'offer-later', 'next-stage']) {
          const w = worth(yes);
          if (w !== null && noDecision !== null) expect(w).toBeGreaterThanOrEqual(noDecision - 1e-9);
        }
      }),
      runs(60),
    );
  });
});

// ------------------------------------------------------------------------------ 3. first minute

describe('3: the first minute is the first minute', () => {
  // Before: a close at the first node citing a real offer and promising to accept won an offer on
  // the spot 67% of the time at keenness 0.75 (85% at 0.9), and expected mode gave it; in exact
  // expectation it beat answering plainly for every kind, the HR panel included.
  const premise = fc.record({
    who: persona(),
    commercial: within(0, 1),
    stage: fc.constantFrom('first-round', 'final' as const),
    seen: fc.integer({ min: 0, max: 8 }),
    initial: state([0.75, 0.95]),
  });
  const scene = (g: {
    who: FixtureOptions;
    commercial: number;
    stage: FixtureOptions['stage'];
    seen: number;
    initial: FixtureOptions['initial'];
  }): Scenario =>
    fixture({
      ...g.who,
      commercial: g.commercial,
      stage: g.stage,
      candidatesSeen: g.seen,
      initial: g.initial,
    });

  it('no offer before a word is said in expected play, and closing at once never scores better than answering plainly', () => {
    fc.assert(
      fc.property(premise, (g) => {
        const sc = scene(g);
        const r = close(sc, SEED, 'opening');
        expect(r.result).not.toBe('offer-now');
        expect(isOffer(r.result)).toBe(false);
        const { c, s } = at(sc, 'opening');
        const plain = (st: State): Action =>
          st.phase === 'interview'
            ? st.node === 'opening'
              ? { type: 'choose', choice: 'a' }
              : st.node === 'middle'
                ? { type: 'choose', choice: 'b' }
                : { type: 'continue' }
            : settle(st);
        expect(expectedScore(c, s, closeAction(SEED), settle)).toBeLessThanOrEqual(
          expectedScore(c, s, plain(s), plain) + 1e-9,
        );
      }),
      runs(40),
    );
  });
});

// ------------------------------------------------------------------------------ 4. attribution

describe('4: each factor is what its part did', () => {
  const premise = fc.record({
    who: persona(),
    commercial: within(0, 1),
    stage: fc.constantFrom('first-round', 'second-round', 'final' as const),
    pool: fc.record({
      candidatesSeen: fc.integer({ min: 0, max: 20 }),
      candidatesRemaining: fc.integer({ min: 0, max: 20 }),
      vacancies: fc.integer({ min: 1, max: 3 }),
    }),
    initial: state([0.05, 0.95]),
    form: fc.constantFrom('statement-of-intent', 'outright-ask', 'next-stage', 'tentative' as const),
    delivery: fc.constantFrom('firm', 'tentative', 'pushy', 'desperate' as const),
    points: fc.subarray(['why', 'reason']),
    leverage: fc.constantFrom(null, 'offer', 'bluff'),
    commit: fc.boolean(),
  });
  // Before: a "reach" factor of −34 to −70 cancelled the close's parts ("a penalty for being
  // liked"), and "±3: chances kept between 3% and 97%" was shown at 74%.
  it('no limit is shown as a factor of its own: reach and the 3–97% squeeze are spread over the parts', () => {
    fc.assert(
      fc.property(premise, (g) => {
        const sc = fixture({
          ...g.who,
          ...g.pool,
          commercial: g.commercial,
          stage: g.stage,
          initial: g.initial,
        });
        const r = close(sc, {
          form: g.form,
          delivery: g.delivery,
          points: g.points,
          leverage: g.leverage,
          commit: g.commit,
        });
        const ids = r.factors.map((f) => f.id);
        expect(ids).not.toContain('reach');
        expect(ids).not.toContain('certainty');
        expect(r.factors.reduce((a, f) => a + f.points, 0)).toBe(Math.round(r.chance * 100));
      }),
      runs(80),
    );
  });

  // Before: "+12: your other offer added urgency" was shown for a bluff that was exposed.
  it('a bluff is never shown as a help, exposed or not', () => {
    fc.assert(
      fc.property(premise, fc.integer({ min: 1, max: 1000 }), (g, seed) => {
        const sc = fixture({
          ...g.who,
          ...g.pool,
          commercial: g.commercial,
          stage: g.stage,
          initial: g.initial,
        });
        const { c, s } = at(sc);
        const r = step(
          c,
          s,
          closeAction({ form: g.form, delivery: g.delivery, points: g.points, leverage: 'bluff' }),
          (d, order) => {
            const keys = order.filter((k) => ((d as Record<string, number>)[k] ?? 0) > 0);
            return keys[seed % keys.length]!;
          },
          true,
        );
        const response = r.trace.response;
        fc.pre(response !== null);
        for (const f of response!.factors)
          if (f.id === 'leverage' || f.id === 'bluff' || f.id === 'honesty')
            expect(f.points).toBeLessThanOrEqual(0);
      }),
      runs(60),
    );
  });

  // Before: leverage was shown at +28 points to an HR panel whose displayed chance stayed at 1%.
  it('with a gated chance, no part is shown as more than the gated chance it could move', () => {
    const gated = fc.record({
      who: persona(['hr-panel', 'board', 'recruiter']),
      stage: fc.constantFrom('first-round', 'second-round' as const),
      pool: fc.record({
        candidatesSeen: fc.integer({ min: 0, max: 5 }),
        candidatesRemaining: fc.integer({ min: 6, max: 20 }),
      }),
      initial: state([0.7, 0.95]),
    });
    fc.assert(
      fc.property(gated, (g) => {
        const sc = fixture({ ...g.who, ...g.pool, stage: g.stage, initial: g.initial });
        const r = close(sc, { leverage: 'offer' });
        const gate = r.factors.filter((f) => f.id === 'authority' || f.id === 'stage');
        fc.pre(gate.length > 0);
        const share = (g.who.traits!.authority ?? 1) * Math.min(1, 1 / (g.pool.candidatesRemaining + 1));
        for (const f of r.factors)
          if (f.id !== 'start' && f.id !== 'authority' && f.id !== 'stage')
            expect(Math.abs(f.points)).toBeLessThanOrEqual(Math.ceil(share * 100 * 4) + 1);
      }),
      runs(40),
    );
  });
});

// ------------------------------------------------------------------------------ 5. C9

describe('5: a confident delivery moves an attuned decision-maker more than a process-bound one (C9)', () => {
  // Before: firm instead of tentative raised the chance by +5.0 points for an attuned
  // owner-manager and +7.3 to +7.6 for a board, HR panel or recruiter at keenness 0.3.
  it('at every keenness, firm over tentative gains more with an owner-manager, founder or CEO than with a panel, board or recruiter', () => {
    const premise = fc.record({
      attuned: fc.constantFrom('owner-manager', 'founder', 'ceo' as const),
      bound: fc.constantFrom('hr-panel', 'board', 'recruiter' as const),
      commercial: within(0.5, 1),
      stage: fc.constantFrom('final' as const),
      pool: fc.record({
        candidatesSeen: fc.integer({ min: 1, max: 10 }),
        candidatesRemaining: fc.constant(0),
      }),
      keenness: fc.constantFrom(0.1, 0.2, 0.3, 0.4, 0.5),
      initial: state([0.3, 0.3], [0.2, 0.6]),
    });
    fc.assert(
      fc.property(premise, (g) => {
        const gain = (kind: FixtureOptions['kind']) => {
          const sc = fixture({
            kind,
            ...g.pool,
            commercial: g.commercial,
            stage: g.stage,
            initial: { ...g.initial, keenness: g.keenness },
          });
          const f = (delivery: CloseSpec['delivery']) =>
            forward(close(sc, { form: 'next-stage', delivery, points: [] }));
          return f('firm') - f('tentative');
        };
        expect(gain(g.attuned)).toBeGreaterThan(gain(g.bound));
      }),
      runs(60),
    );
  });
});

// ------------------------------------------------------------------------------ 6. C6 and C2

describe('6: persistence is worth more in sales (C6); a promise to accept pays where C2 holds', () => {
  // Before: the gain of persisting after a no was identical at commercial weight 1 and 0.
  it('the same act after a no has a higher chance of a change of mind in a sales role', () => {
    const premise = fc.record({
      who: persona(['owner-manager', 'ceo', 'founder', 'sales-director']),
      seen: fc.integer({ min: 1, max: 4 }),
      initial: state([0.5, 0.9]),
      act: fc.constantFrom('email', 'call'),
    });
    fc.assert(
      fc.property(premise, (g) => {
        const chance = (commercial: number) => {
          const sc = fixture({ ...g.who, commercial, candidatesSeen: g.seen, initial: g.initial });
          const { c, s } = at(sc);
          const no = step(c, s, closeAction(TIMID), () => 'no-decision', false).state;
          const r = step(c, no, { type: 'persist', act: g.act }, expectedResolver, true);
          return r.trace.response!.chance;
        };
        expect(chance(1)).toBeGreaterThan(chance(0));
      }),
      runs(40),
    );
  });

  // Before: promising to accept lowered the exact expected score by 5–8 points in ordinary bands.
  const c2 = fc.record({
    who: attunedWithAuthority,
    commercial: within(0.5, 1),
    seen: fc.integer({ min: 1, max: 10 }),
    initial: state([0.65, 0.8], [0.3, 0.7]),
  });
  const c2Scene = (g: {
    who: FixtureOptions;
    commercial: number;
    seen: number;
    initial: FixtureOptions['initial'];
  }) => fixture({ ...g.who, commercial: g.commercial, candidatesSeen: g.seen, initial: g.initial });

  // Before: promising to accept lowered the exact expected score by 5–8 points in ordinary bands,
  // then (with half the cost) by up to 3 where the chance was already high. The first offer is now
  // the same with or without the promise; its price is the negotiation it gives up (C3).
  it('promising to accept, at the end, to a keen decision-maker who can offer, raises the exact expected score', () => {
    fc.assert(
      fc.property(c2, (g) => {
        const sc = c2Scene(g);
        const prepared = { points: ['why', 'reason'], leverage: 'offer' };
        expect(scoreOf(sc, { ...prepared, commit: true })).toBeGreaterThan(
          scoreOf(sc, { ...prepared, commit: false }),
        );
      }),
      runs(40),
    );
  });

  it('the promise says what it costs, as a sum in the band’s currency', () => {
    fc.assert(
      fc.property(c2, (g) => {
        const r = close(c2Scene(g), SEED);
        const promise = r.factors.find((f) => f.id === 'commit');
        fc.pre(promise !== undefined);
        expect(promise!.text).toMatch(/GBP \d[\d,]*/);
      }),
      runs(20),
    );
  });

  // 7. Before: the analyzer's best close in seven library scenarios was a bare, firm statement.
  it('7: the seed’s close (why us, a reason, a real offer, a promise) beats a bare statement of intent', () => {
    fc.assert(
      fc.property(c2, (g) => {
        const sc = c2Scene(g);
        expect(scoreOf(sc, SEED)).toBeGreaterThan(scoreOf(sc, BARE));
      }),
      runs(40),
    );
  });
});

// ------------------------------------------------------------------------------ 8. floor, peak

describe('8: pushing costs at the floor; the persistence peak is deep enough to matter', () => {
  // Before: at the 3% floor a pushy close cost a process-bound panel nothing in outcome.
  it('a pushy close to a process-bound panel is worth less than a tentative one, even at the floor', () => {
    const premise = fc.record({
      who: persona(['hr-panel', 'board', 'recruiter']),
      pool: fc.record({
        candidatesSeen: fc.integer({ min: 0, max: 3 }),
        candidatesRemaining: fc.integer({ min: 10, max: 30 }),
      }),
      initial: state([0.05, 0.15]),
    });
    fc.assert(
      fc.property(premise, (g) => {
        const sc = fixture({ ...g.who, ...g.pool, stage: 'first-round', initial: g.initial });
        const v = (delivery: CloseSpec['delivery']) => value(close(sc, { delivery }, 'opening'));
        expect(v('pushy')).toBeLessThan(v('tentative'));
      }),
      runs(40),
    );
  });

  // Before: an owner-manager's peak with polite notes was 0.07–0.5 points deep. Measured over the
  // whole policy ("send n notes, then let go") the loss past the peak can only fall on the plays
  // still waiting by then, and most have ended (an offer or a shut door); so the property is the
  // player's own question at the peak, still waiting: let go now, or send three more?
  it('still waiting at the best number of notes, three more cost at least two points of expected score', () => {
    const premise = fc.record({
      who: persona(['owner-manager', 'founder']),
      seen: fc.integer({ min: 1, max: 3 }),
      initial: state([0.55, 0.8], [0.3, 0.7]),
    });
    const waiting = (d: unknown, order: readonly string[]) =>
      order.includes('holding') ? 'holding' : order[0]!;
    fc.assert(
      fc.property(premise, (g) => {
        const sc = fixture({ ...g.who, candidatesSeen: g.seen, initial: g.initial });
        const { c, s } = at(sc);
        const no = step(c, s, closeAction(TIMID), () => 'no-decision', false).state;
        fc.pre(no.phase === 'follow-up');
        /** The exact expected score of sending `n` more notes from `from`, then letting go. */
        const more = (from: State, n: number) => {
          const policy = (st: State): Action =>
            st.phase === 'negotiation'
              ? { type: 'negotiate', move: 'accept' }
              : st.persisted < from.persisted + n
                ? { type: 'persist', act: 'email' }
                : { type: 'let-go' };
          return expectedScore(c, from, policy(from), policy);
        };
        const scores = [0, 1, 2, 3, 4, 5, 6, 7, 8].map((n) => more(no, n));
        const peak = scores.indexOf(Math.max(...scores));
        let here = no;
        for (let i = 0; i < peak && here.phase === 'follow-up'; i++)
          here = step(c, here, { type: 'persist', act: 'email' }, waiting, false).state;
        fc.pre(here.phase === 'follow-up');
        expect(more(here, 0) - more(here, 3)).toBeGreaterThanOrEqual(2);
      }),
      runs(30),
    );
  });
});
