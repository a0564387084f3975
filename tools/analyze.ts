/**
 * npm run analyze -- [--json] [--at NODE [--all]] <file…>
 * Explores every path of each scenario and reports endings, scores, the best and worst path,
 * choices that change nothing, whether the best path agrees with the lesson, and tuning warnings.
 * With --at NODE: every close on offer at that node on its most likely path, and the hidden state
 * there. The same input always gives byte-identical output.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { type Analysis, analyzeScenario } from '../src/engine';
import { loadScenarioFile } from './lib/load';
import { scenariosDir, shownPath } from './lib/scenarios-dir';
import { atNode, lessonReport } from './lib/tuning';

const USAGE = `Usage: npm run analyze -- [options] [file ...]
  Explores each scenario (default: every scenarios/*.json, or
  every .json in CLOSECALL_SCENARIOS when it is set): endings and their chances, the score
  spread, the best and worst path, choices that change nothing, the lesson check and tuning warnings.
  --at NODE   for one file: the most likely path to NODE, the hidden state there, and the chance and
              expected score of every close on offer, grouped by form and sorted
  --all       with --at, list every close composition (default: the best six of each form)
  --json      one JSON report per line
  --help      show this help`;

function main(argv: string[]): number {
  let json = false;
  let all = false;
  let at: string | null = null;
  let files: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--help' || a === '-h') {
      console.log(USAGE);
      return 0;
    } else if (a === '--json') json = true;
    else if (a === '--all') all = true;
    else if (a === '--at') {
      at = argv[++i] ?? null;
      if (!at || at.startsWith('--')) {
        console.error(`--at needs a node id.\n${USAGE}`);
        return 2;
      }
    } else if (a.startsWith('--')) {
      console.error(`Unknown option ${a}.\n${USAGE}`);
      return 2;
    } else files.push(a);
  }
  if (at !== null) {
    if (files.length !== 1) {
      console.error(`--at needs exactly one scenario file.\n${USAGE}`);
      return 2;
    }
    const loaded = loadScenarioFile(files[0]!);
    if ('error' in loaded) {
      console.error(loaded.error);
      return 1;
    }
    const r = atNode(loaded.scenario, at, all);
    (r.ok ? console.log : console.error)(r.text);
    return r.ok ? 0 : 1;
  }
  if (files.length === 0) {
    const dir = scenariosDir();
    files = readdirSync(dir)
      .filter((f) => f.endsWith('.json') && f !== 'scenario.schema.json')
      .sort()
      .map((f) => shownPath(join(dir, f)));
  }
  let failed = false;
  const reports: (Analysis & { file: string })[] = [];
  for (const file of files) {
    const loaded = loadScenarioFile(file);
    if ('error' in loaded) {
      console.error(loaded.error);
      failed = true;
      continue;
    }
    const analysis = analyzeScenario(loaded.scenario);
    reports.push({ file, ...analysis });
    if (!json) {
      printText(file, analysis);
      console.log(lessonReport(loaded.scenario, analysis).join('\n'));
    }
  }
  if (json) for (const r of reports) process.stdout.write(`${JSON.stringify(r)}\n`);
  return failed ? 1 : 0;
}

function printText(file: string, a: Analysis) {
  const out: string[] = [];
  out.push(`${file} — ${a.scenario}`);
  if (a.method === 'exact') {
    out.push(
      `  exact: every path explored; nodes ${a.nodes}, distinct states ${a.states}, paths ${a.paths.toLocaleString('en-GB')}`,
    );
  } else if (a.method === 'partial') {
    out.push(`  partial: ${a.partial?.explored ?? 'the analysis ran out of its budget'}`);
  } else {
    out.push(
      `  sampled (state space too large to enumerate): nodes ${a.nodes}, routes through the interview graph ${a.paths.toLocaleString('en-GB')}, ${a.samples} seeded random playthroughs (${a.sampledPaths} distinct)`,
    );
  }
  out.push(`  score under random play: min ${a.score.min}, median ${a.score.median}, max ${a.score.max}`);
  out.push('  endings (chance under uniformly random play):');
  for (const e of a.endings) {
    out.push(
      `    ${e.reachable ? ' ' : '!'} ${e.id.padEnd(28)} ${e.outcome.padEnd(16)} ${(e.chance * 100).toFixed(1).padStart(5)}%${e.reachable ? '' : '  unreachable'}`,
    );
  }
  out.push(`  best path (expected mode), score ${a.bestPath.score}, ending ${a.bestPath.ending}:`);
  for (const s of a.bestPath.steps) out.push(`    - ${s.label}`);
  out.push(
    `  worst path (expected mode), score ${a.worstPath.score}, ending ${a.worstPath.ending}: ${a.worstPath.steps.length} steps`,
  );
  if (a.issues.length) {
    out.push('  issues:');
    for (const i of a.issues) out.push(`    - ${i.message}`);
  } else out.push('  issues: none');
  console.log(out.join('\n'));
}

try {
  process.exitCode = main(process.argv.slice(2));
} catch (e) {
  console.error(`analyze failed: ${(e as Error).message}`);
  process.exitCode = 1;
}
