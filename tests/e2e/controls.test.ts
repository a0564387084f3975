/**
 * The phone shows every control (issue 18): a full playthrough at 844×390 with touch and at
 * 1280×720 with a mouse, with normal and Larger text. On every screen, every control a player
 * needs (Continue, Next line, Close, each choice, the composer's Say it and Back, the follow-up's
 * and the negotiation's moves) lies inside the viewport and is what a tap at its centre hits,
 * or, inside a panel that scrolls, that panel says so with a visible scroll cue. A tap on the
 * dialogue advances it, and the moment in the top bar keeps its space ("Company · Opening").
 */
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { defaultSettings, SAVE_KEY, type Settings } from '../../src/web/save/schema';
import { capture, screen, useGame, watchErrors } from './harness';
import { type PlanGoal, planPlay } from './play';
import { installSave, loadScenario, pathTo, saveText } from './saves';

/** The video-call backdrop's self-view tile, in the art's 1280×720 coordinates. */
const SELF_VIEW = { x: 1010, y: 46, width: 200, height: 120 };
type Box = typeof SELF_VIEW;
const overlaps = (a: Box, b: Box) =>
  a.x < b.x + b.width - 0.5 &&
  b.x < a.x + a.width - 0.5 &&
  a.y < b.y + b.height - 0.5 &&
  b.y < a.y + a.height - 0.5;

const game = useGame();

interface Config {
  width: number;
  height: number;
  touch: boolean;
  textSize: Settings['textSize'];
  /** The library scenario played in this configuration, and what its play reaches after the close. */
  file: string;
  goal: PlanGoal;
}

/**
 * Four full plays, each in its own configuration and on its own scenario, that together pass
 * every screen (title, select, briefing, interview, composer, answer panel, negotiation,
 * follow-up, debrief) at both sizes: the phone held landscape with touch and 1280×720 with a
 * mouse, with normal and Larger text. The follow-up is played at each size (Doorstep's four long
 * acts and "Let it rest and wait for Frank's call" with Larger text at 1280×720), and so is the
 * negotiation. One scenario per configuration, not every scenario in every one: the browser
 * suite has a time budget.
 */
const CONFIGS: Config[] = [
  { width: 844, height: 390, touch: true, textSize: 'normal', file: '03-open-doors.json', goal: 'follow-up' },
  {
    width: 844,
    height: 390,
    touch: true,
    textSize: 'larger',
    file: '05-price-of-yes.json',
    goal: 'negotiation',
  },
  {
    width: 1280,
    height: 720,
    touch: false,
    textSize: 'normal',
    file: '04-two-offers.json',
    goal: 'negotiation',
  },
  { width: 1280, height: 720, touch: false, textSize: 'larger', file: '06-doorstep.json', goal: 'follow-up' },
];

/**
 * Every enabled, shown control in <main> that fails: not wholly inside the viewport, or not
 * what lies under its centre; a control clipped by a panel that scrolls passes only when that
 * panel shows its scroll cue (data-more set by the game, drawn as an arrow at the panel's edge).
 */
function controlProblems(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = [];
    for (const el of document.querySelectorAll<HTMLElement>(
      'main button, main [role="button"], main a[href]',
    )) {
      if ((el as HTMLButtonElement).disabled) continue;
      const r = el.getBoundingClientRect();
      if (r.width === 0 || r.height === 0 || getComputedStyle(el).visibility === 'hidden') continue;
      const name = (el.getAttribute('aria-label') ?? el.textContent ?? '').trim().slice(0, 50);
      let scroller: HTMLElement | null = null;
      for (let a = el.parentElement; a; a = a.parentElement) {
        const st = getComputedStyle(a);
        if (/(auto|scroll)/.test(st.overflowY) && a.scrollHeight > a.clientHeight + 1) {
          scroller = a;
          break;
        }
      }
      const box = scroller ? scroller.getBoundingClientRect() : null;
      const clipped = box !== null && (r.top < box.top - 1 || r.bottom > box.bottom + 1);
      if (clipped) {
        if (!['below', 'both'].includes(scroller!.dataset.more ?? ''))
          out.push(`"${name}" is scrolled out of a panel that shows no scroll cue`);
        continue;
      }
      if (r.left < -1 || r.top < -1 || r.right > innerWidth + 1 || r.bottom > innerHeight + 1) {
        out.push(
          `"${name}" is not wholly on screen (${Math.round(r.left)},${Math.round(r.top)}–${Math.round(r.right)},${Math.round(r.bottom)})`,
        );
        continue;
      }
      const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
      if (!hit || !(hit === el || el.contains(hit)))
        out.push(`"${name}" is covered by ${hit?.className || hit?.tagName}`);
    }
    if (scrollX !== 0 || scrollY !== 0) out.push(`the page itself scrolled to ${scrollX},${scrollY}`);
    return out;
  });
}

