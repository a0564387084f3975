/**
 * The ten orderings of shared/design/domain.md, each on a small fixture with everything else
 * held equal. Each asserts an ordering, never a fixed number.
 */
import { describe, expect, it } from 'vitest';
import {
  type CloseSpec,
  OUTCOME_VALUE,
  Playthrough,
  type Response,
  type Scenario,
} from '../../../src/engine';
import { fixture } from '../../support/fixture';

const spec = (s: Partial<CloseSpec> = {}): CloseSpec => ({
  form: 'statement-of-intent',
  delivery: 'firm',
  points: ['why', 'reason'],
  leverage: null,
  commit: false,
  ...s,
});

function playTo(
  sc: Scenario,
  moment: 'opening' | 'middle' | 'closing',
  mode: 'expected' | 'realistic' = 'expected',
) {
  const play = Playthrough.start(sc, { mode });
  const order = ['opening', 'middle', 'closing'];
  for (let i = 0; i < order.indexOf(moment); i++) play.act({ type: 'choose', choice: i === 0 ? 'a' : 'b' });
  return play;
}

function close(
  sc: Scenario,
  s: Partial<CloseSpec> = {},
  moment: 'opening' | 'middle' | 'closing' = 'closing',
): Response {
  const play = playTo(sc, moment);
  play.act({ type: 'close', close: spec(s) });
  return play.view().response!;
}

function noClose(sc: Scenario): Response {
  const play = playTo(sc, 'closing');
  play.act({ type: 'continue' });
  return play.responses()[0]!;
}

const p = (r: Response, k: string) => r.distribution[k as keyof Response['distribution']] ?? 0;
const forward = (r: Response) => p(r, 'offer-now') + p(r, 'next-stage') + p(r, 'offer-later');
const value = (r: Response) =>
  Object.entries(r.distribution).reduce(
    (a, [k, q]) => a + (q ?? 0) * (OUTCOME_VALUE[k as keyof typeof OUTCOME_VALUE] ?? 0),
    0,
  );

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
    initial: { keenness: 0.3, doubt: 0.6 },
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
    expect(persist(attunedScarce, []).view().ending?.ending.outcome).toBe('rejection');
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
    for (const r of persistChain(attunedScarce, 8)) {
      chances.push(p(r, 'offer-later'));
      door.push(p(r, 'closed'));
    }
    const peak = chances.indexOf(Math.max(...chances));
    for (let i = peak + 1; i < chances.length; i++) expect(chances[i]!).toBeLessThan(chances[i - 1]!);
    for (let i = 1; i < door.length; i++) expect(door[i]!).toBeGreaterThanOrEqual(door[i - 1]!);
    expect(peak).toBeLessThan(chances.length - 1);
  });
});

/** Responses to up to n successive turn-up visits after a no, while the answer stays "holding". */
function persistChain(sc: Scenario, n: number): Response[] {
  const out: Response[] = [];
  const play = playTo(sc, 'closing');
  play.act({ type: 'close', close: spec({ form: 'tentative', delivery: 'tentative', points: [] }) });
  for (let i = 0; i < n && play.view().phase === 'follow-up'; i++) {
    play.act({ type: 'persist', act: 'visit' });
    out.push(play.view().response!);
  }
  return out;
}

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
