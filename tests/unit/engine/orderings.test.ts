/**
 * The ten orderings of shared/design/domain.md, each on a small fixture with everything else
 * held equal. Each asserts an ordering, never a fixed number.
 */
import { describe, expect, it } from 'vitest';
import type { Action, CloseSpec, Playthrough, Scenario } from '../../../src/engine';
import { compile } from '../../../src/engine/runtime/compile';
import { expectedResolver, initialState, type State, step } from '../../../src/engine/runtime/step';
import { expectedScore } from '../../support/expect-score';
import { fixture } from '../../support/fixture';
import { close, forward, noClose, p, persistChain, playTo, spec, value } from '../../support/orderings';

describe('ordering 1: the prepared statement of intent at the end of a complete process', () => {
  const sc = fixture({ kind: 'owner-manager', commercial: 1, initial: { keenness: 0.75 } });
  const best = close(sc);
  it('beats every other close on the chance of an offer on the spot', () => {
    const others: Partial<CloseSpec>[] = [
      { form: 'outright-ask' },
      { form: 'tentative' },
      { delivery: 'tentative' },
      { delivery: 'pushy' },
      { points: [] },
      { form: 'next-stage' },
    ];
    for (const o of others) expect(p(best, 'offer-now')).toBeGreaterThan(p(close(sc, o), 'offer-now'));
  });
  it('has a real chance of an offer on the spot, and expected play makes it', () => {
    expect(p(best, 'offer-now')).toBeGreaterThan(0.5);
    expect(best.result).toBe('offer-now');
  });
});

describe('ordering 2: the same close early in a first round before a process-bound panel', () => {
  const sc = fixture({
    kind: 'hr-panel',
    commercial: 0.3,
    stage: 'first-round',
    candidatesSeen: 2,
    candidatesRemaining: 10,
  });
  it('moves the candidate forward less often than asking for the next stage or the shortlist', () => {
    for (const moment of ['opening', 'middle', 'closing'] as const) {
      const statement = close(sc, {}, moment);
      expect(forward(statement)).toBeLessThan(forward(close(sc, { form: 'next-stage' }, moment)));
      expect(forward(statement)).toBeLessThan(forward(close(sc, { form: 'shortlist' }, moment)));
    }
  });
  it('and ends worse in expected play', () => {
    const statementPlay = playTo(sc, 'closing');
    statementPlay.act({ type: 'close', close: spec() });
    const nextPlay = playTo(sc, 'closing');
    nextPlay.act({ type: 'close', close: spec({ form: 'next-stage' }) });
    const end = (pl: Playthrough) => {
      while (pl.view().phase === 'follow-up') pl.act({ type: 'let-go' });
      return pl.score().total;
    };
    expect(end(nextPlay)).toBeGreaterThan(end(statementPlay));
  });
});

describe('ordering 3: asking beats never asking when the decision-maker doubts commitment', () => {
  it('holds across kinds of decision-maker, levels of doubt and stages', () => {
    for (const kind of ['owner-manager', 'hiring-manager', 'hr-panel', 'recruiter'] as const) {
      for (const doubt of [0.3, 0.5, 0.7, 0.9]) {
        for (const stage of ['first-round', 'final'] as const) {
          const sc = fixture({
            kind,
            stage,
            candidatesRemaining: stage === 'final' ? 0 : 8,
            initial: { doubt, keenness: 0.6 },
          });
          const fitting = close(sc, { form: stage === 'final' ? 'statement-of-intent' : 'next-stage' });
          expect(forward(fitting), `${kind} doubt ${doubt} ${stage}`).toBeGreaterThan(forward(noClose(sc)));
        }
      }
    }
  });
});

describe('ordering 4: an on-the-spot acceptance costs salary', () => {
  it('gives a lower salary than an offer negotiated after the interview', () => {
    const sc = fixture({ initial: { keenness: 0.8 } });
    const committed = playTo(sc, 'closing');
    committed.act({ type: 'close', close: spec({ commit: true }) });
    const negotiated = playTo(sc, 'closing');
    negotiated.act({ type: 'close', close: spec({ commit: false }) });
    expect(negotiated.view().phase).toBe('negotiation');
    negotiated.act({ type: 'negotiate', move: 'counter' });
    negotiated.act({ type: 'negotiate', move: 'accept' });
    expect(committed.view().ending?.salary).toBeLessThan(negotiated.view().ending!.salary!);
  });
});

