import { readFileSync } from 'node:fs';
import { lengthTell } from './length-tell';
import { parseScenario } from '../../src/engine';
for (const f of process.argv.slice(2)) {
  const t0 = Date.now();
  const r = parseScenario(readFileSync(f, 'utf8'), f);
  const sc = (r as any).scenario ?? (r as any).value ?? r;
  const rep = lengthTell(sc);
  console.log(f, rep.decisions.length, 'ties', rep.ties, 'longest', rep.longest, 'first', rep.first, 'detail', rep.mostDetail, 'polite', rep.politest, Date.now() - t0, 'ms');
  if (process.env.V) for (const d of rep.decisions) console.log(' ', d.longest ? 'L' : ' ', d.node, d.best, d.answers.map(a => `${a.id}:${a.value.toFixed(1)}/${a.length}`).join(' '));
}
