/**
 * npm run bench — prints figures, never fails for being slow (machines here are shared:
 * compare the ratios within one run).
 *  - engine steps per second (expected-mode random play over the library, or over the folder
 *    CLOSECALL_SCENARIOS names)
 *  - the engine beside inkjs on the same generated 10,000-node graph (its interview graph as an
 *    ink story, compiled by inkjs): steps per second through each public API, and the ratio
 *  - validation time for example.json and for a generated 10,000-node scenario
 *  - analysis time for every scenario in the library, the 10,000-node scenario and the 20,000-node chain
 *    (with the deterministic work counts beside each: see docs/performance.md)
 * `npm run bench -- --json` prints the same figures as JSON.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import {
  analyzeScenario,
  closeCompositions,
  closeOptions,
  compile,
  createRandom,
  expectedResolver,
  generateScenario,
  initialState,
  parseScenario,
  Scenario,
  type State,
  step,
  validateScenario,
} from '../src/engine';
import { chain as makeChain } from '../tests/fixtures/hostile/make';
import {
  compileInk,
  countStory,
  pathDifference,
  playEngineInterview,
  playInk,
  scenarioToInk,
} from './lib/ink-graph';
import { type RandomPlay, randomMove } from './lib/random-play';
import { scenariosDir, shownPath } from './lib/scenarios-dir';

const now = () => performance.now();
// Every timed run starts from a collected heap, so garbage an earlier figure left behind is not
// billed to the next one: without it the 20,000-node chain, timed after the 10,000-node
// scenario's analyses, started with 1.2 GB of their garbage in the heap and took 1.97-2.08 s on
// its first run against 1.46 s from a collected heap (same code, same run).
setFlagsFromString('--expose-gc');
const collect = runInNewContext('gc') as () => void;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
function time<T>(fn: () => T, runs = 5): { ms: number; value: T } {
  let value!: T;
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    collect();
    const t = now();
    value = fn();
    times.push(now() - t);
  }
  return { ms: median(times), value };
}

// The library, or the author's own folder when CLOSECALL_SCENARIOS names one (as every tool does).
const dir = scenariosDir();
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.json') && f !== 'scenario.schema.json')
  .sort()
  .map((f) => shownPath(join(dir, f)));
const library = files.map((f) => {
  const parsed = parseScenario(readFileSync(f, 'utf8'), f);
  if (!parsed.ok) throw new Error(`${f} does not parse: run npm run validate`);
  return { file: f, scenario: parsed.scenario };
});

// 1. Engine steps per second.
function stepsPerSecond(ms: number): number {
  const rng = createRandom(7);
  let steps = 0;
  const start = now();
  const compiled = library.map((l) => compile(l.scenario));
  // Close compositions are built once per scenario, outside the timed steps' hot path.
  const closes = new Map(
    compiled.map((c) => {
      const s = initialState(c);
      const node = c.scenario.nodes.find((n) => n.moment === 'closing') ?? c.scenario.nodes[0]!;
      const options = closeOptions(c, { ...s, node: node.id }) ?? closeOptions(c, s);
      const all = options ? closeCompositions({ ...options, points: [] }) : [];
      return [c, all] as const;
    }),
  );
  while (now() - start < ms) {
    for (const c of compiled) {
      let s: State = initialState(c);
      const play: RandomPlay = { closeChance: 0.15, closes: () => closes.get(c)! };
      while (s.phase !== 'ended') {
        s = step(c, s, randomMove(c, s, rng, play), expectedResolver, false).state;
        steps++;
      }
    }
  }
  return steps / ((now() - start) / 1000);
}

const json = process.argv.includes('--json');
const out: string[] = [];
/** Every timed figure, for `npm run bench -- --json`. */
const figures: Record<string, unknown> = { machine: { cpus: availableParallelism(), load: loadavg() } };
const say = (line: string) => {
  out.push(line);
  if (!json) console.log(line);
};

stepsPerSecond(1000); // warm-up: let the JIT settle before measuring
collect();
const sps = stepsPerSecond(2000);
figures.engineStepsPerSecond = Math.round(sps);
say(
  `engine steps per second (expected mode, random play over ${library.length} scenarios): ${Math.round(sps).toLocaleString('en-GB')}`,
);

