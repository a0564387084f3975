/**
 * npm run bench:naive — does the position of a choice give the answer away?
 *
 * Plays every scenario in the player's list, averaged over seeds (the seed orders the choices on
 * screen), as three players:
 *  - naive: always takes the first choice shown, makes the first close offered with the first
 *    form and the first delivery shown and nothing else, and takes the first act or move shown
 *    after the interview;
 *  - naive, late: the same, but holds the close until the closing minutes;
 *  - thoughtful: a sensible heuristic — answers well (the strongest answer on offer), waits for
 *    the closing minutes, asks for what the stage allows (an offer in a final with everyone seen,
 *    else the next stage), firmly, with two supporting points, real leverage only, commits when it
 *    is true and the stage is final, lets a no rest, and accepts an offer;
 *  - best: the analyzer's best path (expected play), the ceiling.
 * Prints the figures; it never fails. `--seeds N` (default 40), `--no-best` skips the analyzer.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CloseSpec, View } from '../src/engine';
import { analyzeScenario, Playthrough, parseScenario, type Scenario } from '../src/engine';
import { scenariosDir } from './lib/scenarios-dir';

const args = process.argv.slice(2);
const seedsArg = args.indexOf('--seeds');
const SEEDS = seedsArg >= 0 ? Number(args[seedsArg + 1]) : 40;
const withBest = !args.includes('--no-best');

// The player's list (the numbered library files), or every scenario in the author's own folder
// when CLOSECALL_SCENARIOS names one.
const dir = scenariosDir();
const own = Boolean(process.env.CLOSECALL_SCENARIOS?.trim());
const library = readdirSync(dir)
  .filter((f) => (own ? f.endsWith('.json') && f !== 'scenario.schema.json' : /^\d\d-.*\.json$/.test(f)))
  .sort()
  .map((f) => {
    const parsed = parseScenario(readFileSync(join(dir, f), 'utf8'), f);
    if (!parsed.ok) throw new Error(`${f} does not parse: run npm run validate`);
    return { file: f, scenario: parsed.scenario };
  });

type Player = (v: View, s: Scenario) => Parameters<Playthrough['act']>[0];

const naive: Player = (v) => {
  if (v.phase === 'interview') {
    if (v.close) {
      const close: CloseSpec = {
        form: v.close.forms[0]!.form,
        delivery: v.close.deliveries[0]!.delivery,
        points: [],
        leverage: null,
        commit: false,
      };
      return { type: 'close', close };
    }
    if (v.choices.length > 0) return { type: 'choose', choice: v.choices[0]!.id };
    return { type: 'continue' };
  }
  if (v.phase === 'follow-up') return { type: 'persist', act: v.followUp!.acts[0]!.id };
  return { type: 'negotiate', move: v.negotiation!.moves[0]!.id };
};

/** As naive, but holds the close until the closing minutes: what the order of choices alone gives away. */
const naiveLate: Player = (v, s) => {
  if (
    v.phase === 'interview' &&
    v.close &&
    v.node!.moment !== 'closing' &&
    (v.choices.length > 0 || v.canContinue)
  )
    return v.choices.length > 0 ? { type: 'choose', choice: v.choices[0]!.id } : { type: 'continue' };
  return naive(v, s);
};

const RANK = { strong: 0, fair: 1, weak: 2 } as const;
const thoughtful: Player = (v, s) => {
  if (v.phase === 'interview') {
    const node = s.nodes.find((n) => n.id === v.node!.id)!;
    const closing = v.node!.moment === 'closing';
    if (v.close && (closing || (v.choices.length === 0 && !v.canContinue))) {
      const final = s.situation.stage === 'final' || s.situation.candidatesRemaining === 0;
      const want = final ? ['statement-of-intent', 'outright-ask'] : ['next-stage', 'shortlist'];
      const form =
        want.map((f) => v.close!.forms.find((x) => x.form === f)).find(Boolean) ?? v.close.forms[0]!;
      const delivery = v.close.deliveries.find((d) => d.delivery === 'firm') ?? v.close.deliveries[0]!;
      const whyUs = v.close.points.find((p) => p.kind === 'why-us');
      const reason = v.close.points.find((p) => p.kind === 'reason');
      const real = s.candidate.otherOptions.find((o) => o.real);
      return {
        type: 'close',
        close: {
          form: form.form,
          delivery: delivery.delivery,
          points: [whyUs, reason].filter((p) => p !== undefined).map((p) => p.id),
          leverage: real ? real.id : null,
          commit: v.close.canCommit && final,
        },
      };
    }
    if (v.choices.length > 0) {
      const ranked = [...v.choices].sort((a, b) => {
        const qa = node.choices.find((c) => c.id === a.id)?.quality;
        const qb = node.choices.find((c) => c.id === b.id)?.quality;
        return (qa ? RANK[qa] : 1) - (qb ? RANK[qb] : 1);
      });
      return { type: 'choose', choice: ranked[0]!.id };
    }
    return { type: 'continue' };
  }
  if (v.phase === 'follow-up') return { type: 'let-go' };
  const accept = v.negotiation!.moves.find((m) => m.kind === 'accept') ?? v.negotiation!.moves[0]!;
  return { type: 'negotiate', move: accept.id };
};

function play(scenario: Scenario, seed: number, player: Player): number {
  const p = Playthrough.start(scenario, { seed, mode: 'expected' });
  for (let guard = 0; guard < 500; guard++) {
    const v = p.view();
    if (v.phase === 'ended') return p.score().total;
    p.act(player(v, scenario));
  }
  throw new Error(`${scenario.meta.id}: a playthrough did not end`);
}

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const pad = (s: string | number, n: number) => String(s).padStart(n);

console.log(`Naive vs thoughtful players, expected mode, ${SEEDS} seeds per scenario`);
console.log(
  `${'scenario'.padEnd(28)}${pad('naive', 8)}${pad('(min–max)', 12)}${pad('naive late', 12)}${pad('(min–max)', 12)}${pad('thoughtful', 12)}${pad('best', 7)}`,
);
const totals = {
  naive: [] as number[],
  late: [] as number[],
  thoughtful: [] as number[],
  best: [] as number[],
};
for (const { file, scenario } of library) {
  const seeds = Array.from({ length: SEEDS }, (_, i) => i + 1);
  const n = seeds.map((seed) => play(scenario, seed, naive));
  const l = seeds.map((seed) => play(scenario, seed, naiveLate));
  const t = mean(seeds.map((seed) => play(scenario, seed, thoughtful)));
  const best = withBest ? analyzeScenario(scenario).bestPath.score : Number.NaN;
  totals.naive.push(mean(n));
  totals.late.push(mean(l));
  totals.thoughtful.push(t);
  if (withBest) totals.best.push(best);
  console.log(
    `${file.padEnd(28)}${pad(mean(n).toFixed(1), 8)}${pad(`${Math.min(...n)}–${Math.max(...n)}`, 12)}${pad(mean(l).toFixed(1), 12)}${pad(`${Math.min(...l)}–${Math.max(...l)}`, 12)}${pad(t.toFixed(1), 12)}${pad(withBest ? best : '-', 7)}`,
  );
}
console.log(
  `${'average'.padEnd(28)}${pad(mean(totals.naive).toFixed(1), 8)}${pad('', 12)}${pad(mean(totals.late).toFixed(1), 12)}${pad('', 12)}${pad(mean(totals.thoughtful).toFixed(1), 12)}${pad(withBest ? mean(totals.best).toFixed(1) : '-', 7)}`,
);
