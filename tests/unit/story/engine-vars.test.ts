/**
 * The engine-set read-only variables: the runtime's record of the close and the follow-up,
 * which endings, debriefs and replies read so that no text claims what did not happen.
 */
import { describe, expect, it } from 'vitest';
import { type CloseSpec, Playthrough, Scenario, type ScenarioInput } from '../../../src/engine';
import { ENGINE_VARS } from '../../../src/engine/format/engine-vars';
import { type FixtureOptions, fixture } from '../../support/fixture';

/** The fixture, with one ending that reads every engine variable so that all of them are recorded. */
function reading(o: FixtureOptions = {}, edit?: (s: ScenarioInput) => void): Scenario {
  const input = JSON.parse(JSON.stringify(fixture(o))) as ScenarioInput;
  input.endings.unshift({
    id: 'reads-everything',
    outcome: 'withdrawn',
    title: 'Never',
    debrief: 'Reads every engine variable.',
    condition: { all: ENGINE_VARS.map((v) => ({ var: v.name, equals: '__never__' })) },
  });
  edit?.(input);
  return Scenario.parse(input);
}

const vars = (p: Playthrough) => p.current.vars;

function closeAt(
  scenario: Scenario,
  where: 'opening' | 'middle' | 'closing',
  close: Partial<CloseSpec>,
): Playthrough {
  const p = Playthrough.start(scenario, { seed: 3 });
  if (where !== 'opening') p.act({ type: 'choose', choice: 'a' });
  if (where === 'closing') p.act({ type: 'choose', choice: 'b' });
  p.act({
    type: 'close',
    close: {
      form: 'statement-of-intent',
      delivery: 'firm',
      points: [],
      leverage: null,
      commit: false,
      ...close,
    },
  });
  return p;
}

