/**
 * Hot reload that keeps your place (`npm run dev` only): when a scenario file is saved, the dev
 * server says so (`closecall:scenario`); the game fetches and validates the file again, replays the
 * playthrough's action log onto the new version and shows the same screen and node. When the log
 * no longer fits it replays as far as it can and says where it stopped. A file with errors shows
 * an overlay with file:line:column that goes when the file is fixed.
 */
import type * as Phaser from 'phaser';
import type { Problem, Scenario } from '../engine';
import { EngineError, Playthrough } from '../engine';
import { h } from '../web/dom/h';
import { fetchEntry, type ScenarioEntry, sortEntries } from './catalog';
import { ctx } from './context';
import { sessionOf } from './map/doc';
import { mapTarget, setMapTarget } from './map/target';
import { screenFor } from './ui/route';

/** Screens that show the playthrough under way (Briefing and Close belong to the interview phase). */
const PLAY_SCREENS = new Set([
  'Briefing',
  'Interview',
  'Close',
  'Response',
  'FollowUp',
  'Negotiation',
  'Debrief',
]);

/** Problems shown in the overlay, by file. */
const broken = new Map<string, Problem[]>();
let overlay: HTMLElement | null = null;

function drawOverlay(): void {
  overlay?.remove();
  overlay = null;
  if (broken.size === 0) return;
  const items: HTMLElement[] = [];
  for (const [file, problems] of broken) {
    const errors = problems.filter((p) => p.severity === 'error');
    for (const p of errors.slice(0, 6)) {
      items.push(
        h(
          'li',
          {},
          h('span', { class: 'hot-where', text: p.line > 0 ? `${p.file}:${p.line}:${p.column}` : p.file }),
          ` ${p.path !== '$' ? `${p.path}: ` : ''}${p.message}`,
          h('span', { class: 'hot-fix', text: `Fix: ${p.fix}` }),
        ),
      );
    }
    if (errors.length > 6) items.push(h('li', { text: `${file}: and ${errors.length - 6} more errors` }));
  }
  overlay = h(
    'section',
    { class: 'hot-overlay', role: 'alert', 'aria-label': 'Scenario file errors' },
    h('p', { class: 'eyebrow', text: 'Scenario file has errors: the game keeps the last good version' }),
    h('ul', {}, items),
    h('p', { class: 'small', text: 'This goes away when you save the file without errors.' }),
  );
  document.body.append(overlay);
}

/** A notice in the corner for a moment (replay results). */
function toast(text: string): void {
  const el = h('p', { class: 'hot-toast', role: 'status', text });
  document.body.append(el);
  window.setTimeout(() => el.remove(), 6000);
}

/** Replays the playthrough under way onto a new version of its scenario; returns what to say, if anything. */
function replayOnto(entry: ScenarioEntry & { ok: true }): string | null {
  const c = ctx();
  const cur = c.current;
  if (!cur || cur.file !== entry.file) return null;
  const old = cur.play;
  const actions = old.actions;
  let play: Playthrough;
  try {
    play = Playthrough.start(entry.scenario, { seed: old.seed, mode: old.mode, from: old.from });
  } catch (err) {
    return `Could not restart on the new file: ${err instanceof Error ? err.message : String(err)}`;
  }
  let note: string | null = null;
  for (let i = 0; i < actions.length; i++) {
    try {
      play.act(actions[i]!);
    } catch (err) {
      const why = err instanceof EngineError ? err.message : String(err);
      note = `Replayed ${i} of ${actions.length} moves onto the new file; stopped at move ${i + 1}: ${why}`;
      break;
    }
  }
  c.current = {
    ...cur,
    scenario: entry.scenario,
    play,
    responseSeenStep: Math.min(cur.responseSeenStep, play.step),
  };
  return note;
}

/** Where the player was before a reload: the step of the playthrough and the dialogue line on show. */
interface Place {
  step: number;
  line: number | null;
}

function placeOf(game: Phaser.Game): Place | null {
  const c = ctx();
  if (!c.current) return null;
  const scene = game.scene.getScene(c.activeKey) as unknown as { dialogueLine?: () => number | null } | null;
  return { step: c.current.play.step, line: scene?.dialogueLine?.() ?? null };
}

