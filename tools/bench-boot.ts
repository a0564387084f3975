/**
 * Boot bench: how fast the game's Title is interactive compared with a bare Phaser 4 page's first
 * scene, and how much JavaScript each loads before that moment (gzip). Prints figures; never fails
 * for being slow.   npm run bench:boot   (RUNS=9 to change the number of runs)
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium, type Page } from 'playwright-core';
import { CHROMIUM_ARGS } from '../tests/e2e/harness';
import { serveDir } from './serve';

const ROOT = join(import.meta.dirname, '..');
const RUNS = Number(process.env.RUNS) || 7;
const vite = join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js');

function build(): void {
  console.log('Building the game (dist/) and the bare Phaser page (dist-bare/)…');
  execFileSync(process.execPath, [vite, 'build', '--logLevel', 'warn'], { cwd: ROOT, stdio: 'inherit' });
  execFileSync(
    process.execPath,
    [vite, 'build', '--config', 'bench/bare/vite.config.ts', '--logLevel', 'warn'],
    { cwd: ROOT, stdio: 'inherit' },
  );
}

interface Run {
  ms: number;
  jsGzip: number;
  jsFiles: string[];
  /** Scripts loaded so far, for a later look. */
  scripts: Script[];
}

interface Script {
  url: string;
  at: number;
  body: Promise<Buffer>;
}

async function gzipOf(scripts: Script[], exclude?: RegExp): Promise<number> {
  let n = 0;
  for (const s of scripts) if (!exclude?.test(s.url)) n += gzipSync(await s.body, { level: 9 }).length;
  return n;
}

async function measure(page: Page, url: string, ready: string): Promise<Run> {
  const scripts: Script[] = [];
  page.on('response', (r) => {
    if (r.request().resourceType() === 'script')
      // A body still on its way when the page closes counts as empty rather than failing the run.
      scripts.push({ url: r.url(), at: Date.now(), body: r.body().catch(() => Buffer.alloc(0)) });
  });
  await page.goto(url, { waitUntil: 'commit' });
  const handle = await page.waitForFunction(ready, undefined, { polling: 'raf', timeout: 60_000 });
  const ms = (await handle.jsonValue()) as number;
  const readyAt = Date.now();
  const before = scripts.filter((s) => s.at <= readyAt);
  return {
    ms,
    jsGzip: await gzipOf(before),
    jsFiles: before.map((s) => s.url.split('/').pop() ?? s.url),
    scripts,
  };
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
};

// The game: Title buttons present and focusable (the time is taken in the page when it first holds).
const GAME_READY = `(() => {
  const b = document.querySelector('main[aria-label="Title"] button');
  if (!b) return false;
  b.focus();
  return document.activeElement === b ? performance.now() : false;
})()`;
// The bare page: its first scene's create() has run.
const BARE_READY = `window.__sceneCreated ?? false`;
// For information: the game fully booted (Phaser's Title scene has taken over).
const GAME_FULL = `document.querySelector('.loadbar[hidden]') ? performance.now() : false`;

async function main(): Promise<void> {
  if (!process.env.SKIP_BUILD) build();
  const game = await serveDir(join(ROOT, 'dist'), 4600);
  const bare = await serveDir(join(ROOT, 'dist-bare'), 4700);
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  const results = { game: [] as Run[], bare: [] as Run[], full: [] as number[], beyond: 0 };
  try {
    for (let i = 0; i < RUNS + 1; i++) {
      for (const which of ['bare', 'game'] as const) {
        // bypassCSP: the served pages forbid eval (src/server/web.ts), which the readiness checks
        // below are evaluated with; the pages' own scripts load as they would anyway.
        const ctx = await browser.newContext({ viewport: { width: 1280, height: 720 }, bypassCSP: true });
        const page = await ctx.newPage();
        const run = await measure(
          page,
          which === 'game' ? game.url : bare.url,
          which === 'game' ? GAME_READY : BARE_READY,
        );
        if (which === 'game') {
          const full = await page.waitForFunction(GAME_FULL, undefined, { polling: 'raf', timeout: 60_000 });
          if (i > 0) results.full.push((await full.jsonValue()) as number);
          if (i === 1) results.beyond = await gzipOf(run.scripts, /\/phaser-[^/]*\.js$/);
        }
        if (i > 0) results[which].push(run); // the first round warms up the server and the disk cache
        await ctx.close();
      }
    }
  } finally {
    await browser.close();
    game.server.close();
    bare.server.close();
  }
  const g = median(results.game.map((r) => r.ms));
  const b = median(results.bare.map((r) => r.ms));
  const gJs = results.game[0]?.jsGzip ?? 0;
  const bJs = results.bare[0]?.jsGzip ?? 0;
  const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
  const full = median(results.full);
  console.log(`\nBoot bench, ${RUNS} runs each (median), Chromium headless, 1280x720`);
  console.log(`  Game, Title interactive:          ${g.toFixed(0)} ms, initial JS ${kb(gJs)} gzip`);
  console.log(`      (${results.game[0]?.jsFiles.join(', ')}; Phaser loads after the first paint)`);
  console.log(`  Bare Phaser 4, first create():    ${b.toFixed(0)} ms, initial JS ${kb(bJs)} gzip`);
  console.log(`      (${results.bare[0]?.jsFiles.join(', ')})`);
  console.log(`  Ratio game / bare:                ${(g / b).toFixed(2)}x (aim <= 1.2x)`);
  console.log(`  Game JS beyond Phaser, full boot: ${kb(results.beyond)} gzip (aim <= 60 KB)`);
  console.log(`  Game fully booted (Phaser Title): ${full.toFixed(0)} ms (${(full / b).toFixed(2)}x bare)`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
