/**
 * `npm run import -- story.twee [--out FILE] [--id ID] [--force]`
 * Writes a Close Call scenario skeleton from a Twine story (Twee 3, or a Twine 2 published HTML
 * file): a node per passage, a choice per link, passage text as lines, the start passage as start,
 * passages without links as endings to fill in. Validates the result (warnings only) and prints
 * what the author must add. Default output: scenarios/<id>.json (or the CLOSECALL_SCENARIOS folder).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, extname, join, resolve } from 'node:path';
import { validateScenario } from '../src/engine';
import { scenariosDir, schemaRefFor, shownPath } from './lib/scenarios-dir';
import { parseTwee, parseTwineHtml, slug, storyToScenario } from './lib/twine';
import { formatProblem, PROJECT_ROOT } from './lib/validate-files';

const USAGE = `Usage: npm run import -- <story.twee | story.html> [--out FILE] [--id ID] [--force]
  Writes a scenario skeleton from a Twine story (Twee 3 or Twine 2 published HTML).
  --out FILE  where to write (default scenarios/<id>.json, or <id>.json in the folder
              CLOSECALL_SCENARIOS names, so the game lists it)
  --id ID     the scenario id (default: from the file name)
  --force     overwrite an existing file
  --help      show this help`;

function main(argv: string[]): number {
  let out: string | null = null;
  let id: string | null = null;
  let force = false;
  const files: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--help' || a === '-h') {
      console.log(USAGE);
      return 0;
    } else if (a === '--out') out = argv[++i] ?? null;
    else if (a === '--id') id = argv[++i] ?? null;
    else if (a === '--force') force = true;
    else if (a.startsWith('--')) {
      console.error(`import: unknown option ${a}\n${USAGE}`);
      return 2;
    } else files.push(a);
  }
  if (files.length !== 1) {
    console.error(`import: give one Twine file.\n${USAGE}`);
    return 2;
  }
  const file = files[0]!;
  let source: string;
  try {
    source = readFileSync(file, 'utf8');
  } catch (err) {
    console.error(`import: cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`);
    return 1;
  }
  const html = /\.html?$/i.test(file) || /<tw-storydata\b/i.test(source);
  let story: ReturnType<typeof parseTwee>;
  try {
    story = html ? parseTwineHtml(source) : parseTwee(source);
  } catch (err) {
    console.error(`import: ${file}: ${err instanceof Error ? err.message : String(err)}`);
    return 1;
  }
  const scenarioId = id ?? slug(basename(file, extname(file)));
  if (!/^[a-z0-9][a-z0-9-]*$/.test(scenarioId)) {
    console.error(
      `import: "${scenarioId}" cannot be a scenario id; pass --id with lower-case letters, digits and hyphens.`,
    );
    return 2;
  }
  let result: ReturnType<typeof storyToScenario>;
  try {
    result = storyToScenario(story, scenarioId);
  } catch (err) {
    console.error(`import: ${file}: ${err instanceof Error ? err.message : String(err)}`);
    return 1;
  }
  const target = resolve(out ?? join(scenariosDir(), `${scenarioId}.json`));
  const shown = shownPath(target);
  if (existsSync(target) && !force) {
    console.error(`import: ${shown} already exists; pass --out, --id or --force.`);
    return 1;
  }
  const text = `${JSON.stringify({ ...result.scenario, $schema: schemaRefFor(target) }, null, 2)}\n`;
  const checked = validateScenario(text, shown, {
    assetExists: (rel) => existsSync(join(PROJECT_ROOT, rel)),
  });
  writeFileSync(target, text);
  formatJson(target);
  const nodes = result.scenario.nodes.length;
  console.log(`Wrote ${shown}: ${nodes} nodes from ${story.passages.length} passages of "${story.title}".`);
  for (const w of [...story.warnings, ...result.warnings]) console.log(`warning: ${w}`);
  for (const p of checked.problems) console.log(formatProblem(p));
  if (!checked.ok) {
    console.error('import: the skeleton does not validate; the errors above say why.');
    return 1;
  }
  console.log('\nWhat you must add before it teaches anything:');
  for (const t of result.todo) console.log(`  - ${t}`);
  console.log(`Then: npm run validate -- ${shown}; npm run dev to play it; see docs/authoring.md.`);
  return 0;
}

try {
  process.exitCode = main(process.argv.slice(2));
} catch (err) {
  console.error(`import: internal error: ${err instanceof Error ? err.message : String(err)}`);
  process.exitCode = 1;
}

/** Formats the written file as the project's formatter would, so `npm run lint` stays clean (best effort). */
function formatJson(path: string): void {
  const biome = join(PROJECT_ROOT, 'node_modules', '@biomejs', 'biome', 'bin', 'biome');
  spawnSync(process.execPath, [biome, 'format', '--write', path], { cwd: PROJECT_ROOT, stdio: 'ignore' });
}
