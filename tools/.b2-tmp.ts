import { validateScenario } from '../src/engine/format/check';
import { generateScenario } from '../src/engine/format/generate';
const text = JSON.stringify(generateScenario(10000, 1), null, 2);
const t: number[] = [];
for (let i = 0; i < 6; i++) { const a = performance.now(); validateScenario(text, 'gen'); t.push(performance.now() - a); }
console.log(t.map((x) => x.toFixed(0)).join(', '));
