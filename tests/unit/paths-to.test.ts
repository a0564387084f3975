/**
 * Play from here, the path of the author's choice (issue 23 item 6): every way offered to a node
 * replays from the start to that node and leaves the state offered; the most likely comes first;
 * the strongest and weakest arrivals are the ends of the decision-maker's regard among the ways.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compile, expectedResolver, initialState, parseScenario, pathsTo, step } from '../../src/engine';

const library = readdirSync('scenarios')
  .filter((f) => /^\d\d-.*\.json$/.test(f))
  .map((f) => {
    const parsed = parseScenario(readFileSync(`scenarios/${f}`, 'utf8'), f);
    if (!parsed.ok) throw new Error(`${f} does not parse`);
    return parsed.scenario;
  });

describe('Play from here: ways to a node', () => {
  for (const scenario of library) {
    it(`${scenario.meta.id}: each way replays to its node and leaves the state it offers`, () => {
      const compiled = compile(scenario);
      const regard = (w: ReturnType<typeof pathsTo>[number]) => {
        const h = w.state.hidden[compiled.lead]!;
        return h.keenness - h.doubt - h.irritation + 0.5 * h.rapport;
      };
      // Nodes in the middle and closing minutes, where an author most often starts.
      const targets = scenario.nodes.filter((n) => n.moment !== 'opening' && !n.ending).slice(0, 2);
      let offered = 0;
      for (const node of targets) {
        const ways = pathsTo(scenario, node.id);
        if (ways.length === 0) continue;
        offered++;
        expect(ways.length).toBeLessThanOrEqual(6);
        expect(ways[0]!.kind).toBe('likely');
        expect(new Set(ways.map((w) => JSON.stringify(w.actions))).size).toBe(ways.length);
        for (const w of ways) {
          let s = initialState(compiled);
          for (const a of w.actions) s = step(compiled, s, a, expectedResolver, false).state;
          expect(s.node).toBe(node.id);
          expect({ ...s, draws: 0 }).toEqual({ ...w.state, draws: 0 });
        }
        const strongest = ways.find((w) => w.kind === 'strongest' || w.notes.includes('strongest'));
        const weakest = ways.find((w) => w.kind === 'weakest' || w.notes.includes('weakest'));
        for (const w of ways) {
          if (strongest) expect(regard(strongest)).toBeGreaterThanOrEqual(regard(w));
          if (weakest) expect(regard(weakest)).toBeLessThanOrEqual(regard(w));
        }
      }
      expect(offered).toBeGreaterThan(0);
    });
  }
});
