/**
 * Responses that react: a persistence run in the browser where the decision-maker's rising
 * irritation shows in their face and their words, day by day; then the Debrief with coaching on
 * each follow-up and "no offer" for the terms. Screenshots at 1280x720 and 844x390.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { Playthrough, parseScenario, type Scenario } from '../../src/engine';
import { capture, ROOT, screen, useGame, watchErrors } from './harness';

const FILE = '01-final-say.json';
const COOLNESS: Record<string, number> = {
  warm: 0,
  impressed: 0,
  interested: 0,
  neutral: 1,
  thinking: 1,
  sceptical: 2,
  irritated: 3,
};

function load(): Scenario {
  const parsed = parseScenario(readFileSync(join(ROOT, 'scenarios', FILE), 'utf8'), FILE);
  if (!parsed.ok) throw new Error(`${FILE} does not parse`);
  return parsed.scenario;
}

/**
 * With the engine: an interview that ends without a close and goes to the follow-up, and the
 * act whose repetition shows irritation rising to the end (expected mode, as the game plays).
 */
function plan(scenario: Scenario) {
  const play = Playthrough.start(scenario, { seed: 5, mode: 'expected' });
  for (let i = 0; i < 100 && play.view().phase === 'interview'; i++) {
    const v = play.view();
    if (v.choices.length > 0) {
      const ids = v.choices.map((c) => c.id).sort();
      play.act({ type: 'choose', choice: ids[ids.length - 1]! });
    } else play.act({ type: 'continue' });
  }
  if (play.view().phase !== 'follow-up')
    throw new Error('The planned interview does not reach the follow-up');
  for (const act of [...scenario.followUp!.acts].sort((a, b) => a.intensity - b.intensity)) {
    const q = Playthrough.restore(scenario, play.save());
    const faces: string[] = [];
    // The button's words each day, as the engine gives them: an act already used is offered
    // as an acknowledging repeat under its own label.
    const labels: string[] = [];
    while (q.view().phase === 'follow-up') {
      labels.push(q.view().followUp!.acts.find((a) => a.id === act.id)!.label);
      faces.push(q.act({ type: 'persist', act: act.id }).response!.expression);
    }
    if (faces.length >= 3 && faces.at(-1) === 'irritated' && faces[0] !== 'irritated')
      return { save: play.save(), act, faces, labels };
  }
  throw new Error('No follow-up act shows irritation rising over several days');
}

const game = useGame();

async function waitScreen(page: Page, name: string): Promise<void> {
  await page.waitForSelector(`main[aria-label="${name}"]`, { timeout: 60_000 });
}

/** Finishes the typing of the dialogue until the Continue button is there. */
async function readResponse(page: Page): Promise<{ face: string; words: string }> {
  for (let i = 0; i < 40; i++) {
    if ((await page.getByRole('button', { name: 'Continue', exact: true }).count()) > 0) break;
    const next = page.getByRole('button', { name: 'Next line', exact: true });
    if (await next.count()) await next.first().click();
    else await page.keyboard.press('Space');
    await page.waitForTimeout(120);
  }
  const face = (await page.locator('.face-note').getAttribute('data-expression')) ?? '';
  const words = ((await page.locator('.dialogue').textContent()) ?? '').trim();
  return { face, words };
}

