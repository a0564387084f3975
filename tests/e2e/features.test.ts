import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../src/engine';
import type { Scenario } from '../../src/engine/format/schema';
import { capture, ROOT, screen, tabTo, useGame, watchErrors } from './harness';
import { chooseFormAndDelivery, playToDebrief } from './play';

function loadTutorial(): Scenario {
  const parsed = parseScenario(
    readFileSync(join(ROOT, 'scenarios', '00-tutorial.json'), 'utf8'),
    'scenarios/00-tutorial.json',
  );
  if (!parsed.ok) throw new Error('The tutorial scenario does not parse');
  return parsed.scenario;
}

const tutorial = loadTutorial();
const TITLE = tutorial.meta.title;
const node = (id: string) => {
  const n = tutorial.nodes.find((x) => x.id === id);
  if (!n) throw new Error(`The tutorial has no node ${id}`);
  return n;
};

const game = useGame();

/** Waits until the game (not just the first-paint title) is ready. */
async function titleReady(page: Page): Promise<void> {
  await page.waitForSelector('main[aria-label="Title"] button');
  await page.waitForFunction(
    () =>
      document.querySelector('.loadbar')?.hasAttribute('hidden') ||
      document.querySelector('.loadbar[aria-valuenow="100"]'),
  );
}

async function open(viewport = { width: 1280, height: 720 }): Promise<{ page: Page; errors: string[] }> {
  const context = await game.browser.newContext({ viewport });
  const page = await context.newPage();
  const errors = watchErrors(page);
  await page.goto(`${game.url}?fast`);
  await titleReady(page);
  return { page, errors };
}

const btn = (page: Page, name: string | RegExp) =>
  page.getByRole('button', { name, exact: typeof name === 'string' });

async function waitScreen(page: Page, name: string): Promise<void> {
  await page.waitForSelector(`main[aria-label="${name}"]`, { timeout: 30_000 });
}

/** Opens Settings from the Title, applies `change`, and goes back. */
async function withSettings(page: Page, change: (page: Page) => Promise<void>): Promise<void> {
  await btn(page, 'Settings').click();
  await waitScreen(page, 'Settings');
  await change(page);
  await btn(page, 'Done: back').click();
  await waitScreen(page, 'Title');
}

/** Title → Scenario select → Briefing → Interview of the tutorial. */
async function startTutorial(page: Page): Promise<void> {
  await btn(page, 'Play').click();
  await waitScreen(page, 'Scenario select');
  await btn(page, `Play: ${TITLE}`).click();
  await waitScreen(page, 'Briefing');
  await btn(page, 'Begin the interview').click();
  await waitScreen(page, 'Interview');
}

/** Plays out the dialogue (completing typing, pressing Next) until the player's move is offered. */
async function settle(page: Page): Promise<void> {
  for (let i = 0; i < 60; i++) {
    const typing = await page.locator('.dialogue .line[data-typing="true"]').count();
    if (typing > 0) {
      await page.locator('.dialogue').click({ position: { x: 30, y: 30 } });
    } else if (await btn(page, 'Next line').count()) {
      await btn(page, 'Next line').click();
    } else if (
      (await page.locator('.choices .choice').count()) > 0 ||
      (await btn(page, 'Close: ask for the job').count()) > 0
    ) {
      return;
    }
    await page.waitForTimeout(60);
  }
  throw new Error('The dialogue never offered a move');
}

/** What the player sees at a decision point: the last line and the choices offered. */
async function moment(page: Page): Promise<{ line: string; choices: string[] }> {
  await settle(page);
  return {
    line: ((await page.locator('.dialogue .line').textContent()) ?? '').trim(),
    choices: await page
      .locator('.choices .choice')
      .evaluateAll((els) => els.map((e) => e.getAttribute('aria-label') ?? '')),
  };
}

/** Presses the choice with the given accessible name (Continue included) and waits for the reply. */
async function pick(page: Page, name: string): Promise<void> {
  // The next moment may offer a choice of the same name (Continue), so wait for the pressed
  // button itself to leave the page rather than for its name to disappear.
  const pressed = await page.getByRole('button', { name, exact: true }).elementHandle();
  await pressed!.click();
  await page.waitForFunction((el) => !el.isConnected, pressed!);
}

/** From the start of the tutorial to the first node with real choices (and a coach hint). */
async function toSamHello(page: Page): Promise<void> {
  await settle(page);
  await pick(page, 'Continue');
  await settle(page);
  await pick(page, 'Continue');
  await settle(page);
}

const textOf = (id: string) => node('sam-hello').choices?.find((c) => c.id === id)?.text ?? '';

