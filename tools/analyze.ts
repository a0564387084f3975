/**
 * npm run analyze -- [--json] <file…>
 * Explores every path of each scenario and reports endings, scores, the best and worst path,
 * and choices that change nothing. The same input always gives byte-identical output.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { type Analysis, analyzeScenario } from '../src/engine';
import { loadScenarioFile } from './lib/load';

function main(argv: string[]): number {
  const json = argv.includes('--json');
  const unknown = argv.filter((a) => a.startsWith('--') && a !== '--json');
  if (unknown.length) {
    console.error(`Unknown option ${unknown[0]}. Usage: npm run analyze -- [--json] <file…>`);
    return 2;
  }
  let files = argv.filter((a) => !a.startsWith('--'));
  if (files.length === 0) {
    files = readdirSync('scenarios')
      .filter((f) => f.endsWith('.json') && f !== 'scenario.schema.json')
      .sort()
      .map((f) => join('scenarios', f));
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
    if (!json) printText(file, analysis);
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
