import * as Phaser from 'phaser';
import type { Scenario, StartFrom, View } from '../engine';
import { EngineError, Playthrough } from '../engine';
import { backdropKey, portraitKey, portraitUrl } from '../web/assets';
import { button, h } from '../web/dom/h';
import { colorNumber, palette } from '../web/theme';
import { describedUrl } from './art/described';
import { CAPTIONS } from './audio/audio';
import { type CurrentPlay, ctx } from './context';
import type { ScreenName } from './dom/layer';
import { openPause } from './dom/pause';
import { FAST } from './fast';
import { containSize, LOGICAL_HEIGHT, LOGICAL_WIDTH } from './ui/layout';
import { screenFor } from './ui/route';

/** Shared behaviour of every screen: the DOM screen, art, keyboard, pause and navigation. */
export abstract class BaseScene extends Phaser.Scene {
  /** Whether Esc opens the pause menu on this screen. */
  protected pausable = false;
  /** The backdrop drawn for the screen being built (named on <main> so the layout can avoid its art). */
  private backdropId: string | null = null;
  private readonly keyListener = (e: KeyboardEvent) => this.handleKey(e);
  /** Closes the pause menu while it is open. */
  private closePause: (() => void) | null = null;

  protected get layer() {
    return ctx().shell.layer;
  }
  protected get settings() {
    return ctx().shell.store.settings;
  }
  protected get reduced(): boolean {
    return ctx().shell.store.settings.reducedMotion || FAST;
  }

  /** Loads the portraits of the scenario being played (skipping those already loaded). */
  preload(): void {
    const cur = ctx().current;
    if (cur) queuePortraits(this, cur.scenario);
  }

  /** Starts the DOM side of a screen: names <main>, wires keys, cleans up on shutdown. */
  protected begin(name: ScreenName, className = '', clear = true): HTMLElement {
    ctx().activeKey = this.scene.key;
    document.addEventListener('keydown', this.keyListener, true);
    this.events.once(Phaser.Scenes.Events.SHUTDOWN, () => {
      document.removeEventListener('keydown', this.keyListener, true);
      this.tweens.killAll();
      this.onShutdown();
    });
    const main = clear ? this.layer.setScreen(name, className) : this.layer.main;
    if (this.backdropId) main.dataset.backdrop = this.backdropId;
    else delete main.dataset.backdrop;
    this.backdropId = null;
    return main;
  }

  protected onShutdown(): void {}

  /** The dialogue line on show, on screens with a dialogue (read by hot reload before a restart). */
  dialogueLine(): number | null {
    return null;
  }

  /** The line to take up at when hot reload restarted this screen in place at `step` (once). */
  protected takeResumeLine(step: number): number | undefined {
    const cur = ctx().current;
    const at = cur?.resumeLine;
    if (!cur || !at) return undefined;
    cur.resumeLine = undefined;
    return at.screen === this.scene.key && at.step === step ? at.index : undefined;
  }

  /** Screen-specific keys; return true when handled. */
  protected onKey(_e: KeyboardEvent): boolean {
    return false;
  }

  private handleKey(e: KeyboardEvent): void {
    const overlay = this.layer.main.querySelector<HTMLElement>('[data-overlay]');
    if (overlay) {
      // Esc opens the pause menu and closes it again.
      if (e.key === 'Escape' && overlay.dataset.overlay === 'pause' && this.closePause) {
        e.preventDefault();
        e.stopPropagation();
        this.closePause();
      }
      return;
    }
    if (e.key === 'Escape' && this.pausable) {
      e.preventDefault();
      this.pause();
      return;
    }
    if (e.altKey || e.ctrlKey || e.metaKey) return;
    const t = e.target as HTMLElement | null;
    if (
      t &&
      (t.tagName === 'INPUT' || t.tagName === 'SELECT' || t.tagName === 'TEXTAREA') &&
      /^[1-9]$/.test(e.key)
    ) {
      if ((t as HTMLInputElement).type === 'range') return;
    }
    if (this.onKey(e)) {
      e.preventDefault();
      e.stopPropagation();
    }
  }

