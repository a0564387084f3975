/**
 * `npm run package -- --format scorm12|scorm2004|cmi5 [--scenario ID …] [--mastery 70] --out FILE.zip`
 *
 * Builds a package of the game for a learning platform: the production build, only the chosen
 * scenarios (the library by default), and the manifest (imsmanifest.xml or cmi5.xml), zipped
 * with fflate. Exit 0 on success, 1 when something is wrong (said on stderr), 2 on a usage error.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve, sep } from 'node:path';
import { zipSync } from 'fflate';
import { validateScenario } from '../src/engine';
import { manifest, manifestName, type PackagedScenario, type PackageFormat } from './lib/lms-package';
import { buildCatalog, scenarioFiles } from './lib/scenario-catalog';

const ROOT = resolve(import.meta.dirname, '..');

const USAGE = `Usage: npm run package -- --format scorm12|scorm2004|cmi5 [--scenario ID ...] [--mastery 70] --out FILE.zip
  Builds Close Call as a package for a learning platform: each scenario is its own activity.

  --format scorm12    SCORM 1.2 (imsmanifest.xml). For platforms that take SCORM 1.2 (Moodle,
                      TalentLMS, Docebo, Cornerstone and most others). Progress is kept in
                      suspend_data (4,096 characters, enough for any library scenario).
  --format scorm2004  SCORM 2004 4th edition (imsmanifest.xml with sequencing): pass/fail and
                      completion are reported separately. For platforms that take SCORM 2004.
  --format cmi5       cmi5 (cmi5.xml): xAPI statements to the platform's LRS. The platform must
                      support cmi5 (e.g. Moodle with a cmi5 plugin, SCORM Cloud, Docebo) and
                      must be reachable from the learner's browser (its LRS must allow CORS).
  --scenario ID       a scenario's meta.id; repeat for more (default: every library scenario)
  --mastery N         pass mark 0-100 (default 70); "none" for completion only
  --out FILE.zip      where to write the package
  --scenarios DIR     take the scenarios from DIR instead of scenarios/
  --from-build DIR    use an existing production build (npm run build) instead of building
  --help              show this help

  Upload the zip as a SCORM package or a cmi5 course: docs/lms.md walks through Moodle.`;

interface Args {
  format: PackageFormat;
  scenarios: string[];
  mastery: number | null;
  out: string;
  dir: string;
  build: string | null;
}

class UsageError extends Error {}

function parse(argv: string[]): Args | 'help' {
  let format: PackageFormat | null = null;
  const scenarios: string[] = [];
  let mastery: number | null = 70;
  let out: string | null = null;
  let dir = join(ROOT, 'scenarios');
  let build: string | null = null;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const value = () => {
      const v = argv[++i];
      if (v === undefined || v.startsWith('--')) throw new UsageError(`${arg} needs a value`);
      return v;
    };
    if (arg === '--help' || arg === '-h') return 'help';
    else if (arg === '--format') {
      const f = value();
      if (f !== 'scorm12' && f !== 'scorm2004' && f !== 'cmi5') {
        throw new UsageError(`--format must be scorm12, scorm2004 or cmi5, not "${f}"`);
      }
      format = f;
    } else if (arg === '--scenario') scenarios.push(value());
    else if (arg === '--mastery') {
      const v = value();
      if (v === 'none') mastery = null;
      else {
        const n = Number(v);
        if (!Number.isFinite(n) || n < 0 || n > 100)
          throw new UsageError(`--mastery must be 0 to 100 or "none", not "${v}"`);
        mastery = n;
      }
    } else if (arg === '--out') out = resolve(value());
    else if (arg === '--scenarios') dir = resolve(value());
    else if (arg === '--from-build') build = resolve(value());
    else throw new UsageError(`unknown option ${arg}`);
  }
  if (!format) throw new UsageError('--format is required');
  if (!out) throw new UsageError('--out is required');
  if (!out.endsWith('.zip')) throw new UsageError('--out must name a .zip file');
  return { format, scenarios, mastery, out, dir, build };
}

/** Every file under `dir`, relative, with forward slashes. */
function walk(dir: string, base = dir): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    return statSync(full).isDirectory() ? walk(full, base) : [relative(base, full).split(sep).join('/')];
  });
}

