/**
 * The story map reads well: folded to the screen, every library map fits at a zoom where a box's
 * name is drawn at 12 px or more, no box overlaps another, and no arrow's words cover a box;
 * unreachable endings are found; Play from here lists every variable of the scenario.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { type Scenario, validateScenario } from '../../src/engine';
import { foldFor, layoutMap, overlaps } from '../../src/game/map/layout';
import type { MapAnalysis } from '../../src/game/map/view';
import { scenarioFiles } from '../../tools/lib/scenario-catalog';

const library = [...scenarioFiles('scenarios'), 'example.json'].map((file) => {
  const r = validateScenario(readFileSync(`scenarios/${file}`, 'utf8'), file);
  if (!r.ok) throw new Error(file);
  return { file, scenario: r.scenario };
});

// The map's viewport in stage pixels at 1280x720.
const VW = 866;
const VH = 612;

describe('the folded map', () => {
  it('fits every library map at a zoom where names read, boxes apart and words off the boxes', () => {
    for (const { file, scenario } of library) {
      const L = layoutMap(scenario, undefined, foldFor(scenario, VW, VH));
      const zoom = Math.min(1, VW / L.width, VH / L.height);
      // Unfolded, a 27-node map fitted at 0.17; folded, every map fits at 0.35 or more, where a
      // box's name (drawn at 12/zoom px, at most 40) is 12 px on screen and two lines fit a box.
      expect(zoom, file).toBeGreaterThanOrEqual(0.35);
      for (const [i, a] of L.boxes.entries())
        for (const b of L.boxes.slice(i + 1))
          expect(overlaps(a, b), `${file}: ${a.key} / ${b.key}`).toBe(false);
      for (const e of L.edges) {
        const covered = L.boxes.filter((b) => e.label && overlaps(e.label, b)).map((b) => b.key);
        expect(covered, `${file}: words of ${e.from}→${e.to}`).toEqual([]);
      }
    }
  });

  it('keeps the words of the unfolded map off the boxes too', () => {
    for (const { file, scenario } of library) {
      const L = layoutMap(scenario);
      for (const e of L.edges)
        expect(
          L.boxes.some((b) => e.label && overlaps(e.label, b)),
          `${file}: ${e.from}→${e.to}`,
        ).toBe(false);
    }
  });
});

describe('map analysis helpers', () => {
  const example = library.find((l) => l.file === 'example.json')!.scenario;
  const everywhere = (s: Scenario): MapAnalysis => ({
    reach: new Map(s.nodes.map((n) => [n.id, 1])),
    likely: new Map(s.nodes.map((n) => [n.id, { p: 1, labels: [], hidden: {} as never, vars: {} }])),
    stalls: new Set(),
  });

  it('marks an ending shadowed by an earlier one of its outcome, not one a reached choice names', async () => {
    const { unreachableEndings } = await import('../../src/game/map/view');
    const s: Scenario = structuredClone(example);
    const first = s.endings.find((e) => e.outcome === 'rejection' && !e.condition)!;
    s.endings.push({ ...first, id: 'second-rejection', title: 'Again' });
    const dead = unreachableEndings(s, everywhere(s));
    expect(dead.get('second-rejection')).toMatch(/comes first and always applies/);
    expect(dead.has(first.id)).toBe(false);
    // Named by a choice at a reached node: reached, whatever its outcome.
    expect(dead.has('withdrew-early')).toBe(false);
  });

  it('lists every variable the scenario sets or reads, not the engine’s own', async () => {
    const { scenarioVariables } = await import('../../src/game/map/view');
    const vars = scenarioVariables(example);
    expect([...vars.keys()]).toEqual(
      expect.arrayContaining(['askedChurn', 'askedHistory', 'evidence', 'mentionedOptions', 'metWarehouse']),
    );
    expect(vars.get('evidence')).toBe('number');
    expect(vars.get('askedChurn')).toBe('boolean');
    expect(vars.has('closeMade')).toBe(false);
  });
});
