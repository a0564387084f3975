/**
 * Engine steps per CPU-second, expected mode, random play over the library: the play of
 * `npm run bench`'s first figure as it was at commit 5650d24, through imports that exist from then
 * to now, so one copy of this file measures any commit in between (a bisect; docs/performance.md
 * says how). CPU time (process.cpuUsage), read every 50 rounds of the library; one warm-up second,
 * then five 1-second runs, and the best of them is the figure (the others are load).
 *
 *   cp tools/bisect-steps.ts /tmp && git worktree add /tmp/bis <commit> && cp -al node_modules /tmp/bis/
 *   cd /tmp/bis && cp /tmp/bisect-steps.ts tools/ && npx esbuild tools/bisect-steps.ts --bundle \
 *     --platform=node --format=esm --main-fields=module,main --outfile=/tmp/steps.mjs && node /tmp/steps.mjs
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Action, closeCompositions, parseScenario } from '../src/engine';
import { createRandom } from '../src/engine/random';
import { availableChoices, compile } from '../src/engine/runtime/compile';
import { closeOptions, expectedResolver, initialState, type State, step } from '../src/engine/runtime/step';

const files = readdirSync('scenarios')
  .filter((f) => f.endsWith('.json') && f !== 'scenario.schema.json')
  .sort()
  .map((f) => join('scenarios', f));
const library = files.map((f) => {
  const parsed = parseScenario(readFileSync(f, 'utf8'), f);
  if (!parsed.ok) throw new Error(`${f} does not parse`);
  return parsed.scenario;
});
const cpu = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
};
function run(seconds: number): number {
  const rng = createRandom(7);
  const compiled = library.map((s) => compile(s));
  const closes = new Map(
    compiled.map((c) => {
      const s = initialState(c);
      const node = c.scenario.nodes.find((n) => n.moment === 'closing') ?? c.scenario.nodes[0]!;
      const options = closeOptions(c, { ...s, node: node.id }) ?? closeOptions(c, s);
      return [c, options ? closeCompositions({ ...options, points: [] }) : []] as const;
    }),
  );
  let steps = 0;
  const start = cpu();
  while (cpu() - start < seconds) {
    for (let round = 0; round < 50; round++)
      for (const c of compiled) {
        let s: State = initialState(c);
        while (s.phase !== 'ended') {
          const actions: Action[] = [];
          if (s.phase === 'interview') {
            const node = c.nodes.get(s.node)!;
            const choices = availableChoices(node, s.vars, s.hidden, c);
            for (const ch of choices) actions.push({ type: 'choose', choice: ch.id });
            if (!choices.length) actions.push({ type: 'continue' });
            const cl = closes.get(c)!;
            if (closeOptions(c, s) && cl.length && rng() < 0.15) {
              actions.length = 0;
              actions.push({ type: 'close', close: cl[Math.floor(rng() * cl.length)]! });
            }
          } else if (s.phase === 'follow-up') {
            for (const a of c.scenario.followUp!.acts) actions.push({ type: 'persist', act: a.id });
            actions.push({ type: 'let-go' });
          } else {
            const n = c.scenario.negotiation!;
            for (const m of n.moves) {
              if ((m.kind === 'counter' || m.kind === 'counter-with-leverage') && s.round >= n.rounds)
                continue;
              actions.push({ type: 'negotiate', move: m.id });
            }
          }
          s = step(c, s, actions[Math.floor(rng() * actions.length)]!, expectedResolver, false).state;
          steps++;
        }
      }
  }
  return steps / (cpu() - start);
}
run(1);
const r = [run(1), run(1), run(1), run(1), run(1)];
console.log(
  JSON.stringify({ files: library.length, sps: Math.round(Math.max(...r)), runs: r.map(Math.round) }),
);
