/**
 * Authoring on the map: from `npm run new`'s starter, loaded as a file, a small scenario is built
 * entirely in the map editor (a node added and linked, a line and an effect changed, an ending
 * added, the other answers removed), with undo and redo; it is saved (downloaded, and the loaded
 * copy updated, keeping the file's formatting where unchanged) and played to the Debrief, which
 * shows the new ending. Screenshots of the editor at 1280x720 and 844x390.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { starterScenario } from '../../tools/new';
import { capture, openScenarioList, useGame } from './harness';
import { playToDebrief } from './play';

const game = useGame();
const dir = mkdtempSync(join(tmpdir(), 'closecall-editor-'));
const STARTER = join(dir, 'my-interview.json');
const starterText = `${JSON.stringify(starterScenario('my-interview'), null, 2)}\n`;
writeFileSync(STARTER, starterText);
const TITLE = 'My Interview';

async function openSelect(viewport: {
  width: number;
  height: number;
}): Promise<{ page: Page; errors: string[] }> {
  const opened = await openScenarioList(game.browser, game.url, viewport, { acceptDownloads: true });
  await opened.page.setInputFiles('input[type="file"]', STARTER);
  await opened.page.locator('[data-file="my-interview.json"]').waitFor();
  return opened;
}

async function openEditor(page: Page): Promise<void> {
  await page.getByRole('button', { name: `Map: ${TITLE}` }).click();
  await page.waitForSelector('main[aria-label="Map"]');
  await page.getByRole('button', { name: 'Edit', exact: true }).click();
  await page.getByRole('button', { name: 'Add a node' }).waitFor();
}

const panel = (page: Page) => page.locator('.map-panel');

describe('Authoring on the map', () => {
  it('builds a scenario from the starter in the editor, saves it and plays it to the Debrief', async () => {
    const { page, errors } = await openSelect({ width: 1280, height: 720 });
    await openEditor(page);
    await capture(page, 'Map editor overview 1280', true);

    // An ending of our own.
    await page.getByRole('button', { name: 'Endings' }).click();
    await page.getByRole('button', { name: 'Add an ending' }).click();
    const lastEnding = panel(page).locator('fieldset').last();
    await expect
      .poll(() => lastEnding.locator('legend').textContent(), { timeout: 10_000 })
      .toBe('Ending new-ending');
    await lastEnding.getByLabel('Outcome').selectOption('offer-later');
    await lastEnding.getByLabel('Title').fill('Built on the map');
    await lastEnding.getByLabel('Debrief').fill('You told a story from your own shop, and it landed.');
    await page.getByRole('button', { name: 'Back to the overview' }).click();

    // A new node, its line written, leading to the new ending.
    await page.getByRole('button', { name: 'Add a node' }).click();
    await expect
      .poll(() => panel(page).locator('.map-node-title').textContent(), { timeout: 10_000 })
      .toBe('new-node');
    // An empty line is marked as you type.
    const text = panel(page).getByLabel('Text');
    await expect.poll(() => text.getAttribute('aria-invalid'), { timeout: 10_000 }).toBe('true');
    await text.fill('Tell me about the shop you ran.');
    await expect.poll(() => text.getAttribute('aria-invalid'), { timeout: 10_000 }).toBeNull();
    await panel(page).getByLabel('After this node (no choices)').selectOption('ending:new-ending');
    await expect
      .poll(() => panel(page).getByLabel('After this node (no choices)').inputValue(), { timeout: 10_000 })
      .toBe('ending:new-ending');

    // The start node: its line changed, its two answers removed, one new choice to the new node.
    await page.locator('[data-node-id="welcome"]').click();
    await expect
      .poll(() => panel(page).locator('.map-node-title').textContent(), { timeout: 10_000 })
      .toBe('welcome');
    const firstLine = panel(page).locator('fieldset').first().getByLabel('Text');
    await firstLine.fill('Come in, sit down. I have ten minutes.');
    await panel(page).getByRole('button', { name: 'Remove choice 1' }).click();
    await panel(page).getByRole('button', { name: 'Remove choice 1' }).click();
    await panel(page).getByRole('button', { name: 'Add a choice' }).click();
    const choice = panel(page).locator('fieldset', { hasText: 'Choice 1' });
    await choice
      .getByLabel('What the player picks')
      .fill('"I ran a print shop for six years. Ask me anything."');
    // Where it leads, then straight on to an effect's slider by keyboard: "Leads to" changes the
    // graph, so the panel is redrawn on the game's next frame, and the keenness slider is focused
    // before that redraw (as a quick keyboard user can). Presses go on until the redraw has come
    // and gone, ten at least: every one must land (one step of 0.01 each) and the slider must keep
    // the focus through the redraw. (A redraw used to send the focus back to the field focused
    // when it was asked for, and the presses after it were lost.)
    const keenPath = '$.nodes[0].choices[0].effects.keenness';
    await choice.getByLabel('Leads to').evaluate((select: HTMLSelectElement, path: string) => {
      select.value = 'node:new-node';
      select.dispatchEvent(new Event('input', { bubbles: true }));
      select.dispatchEvent(new Event('change', { bubbles: true }));
      const slider = document.querySelector<HTMLInputElement>(`[data-path="${path}"]`)!;
      slider.dataset.beforeRedraw = '';
      slider.focus();
    }, keenPath);
    const keen = panel(page).locator('fieldset', { hasText: 'Choice 1' }).getByLabel('Keenness');
    const redrawn = () =>
      page.evaluate((path) => {
        const el = document.querySelector<HTMLElement>(`[data-path="${path}"]`);
        return el !== null && !('beforeRedraw' in el.dataset);
      }, keenPath);
    let presses = 0;
    while (presses < 10 || !(await redrawn())) {
      await page.keyboard.press('ArrowRight');
      presses++;
      if (presses >= 30) break;
    }
    expect(await redrawn(), 'the panel was redrawn while the arrow key was pressed').toBe(true);
    expect(await choice.getByLabel('Leads to').inputValue()).toBe('node:new-node');
    await expect
      .poll(() => keen.getAttribute('aria-valuetext'), { timeout: 10_000 })
      .toMatch(new RegExp(`^\\+${(presses / 100).toFixed(2).replace('.', '\\.')}:`));
    expect(await page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.path)).toBe(
      keenPath,
    );
    // Down to +0.10 again by keyboard: each press one step.
    for (let i = presses; i > 10; i--) await page.keyboard.press('ArrowLeft');
    await expect
      .poll(() => keen.getAttribute('aria-valuetext'), { timeout: 10_000 })
      .toBe('+0.10: a clear rise in keenness');
    await capture(page, 'Map editor node 1280', true);

    // Undo takes back the last step, redo brings it again.
    await page.locator('.map-viewport').focus();
    await page.keyboard.press('Control+z');
    await page.keyboard.press('Control+y');

    // Save: a download (a loaded file), and the loaded copy follows.
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Download' }).click();
    const saved = readFileSync(await (await download).path(), 'utf8');
    const json = JSON.parse(saved) as {
      nodes: { id: string; lines: { text: string }[]; choices?: { effects?: { keenness?: number } }[] }[];
    };
    const welcome = json.nodes.find((n) => n.id === 'welcome')!;
    expect(welcome.lines[0]!.text).toBe('Come in, sit down. I have ten minutes.');
    expect(welcome.choices).toHaveLength(1);
    expect(welcome.choices![0]!.effects?.keenness).toBe(0.1);
    expect(json.nodes.some((n) => n.id === 'new-node')).toBe(true);
    // Formatting and key order kept where unchanged: the decision-makers are byte for byte the same.
    const dmBlock = (t: string) => t.slice(t.indexOf('"decisionMakers"'), t.indexOf('"start"'));
    expect(dmBlock(saved)).toBe(dmBlock(starterText));

    // Play it: the only answer leads through the new node to the new ending.
    await page.getByRole('button', { name: 'Stop editing' }).click();
    await page.getByRole('button', { name: 'Back to scenarios' }).click();
    await page.waitForSelector('main[aria-label="Scenario select"]');
    const seen = await playToDebrief(page, TITLE, 'mouse', ' editor');
    expect(seen[seen.length - 1]).toBe('Debrief');
    await expect
      .poll(() => page.locator('main').textContent(), { timeout: 10_000 })
      .toContain('Built on the map');
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('edits by keyboard at 844x390, with drag-to-link by the pointer', async () => {
    const { page, errors } = await openSelect({ width: 844, height: 390 });
    await openEditor(page);
    await page.getByRole('button', { name: 'Add a node' }).click();
    await expect
      .poll(() => panel(page).locator('.map-node-title').textContent(), { timeout: 10_000 })
      .toBe('new-node');
    await capture(page, 'Map editor node 844', true);
    // Drag from "why-you" onto the new node: a new choice from why-you to it.
    await page.getByRole('button', { name: 'Fit' }).click();
    // Fit eases the view to its new zoom: wait until the boxes stand still before dragging.
    let settled = '';
    for (let i = 0; i < 50; i++) {
      const now = JSON.stringify([
        await page.locator('[data-node-id="why-you"]').boundingBox(),
        await page.locator('[data-node-id="new-node"]').boundingBox(),
      ]);
      if (now === settled) break;
      settled = now;
      await page.waitForTimeout(150);
    }
    const from = (await page.locator('[data-node-id="why-you"]').boundingBox())!;
    const to = (await page.locator('[data-node-id="new-node"]').boundingBox())!;
    await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
    await page.mouse.down();
    await page.mouse.move(to.x + to.width / 2, to.y + to.height / 2, { steps: 8 });
    await page.mouse.up();
    // The editor applies the link and selects its source on the next frame: poll, not one read.
    await expect
      .poll(() => panel(page).locator('.map-node-title').textContent(), { timeout: 10_000 })
      .toBe('why-you');
    const last = panel(page).locator('fieldset', { hasText: 'Choice' }).last();
    await expect
      .poll(() => last.getByLabel('Leads to').inputValue(), { timeout: 10_000 })
      .toBe('node:new-node');
    expect(errors).toEqual([]);
    await page.context().close();
  });
});
