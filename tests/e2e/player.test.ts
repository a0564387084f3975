/**
 * The player decides when and how (issue 9), in Debian's Chromium: the close on offer at every
 * moment and looking the same, nothing telegraphed (no preselected close, choices in a seeded
 * order), the composer usable at every size, a phone layout with real text and target sizes,
 * no panel over a face or the video call's tiles, and Esc for Pause.
 */
import type { Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { Playthrough } from '../../src/engine';
import { displayOrder } from '../../src/engine/runtime/order';
import type { Action } from '../../src/engine/types';
import { defaultSettings, SAVE_KEY, type Settings } from '../../src/web/save/schema';
import { honestAskClaims, SAYS_CAUGHT } from '../support/bluff-text';
import { capture, useGame, watchErrors } from './harness';
import { chooseFormAndDelivery } from './play';
import { installSave, loadScenario, pathThroughMoments, pathTo, playable, saveText } from './saves';

const game = useGame();

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

/** Each page's collected errors, for a failure message (a screen that never comes, say). */
const errorsOf = new WeakMap<Page, string[]>();

async function newPage(viewport = DESKTOP, init?: () => void): Promise<{ page: Page; errors: string[] }> {
  const context = await game.browser.newContext({ viewport });
  // Generous slack: the machine running these is shared and can be very loaded.
  context.setDefaultTimeout(120_000);
  const page = await context.newPage();
  const errors = watchErrors(page);
  errorsOf.set(page, errors);
  if (init) await page.addInitScript(init);
  return { page, errors };
}

async function gotoTitle(page: Page): Promise<void> {
  await page.goto(`${game.url}?fast`);
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

/** Waits for a screen; if it never comes, says what the page shows instead (and leaves a picture). */
async function waitScreen(page: Page, name: string): Promise<void> {
  try {
    await page.waitForSelector(`main[aria-label="${name}"]`, { timeout: 120_000 });
  } catch (err) {
    const shown = await page
      .evaluate(() => {
        const m = document.querySelector('main');
        return `"${m?.getAttribute('aria-label')}" with ${m?.querySelectorAll('button').length} buttons, focus on ${document.activeElement?.outerHTML.slice(0, 120)}`;
      })
      .catch((e: unknown) => `nothing readable (${String(e)})`);
    await capture(page, `fail-waiting-for-${name}`, true, 0).catch(() => undefined);
    const errors = errorsOf.get(page) ?? [];
    throw new Error(
      `${name} never showed; the page shows ${shown}; its errors: ${errors.length ? errors.join(' | ') : 'none'}`,
      { cause: err },
    );
  }
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

/**
 * Presses Next until the player's move is offered (in the page: one round trip on a loaded
 * machine). It fails if the moves never show within a minute, rather than letting the caller read
 * a screen that is still typing.
 */
async function settle(page: Page): Promise<void> {
  const settled = await page.evaluate(async () => {
    const end = Date.now() + 60_000;
    while (Date.now() < end) {
      const next = document.querySelector<HTMLButtonElement>('main button[aria-label="Next line"]');
      if (next) {
        next.click();
        await new Promise((r) => setTimeout(r, 20));
      } else if (document.querySelector('.choices .choice')) return true;
      else await new Promise((r) => setTimeout(r, 50));
    }
    return false;
  });
  expect(settled, `the moves show on ${await page.getAttribute('main', 'aria-label')}`).toBe(true);
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
  // Three scenarios played on screen (one decision-maker in an office, a panel of two, a video
  // call); that every scenario in the library has such a route is checked on the engine in
  // tests/unit/player-choice.test.ts, and the screen draws the close from the same view for all.
  const onScreen = ['01-final-say.json', '02-first-round-panel.json', '07-full-pipeline.json'];
  it('offers the close in the opening, the middle and the closing minutes, looking the same; the list holds only the scenarios for players', {
    timeout: 900_000,
  }, async () => {
    const looks = new Set<string>();
    const { page, errors } = await newPage();
    await gotoTitle(page);
    await btn(page, 'Play').click();
    // The format tour example.json is not in the player's list.
    await waitScreen(page, 'Scenario select');
    expect(await page.locator('.cards > .card').count()).toBe(playable().length);
    expect(await btn(page, /^Play: .*example/i).count()).toBe(0);
    for (const { file, scenario } of playable().filter((p) => onScreen.includes(p.file))) {
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
      // The choices never cover the decision-maker's face. "What you will say" stays below it
      // too, unless its words need the room: on a phone with Larger text it grows upwards over
      // the face before its words would scroll (issue 18), and then it shows all of them.
      const face = await boxOf(page, '[data-art^="face:"]');
      expect(overlaps(await boxOf(page, '.close-parts'), face), '.close-parts over the face').toBe(false);
      const preview = page.locator('.close-preview');
      if (overlaps(await boxOf(page, '.close-preview'), face)) {
        expect(
          await preview.evaluate((el) => el.scrollHeight <= el.clientHeight + 1),
          '.close-preview covers the face only to show all its words',
        ).toBe(true);
        expect((await boxOf(page, '.close-preview')).y).toBeGreaterThanOrEqual(tag.y + tag.height);
      }
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
      // The answer to the close: its panel sits below the self-view and shows its Continue.
      await chooseFormAndDelivery(page, 'mouse');
      await btn(page, 'Say it: make your close').click();
      await waitScreen(page, 'Response');
      for (let i = 0; i < 20 && (await btn(page, 'Next line').count()); i++) {
        await btn(page, 'Next line').first().click();
        await page.waitForTimeout(60);
      }
      await btn(page, 'Continue').waitFor();
      const answer = await boxOf(page, '.side-panel');
      expect(overlaps(answer, selfView), `the answer panel over the self-view at ${size.width}`).toBe(false);
      await reachable(page, 'Continue');
      await capture(page, `Video call answer ${size.width}x${size.height}`, true);
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
});

/**
 * Issue 9's last three: touch scrolling of the composer's parts on a phone, the dialogue box kept
 * clear of the faces with the hint and the view open, and a caught bluff's Debrief that does not
 * praise an honest ask. One phone context (touch, mobile) serves the touch and the Debrief checks.
 */
describe('Touch, faces and a caught bluff', { timeout: 300_000 }, () => {
  let phone: { page: Page; errors: string[] } | null = null;
  const doorstep = loadScenario('06-doorstep.json');
  const everyPoint = pathTo(
    doorstep,
    (v) => v.close !== null && v.close.points.length === doorstep.closing.points.length,
  );

  /** A phone held landscape, with touch: created once, shared by the checks below. */
  async function phonePage(): Promise<{ page: Page; errors: string[] }> {
    if (phone && !phone.page.isClosed()) {
      // Each check answers for its own errors (a retry or an earlier failure must not carry over).
      phone.errors.length = 0;
      return phone;
    }
    const context = await game.browser.newContext({ viewport: PHONE, hasTouch: true, isMobile: true });
    context.setDefaultTimeout(120_000);
    const page = await context.newPage();
    phone = { page, errors: watchErrors(page) };
    return phone;
  }

  afterAll(async () => {
    await phone?.page.context().close();
  });

  /** Puts a save in the page and opens the Title at the game's start (one load). */
  async function loadWithSave(page: Page, text: string): Promise<void> {
    if (page.url().startsWith(game.url)) {
      await page.evaluate(([k, v]) => localStorage.setItem(k as string, v as string), [SAVE_KEY, text]);
      await page.reload();
    } else {
      await installSave(page, text);
      await page.goto(`${game.url}?fast`);
    }
    await page.waitForSelector('main[aria-label="Title"] button');
  }

  it('on a phone, the close parts scroll by a touch drag and Say it and Back stay in view and tappable', async () => {
    const { page, errors } = await phonePage();
    await loadWithSave(page, saveText(doorstep, everyPoint, { textSize: 'larger' }));
    await btn(page, 'Resume your interview').tap();
    await waitScreen(page, 'Interview');
    await btn(page, 'Close: ask for the job').tap();
    await waitScreen(page, 'Close');
    for (const name of ['form', 'delivery'])
      await page.locator(`.close-parts label.opt:has(input[name="${name}"])`).first().tap();
    for (const cb of await page.locator('.close-parts input[type="checkbox"]').all()) await cb.check();
    await page.locator('.close-parts input[name="leverage"]').last().check();
    const parts = page.locator('.close-parts');
    expect(await parts.evaluate((el) => el.scrollHeight > el.clientHeight + 40), 'the parts overflow').toBe(
      true,
    );
    await parts.evaluate((el) => {
      el.scrollTop = 0;
    });
    // A finger drags the parts up by most of the panel's height.
    const pb = await boxOf(page, '.close-parts');
    const x = pb.x + pb.width / 2;
    const from = pb.y + pb.height * 0.85;
    const to = pb.y + pb.height * 0.15;
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [{ x, y: from }] });
    for (let i = 1; i <= 10; i++)
      await cdp.send('Input.dispatchTouchEvent', {
        type: 'touchMove',
        touchPoints: [{ x, y: from + ((to - from) * i) / 10 }],
      });
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
    await cdp.detach();
    await expect
      .poll(() => parts.evaluate((el) => el.scrollTop), { timeout: 30_000 })
      .toBeGreaterThan(pb.height * 0.3);
    // The page itself did not move, and the top bar is still there.
    expect(await page.evaluate(() => [window.scrollX, window.scrollY])).toEqual([0, 0]);
    expect((await boxOf(page, '.topbar .tag')).y).toBeGreaterThanOrEqual(0);
    await reachable(page, 'Back to the interview');
    await reachable(page, 'Say it: make your close');
    await capture(page, 'Composer touch scrolled larger 844x390', true);
    await btn(page, 'Say it: make your close').tap({ timeout: 10_000 });
    await waitScreen(page, 'Response');
    expect(errors).toEqual([]);
  });

  it('keeps the dialogue box clear of the faces with the hint and the view open (1280x720 and 844x390)', async () => {
    // The panel: two faces, drawn lower than a single portrait's; Larger text makes the box grow.
    const panel = loadScenario('02-first-round-panel.json');
    const { page, errors } = await newPage(DESKTOP);
    await installSave(page, saveText(panel, [], { practice: true, textSize: 'larger' }));
    await gotoTitle(page);
    await btn(page, 'Resume your interview').click();
    await waitScreen(page, 'Interview');
    await btn(page, 'Coach hint').click();
    await btn(page, "Decision-maker's view").click();
    await page.waitForSelector('.coach');
    await page.waitForSelector('.meters');
    /** The dialogue box, the hint and the view each keep at least `gap` px from every face (one round trip). */
    const near = (gap: number) =>
      page.evaluate((g) => {
        const faces = [...document.querySelectorAll('[data-art^="face:"]')].map((e) =>
          e.getBoundingClientRect(),
        );
        const out: string[] = [];
        for (const sel of ['.dialogue', '.coach', '.meters']) {
          const b = document.querySelector(sel)?.getBoundingClientRect();
          if (!b) {
            out.push(`${sel} is missing`);
            continue;
          }
          for (const f of faces)
            if (b.left < f.right + g && f.left - g < b.right && b.top < f.bottom + g && f.top - g < b.bottom)
              out.push(
                `${sel} (top ${Math.round(b.top)}) within ${g}px of a face (bottom ${Math.round(f.bottom)})`,
              );
        }
        return { faces: faces.length, out };
      }, gap);
    // Every line of the opening, long narration included.
    for (let i = 0; i < 10; i++) {
      const found = await near(12);
      expect(found.faces).toBe(2);
      expect(found.out, `1280x720, line ${i + 1}`).toEqual([]);
      const next = btn(page, 'Next line');
      if ((await next.count()) === 0) break;
      await next.click();
    }
    // With Larger text the bar's buttons wrap onto two rows; the hint and the view start below them.
    await reachable(page, 'Pause');
    await capture(page, 'Interview panel larger hint and view 1280x720', true);
    await page.setViewportSize(PHONE);
    await page.waitForFunction(() => document.documentElement.classList.contains('compact'));
    expect((await near(6)).out, '844x390').toEqual([]);
    await reachable(page, 'Pause');
    await capture(page, 'Interview panel larger hint and view 844x390', true);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('a caught bluff that still ends in the next stage: the Debrief says so and does not praise an honest ask', async () => {
    // With the engine: a close citing the invented offer, seen through, and still a next stage.
    const panel = loadScenario('02-first-round-panel.json');
    const bluff = panel.candidate.otherOptions.find((o) => !o.real)!;
    let save: ReturnType<Playthrough['save']> | null = null;
    for (let seed = 1; seed <= 300 && !save; seed++) {
      const play = Playthrough.start(panel, { seed, mode: 'realistic' });
      for (let i = 0; i < 100 && play.view().phase === 'interview'; i++) {
        const v = play.view();
        if (v.close && v.node?.moment === 'closing') {
          play.act({
            type: 'close',
            close: { form: 'next-stage', delivery: 'firm', points: [], leverage: bluff.id, commit: false },
          });
          break;
        }
        if (v.choices.length > 0) play.act({ type: 'choose', choice: v.choices[0]!.id });
        else play.act({ type: 'continue' });
      }
      const v = play.view();
      if (
        v.phase === 'ended' &&
        play.debrief().outcome === 'next-stage' &&
        play.debrief().record.bluffExposed
      )
        save = play.save();
    }
    expect(save, 'a seed where the bluff is seen through and the panel still moves you on').not.toBeNull();
    const { page, errors } = await phonePage();
    await loadWithSave(
      page,
      JSON.stringify({ v: 1, settings: { ...defaultSettings(true) }, progress: {}, resume: save }),
    );
    await btn(page, 'Resume your interview').tap();
    await page.waitForSelector('main[aria-label="Response"], main[aria-label="Debrief"]');
    if ((await page.getAttribute('main', 'aria-label')) === 'Response') {
      for (let i = 0; i < 20 && (await btn(page, 'Continue').count()) === 0; i++) {
        const next = btn(page, 'Next line');
        if (await next.count()) await next.tap();
        else await page.waitForTimeout(100);
      }
      await btn(page, 'Continue').tap();
    }
    await waitScreen(page, 'Debrief');
    const outcome = page.locator('[aria-label="Outcome and score"]');
    const headline = `${await outcome.locator('h1').textContent()}. ${await outcome.locator('h1 + p').textContent()}`;
    expect(await outcome.locator('.eyebrow').first().textContent()).toContain('Through to the next stage');
    expect(headline, 'the ending says the bluff was seen through').toMatch(SAYS_CAUGHT);
    expect(honestAskClaims(headline), 'the ending praises an honest ask').toEqual([]);
    await capture(page, 'Debrief caught bluff next stage 844x390', true);
    await page.setViewportSize(DESKTOP);
    await capture(page, 'Debrief caught bluff next stage 1280x720', true);
    await page.setViewportSize(PHONE);
    expect(errors).toEqual([]);
  });
});
