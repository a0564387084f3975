/**
 * Rough play and hostile storage in the browser: a save with one bad entry keeps the player's
 * settings and other scores; every control on the main screens can be hit where it is, without
 * scrolling; a double click on "Say it" makes one close and no notice.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { Playthrough, parseScenario } from '../../src/engine';
import { defaultSettings } from '../../src/web/save/schema';
import { capture, expectNotice, ROOT, unhittableTargets, useGame, watchErrors } from './harness';

const game = useGame();

async function open(
  viewport = { width: 1280, height: 720 },
  seed?: string,
): Promise<{ page: Page; errors: string[] }> {
  const context = await game.browser.newContext({ viewport });
  const page = await context.newPage();
  const errors = watchErrors(page);
  if (seed !== undefined) {
    await page.addInitScript((raw: string) => {
      if (!sessionStorage.getItem('seeded')) {
        localStorage.setItem('closecall.save', raw);
        sessionStorage.setItem('seeded', '1');
      }
    }, seed);
  }
  await page.goto(`${game.url}?fast`);
  await page.waitForSelector('main[aria-label="Title"] button');
  await page.waitForFunction(
    () =>
      document.querySelector('.loadbar')?.hasAttribute('hidden') ||
      document.querySelector('.loadbar[aria-valuenow="100"]'),
  );
  return { page, errors };
}

const btn = (page: Page, name: string | RegExp) =>
  page.getByRole('button', { name, exact: typeof name === 'string' });
const waitScreen = (page: Page, name: string) =>
  page.waitForSelector(`main[aria-label="${name}"]`, { timeout: 30_000 });

describe('hostile storage and rough play', () => {
  it('keeps settings and other best scores when one entry of the save is bad', async () => {
    const settings = {
      volumes: { ui: 0.7, voices: 0.5, ambience: 0.35 },
      muted: true,
      reducedMotion: true,
      textSize: 'larger',
      highContrast: true,
      mode: 'expected',
      practice: false,
      coach: true,
    };
    const save = {
      v: 1,
      settings,
      progress: {
        'kept-scenario': { best: 64, completed: true, endings: ['x'], plays: 1 },
        'bad-scenario': { best: 101, completed: true, endings: [], plays: 1 },
      },
      resume: { v: 1, scenario: 'x', seed: 'not a number', mode: 'expected', actions: 7 },
    };
    const { page, errors } = await open(undefined, JSON.stringify(save));
    const notice = page.locator('.notices [role="alert"]');
    await expect(notice.first().textContent()).resolves.toContain(
      'Part of your saved progress could not be read',
    );
    await capture(page, 'Save with one bad entry', true);
    // The notice sits beside the Title's card, not over its buttons (the card is taller with larger text).
    expect(await unhittableTargets(page), 'Title with the notice').toEqual([]);
    const state = await page.evaluate(() => ({
      ts: document.documentElement.style.getPropertyValue('--ts'),
      contrast: document.documentElement.classList.contains('high-contrast'),
      save: JSON.parse(localStorage.getItem('closecall.save') ?? '{}'),
      aside: Object.keys(localStorage).filter((k) => k.startsWith('closecall.corrupt.')),
    }));
    expect(state.contrast).toBe(true);
    expect(Number(state.ts)).toBeGreaterThan(1);
    expect(state.save.settings.textSize).toBe('larger');
    expect(state.save.progress['kept-scenario'].best).toBe(64);
    expect(state.save.progress['bad-scenario']).toBeUndefined();
    expect(state.save.resume).toBeNull();
    expect(state.aside).toHaveLength(1);
    expect(expectNotice(errors, /Part of your saved progress/)).toBe(1);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  for (const viewport of [
    { width: 1280, height: 720 },
    { width: 844, height: 390 },
  ]) {
    it(`lets every control be hit where it is, without scrolling (${viewport.width}×${viewport.height})`, async () => {
      const { page, errors } = await open(viewport);
      expect(await unhittableTargets(page), 'Title').toEqual([]);
      await btn(page, 'Play').click();
      await waitScreen(page, 'Scenario select');
      expect(await unhittableTargets(page), 'Scenario select').toEqual([]);
      await page.locator('main button[aria-label^="Play: "]').first().click();
      await waitScreen(page, 'Briefing');
      expect(await unhittableTargets(page), 'Briefing').toEqual([]);
      await btn(page, 'Begin the interview').click();
      await waitScreen(page, 'Interview');
      await page.waitForTimeout(300);
      expect(await unhittableTargets(page), 'Interview').toEqual([]);
      expect(errors).toEqual([]);
      await page.context().close();
    });
  }

  it('makes one close from a double click on "Say it", with no notice', async () => {
    // Start from a saved playthrough already at a moment where the close is on offer.
    const tutorial = parseScenario(readFileSync(join(ROOT, 'scenarios', '00-tutorial.json'), 'utf8'), 'x');
    if (!tutorial.ok) throw new Error('The tutorial does not parse');
    const play = Playthrough.start(tutorial.scenario, { seed: 1, mode: 'expected' });
    for (let i = 0; i < 100 && !play.view().close; i++) {
      const v = play.view();
      play.act(v.choices[0] ? { type: 'choose', choice: v.choices[0].id } : { type: 'continue' });
    }
    expect(play.view().close).not.toBeNull();
    const save = { v: 1, settings: defaultSettings(), progress: {}, resume: play.save() };
    const { page, errors } = await open(undefined, JSON.stringify(save));
    await btn(page, 'Resume your interview').click();
    await waitScreen(page, 'Interview');
    for (let i = 0; i < 60 && (await btn(page, 'Close: ask for the job').count()) === 0; i++) {
      if ((await page.locator('.dialogue .line[data-typing="true"]').count()) > 0) {
        await page.locator('.dialogue').click({ position: { x: 30, y: 30 } });
      } else if ((await btn(page, 'Next line').count()) > 0) await btn(page, 'Next line').click();
      await page.waitForTimeout(100);
    }
    await btn(page, 'Close: ask for the job').click();
    await waitScreen(page, 'Close');
    // Nothing is preselected: pick the first option of every one-of group (form, delivery, …).
    const groups = await page
      .locator('.close-parts input[type="radio"]')
      .evaluateAll((els) => [...new Set(els.map((e) => (e as HTMLInputElement).name))]);
    for (const g of groups) {
      await page
        .locator('.close-parts label.opt', { has: page.locator(`input[type="radio"][name="${g}"]`) })
        .first()
        .click();
    }
    await btn(page, 'Say it: make your close').dblclick();
    await page.waitForFunction(() => document.querySelector('main')?.getAttribute('aria-label') !== 'Close');
    await page.waitForTimeout(800);
    const after = await page.evaluate((id: string) => {
      const save = JSON.parse(localStorage.getItem('closecall.save') ?? '{}');
      const actions: { type: string }[] = save.resume?.actions ?? [];
      return {
        closes: actions.filter((a) => a.type === 'close').length,
        ended: save.resume === null,
        plays: save.progress?.[id]?.plays ?? 0,
      };
    }, tutorial.scenario.meta.id);
    // One close: either the playthrough goes on with one close in its log, or it ended once.
    if (after.ended) expect(after.plays).toBe(1);
    else expect(after.closes).toBe(1);
    expect(errors).toEqual([]);
    await page.context().close();
  });
});