describe('ordering 5: firm beats tentative beats pushy or desperate, most of all with process-bound decision-makers', () => {
  for (const kind of ['owner-manager', 'hr-panel'] as const) {
    it(`holds for ${kind}`, () => {
      const sc = fixture({ kind, initial: { keenness: 0.6 } });
      const chance = (delivery: CloseSpec['delivery']) => close(sc, { delivery, form: 'next-stage' }).chance;
      expect(chance('firm')).toBeGreaterThan(chance('tentative'));
      expect(chance('tentative')).toBeGreaterThan(chance('pushy'));
      expect(chance('tentative')).toBeGreaterThan(chance('desperate'));
    });
  }
  it('costs more with a process-bound panel than with an attuned owner', () => {
    const gap = (kind: 'owner-manager' | 'hr-panel') => {
      const sc = fixture({ kind, initial: { keenness: 0.6 } });
      return (
        close(sc, { delivery: 'tentative', form: 'next-stage' }).chance -
        close(sc, { delivery: 'pushy', form: 'next-stage' }).chance
      );
    };
    expect(gap('hr-panel')).toBeGreaterThan(gap('owner-manager'));
  });
});

describe('ordering 6: supporting points raise the effect of a close', () => {
  it('each kind of point adds to the chance, for every form', () => {
    const sc = fixture({ initial: { keenness: 0.55 } });
    for (const form of ['statement-of-intent', 'outright-ask', 'next-stage', 'tentative'] as const) {
      const none = close(sc, { form, points: [] }).chance;
      const why = close(sc, { form, points: ['why'] }).chance;
      const both = close(sc, { form, points: ['why', 'reason'] }).chance;
      expect(why).toBeGreaterThan(none);
      expect(both).toBeGreaterThan(why);
    }
  });
});

describe('ordering 7: leverage', () => {
  it('a real offer raises the chance of a quick offer when the decision-maker is keen', () => {
    const sc = fixture({ initial: { keenness: 0.8 } });
    expect(close(sc, { leverage: 'offer' }).chance).toBeGreaterThan(close(sc).chance);
  });
  it('an exposed bluff hurts', () => {
    const sc = fixture({ initial: { keenness: 0.8 }, exposeChance: 0.9 });
    const bluff = close(sc, { leverage: 'bluff' });
    expect(bluff.bluffExposed).toBe(true);
    expect(bluff.chance).toBeLessThan(close(sc).chance);
  });
  it('leverage on a lukewarm decision-maker hurts', () => {
    const sc = fixture({ initial: { keenness: 0.35 } });
    expect(close(sc, { leverage: 'offer' }).chance).toBeLessThan(close(sc).chance);
  });
});

describe('ordering 8: more vacancies than candidates makes an earlier close acceptable', () => {
  it('an early ask for the job does better with many vacancies than with one', () => {
    const base = {
      stage: 'first-round' as const,
      candidatesSeen: 10,
      candidatesRemaining: 6,
      kind: 'hiring-manager' as const,
    };
    const many = fixture({ ...base, vacancies: 20 });
    const one = fixture({ ...base, vacancies: 1 });
    for (const moment of ['middle', 'closing'] as const) {
      expect(forward(close(many, { form: 'outright-ask' }, moment))).toBeGreaterThan(
        forward(close(one, { form: 'outright-ask' }, moment)),
      );
      expect(p(close(many, { form: 'outright-ask' }, moment), 'offer-now')).toBeGreaterThan(
        p(close(one, { form: 'outright-ask' }, moment), 'offer-now'),
      );
    }
  });
  it('with many vacancies the early ask is no longer premature: it beats not asking', () => {
    const many = fixture({
      stage: 'first-round',
      candidatesSeen: 10,
      candidatesRemaining: 6,
      vacancies: 20,
      kind: 'hiring-manager',
    });
    expect(value(close(many, { form: 'outright-ask' }, 'middle'))).toBeGreaterThan(value(noClose(many)));
  });
});

