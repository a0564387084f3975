import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import type { Server } from 'node:http';
import { join } from 'node:path';
import { type Browser, type BrowserContextOptions, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { serveDir } from '../../tools/serve';

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
  return serveDir(join(ROOT, 'dist'), 4400 + Math.floor(Math.random() * 400));
}

export function launch(): Promise<Browser> {
  return chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
}

/**
 * One test file's game: the build served on a free port and one Chromium, started before its
 * tests and stopped after them. Read `url` and `browser` inside the tests.
 */
export function useGame(): { readonly url: string; readonly browser: Browser } {
  let server: Server | undefined;
  let url = '';
  let browser: Browser | undefined;
  beforeAll(async () => {
    ({ server, url } = await buildAndServe());
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
    server?.close();
  });
  return {
    get url() {
      return url;
    },
    get browser() {
      if (!browser) throw new Error('the browser is not started (useGame runs in beforeAll)');
      return browser;
    },
  };
}

/** Opens the game (under ?fast) and waits for the Title with its loading finished. */
export async function gotoTitle(page: Page, url: string, timeout = 120_000): Promise<void> {
  await page.goto(`${url}?fast`);
  await page.waitForSelector('main[aria-label="Title"] button', { timeout });
  await page.waitForFunction(
    () =>
      document.querySelector('.loadbar')?.hasAttribute('hidden') ||
      document.querySelector('.loadbar[aria-valuenow="100"]'),
    null,
    { timeout },
  );
}

/** A new context at `viewport`, the game opened and Play pressed: the scenario list, with the page's errors watched. */
export async function openScenarioList(
  browser: Browser,
  url: string,
  viewport = { width: 1280, height: 720 },
  options: BrowserContextOptions = {},
): Promise<{ page: Page; errors: string[] }> {
  const context = await browser.newContext({ ...options, viewport });
  const page = await context.newPage();
  const errors = watchErrors(page);
  await gotoTitle(page, url);
  await page.getByRole('button', { name: 'Play', exact: true }).click();
  await page.waitForSelector('main[aria-label="Scenario select"]');
  return { page, errors };
}

const NOTICE = '[on-screen notice]';

/**
 * Collects console errors, page errors and on-screen notices (the game's role="alert" boxes:
 * "That could not be done…", an unreadable save…); the tests fail on any. A test that expects a
 * notice takes it out with `expectNotice`.
 */
export function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() !== 'error') return;
    const text = m.text();
    errors.push(text.startsWith(NOTICE) ? `notice: ${text.slice(NOTICE.length + 1)}` : `console: ${text}`);
  });
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  // Registered before the first navigation (protocol messages keep their order).
  void page.addInitScript((prefix: string) => {
    const seen = new WeakSet<Element>();
    const report = () => {
      for (const el of document.querySelectorAll('.notices .notice')) {
        if (seen.has(el)) continue;
        seen.add(el);
        const text = (el.firstChild?.textContent ?? el.textContent ?? '').trim();
        console.error(`${prefix} ${text}`);
      }
    };
    new MutationObserver(report).observe(document, { childList: true, subtree: true });
  }, NOTICE);
  countGameFrames(page);
  return errors;
}

/**
 * Counts the frames the game draws on its canvas (window.__e2eFrames): Phaser's Canvas renderer
 * (the tests' ?fast) clears the game canvas at the start of every frame. Offscreen canvases (text)
 * are not in the page and are not counted. A page drawn with WebGL counts nothing.
 */
function countGameFrames(page: Page): void {
  void page.addInitScript(() => {
    const w = window as unknown as { __e2eFrames?: number };
    const clear = CanvasRenderingContext2D.prototype.clearRect;
    CanvasRenderingContext2D.prototype.clearRect = function (...args) {
      if (this.canvas.isConnected) w.__e2eFrames = (w.__e2eFrames ?? 0) + 1;
      return clear.apply(this, args);
    };
  });
}

/**
 * Waits until the game has drawn two more frames on its canvas (what the screen shows now is on
 * it, at 12 frames a second under ?fast), or `atMost` ms on a page whose frames are not counted.
 */
async function gameFramesDrawn(page: Page, atMost: number): Promise<void> {
  await page.evaluate(async (limit) => {
    const w = window as unknown as { __e2eFrames?: number };
    const from = w.__e2eFrames;
    const end = performance.now() + limit;
    while (performance.now() < end) {
      if (from !== undefined && (w.__e2eFrames ?? 0) >= from + 2) return;
      await new Promise((r) => requestAnimationFrame(r));
    }
  }, atMost);
}

/** Removes the notices matching `pattern` from `errors` (a test that expects them); returns how many. */
export function expectNotice(errors: string[], pattern: RegExp): number {
  let removed = 0;
  for (let i = errors.length - 1; i >= 0; i--) {
    const e = errors[i]!;
    if (e.startsWith('notice: ') && pattern.test(e)) {
      errors.splice(i, 1);
      removed++;
    }
  }
  return removed;
}

/**
 * Buttons and links a player can see but not hit where they are, without any scrolling: the
 * element at the centre of each visible, enabled control (not clipped away by a scrolling
 * panel) must be the control or inside it. Returns a description of each that fails.
 */