  protected pause(): void {
    this.click('ui-click');
    const close = openPause(this.layer, {
      resume: () => undefined,
      settings: () => {
        ctx().returnTo = this.scene.key;
        this.go('Settings');
      },
      restart: ctx().current ? () => restartCurrent(this) : null,
      quitToSelect: () => this.go('ScenarioSelect'),
      quitToTitle: () => this.go('Title'),
    });
    this.closePause = () => {
      this.closePause = null;
      close();
    };
  }

  /** Switches screen. */
  go(key: string): void {
    this.scene.start(key);
  }

  /** Plays an interface sound. */
  protected click(id: 'ui-click' | 'ui-confirm' | 'ui-back' | 'page-turn' = 'ui-click'): void {
    ctx().audio.play(id, { channel: 'ui' });
  }

  /** Plays a sound that carries meaning, with its caption. */
  protected cue(id: string): void {
    ctx().audio.play(id, { channel: 'ui', gain: 0.9 });
    const caption = CAPTIONS[id];
    if (caption) this.layer.caption(caption);
  }

  /** Draws a backdrop across the canvas with an optional dimming scrim. */
  protected drawBackdrop(id: string, dim = 0): void {
    this.backdropId = id;
    const key = backdropKey(id);
    if (this.textures.exists(key)) {
      const img = this.add.image(LOGICAL_WIDTH / 2, LOGICAL_HEIGHT / 2, key);
      img.setDisplaySize(LOGICAL_WIDTH, LOGICAL_HEIGHT);
    } else {
      const g = this.add.graphics();
      g.fillGradientStyle(0x3d5560, 0x3d5560, 0x1a262b, 0x1a262b, 1);
      g.fillRect(0, 0, LOGICAL_WIDTH, LOGICAL_HEIGHT);
    }
    if (dim > 0) {
      const scrim = this.add.graphics();
      scrim.fillStyle(colorNumber(palette.shade), dim);
      scrim.fillRect(0, 0, LOGICAL_WIDTH, LOGICAL_HEIGHT);
    }
  }

  /** A standard top bar: a title tag on the left (the title shortens before `moment` does), buttons on the right. */
  protected topbar(tag: string, ...buttons: (HTMLElement | null)[]): HTMLElement {
    return this.topbarWith(tag, null, ...buttons);
  }

  protected topbarWith(tag: string, moment: string | null, ...buttons: (HTMLElement | null)[]): HTMLElement {
    return h(
      'div',
      { class: 'topbar' },
      h(
        'div',
        { class: 'tag panel', title: moment ? `${tag} · ${moment}` : tag },
        h('span', { class: 'tag-title', text: tag }),
        moment ? h('span', { class: 'tag-moment', text: ` · ${moment}` }) : null,
      ),
      h('div', { class: 'spacer' }),
      h('div', { class: 'tools' }, ...buttons),
    );
  }

  /** Marks each portrait's face in the DOM layer (see DomLayer.markArt), after `begin`. */
  protected markFaces(portraits: Iterable<[string, PortraitView]>): void {
    for (const [id, p] of portraits) {
      const r = p.faceRect();
      if (r) this.layer.markArt(`face:${id}`, r.x, r.y, r.width, r.height);
    }
  }

  protected pauseButton(): HTMLButtonElement {
    return button('Pause', () => this.pause(), { class: 'btn-small btn-ghost', title: 'Pause (Esc)' });
  }

  /** Routes to the screen that shows the current view. */
  protected route(view: View): void {
    const cur = ctx().current;
    if (!cur) {
      this.go('ScenarioSelect');
      return;
    }
    const next = screenFor(view, cur.responseSeenStep);
    this.go(next);
  }

