/**
 * Builds the game once for every browser test file (they run side by side), unless the caller
 * has built it already and says so with CLOSECALL_E2E_SKIP_BUILD=1 (as .ci/run does).
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

export default function setup(): void {
  const root = join(import.meta.dirname, '..', '..');
  if (!process.env.CLOSECALL_E2E_SKIP_BUILD || !existsSync(join(root, 'dist', 'index.html'))) {
    execFileSync(
      process.execPath,
      [join(root, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--logLevel', 'warn'],
      { cwd: root, stdio: 'inherit' },
    );
  }
  // The files' own harness then serves this build instead of building again.
  process.env.CLOSECALL_E2E_SKIP_BUILD = '1';
}