export function unhittableTargets(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = [];
    const controls = document.querySelectorAll<HTMLElement>(
      'main button, main a[href], main [role="button"]',
    );
    for (const el of controls) {
      if ((el as HTMLButtonElement).disabled) continue;
      const r = el.getBoundingClientRect();
      if (r.width === 0 || r.height === 0 || getComputedStyle(el).visibility === 'hidden') continue;
      let x = r.left + r.width / 2;
      let y = r.top + r.height / 2;
      // Clip to every scrolling ancestor: a control scrolled out of its panel is not a target now.
      let visible = true;
      for (let a = el.parentElement; a; a = a.parentElement) {
        const st = getComputedStyle(a);
        if (!/(auto|scroll|hidden)/.test(st.overflow + st.overflowX + st.overflowY)) continue;
        const ar = a.getBoundingClientRect();
        const left = Math.max(r.left, ar.left);
        const right = Math.min(r.right, ar.right);
        const top = Math.max(r.top, ar.top);
        const bottom = Math.min(r.bottom, ar.bottom);
        if (right - left < 4 || bottom - top < 4) {
          visible = false;
          break;
        }
        x = (left + right) / 2;
        y = (top + bottom) / 2;
      }
      if (!visible) continue;
      const name = (el.getAttribute('aria-label') ?? el.textContent ?? '').trim().slice(0, 60);
      if (x < 0 || y < 0 || x > innerWidth || y > innerHeight) {
        out.push(`"${name}" is off screen at ${Math.round(x)},${Math.round(y)}`);
        continue;
      }
      const hit = document.elementFromPoint(x, y);
      if (!hit || !(hit === el || el.contains(hit))) {
        const by = hit
          ? `${hit.tagName.toLowerCase()}${hit.className ? `.${String(hit.className).split(' ')[0]}` : ''}`
          : 'nothing';
        out.push(`"${name}" is covered by ${by} at ${Math.round(x)},${Math.round(y)}`);
      }
    }
    if (scrollX !== 0 || scrollY !== 0) out.push(`the page itself scrolled to ${scrollX},${scrollY}`);
    return out;
  });
}

/** A shown sound caption that covers a panel or a control (it should sit over the art). */
export function captionOverlaps(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = [];
    for (const c of document.querySelectorAll<HTMLElement>('.caption')) {
      const a = c.getBoundingClientRect();
      const blockers = document.querySelectorAll<HTMLElement>(
        '#stage .panel, #stage button, #stage [role="button"], #stage a[href], #stage input',
      );
      for (const b of blockers) {
        const r = b.getBoundingClientRect();
        if (r.width === 0 || r.height === 0 || getComputedStyle(b).visibility === 'hidden') continue;
        const w = Math.min(a.right, r.right) - Math.max(a.left, r.left);
        const h = Math.min(a.bottom, r.bottom) - Math.max(a.top, r.top);
        if (w > 1 && h > 1) {
          const name = (b.getAttribute('aria-label') ?? b.textContent ?? '').trim().slice(0, 40);
          out.push(`caption "${c.textContent}" covers ${b.className || b.tagName} "${name}"`);
        }
      }
    }
    return out;
  });
}

export async function screen(page: Page): Promise<string> {
  return (await page.getAttribute('main', 'aria-label')) ?? '';
}

const shot = new Set<string>();
/**
 * Saves a screenshot of a screen (the first time it is seen in this run) once the game has drawn
 * it on its canvas: two frames (?fast has no fades), or at most `settle` ms where frames are not
 * counted (a caller that has already waited for the screen to settle passes less, or 0).
 */
export async function capture(page: Page, name: string, force = false, settle = 450): Promise<void> {
  const file = name.toLowerCase().replace(/[^a-z0-9]+/g, '-');
  if (shot.has(file) && !force) return;
  shot.add(file);
  if (settle > 0) await gameFramesDrawn(page, settle);
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

/**
 * A mouse click as a player makes it: scrolls the control into view if its panel scrolls, checks
 * that the control is what lies under its centre, and presses the mouse there. Unlike
 * locator.click it does not retry once the click has landed: a control that moves the game to
 * another screen is detached at once, which made locator.click report a detached element and
 * wait for a control that was already gone.
 */
export async function clickAsPlayer(
  locator: import('playwright-core').Locator,
  timeout = 60_000,
): Promise<void> {
  const page = locator.page();
  const deadline = Date.now() + timeout;
  for (;;) {
    const target = await locator
      .evaluate(
        (el: Element) => {
          el.scrollIntoView({ block: 'nearest', inline: 'nearest' });
          const r = el.getBoundingClientRect();
          const x = r.left + r.width / 2;
          const y = r.top + r.height / 2;
          const hit = document.elementFromPoint(x, y);
          const enabled = !(el as HTMLButtonElement).disabled;
          return { x, y, ok: r.width > 0 && enabled && hit !== null && (hit === el || el.contains(hit)) };
        },
        undefined,
        { timeout: Math.max(1000, deadline - Date.now()) },
      )
      .catch(() => null);
    if (target?.ok) {
      await page.mouse.click(target.x, target.y);
      return;
    }
    if (Date.now() > deadline) {
      throw new Error(`clickAsPlayer: ${String(locator)} was not clickable within ${timeout} ms`);
    }
    await page.waitForTimeout(100);
  }
}
