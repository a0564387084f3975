/**
 * Negotiation and follow-ups as conversations: moves worded against the figure on the table and
 * the candidate's target, replies that vary with the move, the round and a caught bluff, "not a
 * penny more" that holds, follow-up acts that acknowledge a repeat, replies by the channel used,
 * and "still no" only after a no. Also the debrief's account of the negotiation.
 */
import { describe, expect, it } from 'vitest';
import { type Action, Playthrough, type Scenario } from '../../../src/engine';
import { EXPOSED } from '../../../src/engine/model/decision';
import { type Compiled, compile } from '../../../src/engine/runtime/compile';
import { initialState, type Resolver, type State, step } from '../../../src/engine/runtime/step';
import { loadScenario } from '../../support/lessons';

const FINAL_SAY = loadScenario('scenarios/01-final-say.json');
const TWO_OFFERS = loadScenario('scenarios/04-two-offers.json');
const DOORSTEP = loadScenario('scenarios/06-doorstep.json');

/** A resolver that forces one result when it is possible (else the first possible). */
const forcing =
  (...wanted: string[]): Resolver =>
  (distribution, order) => {
    for (const w of wanted) if ((distribution[w as keyof typeof distribution] ?? 0) > 0) return w;
    return order.find((k) => (distribution[k as keyof typeof distribution] ?? 0) > 0) ?? order[0]!;
  };

function negotiating(scenario: Scenario, offer: number, round = 0): { c: Compiled; s: State } {
  const c = compile(scenario);
  const s: State = { ...initialState(c), phase: 'negotiation', node: '', offer, offerFrom: 'close', round };
  return { c, s };
}

const counterWords = (scenario: Scenario, s: State, kind: string) => {
  const c = compile(scenario);
  const move = scenario.negotiation!.moves.find((m) => m.kind === kind)!;
  return step(c, s, { type: 'negotiate', move: move.id }, forcing('hold')).trace.lines[0]!.text;
};

