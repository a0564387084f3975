/**
 * The story map reads well: Fit shows every library map whole with every box's name readable and
 * no arrow's words over a box; a click on a node at the edge selects it after a pan; unreachable
 * endings are marked; Play from here sets a variable the path never set; a loaded copy of a
 * library scenario is warned about and its controls are told apart. Screenshots at 1280x720 and
 * 844x390.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { parseScenario, type Scenario } from '../../src/engine';
import { scenarioFiles } from '../../tools/lib/scenario-catalog';
import { capture, openScenarioList, ROOT, useGame } from './harness';

const library: { file: string; scenario: Scenario }[] = scenarioFiles(join(ROOT, 'scenarios')).flatMap(
  (f) => {
    const parsed = parseScenario(readFileSync(join(ROOT, 'scenarios', f), 'utf8'), f);
    return parsed.ok ? [{ file: f, scenario: parsed.scenario }] : [];
  },
);

const game = useGame();

function openSelect(viewport = { width: 1280, height: 720 }): Promise<{ page: Page; errors: string[] }> {
  return openScenarioList(game.browser, game.url, viewport);
}

async function openMap(page: Page, scenario: Scenario): Promise<void> {
  await page.getByRole('button', { name: `Map: ${scenario.meta.title}` }).click();
  // The map lays out the whole graph before it shows: slow on a loaded 2-core machine.
  await page.waitForSelector('main[aria-label="Map"]', { timeout: 90_000 });
  await page.waitForFunction(
    () => !/Analysing/.test(document.querySelector('.map-status')?.textContent ?? ''),
    null,
    { timeout: 60_000 },
  );
}

/** What is wrong with the view after Fit: boxes out of the viewport, names too small, words over boxes. */
function fitProblems(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = [];
    const vp = document.querySelector('.map-viewport')!.getBoundingClientRect();
    const boxes = [...document.querySelectorAll<HTMLElement>('.map-box')];
    for (const b of boxes) {
      const r = b.getBoundingClientRect();
      const name = b.querySelector<HTMLElement>('.box-id')!;
      if (r.left < vp.left - 1 || r.top < vp.top - 1 || r.right > vp.right + 1 || r.bottom > vp.bottom + 1)
        out.push(`${name.textContent} is outside the view`);
      // The name's size on screen: its font size times the map's scale times the stage's.
      const n = name.getBoundingClientRect();
      const px = Number.parseFloat(getComputedStyle(name).fontSize) * (r.width / b.offsetWidth);
      if (px < 11.5) out.push(`${name.textContent} is drawn at ${px.toFixed(1)} px`);
      if (n.bottom > r.bottom + 1 || n.right > r.right + 1)
        out.push(`${name.textContent} spills out of its box`);
    }
    // Every arrow's words, shown one box at a time, cover no box.
    const labels = [...document.querySelectorAll<SVGGElement>('.map-labels .edge-label')];
    const rects = boxes.map((b) => b.getBoundingClientRect());
    for (const g of labels) {
      g.classList.add('lit');
      const l = g.querySelector('rect')!.getBoundingClientRect();
      g.classList.remove('lit');
      for (const [i, r] of rects.entries())
        if (
          l.left < r.right - 0.5 &&
          r.left < l.right - 0.5 &&
          l.top < r.bottom - 0.5 &&
          r.top < l.bottom - 0.5
        )
          out.push(`the words "${g.textContent}" cover ${boxes[i]!.querySelector('.box-id')!.textContent}`);
    }
    return out;
  });
}