/**
 * Shows the same screen again with the new file (or the screen the replay reached). When the replay
 * reached the same step, a screen with a dialogue takes up at the line the player was reading.
 */
function refresh(game: Phaser.Game, place: Place | null = null): void {
  const c = ctx();
  const active = c.activeKey;
  const scene = game.scene.getScene(active);
  if (!scene) return;
  let target = active;
  if (PLAY_SCREENS.has(active) && c.current) {
    const view = c.current.play.view();
    const wanted = screenFor(view, c.current.responseSeenStep);
    const interviewPhase = wanted === 'Interview' && (active === 'Close' || active === 'Briefing');
    if (!interviewPhase) target = wanted;
  }
  if (c.current) {
    c.current.resumeLine =
      target === active && place?.line != null && place.step === c.current.play.step
        ? { screen: active, step: place.step, index: place.line }
        : undefined;
  }
  if (target === active) scene.scene.restart();
  else scene.scene.start(target);
}

/**
 * A file open in the map editor changed on disk: the editor takes the new text when it has no
 * unsaved changes (an edit in another editor, or its own save coming back), and says so otherwise.
 */
async function followOnMap(file: string, scenario: Scenario): Promise<void> {
  const doc = sessionOf(file);
  if (!doc) return;
  let text: string;
  try {
    const res = await fetch(`./${file}?v=${Date.now()}`, { cache: 'no-store' });
    if (!res.ok) return;
    text = await res.text();
  } catch {
    return;
  }
  if (text === doc.text) {
    doc.savedText = text;
    return;
  }
  if (doc.dirty) {
    toast(`${file} changed on disk while you were editing it on the map; Save writes your version.`);
    return;
  }
  doc.reloaded(text, scenario);
}

async function reload(game: Phaser.Game, name: string): Promise<void> {
  const c = ctx();
  const file = `scenarios/${name}`;
  const inCatalog = c.catalog.some((e) => e.file === file);
  const entry = await fetchEntry(name, String(Date.now()));
  const notFound = !entry.ok && entry.problems.some((p) => p.code === 'unreadable' && /404/.test(p.message));
  if (notFound) {
    // The file was removed or renamed: drop it from the list.
    broken.delete(file);
    drawOverlay();
    c.catalog = c.catalog.filter((e) => e.file !== file);
    if (c.activeKey === 'ScenarioSelect') game.scene.getScene('ScenarioSelect')?.scene.restart();
    return;
  }
  if (!entry.ok) {
    broken.set(file, entry.problems);
    drawOverlay();
    // The last good version stays playable; a file that never loaded shows its error card.
    if (!c.catalog.some((e) => e.file === file && e.ok)) {
      c.catalog = sortEntries([...c.catalog.filter((e) => e.file !== file), entry]);
      if (c.activeKey === 'ScenarioSelect') refresh(game);
    }
    return;
  }
  broken.delete(file);
  drawOverlay();
  await followOnMap(file, entry.scenario);
  c.catalog = sortEntries([...c.catalog.filter((e) => e.file !== file), entry]);
  const place = c.current?.file === file ? placeOf(game) : null;
  const note = replayOnto(entry);
  if (mapTarget()?.file === file) setMapTarget(entry);
  const affected =
    (c.current?.file === file && PLAY_SCREENS.has(c.activeKey)) ||
    c.activeKey === 'ScenarioSelect' ||
    (c.activeKey === 'Map' && mapTarget()?.file === file) ||
    !inCatalog;
  if (affected) refresh(game, place);
  // Mark when the new version reached the screen (read by the hot-reload browser test).
  (window as unknown as { __closecallHot?: { name: string; at: number } }).__closecallHot = {
    name,
    at: performance.now(),
  };
  if (note) toast(note);
}

/** Listens for saved scenario files when the dev server is running; does nothing in a build. */
export function installHotReload(game: Phaser.Game): void {
  if (!import.meta.hot) return;
  let chain = Promise.resolve();
  import.meta.hot.on('closecall:scenario', (data: { name?: string }) => {
    const name = data?.name;
    // The schema and the format tour are not in the player's list (see tools/lib/scenario-catalog.ts).
    if (!name || name === 'scenario.schema.json' || name === 'index.json' || name === 'example.json') return;
    chain = chain
      .then(() => reload(game, name))
      .catch((err) => console.info('Close Call: hot reload failed', err));
  });
}