describe('responses that react', () => {
  const scenario = load();
  const planned = plan(scenario);

  {
    const viewport = { width: 1280, height: 720 };
    it('a persistence run shows rising irritation in the face and the words', async () => {
      const context = await game.browser.newContext({ viewport });
      const page = await context.newPage();
      const errors = watchErrors(page);
      await page.goto(`${game.url}?fast`);
      await page.waitForSelector('main[aria-label="Title"] button');
      // Resume a playthrough that has just reached the follow-up days (the save is the action log).
      await page.evaluate(
        ([save]) => {
          localStorage.setItem(
            'closecall.save',
            JSON.stringify({
              v: 1,
              settings: {
                volumes: { ui: 0, voices: 0, ambience: 0 },
                muted: true,
                reducedMotion: true,
                textSize: 'normal',
                highContrast: false,
                mode: 'expected',
                practice: false,
                coach: true,
              },
              progress: {},
              resume: save,
            }),
          );
        },
        [planned.save] as const,
      );
      await page.reload();
      await page.getByRole('button', { name: 'Resume your interview' }).click({ timeout: 90_000 });
      // The resumed game first shows the decision after the interview, then the follow-up days.
      await page.waitForSelector('main[aria-label="Response"], main[aria-label="Follow-up"]', {
        timeout: 60_000,
      });
      if ((await screen(page)) === 'Response') {
        await readResponse(page);
        await page.getByRole('button', { name: 'Continue', exact: true }).click();
      }
      await waitScreen(page, 'Follow-up');
      /** Screenshots at the desktop size and on a phone held sideways. */
      const both = async (name: string) => {
        await capture(page, `${name} 1280x720`, true);
        await page.setViewportSize({ width: 844, height: 390 });
        await capture(page, `${name} 844x390`, true);
        await page.setViewportSize(viewport);
        await page.waitForTimeout(200);
      };

      const seen: { face: string; words: string }[] = [];
      for (let day = 0; day < 10 && (await screen(page)) === 'Follow-up'; day++) {
        await page.getByRole('button', { name: planned.labels[day]!, exact: true }).click();
        await waitScreen(page, 'Response');
        const r = await readResponse(page);
        seen.push(r);
        await both(`Story response day ${day + 1}`);
        await page.getByRole('button', { name: 'Continue', exact: true }).click();
        await page.waitForFunction(
          () => document.querySelector('main')?.getAttribute('aria-label') !== 'Response',
        );
      }
      // The faces the game shows are the engine's, and they only get cooler, ending irritated.
      expect(seen.map((s) => s.face)).toEqual(planned.faces);
      for (let i = 1; i < seen.length; i++)
        expect(COOLNESS[seen[i]!.face]!).toBeGreaterThanOrEqual(COOLNESS[seen[i - 1]!.face]!);
      expect(COOLNESS[seen.at(-1)!.face]!).toBeGreaterThan(COOLNESS[seen[0]!.face]!);
      // The words change with the days: no two days say the same thing.
      expect(new Set(seen.map((s) => s.words)).size).toBe(seen.length);

      // Whatever came after, the Debrief coaches every follow-up act.
      for (let i = 0; i < 20 && (await screen(page)) !== 'Debrief'; i++) {
        const name = await screen(page);
        if (name === 'Follow-up') {
          await page.locator('main .side-panel .btn-ghost').last().click();
        } else if (name === 'Response') {
          await readResponse(page);
          await page.getByRole('button', { name: 'Continue', exact: true }).click();
        } else if (name === 'Negotiation') {
          await page.locator('main .choice').first().click();
        }
        await page.waitForTimeout(300);
      }
      await waitScreen(page, 'Debrief');
      const coaching = await page.locator('main .factors li').allTextContents();
      const followUps = coaching.filter((t) => /follow-up/i.test(t));
      expect(followUps.length).toBeGreaterThanOrEqual(seen.length);
      const terms = page.locator('.dim', { hasText: 'Terms of the offer' });
      const outcome = ((await page.locator('main .eyebrow').first().textContent()) ?? '').toLowerCase();
      if (!/offer/.test(outcome) || /withdrawn|rescinded/.test(outcome))
        expect(await terms.getAttribute('aria-label')).toMatch(/no offer/);
      await both('Story debrief');
      expect(errors).toEqual([]);
      await context.close();
    }, 600_000);
  }
});

