/**
 * Helpers for the group-session browser tests: the session server on a free loopback port with a
 * temporary database, a host page and phones in their own browser contexts.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { type RunningServer, startServer } from '../../src/server/server';
import { launch, ROOT, SHOTS, watchErrors } from './harness';

export const TRAINER_KEY = 'e2e-Quokka-Harbour-7261';
export const HOST_VIEW = { width: 1280, height: 720 };
export const PHONE_PORTRAIT = { width: 390, height: 844 };
export const PHONE_LANDSCAPE = { width: 844, height: 390 };

export interface Live {
  url: string;
  server: RunningServer;
  dbFile: string;
  stop(): Promise<void>;
}

/** Builds the pages once (unless CLOSECALL_E2E_SKIP_BUILD and a build exists) and starts the session server. */
export async function startLive(): Promise<Live> {
  if (!process.env.CLOSECALL_E2E_SKIP_BUILD || !existsSync(join(ROOT, 'dist', 'host.html'))) {
    execFileSync(
      process.execPath,
      [join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--logLevel', 'warn'],
      { cwd: ROOT, stdio: 'inherit' },
    );
  }
  mkdirSync(SHOTS, { recursive: true });
  const dir = mkdtempSync(join(tmpdir(), 'closecall-live-e2e-'));
  const dbFile = join(dir, 'closecall.db');
  const server = await startServer({
    port: 0,
    host: '127.0.0.1',
    root: ROOT,
    dbFile,
    trainerKey: TRAINER_KEY,
    log: () => {},
  });
  return {
    url: server.url.replace(/\/$/, ''),
    server,
    dbFile,
    stop: async () => {
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface Opened {
  context: BrowserContext;
  page: Page;
  errors: string[];
}

/**
 * One test file's session server and Chromium, started before its tests and stopped after them;
 * `track` keeps an opened page so its context is closed at the end too.
 */
export function useLive(): { readonly live: Live; readonly browser: Browser; track(o: Opened): Opened } {
  let live: Live | undefined;
  let browser: Browser | undefined;
  const opened: Opened[] = [];
  beforeAll(async () => {
    live = await startLive();
    browser = await launch();
  });
  afterAll(async () => {
    for (const o of opened) await o.context.close().catch(() => undefined);
    await browser?.close();
    await live?.stop();
  });
  return {
    get live() {
      if (!live) throw new Error('the session server is not started (useLive runs in beforeAll)');
      return live;
    },
    get browser() {
      if (!browser) throw new Error('the browser is not started (useLive runs in beforeAll)');
      return browser;
    },
    track(o: Opened): Opened {
      opened.push(o);
      return o;
    },
  };
}

export async function openPage(
  browser: Browser,
  url: string,
  viewport: { width: number; height: number },
): Promise<Opened> {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  const errors = watchErrors(page);
  page.on('dialog', (d) => void d.accept());
  await page.goto(url);
  return { context, page, errors };
}

/** Opens /host, types the trainer key, picks the scenario and settings, and opens a room. Returns the room code. */
export async function openRoom(
  host: Page,
  opts: { scenario: string; mode?: 'teams' | 'individuals'; teams?: number; seconds?: number },
  shot?: string,
): Promise<string> {
  await host.waitForSelector('main[aria-label="Host"] #lv-key');
  await host.getByLabel('Trainer key').fill(TRAINER_KEY);
  await host.getByLabel('Trainer key').dispatchEvent('change');
  await host.locator(`input[name="scenario"][value="${opts.scenario}"]`).check();
  if (opts.mode === 'individuals') await host.getByLabel('Individuals (everyone plays their own)').check();
  else await host.getByLabel('Teams on their own devices').check();
  if (opts.teams && opts.mode !== 'individuals')
    await host.getByLabel('Number of teams').fill(String(opts.teams));
  if (opts.seconds) await host.getByLabel('Vote timer').selectOption(String(opts.seconds));
  if (shot) await capture(host, shot);
  await host.getByRole('button', { name: 'Open room' }).click();
  const code = host.locator('[aria-label="Room code"]');
  await code.waitFor();
  return ((await code.textContent()) ?? '').trim();
}

/** A phone joins at /join/<code>; an empty name gets a friendly one. */
export async function joinPhone(
  browser: Browser,
  url: string,
  code: string,
  name: string,
  viewport = PHONE_PORTRAIT,
  shot?: string,
): Promise<Opened> {
  const opened = await openPage(browser, `${url}/join/${code}`, viewport);
  await opened.page.waitForSelector('main[aria-label="Join"]');
  await opened.page.getByLabel('Your name').fill(name);
  if (shot) await capture(opened.page, shot);
  await opened.page.getByRole('button', { name: 'Join', exact: true }).click();
  await opened.page.waitForSelector('main[aria-label="Phone"]');
  return opened;
}

/**
 * Screenshot of what the page shows now (full page for scrolling pages), once its fonts and
 * pictures have loaded and a frame has been drawn; transitions (a portrait fading in) are shown
 * at their end.
 */
export async function capture(page: Page, name: string, fullPage = false): Promise<void> {
  await page.evaluate(async () => {
    await document.fonts.ready;
    const loading = [...document.images]
      .filter((img) => !img.complete)
      .map(
        (img) =>
          new Promise<void>((r) => {
            img.addEventListener('load', () => r(), { once: true });
            img.addEventListener('error', () => r(), { once: true });
          }),
      );
    // A picture that never loads (say, one the browser defers) does not hold the test up.
    await Promise.race([Promise.all(loading), new Promise((r) => setTimeout(r, 2000))]);
    await new Promise<void>((r) => requestAnimationFrame(() => requestAnimationFrame(() => r())));
  });
  await page.screenshot({ path: join(SHOTS, `live-${name}.png`), fullPage, animations: 'disabled' });
}

/** The host's view of the room's state, read from the page: which of the round's controls show. */
export async function hostControls(host: Page): Promise<string[]> {
  return host.locator('[aria-label="Session controls"] button').allTextContents();
}

/** Waits until a condition holds in the page (polling; no timed assertions). */
export async function until(page: Page, fn: () => Promise<boolean>, what: string, timeoutMs = 30_000) {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (await fn()) return;
    await page.waitForTimeout(100);
  }
  throw new Error(`Timed out waiting for ${what}`);
}
