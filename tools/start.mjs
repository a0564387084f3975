// npm start: builds the game if dist/ is missing or older than its sources, then serves dist/ on 127.0.0.1.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serveDir } from './serve.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

function newest(path) {
  if (!existsSync(path)) return 0;
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  let max = st.mtimeMs;
  for (const name of readdirSync(path)) max = Math.max(max, newest(join(path, name)));
  return max;
}

const built = existsSync(join(root, 'dist', 'index.html'))
  ? statSync(join(root, 'dist', 'index.html')).mtimeMs
  : 0;
const sources = Math.max(
  ...['src', 'scenarios', 'assets', 'index.html', 'vite.config.ts', 'package.json'].map((p) =>
    newest(join(root, p)),
  ),
);
if (built === 0 || built < sources) {
  console.log(
    built === 0
      ? 'Building the game (dist/ is missing)…'
      : 'Sources changed since the last build; rebuilding…',
  );
  const r = spawnSync(process.execPath, [join(root, 'node_modules', 'vite', 'bin', 'vite.js'), 'build'], {
    cwd: root,
    stdio: 'inherit',
  });
  if (r.status !== 0) {
    console.error('The build failed; see above.');
    process.exit(r.status ?? 1);
  }
}
const port = Number(process.env.PORT) || 4173;
const { url } = await serveDir(join(root, 'dist'), port);
console.log(`Close Call is running at ${url}`);
console.log('Press Ctrl+C to stop.');