/** The chosen scenarios, validated; throws an Error naming what is wrong. */
function choose(dir: string, ids: string[]): { file: string; text: string; meta: PackagedScenario }[] {
  const all = scenarioFiles(dir).map((file) => {
    const text = readFileSync(join(dir, file), 'utf8');
    const result = validateScenario(text, file, { assetExists: () => true });
    if (!result.ok) {
      const first = result.problems.find((p) => p.severity === 'error');
      throw new Error(
        `${file} does not validate (${first?.message ?? 'see npm run validate'}); fix it or leave it out`,
      );
    }
    const m = result.scenario.meta;
    return { file, text, meta: { id: m.id, title: m.title, summary: m.summary, minutes: m.minutes } };
  });
  if (!ids.length) return all;
  return ids.map((id) => {
    const hit = all.find((s) => s.meta.id === id);
    if (!hit)
      throw new Error(`no scenario has the id "${id}"; there are: ${all.map((s) => s.meta.id).join(', ')}`);
    return hit;
  });
}

/** Pages of the build that a package leaves out: the group session's host and phone pages. */
const LEFT_OUT = new Set(['host.html', 'join.html']);

function main(argv: string[]): number {
  let args: Args | 'help';
  try {
    args = parse(argv);
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    process.stderr.write(`package: ${err.message}\n${USAGE}\n`);
    return 2;
  }
  if (args === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const chosen = choose(args.dir, args.scenarios);
  if (!chosen.length) throw new Error(`there are no scenarios in ${args.dir}`);

  let build = args.build;
  let temp: string | null = null;
  if (!build) {
    temp = mkdtempSync(join(tmpdir(), 'closecall-package-'));
    build = join(temp, 'dist');
    process.stderr.write('package: building the game…\n');
    execFileSync(
      process.execPath,
      [
        join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js'),
        'build',
        '--logLevel',
        'warn',
        '--outDir',
        build,
      ],
      { cwd: ROOT, stdio: ['ignore', 'inherit', 'inherit'] },
    );
  }
  try {
    if (!statSync(join(build, 'index.html'), { throwIfNoEntry: false })) {
      throw new Error(
        `${build} has no index.html: give a production build (npm run build) or leave out --from-build`,
      );
    }
    const files: Record<string, Uint8Array> = {};
    for (const rel of walk(build)) {
      if (LEFT_OUT.has(rel) || rel.startsWith('scenarios/')) continue;
      files[rel] = readFileSync(join(build, rel));
    }
    // Only the chosen scenarios, and a catalogue of just those.
    const picked = mkdtempSync(join(tmpdir(), 'closecall-scenarios-'));
    try {
      for (const s of chosen) writeFileSync(join(picked, s.file), s.text);
      for (const s of chosen) files[`scenarios/${s.file}`] = new TextEncoder().encode(s.text);
      files['scenarios/index.json'] = new TextEncoder().encode(JSON.stringify(buildCatalog(picked)));
    } finally {
      rmSync(picked, { recursive: true, force: true });
    }
    const ids = chosen.map((s) => s.meta.id);
    const xml = manifest({
      format: args.format,
      scenarios: chosen.map((s) => s.meta),
      mastery: args.mastery,
      files: Object.keys(files).sort(),
      title:
        chosen.length === 1
          ? `Close Call: ${chosen[0]!.meta.title}`
          : 'Close Call: interview closing practice',
      identifier: `close-call-${ids.length === 1 ? ids[0] : `${ids.length}-scenarios-${hash(ids.join(','))}`}`,
    });
    files[manifestName(args.format)] = new TextEncoder().encode(xml);
    const zip = zipSync(files, { level: 9 });
    writeFileSync(args.out, zip);
    process.stdout.write(
      `package: wrote ${relative(process.cwd(), args.out) || args.out} (${args.format}, ${ids.length} scenario${
        ids.length === 1 ? '' : 's'
      }: ${ids.join(', ')}; ${Object.keys(files).length} files, ${(zip.length / 1024 / 1024).toFixed(1)} MiB)\n`,
    );
    return 0;
  } finally {
    if (temp) rmSync(temp, { recursive: true, force: true });
  }
}

function hash(s: string): string {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619) >>> 0;
  return h.toString(16).padStart(8, '0');
}

try {
  process.exitCode = main(process.argv.slice(2));
} catch (err) {
  process.stderr.write(`package: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exitCode = 1;
}