describe('The story map reads well', () => {
  it('Fit shows every library map whole, every name readable, no words over a box', async () => {
    const { page, errors } = await openSelect();
    for (const { scenario } of library) {
      await openMap(page, scenario);
      await page.getByRole('button', { name: 'Fit' }).click();
      expect(await fitProblems(page), scenario.meta.id).toEqual([]);
      if (scenario.meta.id === library[1]?.scenario.meta.id) await capture(page, 'Map fitted 1280', true);
      await page.getByRole('button', { name: 'Back to scenarios' }).click();
      await page.waitForSelector('main[aria-label="Scenario select"]');
    }
    expect(errors).toEqual([]);
    await page.context().close();
  });

  for (const viewport of [
    { width: 1280, height: 720 },
    { width: 844, height: 390 },
  ]) {
    it(`a click on a node at the edge selects it after a pan (${viewport.width}x${viewport.height})`, async () => {
      const { page, errors } = await openSelect(viewport);
      const { scenario } = library[1]!;
      await openMap(page, scenario);
      // Zoom in so the map is larger than the view, then drag it.
      for (let i = 0; i < 4; i++) await page.getByRole('button', { name: 'Zoom in' }).click();
      const vp = (await page.locator('.map-viewport').boundingBox())!;
      await page.mouse.move(vp.x + vp.width * 0.5, vp.y + vp.height * 0.5);
      await page.mouse.down();
      await page.mouse.move(vp.x + vp.width * 0.3, vp.y + vp.height * 0.4, { steps: 5 });
      await page.mouse.up();
      // The node box nearest the view's right edge that is wholly in view.
      const target = await page.evaluate(() => {
        const v = document.querySelector('.map-viewport')!.getBoundingClientRect();
        let best: { id: string; x: number; y: number; right: number } | null = null;
        for (const el of document.querySelectorAll<HTMLElement>('[data-node-id]')) {
          const r = el.getBoundingClientRect();
          if (r.left < v.left || r.right > v.right || r.top < v.top || r.bottom > v.bottom) continue;
          if (!best || r.right > best.right)
            best = {
              id: el.dataset.nodeId!,
              x: r.left + r.width / 2,
              y: r.top + r.height / 2,
              right: r.right,
            };
        }
        return best;
      });
      expect(target).not.toBeNull();
      await page.mouse.click(target!.x, target!.y);
      await expect(page.locator('.map-node-title').textContent()).resolves.toBe(target!.id);
      await expect(page.locator(`[data-node-id="${target!.id}"]`).getAttribute('class')).resolves.toContain(
        'selected',
      );
      await capture(page, `Map selected after pan ${viewport.width}`, true);
      expect(errors).toEqual([]);
      await page.context().close();
    });
  }

  it('Play from here sets a variable the path never set', async () => {
    const { page, errors } = await openSelect();
    const target = library.find((l) => l.scenario.meta.id === '01-final-say') ?? library[1]!;
    const node = target.scenario.nodes.find((n) => n.moment === 'closing')!;
    await openMap(page, target.scenario);
    await page.focus(`[data-node-id="${node.id}"]`);
    await page.keyboard.press('Enter');
    await page.getByRole('button', { name: 'Play from here' }).click();
    await page.getByLabel('Add a variable').fill('authorTest');
    await page.getByLabel('Its value').fill('3');
    await page.getByRole('button', { name: 'Add the variable' }).click();
    await expect(page.getByLabel('authorTest').inputValue()).resolves.toBe('3');
    await expect(page.locator('.pfh [role="status"]').textContent()).resolves.toBe('authorTest is set to 3.');
    await capture(page, 'Map play from here any variable', true);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('warns when a loaded file has the id of a library scenario, and tells the two cards apart', async () => {
    const { page, errors } = await openSelect();
    const { file, scenario } = library[1]!;
    await page.setInputFiles('input[type="file"]', {
      name: 'my-copy.json',
      mimeType: 'application/json',
      buffer: readFileSync(join(ROOT, 'scenarios', file)),
    });
    const card = page.locator('[data-file="my-copy.json"]');
    await card.waitFor();
    await expect(card.textContent()).resolves.toContain(`same id as scenarios/${file}`);
    await expect(
      page.getByRole('button', { name: `Map: ${scenario.meta.title} (loaded from my-copy.json)` }).count(),
    ).resolves.toBe(1);
    await expect(
      page.getByRole('button', { name: `Map: ${scenario.meta.title}`, exact: true }).count(),
    ).resolves.toBe(1);
    await expect(page.locator('[role="status"], [aria-live]').allTextContents()).resolves.toEqual(
      expect.arrayContaining([expect.stringContaining('share progress')]),
    );
    expect(errors).toEqual([]);
    await page.context().close();
  });
});
