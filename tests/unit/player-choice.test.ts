/**
 * The player decides when and how: choices are shown in a seeded order per playthrough, the
 * format marks actions apart from speech, and the validator warns when the game, not the
 * player, decides when to close.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createRandom, Playthrough, parseScenario, type Scenario } from '../../src/engine';
import { validateScenario } from '../../src/engine/format/check';
import { displayOrder } from '../../src/engine/runtime/order';
import { pathThroughMoments } from '../e2e/saves';

const DIR = 'scenarios';
const library = readdirSync(DIR)
  .filter((f) => /^\d\d-.*\.json$/.test(f))
  .map((f) => {
    const parsed = parseScenario(readFileSync(join(DIR, f), 'utf8'), f);
    if (!parsed.ok) throw new Error(`${f} does not parse`);
    return { file: f, scenario: parsed.scenario };
  });

/** Plays to the first node with at least three choices, taking the authored first choice. */
function firstWideNode(scenario: Scenario, seed: number) {
  const play = Playthrough.start(scenario, { seed });
  for (let i = 0; i < 40; i++) {
    const v = play.view();
    if (v.phase !== 'interview') break;
    if (v.choices.length >= 3) return { play, view: v };
    if (v.canContinue) play.act({ type: 'continue' });
    else {
      const node = scenario.nodes.find((n) => n.id === v.node?.id)!;
      const first = node.choices.find((c) => v.choices.some((x) => x.id === c.id))!;
      play.act({ type: 'choose', choice: first.id });
    }
  }
  throw new Error(`no node with three choices in ${scenario.meta.id}`);
}

describe('choice display order', () => {
  it('is a permutation, stable for a seed and node, different across seeds', () => {
    const items = ['a', 'b', 'c', 'd', 'e'];
    const orders = new Set<string>();
    for (let seed = 1; seed <= 40; seed++) {
      const o = displayOrder(items, seed, 'node-x');
      expect([...o].sort()).toEqual(items);
      expect(displayOrder(items, seed, 'node-x')).toEqual(o);
      orders.add(o.join(''));
    }
    expect(orders.size).toBeGreaterThan(10);
    expect(displayOrder(items, 7, 'node-x', true)).toEqual(items);
  });

  it('puts the authored first choice first in only about its fair share of playthroughs', () => {
    const { view } = firstWideNode(library.find((s) => s.file.startsWith('01'))!.scenario, 1);
    const node = view.node!.id;
    const ids = view.choices.map((c) => c.id);
    let first = 0;
    const seeds = 300;
    for (let seed = 1; seed <= seeds; seed++) if (displayOrder(ids, seed, node)[0] === ids[0]) first++;
    // A fair shuffle puts any one choice first 1/n of the time; allow generous slack.
    expect(first / seeds).toBeLessThan(1 / ids.length + 0.12);
  });

  it('View.choices follows the seed, and a restored save shows the same order', () => {
    const scenario = library.find((s) => s.file.startsWith('01'))!.scenario;
    const seen = new Set<string>();
    for (let seed = 1; seed <= 12; seed++) {
      const { play, view } = firstWideNode(scenario, seed);
      seen.add(view.choices.map((c) => c.id).join(','));
      const again = Playthrough.restore(scenario, play.save());
      expect(again.view().choices).toEqual(view.choices);
    }
    expect(seen.size).toBeGreaterThan(1);
  });
});

