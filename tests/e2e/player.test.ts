/**
 * The player decides when and how (issue 9), in Debian's Chromium: the close on offer at every
 * moment and looking the same, nothing telegraphed (no preselected close, choices in a seeded
 * order), the composer usable at every size, a phone layout with real text and target sizes,
 * no panel over a face or the video call's tiles, and Esc for Pause.
 */
import type { Server } from 'node:http';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Playthrough } from '../../src/engine';
import { displayOrder } from '../../src/engine/runtime/order';
import type { Action } from '../../src/engine/types';
import type { Settings } from '../../src/game/save/schema';
import { buildAndServe, capture, launch, watchErrors } from './harness';
import { chooseFormAndDelivery } from './play';
import { installSave, loadScenario, pathThroughMoments, pathTo, playable, saveText } from './saves';

let server: Server;
let url: string;
let browser: Browser;

beforeAll(async () => {
  ({ server, url } = await buildAndServe());
  browser = await launch();
});

afterAll(async () => {
  await browser?.close();
  server?.close();
});

const DESKTOP = { width: 1280, height: 720 };
const PHONE = { width: 844, height: 390 };
const MOMENT_LABEL = { opening: 'Opening', middle: 'Middle', closing: 'Closing minutes' } as const;
/** The video-call backdrop's self-view tile and caller's name tag, in the art's 1280×720 coordinates. */
const SELF_VIEW = { x: 1010, y: 46, width: 200, height: 120 };
const NAME_TAG = { x: 56, y: 46, width: 150, height: 30 };

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

const overlaps = (a: Box, b: Box) =>
  a.x < b.x + b.width - 0.5 &&
  b.x < a.x + a.width - 0.5 &&
  a.y < b.y + b.height - 0.5 &&
  b.y < a.y + a.height - 0.5;

async function newPage(viewport = DESKTOP, init?: () => void): Promise<{ page: Page; errors: string[] }> {
  const context = await browser.newContext({ viewport });
  // Generous slack: the machine running these is shared and can be very loaded.
  context.setDefaultTimeout(120_000);
  const page = await context.newPage();
  const errors = watchErrors(page);
  if (init) await page.addInitScript(init);
  return { page, errors };
}

async function gotoTitle(page: Page): Promise<void> {
  await page.goto(`${url}?fast`);
  await page.waitForSelector('main[aria-label="Title"] button');
  await page.waitForFunction(
    () =>
      document.querySelector('.loadbar')?.hasAttribute('hidden') ||
      document.querySelector('.loadbar[aria-valuenow="100"]'),
    null,
    { timeout: 120_000 },
  );
}

const btn = (page: Page, name: string | RegExp) =>
  page.getByRole('button', { name, exact: typeof name === 'string' });

async function waitScreen(page: Page, name: string): Promise<void> {
  await page.waitForSelector(`main[aria-label="${name}"]`, { timeout: 120_000 });
}

/** Opens a page that resumes `actions` of a scenario, at the Interview. */
async function resumeAt(
  file: string,
  actions: Action[],
  viewport = DESKTOP,
  settings: Partial<Settings> = {},
): Promise<{ page: Page; errors: string[] }> {
  const { page, errors } = await newPage(viewport);
  await installSave(page, saveText(loadScenario(file), actions, settings));
  await gotoTitle(page);
  await btn(page, 'Resume your interview').click();
  await waitScreen(page, 'Interview');
  await settle(page);
  return { page, errors };
}

/** Presses Next until the player's move is offered (in the page: one round trip on a loaded machine). */
async function settle(page: Page): Promise<void> {
  await page.evaluate(async () => {
    const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));
    for (let i = 0; i < 200; i++) {
      const next = document.querySelector<HTMLButtonElement>('main button[aria-label="Next line"]');
      if (next) {
        next.click();
        await wait(20);
      } else if (document.querySelector('.choices .choice')) return;
      else await wait(50);
    }
  });
}