  /** Sends an action to the engine; an invalid one is reported, never a crash. */
  protected act(action: Parameters<Playthrough['act']>[0]): View | null {
    const cur = ctx().current;
    if (!cur) return null;
    try {
      const view = cur.play.act(action);
      saveResume();
      return view;
    } catch (err) {
      const msg = err instanceof EngineError ? err.message : String(err);
      console.info('Close Call: the engine refused an action', msg);
      this.layer.notice(`That could not be done: ${msg}`);
      return null;
    }
  }
}

/** A decision-maker's face on the canvas that cross-fades between expressions. */
export class PortraitView {
  private img: Phaser.GameObjects.Image | null = null;
  private current = '';
  private shown: { width: number; height: number } | null = null;

  constructor(
    private readonly scene: Phaser.Scene,
    private readonly portraitId: string,
    private readonly x: number,
    private readonly bottom: number,
    private readonly maxWidth: number,
    private readonly maxHeight: number,
    private readonly reduced: boolean,
  ) {}

  set(expression: string): void {
    if (expression === this.current) return;
    const key = this.textureFor(expression);
    if (!key) return;
    this.current = expression;
    const frame = this.scene.textures.getFrame(key);
    const size = containSize(frame.width, frame.height, this.maxWidth, this.maxHeight);
    this.shown = { width: size.width, height: size.height };
    const next = this.scene.add
      .image(this.x, this.bottom, key)
      .setOrigin(0.5, 1)
      .setDisplaySize(size.width, size.height);
    const old = this.img;
    this.img = next;
    if (!old || this.reduced) {
      old?.destroy();
      return;
    }
    next.setAlpha(0);
    this.scene.tweens.add({ targets: next, alpha: 1, duration: 220, ease: 'Sine.easeOut' });
    this.scene.tweens.add({
      targets: old,
      alpha: 0,
      duration: 260,
      ease: 'Sine.easeIn',
      onComplete: () => old.destroy(),
    });
  }

  /**
   * Where the face is drawn, in the canvas's 1280×720 coordinates: the head and hair of a portrait
   * (the generated portraits put it in the middle 60% across and from 8% to 69% down).
   */
  faceRect(): { x: number; y: number; width: number; height: number } | null {
    if (!this.shown) return null;
    const { width, height } = this.shown;
    const left = this.x - width / 2;
    const top = this.bottom - height;
    return { x: left + width * 0.2, y: top + height * 0.08, width: width * 0.6, height: height * 0.61 };
  }

  private textureFor(expression: string): string | null {
    for (const e of [expression, 'neutral']) {
      const key = portraitKey(this.portraitId, e);
      if (this.scene.textures.exists(key)) return key;
    }
    return null;
  }
}

export function queuePortraits(scene: Phaser.Scene, scenario: Scenario): void {
  for (const dm of scenario.decisionMakers) {
    for (const expr of dm.portrait.expressions) {
      const key = portraitKey(dm.portrait.id, expr);
      // A face described in the scenario is drawn by the portrait generator; otherwise the SVG files.
      const url = dm.portrait.describe
        ? describedUrl(dm.portrait.id, dm.portrait.describe, expr)
        : portraitUrl(dm.portrait.id, expr);
      if (url && !scene.textures.exists(key)) scene.load.svg(key, url, { scale: 1 });
    }
  }
}

export { leadOf, speakerName } from '../web/people';

/**
 * Writes the playthrough under way to the save so it can be resumed; once it has reached an
 * ending, records the result instead (so a reload on the last Response screen keeps it).
 */