describe('the close is the player’s to time', () => {
  for (const { file, scenario } of library) {
    it(`${file} offers the close in the opening, the middle and the closing minutes`, () => {
      const moments = new Set(
        scenario.nodes
          .filter(
            (n) =>
              !n.ending &&
              (n.closeAllowed ?? (scenario.closing.allowed === 'anywhere' || n.moment === 'closing')),
          )
          .map((n) => n.moment),
      );
      expect([...moments].sort()).toEqual(['closing', 'middle', 'opening']);
    });
  }

  // The browser test (tests/e2e/player.test.ts) plays such a route on screen for three of them.
  for (const { file, scenario } of library) {
    it(`${file}: one playthrough passes the close on offer in the opening, the middle and the closing minutes`, () => {
      const { actions, views } = pathThroughMoments(scenario);
      // Replayed from the start: each view is what the game shows after the actions before it.
      const replay = Playthrough.start(scenario, { seed: 1 });
      const offered = new Set<string>();
      for (let i = 0; i <= actions.length; i++) {
        const v = i === 0 ? replay.view() : replay.act(actions[i - 1]!);
        expect(v.phase, `${file} step ${i}`).toBe('interview');
        expect(v.node?.id).toBe(views[i]!.node?.id);
        if (v.close) offered.add(v.node!.moment);
      }
      expect([...offered].sort()).toEqual(['closing', 'middle', 'opening']);
    });
  }

  it('the validator warns when the close is on offer only in the closing minutes', () => {
    const text = readFileSync(join(DIR, '01-final-say.json'), 'utf8');
    const data = JSON.parse(text);
    data.closing.allowed = 'closing-moments';
    for (const n of data.nodes) delete n.closeAllowed;
    const result = validateScenario(JSON.stringify(data, null, 2), 'x.json');
    const warning = result.problems.find((p) => p.code === 'close-moments');
    expect(warning?.severity).toBe('warning');
    expect(warning?.message).toContain('never in the opening or middle');
    expect(warning?.path).toBe('$.closing.allowed');
  });
});

describe('speech is speech', () => {
  it('a candidate action is recorded as an action in the history, not as speech', () => {
    const scenario = library.find((s) => s.file.startsWith('06'))!.scenario;
    const play = Playthrough.start(scenario, { seed: 3 });
    play.act({ type: 'choose', choice: 'greet-forecourt' });
    const said = play.history().filter((e) => e.speaker === 'candidate');
    expect(said[0]?.kind).toBe('action');
    expect(play.view().choices.every((c) => c.kind === undefined || c.kind === 'action')).toBe(true);
  });

  it('the library marks stage directions such as "Shake his hand" as actions', () => {
    for (const { scenario } of library) {
      for (const n of scenario.nodes)
        for (const c of n.choices)
          if (
            /^(Shake|Ask (him|her) (what|how|whether|straight)|Tell (him|her)|Say you|Thank (him|her)|Reel off|Lead with|Apologise|Repeat that)\b/.test(
              c.text,
            )
          )
            expect(c.kind, `${scenario.meta.id} ${n.id}/${c.id}`).toBe('action');
    }
  });

  it('a negotiation move that is done, not said ("Shake his hand: …"), reaches the screen as an action', () => {
    const scenario = library.find((s) => s.file.startsWith('06'))!.scenario;
    const shake = scenario.negotiation!.moves.find((m) => m.id === 'shake-on-it')!;
    expect(shake.textKind).toBe('action');
    // Seeded random plays until one reaches the negotiation (a close in the closing minutes, or persistence after).
    let found = false;
    for (let seed = 1; seed <= 400 && !found; seed++) {
      const rand = createRandom(seed);
      const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
      const play = Playthrough.start(scenario, { seed, mode: 'realistic' });
      for (let i = 0; i < 120; i++) {
        const v = play.view();
        if (v.phase === 'interview') {
          if (v.close && v.node?.moment === 'closing' && rand() < 0.5) {
            play.act({
              type: 'close',
              close: {
                form: pick(v.close.forms).form,
                delivery: pick(v.close.deliveries).delivery,
                points: v.close.points.map((p) => p.id),
                leverage: null,
                commit: false,
              },
            });
          } else if (v.choices.length > 0) play.act({ type: 'choose', choice: pick(v.choices).id });
          else play.act({ type: 'continue' });
        } else if (v.phase === 'follow-up') play.act({ type: 'persist', act: pick(v.followUp!.acts).id });
        else break;
      }
      const n = play.view().negotiation;
      if (!n) continue;
      found = true;
      expect(n.moves.find((m) => m.id === 'shake-on-it')?.textKind).toBe('action');
      expect(n.moves.find((m) => m.id === 'ask-25')?.textKind).toBeUndefined();
    }
    expect(found).toBe(true);
  });
});