// 2. The engine beside inkjs, on the same generated graph (issue 21), through each public API.
const big = generateScenario(10_000, 1);
const bigScenario = Scenario.parse(big);
// In a function of its own, so the compiled ink story (about 176 MB of heap) is garbage once the
// comparison is done. As a block of the module's top level it stayed reachable to the end of the
// run, and every figure after it paid for marking it in each major collection (the chain's
// analysis took 2.1-2.9 s there against 1.3-1.6 s in a process of its own).
function inkComparison(): void {
  const t = now();
  const graph = scenarioToInk(bigScenario);
  const story = compileInk(graph.source);
  const compileMs = now() - t;
  const counted = countStory(story);
  const nodes = bigScenario.nodes.length;
  const choices = bigScenario.nodes.reduce((n, node) => n + node.choices.length, 0);
  if (
    graph.knots !== nodes ||
    counted.knots !== nodes ||
    graph.choices !== choices ||
    counted.choices !== choices
  )
    throw new Error(
      `The ink story is not the scenario's graph: ${counted.knots} knots and ${counted.choices} choices for ${nodes} nodes and ${choices} choices.`,
    );
  const c = compile(bigScenario);
  const differs = pathDifference(c, story, 11);
  if (differs) throw new Error(`The engine and ink take different paths from the same seed: ${differs}.`);
  say(
    `ink story of the generated 10,000-node scenario: ${counted.knots.toLocaleString('en-GB')} knots, ${counted.choices.toLocaleString('en-GB')} choices (as the scenario), compiled by inkjs in ${compileMs.toFixed(0)} ms; a seeded play takes the same path through both`,
  );
  // Each side plays from the same seed for the same wall time, after a warm-up of its own.
  const rate = (play: (rng: () => number) => number, ms: number) => {
    collect();
    const rng = createRandom(7);
    let steps = 0;
    const start = now();
    while (now() - start < ms) steps += play(rng);
    return steps / ((now() - start) / 1000);
  };
  const engine = (rng: () => number) => playEngineInterview(c, rng);
  const ink = (rng: () => number) => playInk(story, rng);
  rate(engine, 1000);
  rate(ink, 1000);
  const engineSps = rate(engine, 2000);
  const inkSps = rate(ink, 2000);
  const ratio = engineSps / inkSps;
  figures.inkjs = {
    engineStepsPerSecond: Math.round(engineSps),
    inkStepsPerSecond: Math.round(inkSps),
    ratio: Math.round(ratio * 100) / 100,
    graph: { nodes, choices },
    seconds: 2,
    compileMs: round(compileMs),
  };
  say(
    `engine ÷ inkjs, same generated 10,000-node graph, random play of the interview graph only (choices; no close, decision, follow-up or negotiation), 2 s each: engine ${Math.round(engineSps).toLocaleString('en-GB')} steps/s (step in expected mode), inkjs ${Math.round(inkSps).toLocaleString('en-GB')} choices/s (Continue + ChooseChoiceIndex): ${ratio.toFixed(1)}×`,
  );
}
inkComparison();

const exampleText = readFileSync('scenarios/example.json', 'utf8');
const v1 = time(() => validateScenario(exampleText, 'scenarios/example.json', {}), 20);
figures.validateExampleMs = round(v1.ms);
say(`validate example.json (${exampleText.length.toLocaleString('en-GB')} chars): ${v1.ms.toFixed(2)} ms`);

const bigText = JSON.stringify(big, null, 2);
const v2 = time(() => validateScenario(bigText, 'generated-10000.json', {}), 3);
figures.validateGenerated10000Ms = round(v2.ms);
say(
  `validate generated 10,000-node scenario (${(bigText.length / 1e6).toFixed(1)} MB): ${v2.ms.toFixed(0)} ms, ${v2.value.problems.filter((p) => p.severity === 'error').length} errors`,
);
const a2 = time(() => analyzeScenario(bigScenario), 3);
figures.analyzeGenerated10000 = { ms: round(a2.ms), method: a2.value.method, work: a2.value.work };
say(
  `analyze generated 10,000-node scenario: ${a2.ms.toFixed(0)} ms (${a2.value.method}, ${a2.value.states.toLocaleString('en-GB')} states, ${a2.value.work.steps.toLocaleString('en-GB')} engine steps)`,
);
figures.validateAndAnalyzeGenerated10000Ms = round(v2.ms + a2.ms);
say(`validate + analyze the 10,000-node scenario: ${(v2.ms + a2.ms).toFixed(0)} ms`);

const chain = Scenario.parse(makeChain(20_000));
const a3 = time(() => analyzeScenario(chain), 1);
figures.analyzeChain20000 = { ms: round(a3.ms), method: a3.value.method, work: a3.value.work };
say(
  `analyze the 20,000-node chain: ${a3.ms.toFixed(0)} ms (${a3.value.method}, ${a3.value.work.steps.toLocaleString('en-GB')} engine steps)`,
);

let total = 0;
const perFile: Record<string, unknown> = {};
for (const { file, scenario } of library) {
  const r = time(() => analyzeScenario(scenario), 1);
  total += r.ms;
  perFile[file] = { ms: round(r.ms), method: r.value.method, states: r.value.states, work: r.value.work };
  say(
    `  analyze ${file}: ${r.ms.toFixed(0)} ms (${r.value.method}, ${r.value.states.toLocaleString('en-GB')} states, ${r.value.work.steps.toLocaleString('en-GB')} engine steps, ${r.value.work.judgements.toLocaleString('en-GB')} judgements)`,
  );
}
figures.analyzeLibrary = { totalMs: round(total), files: perFile };
say(`analyze the whole library (${library.length} files): ${total.toFixed(0)} ms`);
if (json) console.log(JSON.stringify(figures, null, 2));

function round(ms: number): number {
  return Math.round(ms * 100) / 100;
}
