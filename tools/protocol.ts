/**
 * `npm run protocol` rewrites the generated parts of docs/protocol.md from the zod schemas in
 * src/protocol/; `npm run protocol -- --check` exits 1 when the committed document is out of date.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { regenerate } from './lib/protocol-doc';
import { PROJECT_ROOT } from './lib/validate-files';

const target = join(PROJECT_ROOT, 'docs', 'protocol.md');
const shown = 'docs/protocol.md';

function main(argv: string[]): number {
  const unknown = argv.filter((a) => a !== '--check');
  if (unknown.length > 0) {
    process.stderr.write(`protocol: unknown argument ${unknown[0]}\nUsage: npm run protocol [-- --check]\n`);
    return 2;
  }
  const current = readFileSync(target, 'utf8');
  const text = regenerate(current);
  if (argv.includes('--check')) {
    if (current !== text) {
      process.stderr.write(`${shown} is out of date with src/protocol/; run npm run protocol\n`);
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
  process.stderr.write(`protocol: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exitCode = 1;
}