async function boxOf(page: Page, selector: string): Promise<Box> {
  const b = await page.locator(selector).first().boundingBox();
  if (!b) throw new Error(`${selector} is not on screen`);
  return b;
}

/** An art rectangle (1280×720 coordinates) in page pixels, as the canvas shows it. */
async function artBox(page: Page, r: Box): Promise<Box> {
  const frame = await boxOf(page, '#frame');
  const s = frame.width / 1280;
  return { x: frame.x + r.x * s, y: frame.y + r.y * s, width: r.width * s, height: r.height * s };
}

/** The control is fully inside the window and is what a click at its centre lands on. */
async function reachable(page: Page, name: string): Promise<void> {
  const b = btn(page, name);
  const box = await b.boundingBox();
  const vp = page.viewportSize()!;
  expect(box, `${name} is laid out`).not.toBeNull();
  expect(box!.x).toBeGreaterThanOrEqual(0);
  expect(box!.y).toBeGreaterThanOrEqual(0);
  expect(box!.x + box!.width).toBeLessThanOrEqual(vp.width + 0.5);
  expect(box!.y + box!.height).toBeLessThanOrEqual(vp.height + 0.5);
  const onTop = await page.evaluate(
    ({ x, y, label }) => {
      const el = document.elementFromPoint(x, y);
      return (
        (el?.closest('button')?.getAttribute('aria-label') ?? el?.closest('button')?.textContent) === label
      );
    },
    { x: box!.x + box!.width / 2, y: box!.y + box!.height / 2, label: name },
  );
  expect(onTop, `${name} is not covered`).toBe(true);
}