describe('negotiation as a conversation', () => {
  it('never asks for a figure already on the table, and names the figure once talks have begun', () => {
    // Final Say: the candidate hoped for £32,000; the counter's own words ask for "thirty-two".
    const first = negotiating(FINAL_SAY, 29_000);
    expect(counterWords(FINAL_SAY, first.s, 'counter')).toContain('thirty-two');
    const atTarget = negotiating(FINAL_SAY, 32_000, 1);
    const words = counterWords(FINAL_SAY, atTarget.s, 'counter');
    expect(words).not.toContain('thirty-two');
    expect(words).toContain('£32,000 is the figure I hoped for');
    const later = negotiating(FINAL_SAY, 30_000, 1);
    expect(counterWords(FINAL_SAY, later.s, 'counter')).toBe(
      "We're at £30,000. Could you meet me at £32,000?",
    );
    // Two Offers at £90,000 (the target): no "Could you get to ninety?".
    const helen = negotiating(TWO_OFFERS, 90_000);
    expect(counterWords(TWO_OFFERS, helen.s, 'counter')).not.toMatch(/ninety/i);
  });

  it('the view shows the same words the move will say; walking away from the target figure makes sense', () => {
    const play = Playthrough.start(FINAL_SAY);
    // Reach the negotiation the ordinary way: answer, then close well at the last word.
    for (let i = 0; i < 40 && play.view().phase === 'interview'; i++) {
      const v = play.view();
      if (v.close && v.node?.moment === 'closing')
        play.act({
          type: 'close',
          close: {
            form: 'statement-of-intent',
            delivery: 'firm',
            points: v.close.points.map((p) => p.id),
            leverage: null,
            commit: false,
          },
        });
      else if (v.choices.length > 0) play.act({ type: 'choose', choice: v.choices[0]!.id });
      else play.act({ type: 'continue' });
    }
    const v = play.view();
    expect(v.phase).toBe('negotiation');
    const counter = v.negotiation!.moves.find((m) => m.kind === 'counter')!;
    const said = play.act({ type: 'negotiate', move: counter.id });
    expect(play.history().some((h) => h.speaker === 'candidate' && h.text === counter.text)).toBe(true);
    expect(said.phase).not.toBe('interview');
    const { c, s } = negotiating(FINAL_SAY, 32_500);
    const walk = FINAL_SAY.negotiation!.moves.find((m) => m.kind === 'walk-away')!;
    const out = step(c, s, { type: 'negotiate', move: walk.id }, forcing('hold'));
    expect(out.trace.lines[0]!.text).not.toMatch(/at that number/i);
  });

  it('replies differ with the move and the round, and name the figure', () => {
    const { c, s } = negotiating(FINAL_SAY, 29_000);
    const reply = (move: string, state: State, result: string) =>
      step(c, state, { type: 'negotiate', move }, forcing(result))
        .trace.response!.lines.map((l) => l.text)
        .join(' ');
    const plain = reply('ask-for-more', s, 'raise');
    const cited = reply('cite-tuesday', s, 'raise');
    expect(plain).not.toBe(cited);
    expect(plain).toMatch(/£\d\d,\d\d\d/);
    const held1 = reply('ask-for-more', s, 'hold');
    const held2 = reply('ask-for-more', { ...s, round: 1 }, 'hold');
    expect(held1).toContain('It stays at £29,000');
    expect(held2).toContain("It's still £29,000");
  });

  it('a caught bluff hardens the other side in words and in the chances', () => {
    // The close's invented offer was seen through (state.caught): citing even the real Tuesday
    // interview now counts for nothing, and the replies say why.
    const { c, s } = negotiating(FINAL_SAY, 29_000);
    const caught = { ...s, caught: true };
    const trusted = step(c, s, { type: 'negotiate', move: 'cite-tuesday' }, forcing('hold')).trace.response!;
    const hardened = step(c, caught, { type: 'negotiate', move: 'cite-tuesday' }, forcing('hold')).trace
      .response!;
    expect(hardened.chance).toBeLessThan(trusted.chance);
    expect(hardened.lines.map((l) => l.text).join(' ')).toContain('After that business with the other offer');
    expect(trusted.lines.map((l) => l.text).join(' ')).toContain("Whatever they're offering");
    expect(Playthrough.start(FINAL_SAY).current.caught).toBe(false);
  });

  it('citing an invented option a second time is seen through for certain', () => {
    const bluffOnly: Scenario = {
      ...FINAL_SAY,
      candidate: {
        ...FINAL_SAY.candidate,
        otherOptions: FINAL_SAY.candidate.otherOptions.filter((o) => !o.real),
      },
    };
    const { c, s } = negotiating(bluffOnly, 29_000);
    const first = step(c, s, { type: 'negotiate', move: 'cite-tuesday' }, forcing(`hold${EXPOSED}`));
    expect(first.state.caught).toBe(true);
    expect(first.trace.response!.lines.map((l) => l.text).join(' ')).toMatch(/don't expect me to move/);
    const again = step(c, first.state, { type: 'negotiate', move: 'cite-tuesday' }, forcing('hold'));
    expect(again.trace.response!.exposeChance).toBe(1);
  });

  it('"not a penny more" holds: at the top of the band a counter never raises the offer', () => {
    const max = FINAL_SAY.decisionMakers[0]!.salary.max;
    const { c, s } = negotiating(FINAL_SAY, max, 1);
    const out = step(c, s, { type: 'negotiate', move: 'ask-for-more' }, forcing('raise'));
    expect(out.trace.response!.result).not.toBe('raise');
    expect(out.trace.lines[0]!.text).toContain('is the top of what you pay');
  });
});

/** Plays Doorstep (or another scenario) to its follow-up: quiet answers, no close. */
function toFollowUp(scenario: Scenario): Playthrough {
  for (let seed = 1; seed < 200; seed++) {
    const play = Playthrough.start(scenario, { seed: 1 });
    let r = seed;
    const rnd = () => {
      r = (r * 1103515245 + 12345) % 2147483648;
      return r / 2147483648;
    };
    for (let i = 0; i < 60 && play.view().phase === 'interview'; i++) {
      const v = play.view();
      const quiet = v.choices.find((c) => c.id === 'cq-none' || c.id === 'nephew-accept');
      if (quiet) play.act({ type: 'choose', choice: quiet.id });
      else if (v.choices.length > 0)
        play.act({ type: 'choose', choice: v.choices[Math.floor(rnd() * v.choices.length)]!.id });
      else play.act({ type: 'continue' });
    }
    if (play.view().phase === 'follow-up') return play;
  }
  throw new Error('no path to the follow-up');
}

describe('follow-ups as a conversation', () => {
  const afterNo = (status: 'rejection' | 'no-decision') => {
    const c = compile(DOORSTEP);
    const s: State = {
      ...initialState(c),
      phase: 'follow-up',
      node: '',
      status,
      vars: { ...initialState(c).vars, saidNo: status === 'rejection' },
    };
    return { c, s };
  };

  it('an act already used is offered again as an acknowledging repeat, not the same words', () => {
    const play = toFollowUp(DOORSTEP);
    const first = play.view().followUp!.acts.find((a) => a.id === 'thank-you-email')!;
    expect(first.text).toContain('Thanks for Tuesday');
    play.act({ type: 'persist', act: 'thank-you-email' });
    if (play.view().phase !== 'follow-up') return expect.unreachable('the first email ended the follow-up');
    const again = play.view().followUp!.acts.find((a) => a.id === 'thank-you-email')!;
    expect(again.label).toBe('Write once more, briefly');
    expect(again.text).not.toContain('Thanks for Tuesday');
    expect(again.text).toMatch(/written before/);
    // The other acts are still offered in their own words.
    expect(play.view().followUp!.acts.find((a) => a.id === 'ring-showroom')!.label).toBe(
      DOORSTEP.followUp!.acts.find((a) => a.id === 'ring-showroom')!.label,
    );
    play.act({ type: 'persist', act: 'thank-you-email' });
    const said = play
      .history()
      .filter((h) => h.speaker === 'candidate')
      .map((h) => h.text);
    expect(said.at(-1)).toBe(again.text);
    expect(said.filter((t) => t.includes('Thanks for Tuesday'))).toHaveLength(1);
  });

  it('an email gets a written reply and a call a reply on the phone, each on its day', () => {
    const { c, s } = afterNo('rejection');
    const email = step(c, s, { type: 'persist', act: 'thank-you-email' }, forcing('holding'));
    const cues = email.trace.lines.filter((l) => l.speaker !== 'candidate').map((l) => l.cue);
    expect(cues).toEqual(cues.map(() => 'a written reply, day 1'));
    expect(cues.join(' ')).not.toContain('turning back to a customer');
    const call = step(c, email.state, { type: 'persist', act: 'ring-showroom' }, forcing('holding'));
    expect(
      call.trace.lines.filter((l) => l.speaker !== 'candidate').every((l) => l.cue === 'on the phone, day 2'),
    ).toBe(true);
  });

  it('"still" a no only after a no was said', () => {
    for (const status of ['rejection', 'no-decision'] as const) {
      const { c, s } = afterNo(status);
      const r = step(c, s, { type: 'persist', act: 'ring-showroom' }, forcing('holding'));
      const said = r.trace.response!.lines.map((l) => l.text).join(' ');
      if (status === 'rejection') expect(said).toMatch(/Still Liam's/);
      else expect(said).not.toMatch(/Still Liam's|still no/i);
    }
  });
});

describe('the debrief tells the negotiation', () => {
  it('each move with what it won or cost, and a promise to accept as a sum of salary', () => {
    const c = compile(FINAL_SAY);
    const play = Playthrough.start(FINAL_SAY);
    const actions: Action[] = [];
    for (let i = 0; i < 40 && play.view().phase === 'interview'; i++) {
      const v = play.view();
      const a: Action =
        v.close && v.node?.moment === 'closing'
          ? {
              type: 'close',
              close: {
                form: 'statement-of-intent',
                delivery: 'firm',
                points: v.close.points.map((p) => p.id),
                leverage: null,
                commit: true,
              },
            }
          : v.choices.length > 0
            ? { type: 'choose', choice: v.choices[0]!.id }
            : { type: 'continue' };
      actions.push(a);
      play.act(a);
    }
    expect(c.scenario.meta.id).toBe(FINAL_SAY.meta.id);
    expect(play.view().phase).toBe('ended');
    expect(play.debrief().salary).not.toBeNull();
    const d = play.debrief();
    const promise = d.negotiation.find((l) => l.startsWith('Promising to accept'));
    const m = promise?.match(
      /cost you about £([\d,]+): the offer of £([\d,]+) was final\. Without the promise you could have negotiated, and negotiating typically gains about 7%: about £([\d,]+) here\./,
    );
    expect(m).not.toBeNull();
    const [cost, final, negotiated] = m!.slice(1).map((x) => Number(x.replaceAll(',', '')));
    // The sums are the play's own: its final salary, and the negotiation that promise gave up.
    expect(final).toBe(d.salary);
    expect(negotiated! - final!).toBe(cost);
    expect(cost).toBeGreaterThan(0);
    expect(negotiated).toBeLessThanOrEqual(FINAL_SAY.decisionMakers[0]!.salary.max);
  });

  it('the persona says how far they can offer on the spot, instead of the generic sentence', () => {
    const tutorial = loadScenario('scenarios/00-tutorial.json');
    const note = tutorial.decisionMakers[0]!.authorityNote!;
    expect(note).toContain('Sam makes this hire himself');
    const play = Playthrough.start(tutorial);
    for (let i = 0; i < 40 && play.view().phase === 'interview'; i++) {
      const v = play.view();
      if (v.close && v.node?.moment === 'closing') {
        const r = play.act({
          type: 'close',
          close: { form: 'outright-ask', delivery: 'firm', points: [], leverage: null, commit: false },
        }).response!;
        const authority = r.factors.find((f) => f.id === 'authority');
        expect(authority?.text).toBe(note);
        expect(r.factors.map((f) => f.text).join(' ')).not.toContain('need others’ agreement');
        return;
      }
      if (v.choices.length > 0) play.act({ type: 'choose', choice: v.choices[0]!.id });
      else play.act({ type: 'continue' });
    }
    expect.unreachable('the tutorial never offered the close in its closing minutes');
  });
});
