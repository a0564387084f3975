/**
 * The after-interview search knows states by a 64-bit fingerprint (analysis/state-table.ts). Over
 * every state a seeded search of each library file reaches after the interview, two states share
 * a fingerprint exactly when they share the text key (`playKey`, `stateKey` for interview states,
 * with the variables' names sorted, as the fingerprints ignore their order): no two different
 * states merge, and no equal states are told apart.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  closeCompositions,
  closeOptions,
  compile,
  createRandom,
  expectedResolver,
  initialState,
  parseScenario,
  type State,
  step,
} from '../../../src/engine';
import { actionGroups, playKey, stateKey } from '../../../src/engine/analysis/moves';
import { fingerprintOf, PlayTable, shortKey } from '../../../src/engine/analysis/state-table';
import { type RandomPlay, randomMove } from '../../../tools/lib/random-play';

/** A text key with the variables' names in alphabetical order: the fingerprints ignore their order. */
const sorted = (s: State): State => ({
  ...s,
  vars: Object.fromEntries(Object.entries(s.vars).sort(([x], [y]) => (x < y ? -1 : 1))),
});

const FILES = [
  '01-final-say.json',
  '04-two-offers.json',
  '06-doorstep.json',
  '05-price-of-yes.json',
  '07-full-pipeline.json',
];

/** States after the interview: random interviews, then every move from each state reached (breadth first). */
function statesAfterInterview(file: string, limit: number): State[] {
  const parsed = parseScenario(readFileSync(`scenarios/${file}`, 'utf8'), file);
  if (!parsed.ok) throw new Error(`${file} does not parse`);
  const c = compile(parsed.scenario);
  const rng = createRandom(3);
  const play: RandomPlay = { closeChance: 0.3, closes: (cc, s) => closeCompositions(closeOptions(cc, s)!) };
  const out: State[] = [];
  const queue: State[] = [];
  for (let run = 0; run < 200 && queue.length < limit; run++) {
    let s = initialState(c);
    while (s.phase === 'interview')
      s = step(c, s, randomMove(c, s, rng, play), expectedResolver, false).state;
    if (s.phase !== 'ended') queue.push(s);
  }
  while (queue.length && out.length < limit) {
    const s = queue.shift()!;
    out.push(s);
    for (const g of actionGroups(c, s, { specs: () => [] })) {
      const next = step(c, s, g[0]!, expectedResolver, false).state;
      if (next.phase !== 'ended') queue.push(next);
    }
  }
  return out;
}

describe('state fingerprints', () => {
  for (const file of FILES) {
    it(`${file}: states share a fingerprint exactly when they share the text key`, () => {
      const states = statesAfterInterview(file, 4000);
      expect(states.length).toBeGreaterThan(500);
      const byPrint = new Map<string, string>();
      const byKey = new Map<string, string>();
      for (const s of states) {
        const print = fingerprintOf(s).join(':');
        const key = playKey(sorted(s));
        if (byPrint.has(print)) expect(byPrint.get(print), 'two different states, one fingerprint').toBe(key);
        if (byKey.has(key)) expect(byKey.get(key), 'one state, two fingerprints').toBe(print);
        byPrint.set(print, key);
        byKey.set(key, print);
      }
      // Many states repeat (the search is there to share them): the check saw both cases.
      expect(byKey.size).toBeLessThan(states.length);
    }, 120_000);
  }

  for (const file of FILES) {
    it(`${file}: interview states share a short key exactly when they share stateKey`, () => {
      const parsed = parseScenario(readFileSync(`scenarios/${file}`, 'utf8'), file);
      if (!parsed.ok) throw new Error(`${file} does not parse`);
      const c = compile(parsed.scenario);
      const rng = createRandom(5);
      const play: RandomPlay = { closeChance: 0, closes: () => [] };
      const byShort = new Map<string, string>();
      const byLong = new Map<string, string>();
      let seen = 0;
      for (let run = 0; run < 300; run++) {
        let s = initialState(c);
        while (s.phase === 'interview') {
          const short = shortKey(s, true);
          const long = stateKey(sorted(s));
          if (byShort.has(short)) expect(byShort.get(short), 'two different states, one key').toBe(long);
          if (byLong.has(long)) expect(byLong.get(long), 'one state, two keys').toBe(short);
          byShort.set(short, long);
          byLong.set(long, short);
          seen++;
          s = step(c, s, randomMove(c, s, rng, play), expectedResolver, false).state;
        }
      }
      expect(byLong.size).toBeGreaterThan(20);
      expect(byLong.size).toBeLessThan(seen);
    }, 120_000);
  }

  it('ignores the order of the variables, and tells apart states that differ in one field', () => {
    const parsed = parseScenario(readFileSync('scenarios/06-doorstep.json', 'utf8'), 'doorstep');
    if (!parsed.ok) throw new Error('does not parse');
    const s = { ...initialState(compile(parsed.scenario)), phase: 'follow-up' as const };
    const reversed = {
      ...s,
      vars: Object.fromEntries(Object.entries({ ...s.vars, x: 1, y: 'b' }).reverse()),
    };
    const forward = { ...s, vars: { ...s.vars, x: 1, y: 'b' } };
    expect(fingerprintOf(reversed)).toEqual(fingerprintOf(forward));
    const table = new PlayTable<number>();
    table.add(forward, 7);
    expect(table.get(reversed)).toBe(7);
    for (const other of [
      { ...forward, day: 1 },
      { ...forward, vars: { ...forward.vars, x: 2 } },
      { ...forward, vars: { ...forward.vars, z: 1 } },
      { ...forward, offer: 0 },
      { ...forward, hidden: forward.hidden.map((h) => ({ ...h, doubt: h.doubt + 0.05 })) },
    ])
      expect(table.get(other)).toBeUndefined();
    // Keyed by what play after the interview reads (the sampled analysis's search after it):
    // states that differ only in the variables or the believed options share a value; any other
    // field still tells them apart.
    const shared = new PlayTable<number>({ readBy: 0 });
    shared.add(forward, 8);
    expect(shared.get({ ...forward, vars: { ...forward.vars, x: 2, z: 1 } })).toBe(8);
    expect(shared.get({ ...forward, hidden: [{ ...forward.hidden[0]!, believesOptions: 0.9 }] })).toBe(8);
    expect(shared.get({ ...forward, day: 1 })).toBeUndefined();
    expect(shared.get({ ...forward, offer: 0 })).toBeUndefined();
    expect(shared.get({ ...forward, hidden: [{ ...forward.hidden[0]!, rapport: 0.95 }] })).toBeUndefined();
    // The short key with the settled fields tells apart what the interview settles; without, not.
    const firmer = { ...forward, professionalism: forward.professionalism + 5 };
    expect(shortKey(firmer, true)).not.toBe(shortKey(forward, true));
    expect(shortKey(firmer, false)).toBe(shortKey(forward, false));
    expect(shortKey({ ...forward, close: { timing: 40 } }, true)).not.toBe(shortKey(forward, true));
  });
});