describe('ordering 9: persistence after a no', () => {
  /** Rejects at the close (a pushy outright ask to a cool decision-maker), then persists n times. */
  function persist(sc: Scenario, acts: string[]): Playthrough {
    const play = playTo(sc, 'closing');
    play.act({ type: 'close', close: spec({ form: 'tentative', delivery: 'tentative', points: [] }) });
    for (const act of acts) {
      if (play.view().phase !== 'follow-up') break;
      play.act({ type: 'persist', act });
    }
    if (play.view().phase === 'follow-up') play.act({ type: 'let-go' });
    if (play.view().phase === 'negotiation') play.act({ type: 'negotiate', move: 'accept' });
    return play;
  }
  // Scarce by the pool: two others seen, none left to see, one place.
  const attunedScarce = fixture({
    kind: 'owner-manager',
    traits: { attunement: 0.9, patience: 0.75 },
    candidatesSeen: 2,
    candidatesRemaining: 0,
    // Persistence is bounded by how much they want the candidate (issue 17): a lukewarm
    // decision-maker (0.3) is no longer turned by notes, so the attuned case is keen but doubting.
    initial: { keenness: 0.75, doubt: 0.6 },
  });
  const processBound = fixture({
    kind: 'recruiter',
    candidatesRemaining: 0,
    initial: { keenness: 0.3, doubt: 0.6 },
  });
  const plentiful = fixture({
    kind: 'owner-manager',
    traits: { attunement: 0.9, patience: 0.75 },
    stage: 'first-round',
    candidatesRemaining: 30,
    vacancies: 2,
    initial: { keenness: 0.3, doubt: 0.6 },
  });

  it('the fixtures start from a no', () => {
    for (const sc of [attunedScarce, processBound, plentiful])
      expect(persist(sc, []).view().phase).toBe('ended');
    expect(persist(attunedScarce, []).view().ending?.ending.outcome).toMatch(/rejection|no-decision/);
  });
  it('repeated polite persistence turns into an offer with an attuned decision-maker when candidates are scarce', () => {
    const play = persist(attunedScarce, ['email', 'email', 'call', 'email', 'call', 'email']);
    expect(play.view().ending?.ending.outcome).toMatch(/offer/);
    expect(play.score().total).toBeGreaterThan(persist(attunedScarce, []).score().total);
  });
  it('the same persistence lowers the outcome with a process-bound decision-maker or a full pipeline', () => {
    for (const sc of [processBound, plentiful]) {
      expect(persist(sc, ['email', 'call', 'call', 'visit', 'call']).score().total).toBeLessThan(
        persist(sc, []).score().total,
      );
    }
  });
  it('there is a point past which more of it always hurts', () => {
    // The chance that the next act wins, and the risk that it shuts the door, act after act.
    const chances: number[] = [];
    const door: number[] = [];
    // Lukewarm enough that no single visit wins in expected play, so the chain runs on.
    const lukewarm = fixture({
      kind: 'owner-manager',
      traits: { attunement: 0.9, patience: 0.75 },
      candidatesSeen: 2,
      candidatesRemaining: 0,
      initial: { keenness: 0.6, doubt: 0.6 },
    });
    for (const r of persistChain(lukewarm, 8)) {
      chances.push(p(r, 'offer-later'));
      door.push(p(r, 'closed'));
    }
    const peak = chances.indexOf(Math.max(...chances));
    for (let i = peak + 1; i < chances.length; i++) expect(chances[i]!).toBeLessThan(chances[i - 1]!);
    for (let i = 1; i < door.length; i++) expect(door[i]!).toBeGreaterThanOrEqual(door[i - 1]!);
    expect(peak).toBeLessThan(chances.length - 1);
  });
});

