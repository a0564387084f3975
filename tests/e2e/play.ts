import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { Playthrough } from '../../src/engine';
import type { Scenario } from '../../src/engine/format/schema';
import type { Action, View } from '../../src/engine/types';
import { captionOverlaps, capture, clickAsPlayer, SCREENS, screen, tabTo } from './harness';

export type Input = 'keyboard' | 'mouse';

/**
 * A fingerprint of what is on screen: the screen and its content. Focus is left out on purpose:
 * a mouse click focuses the control at once, long before a loaded machine has moved the game on,
 * and a loop that took that for the next screen pressed the same control twice.
 */
function signature(page: Page): Promise<string> {
  return page.evaluate(() => {
    const m = document.querySelector('main');
    return `${m?.getAttribute('aria-label')}|${m?.innerHTML.length}|${m?.innerHTML.slice(-200)}`;
  });
}

/** Waits until the screen's content changes (slow on a loaded machine: up to 30 s). */
async function waitForChange(page: Page, before: string): Promise<void> {
  await page
    .waitForFunction(
      (b) => {
        const m = document.querySelector('main');
        return `${m?.getAttribute('aria-label')}|${m?.innerHTML.length}|${m?.innerHTML.slice(-200)}` !== b;
      },
      before,
      { timeout: 30_000, polling: 30 },
    )
    .catch(() => undefined);
  await page.waitForTimeout(40);
}

