/**
 * `npm run validate [-- [--json] [--no-assets] files-or-directories…]`
 *
 * Validates scenario files (default: every scenarios/*.json except the schema, or the folder
 * CLOSECALL_SCENARIOS names). Exit 0 when
 * there are no errors (warnings allowed), 1 on errors, 2 on a usage error.
 */
import { formatProblem, validateFiles } from './lib/validate-files';

const USAGE = `Usage: npm run validate -- [--json] [--no-assets] [file-or-directory ...]
  Validates scenario files; with no paths, every scenarios/*.json (or every .json in the
  folder CLOSECALL_SCENARIOS names, when it is set).
  --json       print a JSON report to stdout
  --no-assets  skip the checks that portraits, backdrops and sounds exist
  --help       show this help`;

function main(argv: string[]): number {
  let json = false;
  let assets = true;
  const paths: string[] = [];
  let onlyPaths = false;
  for (const arg of argv) {
    if (onlyPaths || !arg.startsWith('--')) paths.push(arg);
    else if (arg === '--') onlyPaths = true;
    else if (arg === '--json') json = true;
    else if (arg === '--no-assets') assets = false;
    else if (arg === '--help') {
      process.stdout.write(`${USAGE}\n`);
      return 0;
    } else {
      process.stderr.write(`validate: unknown option ${arg}\n${USAGE}\n`);
      return 2;
    }
  }
  const started = performance.now();
  const report = validateFiles(paths, assets ? {} : { assetRoot: null });
  const ms = performance.now() - started;
  if (json) {
    process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  } else {
    for (const file of report.files) {
      for (const p of file.problems) {
        process.stdout.write(`${formatProblem(p)}\n`);
      }
    }
    const n = report.files.length;
    process.stdout.write(
      `${n} file${n === 1 ? '' : 's'} checked: ${report.errors} error${report.errors === 1 ? '' : 's'}, ${
        report.warnings
      } warning${report.warnings === 1 ? '' : 's'} (${ms.toFixed(0)} ms)\n`,
    );
  }
  return report.errors > 0 ? 1 : 0;
}

try {
  process.exitCode = main(process.argv.slice(2));
} catch (err) {
  process.stderr.write(`validate: internal error: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exitCode = 1;
}
