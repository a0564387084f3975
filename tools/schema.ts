/**
 * `npm run schema` writes scenarios/scenario.schema.json from the zod schemas, and the table of
 * allowed values in docs/authoring.md from that schema;
 * `npm run schema -- --check` exits 1 when either committed file is out of date.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { withAllowedValues } from './lib/allowed-values';
import { jsonSchemaText } from './lib/json-schema';
import { PROJECT_ROOT } from './lib/validate-files';

const target = join(PROJECT_ROOT, 'scenarios', 'scenario.schema.json');
const shown = 'scenarios/scenario.schema.json';
const guide = join(PROJECT_ROOT, 'docs', 'authoring.md');
const guideShown = 'docs/authoring.md';

function main(argv: string[]): number {
  const unknown = argv.filter((a) => a !== '--check');
  if (unknown.length > 0) {
    process.stderr.write(`schema: unknown argument ${unknown[0]}\nUsage: npm run schema [-- --check]\n`);
    return 2;
  }
  const text = jsonSchemaText();
  const guideText = readFileSync(guide, 'utf8');
  const newGuide = withAllowedValues(guideText);
  if (newGuide === null) {
    process.stderr.write(`${guideShown} has lost its allowed-values markers; restore them from git\n`);
    return 1;
  }
  if (argv.includes('--check')) {
    if (guideText !== newGuide) {
      process.stderr.write(`${guideShown}: the allowed values are out of date; run npm run schema\n`);
      return 1;
    }
    let current = '';
    try {
      current = readFileSync(target, 'utf8');
    } catch {
      process.stderr.write(`${shown} does not exist; run npm run schema\n`);
      return 1;
    }
    if (current !== text) {
      process.stderr.write(`${shown} is out of date; run npm run schema\n`);
      return 1;
    }
    process.stdout.write(`${shown} and the allowed values in ${guideShown} are up to date\n`);
    return 0;
  }
  writeFileSync(target, text);
  process.stdout.write(`wrote ${shown} (${text.length} bytes)\n`);
  if (newGuide !== guideText) {
    writeFileSync(guide, newGuide);
    process.stdout.write(`wrote the allowed values in ${guideShown}\n`);
  }
  return 0;
}

try {
  process.exitCode = main(process.argv.slice(2));
} catch (err) {
  process.stderr.write(`schema: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exitCode = 1;
}