/**
 * The control problems once the screen has settled: a panel that grows to fit its text does so
 * on the next frames, so a problem counts only if it is still there after up to 1.5 s of polling.
 */
async function settledProblems(page: Page): Promise<string[]> {
  let last = await controlProblems(page);
  for (let i = 0; i < 10 && last.length > 0; i++) {
    await page.waitForTimeout(150);
    last = await controlProblems(page);
  }
  return last;
}

/** Taps (touch) or clicks (mouse) a control at its centre, scrolling its panel first as a finger would. */
async function hit(page: Page, cfg: Config, target: Locator): Promise<void> {
  await target.evaluate(async (el) => {
    el.scrollIntoView({ block: 'nearest', behavior: 'instant' });
    await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
  });
  const b = await target.boundingBox();
  if (!b) throw new Error(`${String(target)} is not on screen`);
  const x = b.x + b.width / 2;
  const y = b.y + b.height / 2;
  if (cfg.touch) await page.touchscreen.tap(x, y);
  else await page.mouse.click(x, y);
}

/** A control by its accessible name, as a player (or a screen reader) knows it. */
const button = (page: Page, name: string) =>
  page.locator('main').getByRole('button', { name, exact: true }).first();

/** An option of the composer (a form, a delivery, a point…) by its input's name and value. */
const option = (page: Page, name: string, value: string) =>
  page.locator(`.close-parts label.opt:has(input[name="${name}"][value="${value}"])`).first();

const NEGOTIATION_KIND: Record<string, string> = {
  accept: 'Accept',
  counter: 'Counter',
  'counter-with-leverage': 'Counter with your other option',
  'walk-away': 'Walk away',
};

async function waitOff(page: Page, name: string): Promise<void> {
  await page.waitForSelector(`main:not([aria-label="${name}"])`, { timeout: 90_000 });
}