export function saveResume(): void {
  const c = ctx();
  const cur = c.current;
  if (!cur) return;
  // A practice start part-way through ("Play from here") is neither kept to resume nor scored.
  if (cur.play.from) return;
  const ended = cur.play.view().phase === 'ended';
  if (ended && !cur.recorded) {
    try {
      const d = cur.play.debrief();
      c.shell.store.recordResult(cur.scenario.meta.id, d.score.total, d.ending.id);
      cur.recorded = true;
    } catch (err) {
      console.info('Close Call: the result could not be worked out', err);
    }
  }
  c.shell.store.setResume(ended ? null : cur.play.save());
  c.shell.lms?.update(cur.play);
}

/** Starts a new playthrough of a scenario with the current settings. */
export function startPlay(file: string, scenario: Scenario, from?: StartFrom): void {
  const c = ctx();
  const s = c.shell.store.settings;
  // Every playthrough gets its own seed: it orders the choices on screen (so their position never
  // gives the answer away) and, in realistic mode, draws the outcomes. Expected mode ignores it
  // for outcomes, so every team in a room still gets the same answers.
  const seed = Math.floor(Math.random() * 2 ** 31);
  c.current = {
    file,
    scenario,
    play: Playthrough.start(scenario, { seed, mode: s.mode, from }),
    responseSeenStep: -1,
    recorded: false,
  };
  saveResume();
}

function restartCurrent(scene: BaseScene): void {
  const cur = ctx().current;
  if (!cur) return;
  startPlay(cur.file, cur.scenario, cur.play.from);
  scene.go('Briefing');
}

/** Restores the saved playthrough; returns the screen to show, or null (with a notice) when it cannot. */
export function resumeSaved(): string | null {
  const c = ctx();
  const save = c.shell.store.resume;
  if (!save) return null;
  const entry = c.catalog.find((e) => e.ok && e.scenario.meta.id === save.scenario);
  if (!entry?.ok) {
    c.shell.layer.notice('The interview you left could not be resumed: its scenario is no longer available.');
    c.shell.store.setResume(null);
    return null;
  }
  try {
    const play = Playthrough.restore(entry.scenario, save);
    const view = play.view();
    c.current = {
      file: entry.file,
      scenario: entry.scenario,
      play,
      responseSeenStep: view.step - 1,
      recorded: false,
    };
    c.shell.lms?.update(play);
    return screenFor(view, view.step - 1);
  } catch (err) {
    console.info('Close Call: the saved playthrough does not fit its scenario', err);
    c.shell.layer.notice(
      'The interview you left could not be resumed because the scenario has changed. Start it again from the scenario list.',
    );
    c.shell.store.setResume(null);
    return null;
  }
}

/** Starts the scenario a learning platform launched (by meta.id); returns the screen, or null with a notice. */
export function startLaunched(id: string): string | null {
  const c = ctx();
  const entry = c.catalog.find((e) => e.ok && e.scenario.meta.id === id);
  if (!entry?.ok) {
    c.shell.layer.notice(
      `The scenario this activity was made for ("${id}") is not in this copy of the game.`,
    );
    return null;
  }
  startPlay(entry.file, entry.scenario);
  return 'Briefing';
}

/**
 * Where a screen without an interview node of its own takes place. The answer to a close and the
 * talks that follow it happen in the room where the close was made (Doorstep's office, not the
 * forecourt), so they keep the last interview scene's backdrop; once a follow-up day has passed,
 * or when the interview ended without a close, it is the scenario's own setting.
 */
export function sceneBackdrop(cur: CurrentPlay, view: View): string {
  if (view.node) return view.node.backdrop;
  const s = cur.scenario;
  const kinds = cur.play.responses().map((r) => r.kind);
  if (!kinds.includes('close') || kinds.includes('persistence')) return s.meta.backdrop;
  // The scene the close was made in: the play as it stood just before the close.
  const save = cur.play.save();
  const at = save.actions.findIndex((a) => a.type === 'close');
  try {
    const before = Playthrough.restore(s, { ...save, actions: save.actions.slice(0, at) }).view();
    return before.node?.backdrop ?? s.meta.backdrop;
  } catch {
    return s.meta.backdrop;
  }
}