describe('Close Call features in the browser', () => {
  it('practice mode: undo brings back the previous moment; the decision-maker view shows labelled meters', async () => {
    const { page, errors } = await open();
    await withSettings(page, async (p) => {
      await p.getByLabel("Practice mode: undo moves and see the decision-maker's view").check();
    });
    await startTutorial(page);
    // No Undo before the first move.
    expect(await btn(page, 'Undo last move').count()).toBe(0);
    await toSamHello(page);
    const before = await moment(page);
    expect(before.choices).toContain(textOf('ask-dog'));
    // The last line a solo player sees (a line written for a room is not shown in solo play).
    expect(before.line).toBe(
      node('sam-hello')
        .lines.filter((l) => l.for !== 'room')
        .at(-1)?.text,
    );

    await pick(page, textOf('ask-dog'));
    const after = await moment(page);
    expect(after.line).toBe(
      node('dog-chat')
        .lines.filter((l) => l.for !== 'room')
        .at(-1)?.text,
    );
    expect(after.choices).not.toContain(textOf('ask-dog'));

    await btn(page, 'Undo last move').click();
    await page.waitForFunction(
      (t) => (document.querySelector('.dialogue .line')?.textContent ?? '').trim() !== t,
      after.line,
      { timeout: 15_000 },
    );
    expect(await moment(page)).toEqual(before);

    // The decision-maker's view: hidden meters appear, labelled, with values.
    const toggle = btn(page, "Decision-maker's view");
    expect(await toggle.getAttribute('aria-pressed')).toBe('false');
    expect(await page.locator('.meters').count()).toBe(0);
    await toggle.click();
    await page.waitForSelector('.meters');
    expect(await btn(page, "Decision-maker's view").getAttribute('aria-pressed')).toBe('true');
    const meters = page.getByRole('meter');
    expect(await meters.evaluateAll((els) => els.map((e) => e.getAttribute('aria-label')))).toEqual([
      'Keenness',
      'Doubt',
      'Irritation',
      'Rapport',
      'Believes you have options',
    ]);
    const shown = ((await page.locator('.meters').textContent()) ?? '').toLowerCase();
    for (const word of ['keenness', 'doubt', 'irritation', 'rapport']) expect(shown).toContain(word);
    expect(shown).toMatch(/\d+%/);
    await expect(page.locator('.meters').isVisible()).resolves.toBe(true);
    await capture(page, 'Feature practice meters', true);

    // With the coach hint open as well, both panels stay readable.
    await btn(page, 'Coach hint').click();
    await page.waitForSelector('.coach');
    await capture(page, 'Feature practice meters and hint', true);
    const m = await page.locator('.meters').boundingBox();
    const c = await page.locator('.coach').boundingBox();
    expect(m && c).toBeTruthy();
    if (m && c) {
      const overlap =
        m.x < c.x + c.width && c.x < m.x + m.width && m.y < c.y + c.height && c.y < m.y + m.height;
      expect(overlap).toBe(false);
    }
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('reveals the coach hint and announces it', async () => {
    const { page, errors } = await open();
    await startTutorial(page);
    await toSamHello(page);
    const coach = node('sam-hello').coach ?? '';
    expect(coach).not.toBe('');
    expect(await page.locator('.coach').count()).toBe(0);
    await btn(page, 'Coach hint').click();
    await page.waitForSelector('.coach');
    expect(((await page.locator('.coach').textContent()) ?? '').trim()).toBe(coach);
    expect(await page.locator('#live').textContent()).toContain(`Coach: ${coach}`);
    // The button now hides it again.
    await btn(page, 'Hide coach hint').click();
    expect(await page.locator('.coach').count()).toBe(0);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('opens the conversation history by keyboard and lists what has been said', async () => {
    const { page, errors } = await open();
    await startTutorial(page);
    await toSamHello(page);
    await pick(page, textOf('ask-dog'));
    await settle(page);
    await page.locator('.choices .choice').first().focus();
    await tabTo(page, 'Conversation history');
    await page.keyboard.press('Enter');
    const dialog = page.locator('[role="dialog"]');
    await dialog.waitFor();
    expect(await dialog.locator('h2').textContent()).toBe('History');
    const said = await dialog.locator('.history-entry').allTextContents();
    const expected = [
      ...node('welcome').lines,
      ...node('continue-lesson').lines,
      ...node('sam-hello').lines,
      ...node('dog-chat').lines,
    ]
      .filter((l) => l.for !== 'room')
      .map((l) => l.text);
    for (const text of expected) expect(said.some((s) => s.includes(text))).toBe(true);
    // The candidate's own words are listed too, under the candidate's name.
    expect(said.some((s) => s.startsWith(`${tutorial.candidate.name}:`))).toBe(true);
    // Focus is inside the dialog, on its close button.
    expect(await page.evaluate(() => document.activeElement?.closest('[role="dialog"]') !== null)).toBe(true);
    await capture(page, 'Feature history', true);
    await page.keyboard.press('Escape');
    expect(await page.locator('[role="dialog"]').count()).toBe(0);
    expect(await screen(page)).toBe('Interview');
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('offers to resume after a reload and resumes at the same line', async () => {
    const { page, errors } = await open();
    await startTutorial(page);
    await toSamHello(page);
    await pick(page, textOf('get-started'));
    const before = await moment(page);
    expect(before.choices.length).toBeGreaterThan(0);
    await page.reload();
    await titleReady(page);
    const resume = btn(page, 'Resume your interview');
    expect(await resume.count()).toBe(1);
    await resume.click();
    await waitScreen(page, 'Interview');
    expect(await moment(page)).toEqual(before);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('replays from the moment you closed, back at the same node with the Close available', async () => {
    const { page, errors } = await open();
    await startTutorial(page);
    let closedAt: { line: string; choices: string[]; tag: string } | null = null;
    for (let i = 0; i < 40 && !closedAt; i++) {
      const m = await moment(page);
      const tag = ((await page.locator('.topbar .tag').textContent()) ?? '').trim();
      if (tag.includes('Closing') && (await btn(page, 'Close: ask for the job').count()) > 0) {
        closedAt = { ...m, tag };
        break;
      }
      const first = m.choices[0];
      if (!first) throw new Error('No move to make before the close');
      await pick(page, first);
    }
    if (!closedAt) throw new Error('Never reached a moment to close');
    await btn(page, 'Close: ask for the job').click();
    await waitScreen(page, 'Close');
    await chooseFormAndDelivery(page, 'mouse');
    await btn(page, 'Say it: make your close').click();
    await page.waitForFunction(() => document.querySelector('main')?.getAttribute('aria-label') !== 'Close');
    const seen = await playToDebrief(page, TITLE, 'mouse');
    expect(seen.at(-1)).toBe('Debrief');

    await btn(page, 'Replay from the moment you closed').click();
    await waitScreen(page, 'Interview');
    const back = await moment(page);
    expect(back).toEqual({ line: closedAt.line, choices: closedAt.choices });
    expect((await page.locator('.topbar .tag').textContent())?.trim()).toBe(closedAt.tag);
    const close = btn(page, 'Close: ask for the job');
    expect(await close.count()).toBe(1);
    expect(await close.isEnabled()).toBe(true);
    // And the Close can be made again from here.
    await close.click();
    await waitScreen(page, 'Close');
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('looks right: pause menu, high contrast and large text Settings, practice at larger text', async () => {
    const { page, errors } = await open();
    await withSettings(page, async (p) => {
      await p.getByLabel('High contrast').check();
      await p.getByLabel('Large', { exact: true }).check();
      expect(await p.evaluate(() => document.documentElement.classList.contains('high-contrast'))).toBe(true);
      expect(
        await p.evaluate(() => getComputedStyle(document.documentElement).getPropertyValue('--ts').trim()),
      ).toBe('1.15');
      await capture(p, 'Feature settings high contrast large text', true);
      await p.getByLabel('High contrast').uncheck();
      await p.getByLabel('Larger', { exact: true }).check();
      await p.getByLabel("Practice mode: undo moves and see the decision-maker's view").check();
      await capture(p, 'Feature settings larger text', true);
    });
    await startTutorial(page);
    await toSamHello(page);
    await pick(page, textOf('ask-dog'));
    await settle(page);
    await btn(page, "Decision-maker's view").click();
    await page.waitForSelector('.meters');
    await capture(page, 'Feature interview larger text practice', true);
    // Nothing in the top bar spills off the stage, and the buttons do not cover each other.
    const boxes = await page
      .locator('.topbar .btn, .topbar .tag')
      .evaluateAll((els) => els.map((e) => e.getBoundingClientRect().toJSON() as DOMRect));
    for (const b of boxes) {
      expect(b.left).toBeGreaterThanOrEqual(0);
      expect(b.right).toBeLessThanOrEqual(1280);
    }
    for (let i = 0; i < boxes.length; i++)
      for (let j = i + 1; j < boxes.length; j++) {
        const a = boxes[i] as DOMRect;
        const b = boxes[j] as DOMRect;
        const overlap = a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
        expect(overlap).toBe(false);
      }
    await page.keyboard.press('Escape');
    await page.waitForSelector('[role="dialog"][aria-labelledby="pause-title"]');
    await capture(page, 'Feature pause menu', true);
    await page.keyboard.press('Enter');
    expect(await page.locator('[role="dialog"]').count()).toBe(0);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('keeps the top-right buttons clear of the video call self-view', async () => {
    const { page, errors } = await open();
    await startTutorial(page);
    expect(tutorial.nodes[0]?.backdrop ?? tutorial.meta.backdrop).toBe('video-call');
    await settle(page);
    await capture(page, 'Feature video call', true);
    // The self-view in the video-call backdrop is the box at x 1010–1210, y 46–166 of the 1280×720 stage.
    const boxes = await page
      .locator('.topbar .btn')
      .evaluateAll((els) => els.map((e) => e.getBoundingClientRect().toJSON() as DOMRect));
    expect(boxes.length).toBeGreaterThan(0);
    for (const b of boxes) {
      const overlap = b.left < 1210 && 1010 < b.right && b.top < 166 && 46 < b.bottom;
      expect(overlap).toBe(false);
    }
    expect(errors).toEqual([]);
    await page.context().close();
  });
});