describe('ordering 9: what persistence can win', () => {
  it('before the final stage changing their mind wins the next stage; at the final stage, an offer', () => {
    for (const stage of ['first-round', 'second-round'] as const) {
      const early = fixture({
        kind: 'owner-manager',
        stage,
        candidatesSeen: 2,
        candidatesRemaining: 6,
        initial: { keenness: 0.3, doubt: 0.6 },
      });
      const r = persistChain(early, 1)[0]!;
      // One place for six still to see: an offer on the spot is at most a seventh of a concession.
      expect(p(r, 'next-stage'), stage).toBeGreaterThan(0);
      expect(p(r, 'offer-later'), stage).toBeLessThanOrEqual(
        (p(r, 'next-stage') + p(r, 'offer-later')) / 7 + 1e-9,
      );
    }
    const final = fixture({
      kind: 'owner-manager',
      candidatesSeen: 2,
      initial: { keenness: 0.3, doubt: 0.6 },
    });
    const r = persistChain(final, 1)[0]!;
    expect(p(r, 'offer-later')).toBeGreaterThan(0);
    expect(p(r, 'next-stage')).toBe(0);
  });
});

describe('ordering 10: outside sales, closing still helps where doubt is the obstacle, but less', () => {
  it('helps in a role with no selling, and helps more in sales', () => {
    const gain = (commercial: number) => {
      const sc = fixture({ commercial, kind: 'hiring-manager', initial: { doubt: 0.7, keenness: 0.6 } });
      return forward(close(sc)) - forward(noClose(sc));
    };
    expect(gain(0)).toBeGreaterThan(0);
    expect(gain(1)).toBeGreaterThan(gain(0));
  });
});

// ------------------------------------------------------------------------------------------
// Each ordering again, across several plausible values of every number in its premise.

/** Every combination of the given values. */
function grid<T extends Record<string, readonly unknown[]>>(axes: T): { [K in keyof T]: T[K][number] }[] {
  let out: Record<string, unknown>[] = [{}];
  for (const [k, vs] of Object.entries(axes)) out = out.flatMap((o) => vs.map((v) => ({ ...o, [k]: v })));
  return out as { [K in keyof T]: T[K][number] }[];
}
const label = (o: object) => JSON.stringify(o);