describe('engine-set variables', () => {
  it('start at their documented initial values, before anything happens', () => {
    const p = Playthrough.start(reading());
    for (const v of ENGINE_VARS) expect(vars(p)[v.name], v.name).toBe(v.initial);
  });

  it('are left out of the state when no condition reads them (states still merge for the analyzer)', () => {
    const p = Playthrough.start(fixture());
    expect(vars(p)).toEqual({});
    const closed = closeAt(fixture(), 'closing', {});
    expect(Object.keys(vars(closed)).filter((k) => k.startsWith('close'))).toEqual([]);
  });

  for (const form of [
    'statement-of-intent',
    'outright-ask',
    'next-stage',
    'shortlist',
    'tentative',
  ] as const) {
    for (const delivery of ['firm', 'tentative', 'pushy', 'desperate'] as const) {
      it(`record a ${delivery} ${form} close`, () => {
        const p = closeAt(reading(), 'closing', { form, delivery });
        expect(vars(p)).toMatchObject({
          closeMade: true,
          closeForm: form,
          closeDelivery: delivery,
          closeMoment: 'closing',
          closePoints: 0,
          closeLeverage: 'none',
          closeCommitted: false,
          bluffExposed: false,
        });
      });
    }
  }

  it('record the moment of the close', () => {
    expect(vars(closeAt(reading(), 'opening', {})).closeMoment).toBe('opening');
    expect(vars(closeAt(reading(), 'middle', {})).closeMoment).toBe('middle');
    expect(vars(closeAt(reading(), 'closing', {})).closeMoment).toBe('closing');
  });

  it('count the supporting points used', () => {
    expect(vars(closeAt(reading(), 'closing', { points: ['why'] })).closePoints).toBe(1);
    expect(vars(closeAt(reading(), 'closing', { points: ['why', 'reason'] })).closePoints).toBe(2);
  });

  it('say whether the leverage was real or a bluff, and whether the bluff was seen through', () => {
    expect(vars(closeAt(reading(), 'closing', { leverage: 'offer' }))).toMatchObject({
      closeLeverage: 'real',
      bluffExposed: false,
    });
    for (const exposeChance of [0, 0.2, 0.9, 1]) {
      const p = closeAt(reading({ exposeChance }), 'closing', { leverage: 'bluff' });
      const response = p.view().response ?? p.responses().find((r) => r.kind === 'close');
      expect(vars(p).closeLeverage).toBe('bluff');
      // The variable agrees with what the decision-maker said.
      expect(vars(p).bluffExposed, `exposeChance ${exposeChance}`).toBe(response?.bluffExposed === true);
    }
    expect(vars(closeAt(reading({ exposeChance: 1 }), 'closing', { leverage: 'bluff' })).bluffExposed).toBe(
      true,
    );
    expect(vars(closeAt(reading({ exposeChance: 0 }), 'closing', { leverage: 'bluff' })).bluffExposed).toBe(
      false,
    );
  });

  it('record a commitment only when it was said (with a form that asks for the job)', () => {
    expect(vars(closeAt(reading(), 'closing', { commit: true })).closeCommitted).toBe(true);
    expect(vars(closeAt(reading(), 'closing', { form: 'outright-ask', commit: true })).closeCommitted).toBe(
      true,
    );
    expect(vars(closeAt(reading(), 'closing', { form: 'next-stage', commit: true })).closeCommitted).toBe(
      false,
    );
    expect(vars(closeAt(reading(), 'closing', { commit: false })).closeCommitted).toBe(false);
  });

  it('are all in the debrief record, even when the scenario reads none of them', () => {
    const p = closeAt(fixture({ exposeChance: 1 }), 'middle', {
      form: 'outright-ask',
      delivery: 'pushy',
      points: ['why'],
      leverage: 'bluff',
      commit: true,
    });
    while (p.view().phase !== 'ended') {
      const v = p.view();
      if (v.phase === 'follow-up') p.act({ type: 'persist', act: 'call' });
      else if (v.phase === 'negotiation') p.act({ type: 'negotiate', move: 'accept' });
      else p.act({ type: 'continue' });
    }
    const persisted = p.actions.filter((a) => a.type === 'persist').length;
    expect(p.debrief().record).toMatchObject({
      closeMade: true,
      closeForm: 'outright-ask',
      closeDelivery: 'pushy',
      closePoints: 1,
      closeLeverage: 'bluff',
      closeCommitted: true,
      bluffExposed: true,
      closeMoment: 'middle',
      persistActs: persisted,
    });
  });

  it('say "after" and no close when the interview ended without one', () => {
    const p = Playthrough.start(reading());
    p.act({ type: 'choose', choice: 'a' });
    p.act({ type: 'choose', choice: 'b' });
    p.act({ type: 'continue' });
    expect(vars(p)).toMatchObject({ closeMade: false, closeForm: 'none', closeMoment: 'after' });
  });

  it('count persistence acts and record a shut door', () => {
    // A lukewarm, process-bound decision-maker: no after the interview, then the follow-up.
    const s = reading({ kind: 'hr-panel', initial: { keenness: 0.2, doubt: 0.7 }, candidatesRemaining: 30 });
    const p = Playthrough.start(s);
    p.act({ type: 'choose', choice: 'a' });
    p.act({ type: 'choose', choice: 'b' });
    p.act({ type: 'continue' });
    expect(p.view().phase).toBe('follow-up');
    let acts = 0;
    while (p.view().phase === 'follow-up') {
      p.act({ type: 'persist', act: 'visit' });
      acts++;
      expect(vars(p).persistActs).toBe(acts);
    }
    const last = p.responses().at(-1)!;
    expect(vars(p).doorShut).toBe(last.kind === 'persistence' && last.result === 'closed');
    expect(p.current.doorClosed).toBe(vars(p).doorShut);
  });

  it('are never set by letting it go', () => {
    const s = reading({ kind: 'hr-panel', initial: { keenness: 0.2, doubt: 0.7 }, candidatesRemaining: 30 });
    const p = Playthrough.start(s);
    p.act({ type: 'choose', choice: 'a' });
    p.act({ type: 'choose', choice: 'b' });
    p.act({ type: 'continue' });
    p.act({ type: 'let-go' });
    expect(vars(p)).toMatchObject({ persistActs: 0, doorShut: false });
  });

  it('record the negotiation round and whether the offer is at the top of the band', () => {
    const s = reading({ initial: { keenness: 0.95, doubt: 0.05, rapport: 0.8 } });
    for (let seed = 1; seed <= 40; seed++) {
      const p = Playthrough.start(s, { seed, mode: 'realistic' });
      p.act({ type: 'choose', choice: 'a' });
      p.act({ type: 'choose', choice: 'b' });
      p.act({
        type: 'close',
        close: {
          form: 'statement-of-intent',
          delivery: 'firm',
          points: ['why'],
          leverage: null,
          commit: false,
        },
      });
      let rounds = 0;
      while (p.view().phase === 'negotiation' && rounds < 3) {
        p.act({ type: 'negotiate', move: 'counter' });
        rounds++;
        expect(vars(p).negotiationRound).toBe(rounds);
        const n = p.view().negotiation;
        if (n) expect(vars(p).offerAtMax).toBe(n.offer >= 42000);
      }
    }
  });
});

