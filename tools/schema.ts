/**
 * `npm run schema` writes scenarios/scenario.schema.json from the zod schemas;
 * `npm run schema -- --check` exits 1 when the committed file is out of date.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { jsonSchemaText } from './lib/json-schema';
import { PROJECT_ROOT } from './lib/validate-files';

const target = join(PROJECT_ROOT, 'scenarios', 'scenario.schema.json');
const shown = 'scenarios/scenario.schema.json';

function main(argv: string[]): number {
  const unknown = argv.filter((a) => a !== '--check');
  if (unknown.length > 0) {
    process.stderr.write(`schema: unknown argument ${unknown[0]}\nUsage: npm run schema [-- --check]\n`);
    return 2;
  }
  const text = jsonSchemaText();
  if (argv.includes('--check')) {
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
    process.stdout.write(`${shown} is up to date\n`);
    return 0;
  }
  writeFileSync(target, text);
  process.stdout.write(`wrote ${shown} (${text.length} bytes)\n`);
  return 0;
}

try {
  process.exitCode = main(process.argv.slice(2));
} catch (err) {
  process.stderr.write(`schema: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exitCode = 1;
}