describe('the ten orderings across plausible values of their premises', () => {
  it('1: the prepared statement of intent is the best close and has a real chance of an offer on the spot', () => {
    for (const g of grid({
      kind: ['owner-manager', 'ceo'] as const,
      keenness: [0.65, 0.75, 0.9],
      doubt: [0.1, 0.4, 0.7],
      candidatesSeen: [3, 8, 20],
      commercial: [0.8, 1],
    })) {
      const sc = fixture({ ...g, initial: { keenness: g.keenness, doubt: g.doubt } });
      const best = close(sc);
      for (const o of [
        { form: 'outright-ask' },
        { form: 'tentative' },
        { delivery: 'tentative' },
        { delivery: 'pushy' },
        { points: [] },
        { form: 'next-stage' },
      ] as Partial<CloseSpec>[])
        expect(p(best, 'offer-now'), `${label(g)} vs ${label(o)}`).toBeGreaterThan(
          p(close(sc, o), 'offer-now'),
        );
      expect(p(best, 'offer-now'), label(g)).toBeGreaterThan(0.3);
    }
  });

  it('2: early in a first round, a process-bound panel moves the statement forward less than a next-stage or shortlist ask', () => {
    for (const g of grid({
      kind: ['hr-panel', 'recruiter'] as const,
      candidatesSeen: [0, 2, 5],
      candidatesRemaining: [6, 10, 25],
      keenness: [0.4, 0.6, 0.8],
      doubt: [0.2, 0.6],
    })) {
      const sc = fixture({
        ...g,
        stage: 'first-round',
        commercial: 0.3,
        initial: { keenness: g.keenness, doubt: g.doubt },
      });
      const statement = forward(close(sc));
      expect(statement, label(g)).toBeLessThan(forward(close(sc, { form: 'next-stage' })));
      expect(statement, label(g)).toBeLessThan(forward(close(sc, { form: 'shortlist' })));
    }
  });

  it('3: asking in a fitting form beats never asking whenever they doubt commitment', () => {
    for (const g of grid({
      kind: ['owner-manager', 'sales-director', 'hiring-manager', 'hr-panel', 'recruiter'] as const,
      doubt: [0.3, 0.6, 0.9],
      keenness: [0.4, 0.6, 0.8],
      stage: ['first-round', 'final'] as const,
    })) {
      const sc = fixture({
        kind: g.kind,
        stage: g.stage,
        candidatesRemaining: g.stage === 'final' ? 0 : 8,
        initial: { doubt: g.doubt, keenness: g.keenness },
      });
      const fitting = close(sc, { form: g.stage === 'final' ? 'statement-of-intent' : 'next-stage' });
      expect(forward(fitting), label(g)).toBeGreaterThan(forward(noClose(sc)));
    }
  });

  it('4: accepting on the spot gives a lower salary than an offer negotiated later', () => {
    for (const g of grid({
      kind: ['owner-manager', 'ceo'] as const,
      keenness: [0.6, 0.75, 0.9],
      doubt: [0.1, 0.4],
    })) {
      const sc = fixture({ kind: g.kind, initial: { keenness: g.keenness, doubt: g.doubt } });
      const committed = playTo(sc, 'closing');
      committed.act({ type: 'close', close: spec({ commit: true }) });
      const negotiated = playTo(sc, 'closing');
      negotiated.act({ type: 'close', close: spec({ commit: false }) });
      if (negotiated.view().phase !== 'negotiation' || !committed.view().ending?.salary) continue;
      negotiated.act({ type: 'negotiate', move: 'counter' });
      if (negotiated.view().phase === 'negotiation') negotiated.act({ type: 'negotiate', move: 'accept' });
      const later = negotiated.view().ending?.salary;
      if (later) expect(committed.view().ending!.salary!, label(g)).toBeLessThan(later);
    }
  });

  it('5: firm beats tentative beats pushy and desperate, and the gap is widest before a process-bound panel', () => {
    for (const g of grid({ keenness: [0.4, 0.6, 0.8], doubt: [0.2, 0.6], candidatesSeen: [3, 12] })) {
      const gaps: Record<string, number> = {};
      for (const kind of [
        'owner-manager',
        'sales-director',
        'hiring-manager',
        'hr-panel',
        'recruiter',
      ] as const) {
        const sc = fixture({
          kind,
          candidatesSeen: g.candidatesSeen,
          initial: { keenness: g.keenness, doubt: g.doubt },
        });
        const chance = (delivery: CloseSpec['delivery']) =>
          close(sc, { delivery, form: 'next-stage' }).chance;
        const at = `${kind} ${label(g)}`;
        expect(chance('firm'), at).toBeGreaterThan(chance('tentative'));
        expect(chance('tentative'), at).toBeGreaterThan(chance('pushy'));
        expect(chance('tentative'), at).toBeGreaterThan(chance('desperate'));
        gaps[kind] = chance('tentative') - chance('pushy');
      }
      expect(gaps['hr-panel']!, label(g)).toBeGreaterThan(gaps['owner-manager']!);
    }
  });

  it('6: each kind of supporting point adds to the chance, for every form', () => {
    for (const g of grid({
      kind: ['owner-manager', 'hiring-manager', 'hr-panel'] as const,
      keenness: [0.3, 0.55, 0.8],
      doubt: [0.2, 0.6],
    })) {
      const sc = fixture({ kind: g.kind, initial: { keenness: g.keenness, doubt: g.doubt } });
      for (const form of ['statement-of-intent', 'outright-ask', 'next-stage', 'tentative'] as const) {
        const none = close(sc, { form, points: [] }).chance;
        const why = close(sc, { form, points: ['why'] }).chance;
        const both = close(sc, { form, points: ['why', 'reason'] }).chance;
        expect(why, `${form} ${label(g)}`).toBeGreaterThan(none);
        expect(both, `${form} ${label(g)}`).toBeGreaterThan(why);
      }
    }
  });

  it('7: real options help with a keen decision-maker; an exposed bluff and leverage on a lukewarm one hurt', () => {
    for (const g of grid({
      kind: ['owner-manager', 'sales-director', 'hiring-manager'] as const,
      doubt: [0.2, 0.5],
    })) {
      for (const keenness of [0.7, 0.8, 0.95]) {
        const at = `${label(g)} keenness ${keenness}`;
        for (const exposeChance of [0.3, 0.6, 1]) {
          const sc = fixture({ kind: g.kind, initial: { keenness, doubt: g.doubt }, exposeChance });
          expect(close(sc, { leverage: 'offer' }).chance, at).toBeGreaterThan(close(sc).chance);
          // The chance shown for a bluff counts its risk; a bluff seen through (certain at 1) hurts.
          expect(close(sc, { leverage: 'bluff' }).chance, `${at} exposure ${exposeChance}`).toBeLessThan(
            close(sc).chance,
          );
          if (exposeChance === 1) expect(close(sc, { leverage: 'bluff' }).bluffExposed, at).toBe(true);
        }
      }
      for (const keenness of [0.1, 0.25, 0.4]) {
        const sc = fixture({ kind: g.kind, initial: { keenness, doubt: g.doubt } });
        expect(close(sc, { leverage: 'offer' }).chance, `${label(g)} keenness ${keenness}`).toBeLessThan(
          close(sc).chance,
        );
      }
    }
  });

  it('8: more places than candidates makes an early ask for the job do better', () => {
    for (const g of grid({
      kind: ['hiring-manager', 'sales-director', 'owner-manager'] as const,
      candidatesSeen: [2, 10],
      candidatesRemaining: [4, 6, 12],
      keenness: [0.5, 0.75],
    })) {
      const base = {
        kind: g.kind,
        stage: 'first-round' as const,
        candidatesSeen: g.candidatesSeen,
        candidatesRemaining: g.candidatesRemaining,
        initial: { keenness: g.keenness },
      };
      const many = fixture({ ...base, vacancies: g.candidatesRemaining * 2 });
      const one = fixture({ ...base, vacancies: 1 });
      for (const moment of ['middle', 'closing'] as const) {
        const at = `${label(g)} ${moment}`;
        expect(forward(close(many, { form: 'outright-ask' }, moment)), at).toBeGreaterThan(
          forward(close(one, { form: 'outright-ask' }, moment)),
        );
        expect(p(close(many, { form: 'outright-ask' }, moment), 'offer-now'), at).toBeGreaterThan(
          p(close(one, { form: 'outright-ask' }, moment), 'offer-now'),
        );
      }
    }
  });

  it('9: persistence pays with an attuned decision-maker when candidates are scarce, and costs when process-bound or plentiful', () => {
    // By exact expected score (every answer followed with its chance): expected mode plays a
    // sub-50% act as a failure every time, which would hide what persistence is worth.
    const run = (sc: Scenario, acts: string[]) => {
      const c = compile(sc);
      let s: State = initialState(c);
      for (const choice of ['a', 'b'])
        s = step(c, s, { type: 'choose', choice }, expectedResolver, false).state;
      const policy = (st: State): Action =>
        st.phase === 'negotiation'
          ? { type: 'negotiate', move: 'accept' }
          : st.persisted < acts.length
            ? { type: 'persist', act: acts[st.persisted]! }
            : { type: 'let-go' };
      return expectedScore(
        c,
        s,
        { type: 'close', close: spec({ form: 'tentative', delivery: 'tentative', points: [] }) },
        policy,
      );
    };
    const polite = ['email', 'email', 'call', 'email', 'call', 'email'];
    const hard = ['email', 'call', 'call', 'visit', 'call'];
    // Other candidates per place that are still real alternatives: everyone still to see and
    // half of those already seen (the model's reading of the pool, docs/model.md).
    const perPlace = (o: { candidatesSeen: number; candidatesRemaining: number; vacancies: number }) =>
      (o.candidatesRemaining + o.candidatesSeen / 2) / o.vacancies;
    // Attuned decision-makers, and the rest at their own defaults.
    const attuned = [
      { kind: 'owner-manager', attunement: 0.75 },
      { kind: 'owner-manager', attunement: 0.9 },
      { kind: 'ceo', attunement: 0.75 },
      { kind: 'ceo', attunement: 0.9 },
    ] as const;
    const others = ['sales-director', 'hiring-manager', 'hr-panel', 'recruiter'] as const;
    const stages = ['first-round', 'second-round', 'final'] as const;
    let scarceCases = 0;
    let plentifulCases = 0;
    for (const g of grid({ keenness: [0.6, 0.7], patience: [0.6, 0.9] })) {
      const initial = { keenness: g.keenness, doubt: 0.5 };
      // Scarce (at most two real alternatives per place): persistence pays with an attuned
      // decision-maker, at every stage (before the final stage a concession may be the next stage).
      for (const pool of grid({
        stage: stages,
        candidatesSeen: [2],
        candidatesRemaining: [0, 1],
        vacancies: [1, 2, 3],
      })) {
        if (perPlace(pool) > 2) continue;
        for (const a of attuned) {
          const sc = fixture({
            ...pool,
            kind: a.kind,
            traits: { attunement: a.attunement, patience: g.patience },
            initial,
          });
          const at = `scarce ${a.kind} ${a.attunement} ${label(pool)} ${label(g)}`;
          expect(run(sc, polite), at).toBeGreaterThan(run(sc, []));
          scarceCases++;
        }
      }
      // Plentiful (at least eight per place, twice a neutral pool): the same persistence, polite
      // or hard, lowers the expected outcome with every kind, at every stage, however attuned.
      const pipelines = [
        ...grid({ candidatesSeen: [4], candidatesRemaining: [10, 20, 30], vacancies: [1, 2, 3] }),
        { candidatesSeen: 20, candidatesRemaining: 0, vacancies: 1 },
      ];
      for (const pool of grid({ stage: stages, pipeline: pipelines }).map((o) => ({
        stage: o.stage,
        ...o.pipeline,
      }))) {
        if (perPlace(pool) < 8) continue;
        const kinds = [
          ...attuned.map((a) => ({
            kind: a.kind,
            traits: { attunement: a.attunement, patience: g.patience },
          })),
          ...others.map((kind) => ({ kind, traits: { patience: g.patience } })),
        ];
        for (const k of kinds) {
          const sc = fixture({ ...pool, ...k, initial });
          const at = `plentiful ${k.kind} ${label(k.traits)} ${label(pool)} ${label(g)}`;
          const none = run(sc, []);
          expect(run(sc, polite), `${at} polite`).toBeLessThan(none);
          expect(run(sc, hard), `${at} hard`).toBeLessThan(none);
          plentifulCases++;
        }
      }
      // Process-bound, everyone seen: hard persistence costs.
      for (const kind of ['recruiter', 'hr-panel'] as const) {
        const bound = fixture({ kind, candidatesRemaining: 0, initial });
        expect(run(bound, hard), `${kind} ${label(g)}`).toBeLessThan(run(bound, []));
      }
    }
    // The grid reaches both sides of the premise.
    expect(scarceCases).toBeGreaterThan(50);
    expect(plentifulCases).toBeGreaterThan(200);
  }, 180_000);

  it('10: outside sales a close still helps where doubt is the obstacle, but less than in sales', () => {
    for (const g of grid({
      kind: ['hiring-manager', 'ceo', 'sales-director'] as const,
      doubt: [0.5, 0.7, 0.9],
      keenness: [0.5, 0.6, 0.7],
    })) {
      const gain = (commercial: number) => {
        const sc = fixture({ commercial, kind: g.kind, initial: { doubt: g.doubt, keenness: g.keenness } });
        return forward(close(sc)) - forward(noClose(sc));
      };
      expect(gain(0), label(g)).toBeGreaterThan(0);
      expect(gain(1), label(g)).toBeGreaterThan(gain(0));
    }
  });
});
