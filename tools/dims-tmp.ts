import { readdirSync, readFileSync } from 'node:fs';
import { parseScenario } from '../src/engine';
import { layoutMap, overlaps } from '../src/game/map/layout';
for (const f of readdirSync('scenarios').filter((f) => f.endsWith('.json') && !f.includes('schema'))) {
  const p = parseScenario(readFileSync(`scenarios/${f}`, 'utf8'), f);
  if (!p.ok) continue;
  const out: string[] = [];
  let t = performance.now();
  for (const rows of [1, 2, 3, 4, 5]) for (const epc of [100, 3, 4, 6]) {
    const L = layoutMap(p.scenario, undefined, { rows, endingsPerColumn: epc });
    const bad = L.edges.filter((e) => e.label && L.boxes.some((b) => overlaps(e.label!, b))).length;
    const z = Math.min(866 / L.width, 612 / L.height);
    out.push(`${rows}/${epc}:${z.toFixed(2)}${bad ? `!${bad}` : ''}`);
  }
  console.log(f, Math.round(performance.now() - t), 'ms', out.join(' '));
}
