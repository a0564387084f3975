// node tools/run-bundled.mjs <entry.ts> [args…]
//
// Runs a TypeScript command line as one bundle of the project's code, compiled the way the
// browser gets it, rather than through tsx. tsx compiles with esbuild's `keepNames`, which wraps
// every function the model creates per call in a `__name` helper (a property definition each
// time): the analyzer ran 1.4 times as long under tsx as bundled (Doorstep, 2026-12-08), a cost
// the game and its best-score worker (Vite, no `keepNames`) never pay. `npm run bench` runs this
// way, so its figures are the engine's as shipped.
//
// The project's own files are bundled; packages stay imports, loaded from node_modules as usual.
// Each file keeps its own `import.meta.url`, so paths a file finds from its own place (the
// scenarios folder, test fixtures) are the same as under tsx. The bundle is written under
// node_modules/.cache/closecall/ for the run, and the rest of the arguments are left in
// process.argv.
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const entry = process.argv[2];
if (!entry) {
  console.error('usage: node tools/run-bundled.mjs <entry.ts> [args…]');
  process.exit(2);
}
const source = resolve(entry);
if (!existsSync(source)) {
  console.error(`run-bundled: no such file: ${entry}`);
  process.exit(2);
}
const outDir = join(root, 'node_modules', '.cache', 'closecall');
mkdirSync(outDir, { recursive: true });
// One file per run (two runs at once, of two checkouts say, must not load each other's code),
// removed when the run ends.
const outfile = join(outDir, `${basename(source).replace(/\.[cm]?[jt]s$/, '')}.${process.pid}.bundle.mjs`);
process.on('exit', () => rmSync(outfile, { force: true }));

/** Replaces `import.meta.url` in each project file with that file's own URL. */
const ownUrls = {
  name: 'own-import-meta-url',
  setup(b) {
    b.onLoad({ filter: /\.[cm]?[jt]s$/ }, (args) => {
      if (args.path.includes(`${join('node_modules', '')}`)) return undefined;
      const text = readFileSync(args.path, 'utf8');
      if (!text.includes('import.meta.url')) return undefined;
      const loader = /\.[cm]?ts$/.test(args.path) ? 'ts' : 'js';
      return {
        contents: text.replaceAll('import.meta.url', JSON.stringify(pathToFileURL(args.path).href)),
        loader,
      };
    });
  },
};

const built = await build({
  entryPoints: [source],
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  outfile,
  logLevel: 'warning',
  plugins: [ownUrls],
}).catch(() => null);
if (!built) {
  // esbuild has printed where and why.
  console.error(`run-bundled: could not bundle ${entry} (see above)`);
  process.exit(1);
}
// The bundled command sees its own arguments where it would under tsx: after the entry.
process.argv.splice(1, 2, source);
await import(pathToFileURL(outfile).href);
