/**
 * The sampled analysis's search after the interview shares one value between states that differ
 * only in what play after the interview never reads (analysis/sample.ts, `PlayTable({ readBy })`):
 * the variables, the lead decision-maker's believed options and the other decision-makers' hidden
 * state. They choose an ending's id and the words, which the score does not read, and a caught
 * bluff sets the believed options to 0 without reading them. This test holds the engine to it on
 * every library file: from states reached after the interview, with those swapped for another
 * play's (or other values), the moves on offer, every next state (bar those and the ending's id)
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

describe('after the interview, play reads neither the variables, the believed options nor the others', () => {
  for (const file of FILES) {
    it(`${file}: moves, next states and scores do not depend on them`, () => {
      const parsed = parseScenario(readFileSync(`scenarios/${file}`, 'utf8'), file);
      if (!parsed.ok) throw new Error(`${file} does not parse`);
      const c = compile(parsed.scenario);
      const lead = c.lead;
      /** A state without what it may differ in: those fields, and the ending's id. */
      const read = (s: State) => ({
        ...s,
        vars: null,
        ending: s.ending === null ? null : 'set',
        hidden: s.hidden.map((h, i) => (i === lead ? { ...h, believesOptions: null } : null)),
      });
      const rng = createRandom(11);
      const play: RandomPlay = {
        closeChance: 0.3,
        closes: (cc, s) => closeCompositions(closeOptions(cc, s)!),
      };
      // States after the interview (random interviews, then breadth first), and what each
      // interview left, to swap in.
      const queue: State[] = [];
      const left: State[] = [initialState(c)];
      for (let run = 0; run < 120; run++) {
        let s = initialState(c);
        while (s.phase === 'interview')
          s = step(c, s, randomMove(c, s, rng, play), expectedResolver, false).state;
        left.push(s);
        if (s.phase !== 'ended') queue.push(s);
      }
      // Some files end every play at the interview's answer: nothing after it to share.
      if (queue.length === 0) return;
      const distinct = new Set(left.map((s) => JSON.stringify([s.vars, s.hidden[lead]!.believesOptions])));
      expect(distinct.size, 'the interviews left different variables or beliefs').toBeGreaterThan(1);
      let checked = 0;
      let ended = 0;
      while (queue.length && checked < 600) {
        const s = queue.shift()!;
        const donor = left[checked % left.length]!;
        const believes = checked % 3 === 0 ? donor.hidden[lead]!.believesOptions : (checked % 21) / 20;
        const other: State = {
          ...s,
          vars: donor.vars,
          hidden: s.hidden.map((h, i) =>
            i === lead ? { ...h, believesOptions: believes } : { ...donor.hidden[i]! },
          ),
        };
        const moves = actionGroups(c, s, { specs: () => [] });
        expect(JSON.stringify(actionGroups(c, other, { specs: () => [] }))).toBe(JSON.stringify(moves));
        for (const group of moves) {
          const next = step(c, s, group[0]!, expectedResolver, false).state;
          const swapped = step(c, other, group[0]!, expectedResolver, false).state;
          expect(read(swapped)).toEqual(read(next));
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