describe('a caught bluff', () => {
  /**
   * With the engine: a close citing the bluffed option, seen through, preferably in an ending not
   * written for it (the Debrief then adds its own headline); else in one written for it.
   */
  function planBluff() {
    let writtenForIt: ReturnType<Playthrough['save']> | null = null;
    for (const file of [
      '07-full-pipeline.json',
      '02-first-round-panel.json',
      '04-two-offers.json',
      '08-commitment.json',
    ]) {
      const parsed = parseScenario(readFileSync(join(ROOT, 'scenarios', file), 'utf8'), file);
      if (!parsed.ok) throw new Error(`${file} does not parse`);
      const scenario = parsed.scenario;
      const bluff = scenario.candidate.otherOptions.find((o) => !o.real)!;
      for (let seed = 1; seed < 60; seed++) {
        for (const form of ['shortlist', 'next-stage', 'statement-of-intent'] as const) {
          const play = Playthrough.start(scenario, { seed, mode: 'realistic' });
          for (let i = 0; i < 100 && play.view().phase === 'interview'; i++) {
            const v = play.view();
            if (v.close?.forms.some((f) => f.form === form) && v.node?.moment === 'closing') {
              play.act({
                type: 'close',
                close: { form, delivery: 'firm', points: [], leverage: bluff.id, commit: false },
              });
              break;
            }
            if (v.choices.length > 0) play.act({ type: 'choose', choice: v.choices[0]!.id });
            else play.act({ type: 'continue' });
          }
          const d = play.view().phase === 'ended' ? play.debrief() : null;
          if (d?.record.bluffExposed && !JSON.stringify(d.ending.condition ?? {}).includes('bluffExposed'))
            return play.save();
          if (d?.record.bluffExposed) writtenForIt ??= play.save();
        }
      }
    }
    if (writtenForIt) return writtenForIt;
    throw new Error('No caught bluff that ends the playthrough');
  }

  it('changes the Debrief headline', async () => {
    const save = planBluff();
    const viewport = { width: 1280, height: 720 };
    const context = await game.browser.newContext({ viewport });
    const page = await context.newPage();
    const errors = watchErrors(page);
    await page.goto(`${game.url}?fast`);
    await page.waitForSelector('main[aria-label="Title"] button');
    await page.evaluate(
      ([resume]) => {
        localStorage.setItem(
          'closecall.save',
          JSON.stringify({
            v: 1,
            settings: {
              volumes: { ui: 0, voices: 0, ambience: 0 },
              muted: true,
              reducedMotion: true,
              textSize: 'normal',
              highContrast: false,
              mode: 'expected',
              practice: false,
              coach: true,
            },
            progress: {},
            resume,
          }),
        );
      },
      [save] as const,
    );
    await page.reload();
    await page.getByRole('button', { name: 'Resume your interview' }).click({ timeout: 90_000 });
    await page.waitForSelector('main[aria-label="Response"], main[aria-label="Debrief"]', {
      timeout: 60_000,
    });
    if ((await screen(page)) === 'Response') {
      const r = await readResponse(page);
      expect(r.face).not.toBe('impressed');
      await capture(page, 'Story bluff response 1280x720', true);
      await page.getByRole('button', { name: 'Continue', exact: true }).click();
    }
    await waitScreen(page, 'Debrief');
    // The headline names the caught bluff: the Debrief's own line above an ending not written for
    // it, or the ending's title and text when it was.
    if ((await page.locator('[data-caught]').count()) > 0)
      expect(await page.locator('[data-caught]').textContent()).toBe('Caught bluffing');
    else
      expect(await page.locator('main h1 + p').first().textContent()).toMatch(
        /saw through|caught (out|bluffing|inventing)|wasn't real|knew it\b|noted it/i,
      );
    await capture(page, 'Story bluff debrief 1280x720', true);
    await page.setViewportSize({ width: 844, height: 390 });
    await capture(page, 'Story bluff debrief 844x390', true);
    expect(errors).toEqual([]);
    await context.close();
  }, 600_000);
});