describe('every control in view', () => {
  for (const cfg of CONFIGS) {
    const scenario = loadScenario(cfg.file);
    const title = scenario.meta.title;
    const label = `${cfg.width}x${cfg.height} ${cfg.touch ? 'touch' : 'mouse'}, ${cfg.textSize} text`;
    it(`a full play of ${title} to its ${cfg.goal} at ${label}`, async () => {
      // What the player does, worked out by the engine: the same actions the page is driven
      // through, each pressed under the words the engine offers at that moment (a follow-up
      // act used before is offered again under its own acknowledging label).
      const plan = planPlay(scenario, cfg.goal);
      const context = await game.browser.newContext({
        viewport: { width: cfg.width, height: cfg.height },
        hasTouch: cfg.touch,
        isMobile: cfg.touch,
      });
      context.setDefaultTimeout(60_000);
      const page = await context.newPage();
      const errors = watchErrors(page);
      const save = JSON.stringify({
        v: 1,
        settings: { ...defaultSettings(false), textSize: cfg.textSize },
        progress: {},
        resume: null,
      });
      await page.addInitScript(
        ([k, v]) => {
          if (!sessionStorage.getItem('cc-test-installed')) {
            localStorage.setItem(k as string, v as string);
            sessionStorage.setItem('cc-test-installed', '1');
          }
        },
        [SAVE_KEY, save],
      );
      await page.goto(`${game.url}?fast`);
      await page.waitForSelector('main[aria-label="Title"] button');
      const problems: string[] = [];
      const seen: string[] = [];
      let next = 0;
      let tappedDialogue = false;
      let checked = '';
      const suffix = ` ${cfg.textSize} ${cfg.width}x${cfg.height}`;
      /** Checks the controls whenever the screen shows a new set of them. */
      const check = async (name: string) => {
        const controls = await page.evaluate(() =>
          [...document.querySelectorAll('main button, main [role="button"], main a[href]')]
            .map((el) => el.getAttribute('aria-label') ?? el.textContent)
            .join('|'),
        );
        const key = `${name}|${controls}`;
        if (key === checked) return;
        checked = key;
        for (const p of await settledProblems(page)) problems.push(`${name}: ${p}`);
        const tag = page.locator('.topbar .tag').first();
        if (await tag.count()) {
          // biome-ignore lint/performance/useDomNodeTextContent: the rendered text, where a collapsed space shows
          const text = await tag.evaluate((el) => (el as HTMLElement).innerText);
          if (text.includes('·') && !/\s·\s/.test(text))
            problems.push(`${name}: the top bar reads "${text}"`);
        }
        await capture(page, `controls ${name}${suffix}`, false, 100);
      };
      for (let guard = 0; guard < 200; guard++) {
        const name = await screen(page);
        if (seen[seen.length - 1] !== name) {
          seen.push(name);
          if (process.env.CLOSECALL_E2E_TRACE) console.log(`${label}: ${name}`);
        }
        if (name === 'Debrief') {
          await page.waitForSelector('main[aria-label="Debrief"] button');
          for (const p of await settledProblems(page)) problems.push(`${name}: ${p}`);
          await capture(page, `controls ${name}${suffix}`, true, 100);
          break;
        }
        const before = await page.evaluate(() => document.querySelector('main')?.innerHTML ?? '');
        if (!tappedDialogue && (await button(page, 'Next line').count())) {
          // A tap on the dialogue itself, not on Next, moves to the next line.
          const shown = await page.locator('.dialogue .row .hint').textContent();
          await check(name);
          await hit(page, cfg, page.locator('.dialogue .line'));
          tappedDialogue = true;
          await page
            .waitForFunction(
              (h) => document.querySelector('.dialogue .row .hint')?.textContent !== h,
              shown,
              { timeout: 20_000 },
            )
            .catch(() => problems.push(`${name}: a tap on the dialogue did not move to the next line`));
          continue;
        }
        await check(name);
        const action = plan.actions[next];
        const view = plan.views[next];
        switch (name) {
          case 'Title':
            await hit(page, cfg, button(page, 'Play'));
            await waitOff(page, 'Title');
            break;
          case 'Scenario select':
            await hit(page, cfg, button(page, `Play: ${title}`));
            await waitOff(page, 'Scenario select');
            break;
          case 'Briefing':
            await hit(page, cfg, button(page, 'Begin the interview'));
            await waitOff(page, 'Briefing');
            break;
          case 'Interview': {
            if (await button(page, 'Next line').count()) {
              await hit(page, cfg, button(page, 'Next line'));
              break;
            }
            if (action?.type === 'close') {
              await hit(page, cfg, button(page, 'Close: ask for the job'));
              await waitOff(page, 'Interview');
              break;
            }
            if (action?.type === 'continue') {
              if (!(await button(page, 'Continue').count())) break; // not drawn yet
              await hit(page, cfg, button(page, 'Continue'));
              next++;
              break;
            }
            if (action?.type !== 'choose') throw new Error(`the plan has ${action?.type} in the interview`);
            const choice = view!.choices.find((c) => c.id === action.choice)!;
            const target = button(page, choice.kind === 'action' ? `Do: ${choice.text}` : choice.text);
            if (!(await target.count())) break; // the choices are drawn once the lines are read
            await hit(page, cfg, target);
            next++;
            break;
          }
          case 'Close': {
            if (action?.type !== 'close') throw new Error(`the plan has ${action?.type} at the close`);
            const spec = action.close;
            await hit(page, cfg, option(page, 'form', spec.form));
            await hit(page, cfg, option(page, 'delivery', spec.delivery));
            for (const point of spec.points) await hit(page, cfg, option(page, 'points', point));
            if (view!.close!.leverage.length > 0)
              await hit(page, cfg, option(page, 'leverage', spec.leverage ?? ''));
            // Every point ticked: the longest close, the hardest to fit.
            await expect
              .poll(() => page.locator('.close-parts input[name="points"]:checked').count())
              .toBe(spec.points.length);
            checked = '';
            await check(`${name} (all ticked)`);
            await capture(page, `controls ${name} all ticked${suffix}`, true, 100);
            await hit(page, cfg, button(page, 'Say it: make your close'));
            await waitOff(page, 'Close');
            next++;
            break;
          }
          case 'Response':
            if (await button(page, 'Next line').count()) await hit(page, cfg, button(page, 'Next line'));
            else if (await button(page, 'Continue').count()) {
              // Continue leaves this screen: wait until the pressed button is gone, so the next
              // turn does not read the old screen (and press a Continue that is about to vanish).
              const pressed = await button(page, 'Continue').elementHandle();
              await hit(page, cfg, button(page, 'Continue'));
              if (pressed) await page.waitForFunction((el) => !el.isConnected, pressed, { timeout: 90_000 });
            } else await page.waitForTimeout(100);
            break;
          case 'Follow-up': {
            if (action?.type === 'persist') {
              // The act under the words the engine offers today.
              const act = view!.followUp!.acts.find((a) => a.id === action.act)!;
              await hit(page, cfg, button(page, act.label));
            } else if (action?.type === 'let-go') {
              await hit(page, cfg, button(page, view!.followUp!.letGoText));
            } else throw new Error(`the plan has ${action?.type} on a follow-up day`);
            await waitOff(page, 'Follow-up');
            next++;
            break;
          }
          case 'Negotiation': {
            if (action?.type !== 'negotiate') throw new Error(`the plan has ${action?.type} in the talks`);
            const move = view!.negotiation!.moves.find((m) => m.id === action.move)!;
            const kind = NEGOTIATION_KIND[move.kind] ?? move.kind;
            await hit(
              page,
              cfg,
              button(
                page,
                move.textKind === 'action' ? `${kind}: Do: ${move.text}` : `${kind}: ${move.text}`,
              ),
            );
            await waitOff(page, 'Negotiation');
            next++;
            break;
          }
          default:
            throw new Error(`Unexpected screen ${name}`);
        }
        await page
          .waitForFunction((b) => (document.querySelector('main')?.innerHTML ?? '') !== b, before, {
            timeout: 30_000,
            polling: 30,
          })
          .catch(() => undefined);
      }
      expect(seen).toContain('Debrief');
      expect(seen).toContain('Close');
      expect(seen).toContain(cfg.goal === 'negotiation' ? 'Negotiation' : 'Follow-up');
      expect(next, 'every planned action was taken').toBe(plan.actions.length);
      expect(tappedDialogue).toBe(true);
      expect([...new Set(problems)]).toEqual([]);
      expect(errors).toEqual([]);
      await context.close();
    });
  }
});

