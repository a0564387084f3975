/**
 * The sampled analysis's search after the interview shares one value between states that differ
 * only in their variables (analysis/sample.ts, `PlayTable({ vars: false })`). That holds because
 * after the interview nothing that moves play on or scores it reads the variables: they pick an
 * ending's id and the words, and the score reads neither. This test holds the engine to it on
 * every library file: from states reached after the interview, with the variables swapped for
 * those of another play, the moves on offer, every next state (bar its variables and ending id)
 * and every score are the same.
 */
import { readdirSync, readFileSync } from 'node:fs';
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
import { actionGroups } from '../../../src/engine/analysis/moves';
import { scoreParts } from '../../../src/engine/scoring';
import { type RandomPlay, randomMove } from '../../../tools/lib/random-play';

const FILES = readdirSync('scenarios').filter((f) => /^\d\d-.*\.json$/.test(f));

/** A state without what the variables may choose: the variables themselves and the ending's id. */
const bare = (s: State) => ({ ...s, vars: null, ending: s.ending === null ? null : 'set' });

describe('after the interview, the variables choose only words and an ending id', () => {
  for (const file of FILES) {
    it(`${file}: moves, next states and scores do not depend on the variables`, () => {
      const parsed = parseScenario(readFileSync(`scenarios/${file}`, 'utf8'), file);
      if (!parsed.ok) throw new Error(`${file} does not parse`);
      const c = compile(parsed.scenario);
      const rng = createRandom(11);
      const play: RandomPlay = {
        closeChance: 0.3,
        closes: (cc, s) => closeCompositions(closeOptions(cc, s)!),
      };
      // States after the interview (random interviews, then breadth first), and the variables
      // each interview left, to swap in.
      const queue: State[] = [];
      const varsSeen: State['vars'][] = [initialState(c).vars];
      for (let run = 0; run < 120; run++) {
        let s = initialState(c);
        while (s.phase === 'interview')
          s = step(c, s, randomMove(c, s, rng, play), expectedResolver, false).state;
        varsSeen.push(s.vars);
        if (s.phase !== 'ended') queue.push(s);
      }
      // Some files end every play at the interview's answer: nothing after it to share.
      if (queue.length === 0) return;
      const distinctVars = new Set(varsSeen.map((v) => JSON.stringify(v)));
      expect(distinctVars.size, 'the interviews left different variables').toBeGreaterThan(1);
      let checked = 0;
      let ended = 0;
      while (queue.length && checked < 600) {
        const s = queue.shift()!;
        const other = { ...s, vars: varsSeen[checked % varsSeen.length]! };
        const moves = actionGroups(c, s, { specs: () => [] });
        expect(JSON.stringify(actionGroups(c, other, { specs: () => [] }))).toBe(JSON.stringify(moves));
        for (const group of moves) {
          const next = step(c, s, group[0]!, expectedResolver, false).state;
          const swapped = step(c, other, group[0]!, expectedResolver, false).state;
          expect(bare(swapped)).toEqual(bare(next));
          if (next.phase === 'ended') {
            ended++;
            expect(scoreParts(c, swapped)).toEqual(scoreParts(c, next));
          } else queue.push(next);
        }
        checked++;
      }
      expect(checked).toBeGreaterThan(100);
      expect(ended).toBeGreaterThan(10);
    }, 120_000);
  }
});
