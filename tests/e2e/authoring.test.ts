/**
 * Authoring in the browser: loading a scenario file from disk (valid and broken), the story map
 * of every library scenario, and Play from here. Screenshots at 1280x720 and 844x390.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { parseScenario, pathsTo, stateAt } from '../../src/engine';
import type { Scenario } from '../../src/engine/format/schema';
import { scenarioFiles } from '../../tools/lib/scenario-catalog';
import { capture, openScenarioList, ROOT, useGame } from './harness';
import { playToDebrief } from './play';

const library: { file: string; scenario: Scenario }[] = scenarioFiles(join(ROOT, 'scenarios')).flatMap(
  (f) => {
    const parsed = parseScenario(readFileSync(join(ROOT, 'scenarios', f), 'utf8'), f);
    return parsed.ok ? [{ file: f, scenario: parsed.scenario }] : [];
  },
);
const VALID = join(ROOT, 'tests', 'fixtures', 'valid', 'minimal.json');
const BROKEN = join(ROOT, 'tests', 'fixtures', 'bad', 'missing-node.json');
const validTitle = (() => {
  const p = parseScenario(readFileSync(VALID, 'utf8'), 'minimal.json');
  if (!p.ok) throw new Error('the valid fixture must parse');
  return p.scenario.meta.title;
})();

const game = useGame();

function openSelect(viewport = { width: 1280, height: 720 }): Promise<{ page: Page; errors: string[] }> {
  return openScenarioList(game.browser, game.url, viewport);
}

async function shot(page: Page, name: string): Promise<void> {
  await capture(page, name, true);
}

describe('Authoring in the browser', () => {
  it('lists the library without the format tour, with a Load a scenario file control', async () => {
    const { page, errors } = await openSelect();
    const files = await page.$$eval('[data-file]', (els) => els.map((e) => e.getAttribute('data-file')));
    expect(files).toEqual(expect.arrayContaining(library.map((l) => `scenarios/${l.file}`)));
    expect(files).not.toContain('scenarios/example.json');
    await expect(page.getByRole('button', { name: 'Load a scenario file' }).count()).resolves.toBe(1);
    await shot(page, 'Author scenario select');
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('loads a valid file by the file control, keeps it across a reload, plays it to the Debrief and removes it', async () => {
    const { page, errors } = await openSelect();
    await page.setInputFiles('input[type="file"]', VALID);
    const card = page.locator('[data-file="minimal.json"]');
    await card.waitFor();
    await expect(card.textContent()).resolves.toContain('loaded from your computer');
    // Kept across reloads.
    await page.reload();
    await page.waitForSelector('main[aria-label="Title"] button');
    await page.waitForFunction(() => document.querySelector('.loadbar')?.hasAttribute('hidden'));
    await page.getByRole('button', { name: 'Play', exact: true }).click();
    await page.waitForSelector('[data-file="minimal.json"]');
    await shot(page, 'Author loaded card');
    // Play it through with the mouse.
    const seen = await playToDebrief(page, validTitle, 'mouse');
    expect(seen[seen.length - 1]).toBe('Debrief');
    // Remove it.
    await page.keyboard.press('Escape');
    await page.goto(`${game.url}?fast`);
    await page.waitForSelector('main[aria-label="Title"] button');
    await page.waitForFunction(() => document.querySelector('.loadbar')?.hasAttribute('hidden'));
    await page.getByRole('button', { name: 'Play', exact: true }).click();
    await page.getByRole('button', { name: `Remove: ${validTitle}` }).click();
    await page.waitForFunction(() => !document.querySelector('[data-file="minimal.json"]'));
    expect(await page.evaluate(() => localStorage.getItem('closecall.local-scenarios'))).toBeNull();
    expect(errors).toEqual([]);
    await page.context().close();
  });

  for (const viewport of [
    { width: 1280, height: 720 },
    { width: 844, height: 390 },
  ]) {
    it(`shows a broken file as located errors and no playable card (${viewport.width}x${viewport.height})`, async () => {
      const { page, errors } = await openSelect(viewport);
      await page.setInputFiles('input[type="file"]', BROKEN);
      const card = page.locator('[data-error-card][data-file="missing-node.json"]');
      await card.waitFor();
      const text = (await card.textContent()) ?? '';
      expect(text).toMatch(/missing-node\.json:\d+:\d+/);
      expect(text).toContain('there is no node');
      expect(text).toContain('Fix:');
      expect(await card.getByRole('button', { name: /^Play/ }).count()).toBe(0);
      await shot(page, `Author error card ${viewport.width}`);
      expect(await page.evaluate(() => localStorage.getItem('closecall.local-scenarios'))).toBeNull();
      expect(errors).toEqual([]);
      await page.context().close();
    });
  }

  it('draws the map of every library scenario with every node', async () => {
    const { page, errors } = await openSelect();
    for (const { scenario } of library) {
      await page.getByRole('button', { name: `Map: ${scenario.meta.title}` }).click();
      await page.waitForSelector('main[aria-label="Map"]');
      const ids = await page.$$eval('[data-node-id]', (els) =>
        els.map((e) => e.getAttribute('data-node-id')),
      );
      expect(ids.sort()).toEqual(scenario.nodes.map((n) => n.id).sort());
      const endings = await page.$$eval('[data-ending-id]', (els) => els.length);
      expect(endings).toBe(scenario.endings.length);
      // Every node is a keyboard stop.
      const focusable = await page.$$eval('[data-node-id]', (els) =>
        els.every((e) => (e as HTMLElement).tabIndex >= 0 && !(e as HTMLButtonElement).disabled),
      );
      expect(focusable).toBe(true);
      await page.waitForFunction(
        () => !/Analysing/.test(document.querySelector('.map-status')?.textContent ?? ''),
        null,
        {
          timeout: 60_000,
        },
      );
      // The arrows' words as drawn: each fits its box (measured in the real font), and the boxes of
      // the arrows leaving one node, which show together, never overlap.
      const labelProblems = await page.evaluate(() => {
        const groups = [...document.querySelectorAll<SVGGElement>('.map-labels .edge-label')];
        const shown = groups.map((g) => g.classList.contains('lit'));
        for (const g of groups) g.classList.add('lit');
        const drawn = groups.map((g) => ({
          from: g.dataset.from ?? '',
          words: g.querySelector('text')?.textContent ?? '',
          text: g.querySelector('text')!.getBBox(),
          box: g.querySelector('rect')!.getBBox(),
        }));
        for (const [i, g] of groups.entries()) g.classList.toggle('lit', shown[i]);
        const out: string[] = [];
        for (const d of drawn) {
          const { text: t, box: b } = d;
          if (t.x < b.x || t.y < b.y || t.x + t.width > b.x + b.width || t.y + t.height > b.y + b.height)
            out.push(`${d.from}: "${d.words}" spills out of its box`);
        }
        for (const [i, a] of drawn.entries())
          for (const b of drawn.slice(i + 1)) {
            if (a.from !== b.from) continue;
            const apart =
              a.box.x + a.box.width <= b.box.x ||
              b.box.x + b.box.width <= a.box.x ||
              a.box.y + a.box.height <= b.box.y ||
              b.box.y + b.box.height <= a.box.y;
            if (!apart) out.push(`${a.from}: "${a.words}" overlaps "${b.words}"`);
          }
        return { count: drawn.length, out };
      });
      expect(labelProblems.count).toBeGreaterThan(0);
      expect(labelProblems.out).toEqual([]);
      if (scenario.meta.id === library[1]?.scenario.meta.id) await shot(page, 'Author map');
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
    it(`Play from here reaches the Interview at that node with the adjusted state (${viewport.width}x${viewport.height})`, async () => {
      const target = library.find((l) => l.scenario.nodes.some((n) => n.moment === 'closing'))!;
      const node = target.scenario.nodes.find((n) => n.moment === 'closing')!;
      const { page, errors } = await openSelect(viewport);
      await page.getByRole('button', { name: `Map: ${target.scenario.meta.title}` }).click();
      await page.waitForSelector('main[aria-label="Map"]');
      await page.waitForFunction(
        () => !/Analysing/.test(document.querySelector('.map-status')?.textContent ?? ''),
        null,
        {
          timeout: 60_000,
        },
      );
      // By keyboard: focus the node's box and press Enter.
      await page.focus(`[data-node-id="${node.id}"]`);
      await page.keyboard.press('Enter');
      await page.getByRole('button', { name: 'Play from here' }).click();
      const keen = page.getByLabel('Keenness');
      await keen.waitFor();
      // The path of the author's choice: the weakest arrival sets the state that path leaves.
      const ways = pathsTo(target.scenario, node.id);
      const weakest = ways.findIndex((w) => w.kind === 'weakest');
      expect(weakest, 'a weakest arrival is offered').toBeGreaterThan(0);
      await page.getByLabel('Arrive by').selectOption(String(weakest));
      const expected = stateAt(target.scenario, ways[weakest]!.state).hidden.keenness;
      await expect
        .poll(async () => Number(await page.getByLabel('Keenness').inputValue()), { timeout: 10_000 })
        .toBeCloseTo(expected, 2);
      await expect
        .poll(() => page.locator('.pfh-steps summary').textContent())
        .toContain(`${ways[weakest]!.labels.length} step`);
      await keen.fill('0.9');
      await shot(page, `Author play from here ${viewport.width}`);
      await page.getByRole('button', { name: 'Start the interview here' }).click();
      await page.waitForSelector('main[aria-label="Interview"]');
      const first = node.lines[0]!.text;
      await page.waitForFunction(
        (t) => (document.querySelector('main')?.textContent ?? '').includes(t),
        first,
        {
          timeout: 30_000,
        },
      );
      // Practice mode shows the decision-maker's view with the keenness set on the slider.
      const meter = page.locator('[role="meter"][aria-label="Keenness"]');
      await meter.waitFor();
      await expect(meter.getAttribute('aria-valuenow')).resolves.toBe('90');
      expect(errors).toEqual([]);
      await page.context().close();
    });
  }
});