describe('The player decides when and how', { timeout: 600_000 }, () => {
  it('offers the close in the opening, the middle and the closing minutes of every scenario, looking the same', {
    timeout: 900_000,
  }, async () => {
    const looks = new Set<string>();
    const { page, errors } = await newPage();
    await gotoTitle(page);
    await btn(page, 'Play').click();
    for (const { file, scenario } of playable()) {
      // A route (found by the engine) that passes a node offering the close at each moment,
      // played by clicking the same choices on screen.
      const { actions, views } = pathThroughMoments(scenario);
      await waitScreen(page, 'Scenario select');
      await btn(page, `Play: ${scenario.meta.title}`).click();
      await waitScreen(page, 'Briefing');
      await btn(page, 'Begin the interview').click();
      await waitScreen(page, 'Interview');
      const offered = new Set<string>();
      for (let i = 0; i <= actions.length; i++) {
        const v = views[i]!;
        await settle(page);
        const seen = await page.evaluate(() => {
          const close = document.querySelector<HTMLElement>(
            'main button[aria-label="Close: ask for the job"]',
          );
          const cs = close ? getComputedStyle(close) : null;
          return {
            close: close !== null && close.getBoundingClientRect().height > 0,
            tag: document.querySelector('.topbar .tag')?.textContent ?? '',
            look:
              close && cs
                ? [
                    close.className,
                    cs.backgroundColor,
                    cs.color,
                    cs.boxShadow,
                    cs.borderColor,
                    close.textContent,
                  ].join('|')
                : '',
          };
        });
        expect(seen.close, `${file} at ${v.node!.id}`).toBe(v.close !== null);
        if (v.close) {
          expect(seen.tag, `${file} ${v.node!.id}`).toContain(MOMENT_LABEL[v.node!.moment]);
          offered.add(v.node!.moment);
          looks.add(seen.look);
        }
        const a = actions[i];
        if (!a) break;
        const label =
          a.type === 'continue'
            ? 'Continue'
            : scenario.nodes
                .find((n) => n.id === v.node!.id)!
                .choices.find((c) => c.id === (a as { choice: string }).choice)!.text;
        // Click the move and wait for the screen to show the next one.
        await page.evaluate(async (text) => {
          const buttons = [...document.querySelectorAll<HTMLButtonElement>('.choices .choice')];
          const b = buttons.find(
            (x) => x.getAttribute('aria-label') === text || x.getAttribute('aria-label') === `Do: ${text}`,
          );
          if (!b) throw new Error(`no move "${text}" on screen`);
          b.click();
          for (let k = 0; k < 200 && b.isConnected; k++) await new Promise((r) => setTimeout(r, 25));
        }, label);
      }
      expect([...offered].sort(), file).toEqual(['closing', 'middle', 'opening']);
      await page.keyboard.press('Escape');
      await btn(page, 'Quit to scenario select').click();
    }
    // Its look never says "now is a good time".
    expect(looks.size).toBe(1);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('starts the composer with nothing chosen: Say it waits for a form and a delivery', async () => {
    const actions = pathTo(
      loadScenario('01-final-say.json'),
      (v) => v.node?.moment === 'closing' && v.close !== null,
    );
    const { page, errors } = await resumeAt('01-final-say.json', actions);
    await btn(page, 'Close: ask for the job').click();
    await waitScreen(page, 'Close');
    expect(await page.locator('.close-parts input[name="form"]:checked').count()).toBe(0);
    expect(await page.locator('.close-parts input[name="delivery"]:checked').count()).toBe(0);
    expect(await page.locator('.close-parts input[type="checkbox"]:checked').count()).toBe(0);
    const say = btn(page, 'Say it: make your close');
    expect(await say.isDisabled()).toBe(true);
    await page.locator('.close-parts label.opt:has(input[name="form"])').nth(1).click();
    expect(await say.isDisabled()).toBe(true);
    await page.locator('.close-parts label.opt:has(input[name="delivery"])').nth(1).click();
    expect(await say.isEnabled()).toBe(true);
    expect(((await page.locator('.close-preview .said').textContent()) ?? '').startsWith('“')).toBe(true);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  const composerCases: { size: { width: number; height: number }; textSize: Settings['textSize'] }[] = [
    { size: DESKTOP, textSize: 'normal' },
    { size: DESKTOP, textSize: 'larger' },
    { size: { width: 1024, height: 768 }, textSize: 'larger' },
    { size: PHONE, textSize: 'larger' },
  ];
  const doorstep = loadScenario('06-doorstep.json');
  const everyPoint = pathTo(
    doorstep,
    (v) => v.close !== null && v.close.points.length === doorstep.closing.points.length,
  );
  for (const { size, textSize } of composerCases) {
    it(`composer at ${size.width}x${size.height}, ${textSize} text, everything ticked: Say it by mouse`, async () => {
      const { page, errors } = await resumeAt('06-doorstep.json', everyPoint, size, { textSize });
      await btn(page, 'Close: ask for the job').click();
      await waitScreen(page, 'Close');
      await chooseFormAndDelivery(page, 'mouse');
      const boxes = page.locator('.close-parts input[type="checkbox"]');
      expect(await boxes.count()).toBe(doorstep.closing.points.length + 1);
      for (const cb of await boxes.all()) await cb.check();
      await page.locator('.close-parts input[name="leverage"]').last().check();
      // The parts scroll inside their panel by wheel and by keyboard; the top bar stays.
      const parts = page.locator('.close-parts');
      const scrollable = await parts.evaluate((el) => el.scrollHeight > el.clientHeight);
      if (scrollable) {
        await parts.evaluate((el) => {
          el.scrollTop = 0;
        });
        const pb = await boxOf(page, '.close-parts');
        await page.mouse.move(pb.x + pb.width / 2, pb.y + pb.height / 2);
        await page.mouse.wheel(0, 300);
        await expect.poll(() => parts.evaluate((el) => el.scrollTop)).toBeGreaterThan(0);
        await parts.evaluate((el) => {
          el.scrollTop = 0;
        });
        await page.locator('.close-parts input[name="commit"]').focus();
        await expect.poll(() => parts.evaluate((el) => el.scrollTop)).toBeGreaterThan(0);
      }
      const tag = await boxOf(page, '.topbar .tag');
      expect(tag.y).toBeGreaterThanOrEqual(0);
      await reachable(page, 'Back to the interview');
      await reachable(page, 'Say it: make your close');
      // No part of the composer covers the decision-maker's face.
      const face = await boxOf(page, '[data-art^="face:"]');
      for (const sel of ['.close-parts', '.close-preview'])
        expect(overlaps(await boxOf(page, sel), face), `${sel} over the face`).toBe(false);
      await capture(page, `Composer all ticked ${textSize} ${size.width}x${size.height}`, true);
      await btn(page, 'Say it: make your close').click({ timeout: 10_000 });
      await waitScreen(page, 'Response');
      expect(errors).toEqual([]);
      await page.context().close();
    });
  }

  it('shows the choices in a seeded order: different seeds, different orders', async () => {
    const file = '01-final-say.json';
    const scenario = loadScenario(file);
    const actions = pathTo(scenario, (v) => v.choices.length >= 3);
    // Seeds whose orders differ, found with the engine's own rule, then checked on screen.
    const play = Playthrough.start(scenario, { seed: 1 });
    for (const a of actions) play.act(a);
    const view = play.view();
    const ids = scenario.nodes
      .find((n) => n.id === view.node!.id)!
      .choices.filter((c) => view.choices.some((x) => x.id === c.id));
    const orderOf = (seed: number) =>
      displayOrder(ids, seed, view.node!.id)
        .map((c) => c.text)
        .join('\n');
    const a = 11;
    const b = Array.from({ length: 40 }, (_, i) => 12 + i).find((seed) => orderOf(seed) !== orderOf(a))!;
    const shown = new Set<string>();
    for (const seed of [a, b]) {
      const { page, errors } = await newPage();
      await installSave(page, saveText(scenario, actions, {}, seed));
      await gotoTitle(page);
      await btn(page, 'Resume your interview').click();
      await waitScreen(page, 'Interview');
      await settle(page);
      const names = await page
        .locator('.choices .choice')
        .evaluateAll((els) => els.map((e) => (e.querySelector('span:last-child')?.textContent ?? '').trim()));
      expect(names.join('\n')).toBe(orderOf(seed));
      shown.add(names.join('\n'));
      expect(errors).toEqual([]);
      await page.context().close();
    }
    expect(shown.size).toBeGreaterThan(1);
  });

  it('keeps panels off the faces and the video call tiles; Esc opens and closes Pause (desktop and phone)', async () => {
    const tutorial = loadScenario('00-tutorial.json');
    const actions = pathTo(tutorial, (v) => v.node?.id === 'questions-lesson');
    for (const size of [DESKTOP, PHONE]) {
      const { page, errors } = await resumeAt('00-tutorial.json', actions, size, { practice: true });
      await btn(page, 'Coach hint').click();
      await btn(page, "Decision-maker's view").click();
      await page.waitForSelector('.coach');
      await page.waitForSelector('.meters');
      const faces = await page
        .locator('[data-art^="face:"]')
        .evaluateAll((els) => els.map((e) => e.getBoundingClientRect().toJSON() as DOMRect));
      expect(faces.length).toBeGreaterThan(0);
      for (const sel of ['.coach', '.meters']) {
        const b = await boxOf(page, sel);
        for (const f of faces) expect(overlaps(b, f), `${sel} over a face at ${size.width}`).toBe(false);
      }
      const selfView = await artBox(page, SELF_VIEW);
      const nameTag = await artBox(page, NAME_TAG);
      for (const b of await page.locator('.topbar .btn').all()) {
        const box = (await b.boundingBox())!;
        expect(overlaps(box, selfView), `${await b.textContent()} over the self-view`).toBe(false);
      }
      // On a phone the Interview's bar shows only its buttons (the moment moves above the moves).
      const tag = await page.locator('.topbar .tag').first().boundingBox();
      if (size !== PHONE) expect(tag).not.toBeNull();
      if (tag) expect(overlaps(tag, nameTag)).toBe(false);
      await capture(page, `Interview hint and view ${size.width}x${size.height}`, true);
      // Esc opens Pause, and Esc closes it again.
      await page.keyboard.press('Escape');
      await page.waitForSelector('[role="dialog"][aria-labelledby="pause-title"]');
      await capture(page, `Pause ${size.width}x${size.height}`, true);
      await page.keyboard.press('Escape');
      await expect.poll(() => page.locator('[role="dialog"]').count()).toBe(0);
      // On the composer, Pause and Back keep clear of the self-view too.
      await btn(page, 'Close: ask for the job').click();
      await waitScreen(page, 'Close');
      for (const name of ['Pause', 'Back to the interview']) {
        const box = (await btn(page, name).boundingBox())!;
        expect(overlaps(box, selfView), `${name} over the self-view`).toBe(false);
      }
      const closeTag = await page.locator('.topbar .tag').first().boundingBox();
      if (closeTag) expect(overlaps(closeTag, nameTag)).toBe(false);
      expect(errors).toEqual([]);
      await page.context().close();
    }
  });

  it('on a phone held landscape: text at least 14 px and controls at least 44 px high on every screen', async () => {
    const { page, errors } = await newPage(PHONE);
    const check = async (where: string) => {
      const found = await page.evaluate(() => {
        const small: string[] = [];
        const short: string[] = [];
        const main = document.querySelector('main')!;
        const visible = (el: Element) => {
          const r = el.getBoundingClientRect();
          const cs = getComputedStyle(el);
          return r.width > 0 && r.height > 0 && cs.visibility !== 'hidden' && cs.display !== 'none';
        };
        const walker = document.createTreeWalker(main, NodeFilter.SHOW_TEXT);
        for (let n = walker.nextNode(); n; n = walker.nextNode()) {
          const el = n.parentElement;
          if (!el || !(n.textContent ?? '').trim() || !visible(el) || el.closest('svg, .sr-only')) continue;
          const px = Number.parseFloat(getComputedStyle(el).fontSize);
          if (px < 14) small.push(`${px}px "${(n.textContent ?? '').trim().slice(0, 30)}"`);
        }
        for (const el of main.querySelectorAll('button, .opt, .check, .slider, a[href]')) {
          if (!visible(el)) continue;
          const h = el.getBoundingClientRect().height;
          if (h < 44 - 0.5) short.push(`${Math.round(h)}px ${(el.textContent ?? '').trim().slice(0, 30)}`);
        }
        return { small, short };
      });
      expect(found.small, `text under 14px on ${where}`).toEqual([]);
      expect(found.short, `controls under 44px on ${where}`).toEqual([]);
    };
    await gotoTitle(page);
    await check('Title');
    await btn(page, 'Settings').click();
    await waitScreen(page, 'Settings');
    await check('Settings');
    await page.keyboard.press('Escape');
    await waitScreen(page, 'Title');
    await btn(page, 'Play').click();
    await waitScreen(page, 'Scenario select');
    await check('Scenario select');
    await btn(page, `Play: ${loadScenario('01-final-say.json').meta.title}`).click();
    await waitScreen(page, 'Briefing');
    await check('Briefing');
    await btn(page, 'Begin the interview').click();
    await waitScreen(page, 'Interview');
    await settle(page);
    await check('Interview');
    await btn(page, 'Close: ask for the job').click();
    await waitScreen(page, 'Close');
    await check('Close');
    await chooseFormAndDelivery(page, 'mouse');
    await btn(page, 'Say it: make your close').click();
    await waitScreen(page, 'Response');
    await check('Response');
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it("lists only the scenarios for players: the format tour example.json is not in the player's list", async () => {
    const { page, errors } = await newPage();
    await gotoTitle(page);
    await btn(page, 'Play').click();
    await waitScreen(page, 'Scenario select');
    expect(await page.locator('.cards > .card').count()).toBe(playable().length);
    expect(await btn(page, /^Play: .*example/i).count()).toBe(0);
    expect(errors).toEqual([]);
    await page.context().close();
  });
});