describe('replies picked by the state', () => {
  it('a holding reply follows the number of acts and irritation, in words and face', () => {
    const s = reading(
      {
        kind: 'owner-manager',
        initial: { keenness: 0.3, doubt: 0.6 },
        candidatesRemaining: 6,
        traits: { patience: 0.2 },
      },
      (input) => {
        input.followUp!.replies.holding = [
          {
            id: 'h1',
            speaker: 'dm',
            text: 'First time, fine.',
            condition: { var: 'persistActs', equals: 1 },
          },
          {
            id: 'h2',
            speaker: 'dm',
            text: 'Again? I heard you.',
            condition: { var: 'persistActs', atLeast: 2 },
          },
          {
            id: 'h3',
            speaker: 'dm',
            text: 'This is getting tiresome.',
            expression: 'irritated',
            condition: { state: 'irritation', atLeast: 0.4 },
          },
        ];
      },
    );
    const p = Playthrough.start(s);
    p.act({ type: 'choose', choice: 'a' });
    p.act({ type: 'choose', choice: 'b' });
    p.act({ type: 'continue' });
    expect(p.view().phase).toBe('follow-up');
    const seen: { text: string; face: string; irritation: number }[] = [];
    while (p.view().phase === 'follow-up') {
      p.act({ type: 'persist', act: 'call' });
      const r = p.responses().at(-1)!;
      if (r.result !== 'holding') break;
      seen.push({
        text: r.lines.map((l) => l.text).join(' '),
        face: r.expression,
        irritation: p.current.hidden[0]!.irritation,
      });
    }
    expect(seen.length).toBeGreaterThan(0);
    expect(seen[0]!.text).toContain('First time');
    for (const [i, x] of seen.entries()) {
      if (i > 0) expect(x.text).toContain('Again?');
      if (x.irritation >= 0.4) {
        expect(x.text).toContain('tiresome');
        expect(x.face).toBe('irritated');
      }
    }
  });

  it('each follow-up act and letting go get coaching in the debrief', () => {
    const s = reading({ kind: 'hr-panel', initial: { keenness: 0.2, doubt: 0.7 }, candidatesRemaining: 30 });
    const p = Playthrough.start(s);
    p.act({ type: 'choose', choice: 'a' });
    p.act({ type: 'choose', choice: 'b' });
    p.act({ type: 'continue' });
    p.act({ type: 'persist', act: 'email' });
    if (p.view().phase === 'follow-up') p.act({ type: 'let-go' });
    const d = p.debrief();
    const persistIndexes = p.actions.flatMap((a, i) =>
      a.type === 'persist' || a.type === 'let-go' ? [i] : [],
    );
    for (const i of persistIndexes) {
      const k = d.coaching.find((c) => c.actionIndex === i);
      expect(k?.text, `coaching for action ${i}`).toBeTruthy();
    }
  });
});