describe('the composer on a video call', () => {
  it("keeps Sam's face off the candidate's self-view (1280x720 and 844x390)", async () => {
    const tutorial = loadScenario('00-tutorial.json');
    const actions = pathTo(tutorial, (v) => v.close !== null);
    for (const viewport of [
      { width: 1280, height: 720 },
      { width: 844, height: 390 },
    ]) {
      const context = await game.browser.newContext({ viewport });
      context.setDefaultTimeout(120_000);
      const page = await context.newPage();
      const errors = watchErrors(page);
      await installSave(page, saveText(tutorial, actions));
      await page.goto(`${game.url}?fast`);
      await button(page, 'Resume your interview').click();
      await page.waitForSelector('main[aria-label="Interview"]');
      await button(page, 'Close: ask for the job').click();
      await page.waitForSelector('main[aria-label="Close"] [data-art^="face:"]', { state: 'attached' });
      // The face as drawn, in the art's 1280×720 coordinates (the layer marks it for tests and tools).
      const face = await page.locator('[data-art^="face:"]').evaluate((el) => {
        const st = (el as HTMLElement).style;
        const n = (k: string) => Number.parseFloat(st.getPropertyValue(k));
        return { x: n('--mx'), y: n('--my'), width: n('--mw'), height: n('--mh') };
      });
      expect(
        overlaps(face, SELF_VIEW),
        `${viewport.width}x${viewport.height}: face ${JSON.stringify(face)}`,
      ).toBe(false);
      await capture(page, `controls composer video call ${viewport.width}x${viewport.height}`, true);
      expect(errors).toEqual([]);
      await context.close();
    }
  });
});
