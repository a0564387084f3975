/**
 * Puts a browser page straight at a moment of a scenario: the engine (run here, in Node) finds
 * the actions that lead there, and the page starts with a save that resumes them.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { Playthrough, parseScenario } from '../../src/engine';
import type { Scenario } from '../../src/engine/format/schema';
import type { Action, View } from '../../src/engine/types';
import { defaultSettings, SAVE_KEY, type Settings } from '../../src/web/save/schema';
import { ROOT } from './harness';

/** The scenarios a player sees (the format tour example.json is for authors). */
export function playable(): { file: string; scenario: Scenario }[] {
  return readdirSync(join(ROOT, 'scenarios'))
    .filter((f) => /^\d\d-.*\.json$/.test(f))
    .sort()
    .map((f) => {
      const parsed = parseScenario(readFileSync(join(ROOT, 'scenarios', f), 'utf8'), `scenarios/${f}`);
      if (!parsed.ok) throw new Error(`${f} does not parse`);
      return { file: f, scenario: parsed.scenario };
    });
}

export function loadScenario(file: string): Scenario {
  const found = playable().find((s) => s.file === file);
  if (!found) throw new Error(`no scenario ${file}`);
  return found.scenario;
}

/** Breadth-first over the interview: the shortest action log to a view that satisfies `want`. */
export function pathTo(scenario: Scenario, want: (v: View) => boolean, limit = 4000): Action[] {
  const queue: Action[][] = [[]];
  const seen = new Set<string>();
  for (let i = 0; i < queue.length && i < limit; i++) {
    const actions = queue[i]!;
    const play = Playthrough.start(scenario, { seed: 1 });
    for (const a of actions) play.act(a);
    const v = play.view();
    if (v.phase !== 'interview') continue;
    const key = `${v.node?.id}|${JSON.stringify(play.current.vars)}`;
    if (seen.has(key)) continue;
    seen.add(key);
    if (want(v)) return actions;
    if (v.canContinue) queue.push([...actions, { type: 'continue' }]);
    for (const c of v.choices) queue.push([...actions, { type: 'choose', choice: c.id }]);
  }
  throw new Error(`no path in ${scenario.meta.id} reaches the view asked for`);
}

/**
 * The shortest action log (from the start) that passes a node offering the close in each of the
 * opening, the middle and the closing minutes; with the views along it.
 */
export function pathThroughMoments(scenario: Scenario, limit = 20000): { actions: Action[]; views: View[] } {
  const all = ['opening', 'middle', 'closing'];
  const queue: { actions: Action[]; seen: string[] }[] = [{ actions: [], seen: [] }];
  const visited = new Set<string>();
  for (let i = 0; i < queue.length && i < limit; i++) {
    const { actions, seen } = queue[i]!;
    const play = Playthrough.start(scenario, { seed: 1 });
    for (const a of actions) play.act(a);
    const v = play.view();
    if (v.phase !== 'interview') continue;
    const now = v.close && !seen.includes(v.node!.moment) ? [...seen, v.node!.moment].sort() : seen;
    const key = `${v.node?.id}|${JSON.stringify(play.current.vars)}|${now.join()}`;
    if (visited.has(key)) continue;
    visited.add(key);
    if (now.length === all.length) {
      const views: View[] = [];
      const replay = Playthrough.start(scenario, { seed: 1 });
      views.push(replay.view());
      for (const a of actions) views.push(replay.act(a));
      return { actions, views };
    }
    if (v.canContinue) queue.push({ actions: [...actions, { type: 'continue' }], seen: now });
    for (const c of v.choices)
      queue.push({ actions: [...actions, { type: 'choose', choice: c.id }], seen: now });
  }
  throw new Error(`no path in ${scenario.meta.id} passes the close at every moment`);
}

/** The save a page starts with: settings and a playthrough to resume. */
export function saveText(scenario: Scenario, actions: Action[], settings: Partial<Settings> = {}, seed = 1) {
  return JSON.stringify({
    v: 1,
    settings: { ...defaultSettings(false), ...settings },
    progress: {},
    resume: { v: 1, scenario: scenario.meta.id, seed, mode: 'expected', actions },
  });
}

/** Installs a save before the page's scripts run (once: a reload keeps what the game saved). */
export async function installSave(page: Page, text: string): Promise<void> {
  await page.addInitScript(
    ([key, value]) => {
      if (!sessionStorage.getItem('cc-test-installed')) {
        localStorage.setItem(key as string, value as string);
        sessionStorage.setItem('cc-test-installed', '1');
      }
    },
    [SAVE_KEY, text],
  );
}
