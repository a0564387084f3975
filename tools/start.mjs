// npm start: builds the game if dist/ is missing or older than its sources, then runs the
// session server (src/server/main.ts, through tsx), which serves the game, /host, /join, the API
// and socket.io on one port (PORT, printed at start).
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

function newest(path, skip = new Set()) {
  if (!existsSync(path) || skip.has(path)) return 0;
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  let max = st.mtimeMs;
  for (const name of readdirSync(path)) max = Math.max(max, newest(join(path, name), skip));
  return max;
}

const pages = ['index.html', 'host.html', 'join.html'].filter((p) => existsSync(join(root, p)));
const builtTimes = pages.map((p) =>
  existsSync(join(root, 'dist', p)) ? statSync(join(root, 'dist', p)).mtimeMs : 0,
);
const built = Math.min(...builtTimes);
// The server's own sources do not go into the build.
const skip = new Set([join(root, 'src', 'server')]);
const sources = Math.max(
  ...['src', 'scenarios', 'assets', ...pages, 'vite.config.ts', 'package.json'].map((p) =>
    newest(join(root, p), skip),
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

const { register } = await import('tsx/esm/api');
register();
const { main } = await import('../src/server/main.ts');
await main(root);
