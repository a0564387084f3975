import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import type { Server } from 'node:http';
import { join } from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
// @ts-expect-error: a plain .mjs helper shared with tools/start.mjs
import { serveDir } from '../../tools/serve.mjs';

export const ROOT = join(import.meta.dirname, '..', '..');
export const SHOTS = join(ROOT, 'tests', 'e2e', 'screenshots');
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

export const SCREENS = [
  'Title',
  'Scenario select',
  'Briefing',
  'Interview',
  'Close',
  'Response',
  'Follow-up',
  'Negotiation',
  'Debrief',
  'Settings',
] as const;

/** Builds the game once per test run (vite build) and serves dist/ on a free port. */
export async function buildAndServe(): Promise<{ url: string; server: Server }> {
  if (!process.env.CLOSECALL_E2E_SKIP_BUILD || !existsSync(join(ROOT, 'dist', 'index.html'))) {
    execFileSync(
      process.execPath,
      [join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--logLevel', 'warn'],
      {
        cwd: ROOT,
        stdio: 'inherit',
      },
    );
  }
  mkdirSync(SHOTS, { recursive: true });
  return (await serveDir(join(ROOT, 'dist'), 4400 + Math.floor(Math.random() * 400))) as {
    url: string;
    server: Server;
  };
}

export function launch(): Promise<Browser> {
  return chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
}

/** Collects console errors and page errors; the tests fail on any. */
export function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console: ${m.text()}`);
  });
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  return errors;
}

export async function screen(page: Page): Promise<string> {
  return (await page.getAttribute('main', 'aria-label')) ?? '';
}

const shot = new Set<string>();
/** Saves a screenshot of a screen (the first time it is seen in this run). */
export async function capture(page: Page, name: string, force = false): Promise<void> {
  const file = name.toLowerCase().replace(/[^a-z0-9]+/g, '-');
  if (shot.has(file) && !force) return;
  shot.add(file);
  await page.waitForTimeout(450);
  await page.screenshot({ path: join(SHOTS, `${file}.png`) });
}

/** The accessible name of the focused element. */
export function focusedName(page: Page): Promise<string> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el) return '';
    return (el.getAttribute('aria-label') ?? el.textContent ?? '').trim();
  });
}

/** Presses Tab until the focused control's name matches, as a keyboard user would. */
export async function tabTo(page: Page, name: RegExp | string, max = 60): Promise<void> {
  for (let i = 0; i < max; i++) {
    const n = await focusedName(page);
    if (typeof name === 'string' ? n === name : name.test(n)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(
    `Could not Tab to "${String(name)}" on ${await screen(page)}; focus is on "${await focusedName(page)}"`,
  );
}