/** Presses Tab until the focused element matches `selector` (a keyboard user moving through a form). */
async function tabToSelector(page: Page, selector: string, max = 40): Promise<void> {
  for (let i = 0; i < max; i++) {
    if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(
    `Could not Tab to ${selector} on ${await page.getAttribute('main', 'aria-label')}; focus on ${await page.evaluate(() => document.activeElement?.outerHTML.slice(0, 160))}`,
  );
}

/**
 * On the Close screen nothing is chosen to begin with: picks the first form and the first delivery
 * shown (by Tab and Space, or by clicking their labels), which enables "Say it".
 */
export async function chooseFormAndDelivery(page: Page, input: Input): Promise<void> {
  for (const name of ['form', 'delivery']) {
    const radio = page.locator(`.close-parts input[name="${name}"]`).first();
    if (input === 'keyboard') {
      await tabToSelector(page, `.close-parts input[name="${name}"]`);
      await page.keyboard.press('Space');
    } else {
      await clickAsPlayer(page.locator(`.close-parts label.opt:has(input[name="${name}"])`).first());
    }
    await expect.poll(() => radio.isChecked()).toBe(true);
  }
}

/** Plays one scenario from the Title to the Debrief with one input method; returns the screens seen in order. */
export async function playToDebrief(
  page: Page,
  title: string,
  input: Input,
  shotSuffix = '',
): Promise<string[]> {
  const seen: string[] = [];
  let interviewMoves = 0;
  let followUps = 0;
  for (let guard = 0; guard < 160; guard++) {
    const name = await screen(page);
    expect(SCREENS).toContain(name as (typeof SCREENS)[number]);
    if (seen[seen.length - 1] !== name) seen.push(name);
    const typing = await page.locator('.dialogue .line[data-typing="true"]').count();
    if (typing === 0) await capture(page, `${name}${shotSuffix}`);
    // A sound's caption sits over the art, never over text or a control the player needs.
    expect(await captionOverlaps(page), name).toEqual([]);
    if (name === 'Debrief') return seen;
    const before = await signature(page);
    const key = input === 'keyboard';
    const btn = (n: string | RegExp) => page.getByRole('button', { name: n, exact: typeof n === 'string' });
    /** Waits for the game to move on from a screen after a control that always leaves it. */
    const leave = (from: string) =>
      page.waitForSelector(`main:not([aria-label="${from}"])`, { timeout: 90_000 }).then(() => undefined);
    const press = async (n: string | RegExp) => {
      if (key) {
        try {
          await tabTo(page, n);
        } catch (err) {
          // The screen moved on by itself while we were tabbing (the game finished loading, say):
          // look again rather than fail. A control that is really missing still fails below.
          if ((await screen(page)) !== name) return;
          throw err;
        }
        if ((await screen(page)) !== name) return;
        await page.keyboard.press('Enter');
      } else {
        await clickAsPlayer(btn(n).first());
      }
    };
    if (typing > 0) {
      if (key) await page.keyboard.press('Space');
      else await page.locator('.dialogue').click({ position: { x: 30, y: 30 } });
      await waitForChange(page, before);
      continue;
    }
    switch (name) {
      case 'Title':
        await press('Play');
        // Play pressed while Phaser is still loading waits for it: give it time, and press once.
        await page.waitForSelector('main:not([aria-label="Title"])', { timeout: 90_000 });
        break;
      case 'Scenario select':
        await press(`Play: ${title}`);
        await leave('Scenario select');
        break;
      case 'Briefing':
        await press('Begin the interview');
        await leave('Briefing');
        break;
      case 'Interview': {
        if (await btn('Next line').count()) {
          await press('Next line');
          break;
        }
        const closing = (await page.locator('.topbar .tag').textContent())?.includes('Closing');
        const canClose = (await btn('Close: ask for the job').count()) > 0;
        const choices = await page.locator('.choices .choice').count();
        if (canClose && (closing || interviewMoves >= 6 || choices === 0)) {
          await press('Close: ask for the job');
          await leave('Interview');
        } else if (choices > 0) {
          interviewMoves++;
          if (key) await page.keyboard.press('1');
          else await clickAsPlayer(page.locator('.choices .choice').first());
        } else {
          await page.waitForTimeout(100);
        }
        break;
      }
      case 'Close':
        await chooseFormAndDelivery(page, input);
        await press('Say it: make your close');
        // "Say it" marks the words as said at once; the next screen follows when the game has
        // worked out the answer, which on a loaded machine can take a while.
        await leave('Close');
        break;
      case 'Response':
        if (await btn('Next line').count()) await press('Next line');
        else if (await btn('Continue').count()) await press('Continue');
        else await page.waitForTimeout(100);
        break;
      case 'Follow-up': {
        followUps++;
        if (followUps === 1) {
          if (key) await page.keyboard.press('1');
          else await clickAsPlayer(page.locator('main .choice').first());
        } else {
          const letGo = page.locator('main .side-panel .btn-ghost').last();
          const label = ((await letGo.textContent()) ?? '').trim();
          await press(label);
        }
        // Every follow-up move leaves the screen (to the answer). Without waiting for that, the
        // next turn could read this screen again and press its let-go after the act had landed.
        await leave('Follow-up');
        break;
      }
      case 'Negotiation': {
        const names = await page
          .locator('main .choice')
          .evaluateAll((els) => els.map((e) => e.getAttribute('aria-label') ?? ''));
        const i = Math.max(
          0,
          names.findIndex((n) => n.startsWith('Accept')),
        );
        if (key) await page.keyboard.press(String(i + 1));
        else await clickAsPlayer(page.locator('main .choice').nth(i));
        break;
      }
      default:
        throw new Error(`Unexpected screen ${name}`);
    }
    await waitForChange(page, before);
  }
  throw new Error(`Did not reach the Debrief; screens: ${seen.join(' → ')}`);
}

/** What a planned play reaches after its close: talks on an offer, or follow-up days after a no. */
export type PlanGoal = 'negotiation' | 'follow-up';

/** A play worked out by the engine: each action with the view the player sees when taking it. */
export interface PlannedPlay {
  actions: Action[];
  /** views[i] is what is on offer when actions[i] is taken (labels, choice and move words). */
  views: View[];
}

function replay(scenario: Scenario, actions: Action[]): View {
  const play = Playthrough.start(scenario, { seed: 1 });
  let v = play.view();
  for (const a of actions) v = play.act(a);
  return v;
}

/**
 * The shortest play, as the engine offers it in expected mode (its outcomes do not depend on the
 * seed, only the display order does), that makes at least one interview move, closes with every
 * supporting point ticked (the longest close, the hardest to fit) and then reaches the goal:
 *  - 'negotiation': the offer is talked over, one counter then an acceptance;
 *  - 'follow-up': two follow-up days pressing the same act (the second day offers it as an
 *    acknowledging repeat, under its own label), then letting it rest.
 * Every play ends at an ending. Throws when the scenario has no such play near its start.
 */
export function planPlay(scenario: Scenario, goal: PlanGoal, limit = 300): PlannedPlay {
  const queue: Action[][] = [[]];
  const tryClose = (base: Action[]): Action[] | null => {
    const v = replay(scenario, base);
    if (goal === 'negotiation') {
      if (v.phase !== 'negotiation') return null;
      const counter = v.negotiation!.moves.find((m) => m.kind === 'counter');
      if (!counter) return null;
      const countered = [...base, { type: 'negotiate', move: counter.id } as Action];
      const after = replay(scenario, countered);
      const accept = after.negotiation?.moves.find((m) => m.kind === 'accept');
      if (!accept) return null;
      const all = [...countered, { type: 'negotiate', move: accept.id } as Action];
      return replay(scenario, all).phase === 'ended' ? all : null;
    }
    if (v.phase !== 'follow-up') return null;
    for (const act of v.followUp!.acts) {
      const days: Action[] = [...base, { type: 'persist', act: act.id }, { type: 'persist', act: act.id }];
      if (replay(scenario, days.slice(0, -1)).phase !== 'follow-up') continue;
      if (replay(scenario, days).phase !== 'follow-up') continue;
      const all = [...days, { type: 'let-go' } as Action];
      if (replay(scenario, all).phase === 'ended') return all;
    }
    return null;
  };
  for (let i = 0; i < queue.length && i < limit; i++) {
    const actions = queue[i]!;
    const v = replay(scenario, actions);
    if (v.phase !== 'interview') continue;
    if (v.close && actions.some((a) => a.type === 'choose')) {
      const c = v.close;
      for (const f of c.forms)
        for (const d of c.deliveries)
          for (const leverage of [null, ...c.leverage.map((l) => l.id)]) {
            const close: Action = {
              type: 'close',
              close: {
                form: f.form,
                delivery: d.delivery,
                points: c.points.map((p) => p.id),
                leverage,
                commit: false,
              },
            };
            const found = tryClose([...actions, close]);
            if (found) {
              const play = Playthrough.start(scenario, { seed: 1 });
              const views = found.map((a) => {
                const before = play.view();
                play.act(a);
                return before;
              });
              return { actions: found, views };
            }
          }
    }
    if (v.canContinue) queue.push([...actions, { type: 'continue' }]);
    else for (const ch of v.choices) queue.push([...actions, { type: 'choose', choice: ch.id }]);
  }
  throw new Error(`no play of ${scenario.meta.id} near its start reaches the ${goal}`);
}
