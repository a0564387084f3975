import * as Phaser from 'phaser';
import { backdropKey, backdropUrls } from '../../web/assets';
import { colorNumber, palette } from '../../web/theme';
import { loadCatalog, sortEntries } from '../catalog';
import { ctx } from '../context';
import { installHotReload } from '../hot';
import { resumeSaved, startLaunched } from '../kit';
import { browserStorage, localEntries } from '../local';

const SOUNDS = [
  'ui-click',
  'ui-confirm',
  'ui-back',
  'page-turn',
  'warm-chime',
  'cool-note',
  'offer-sting',
  'reject-note',
  'office-bed',
  'voice-low',
  'voice-mid',
  'voice-high',
];

/** Loads the backdrops and the scenarios with a progress bar, then hands over to the Title. */
export class Preloader extends Phaser.Scene {
  private bar!: Phaser.GameObjects.Graphics;

  constructor() {
    super('Preloader');
  }

  preload(): void {
    ctx().activeKey = 'Preloader';
    const shell = ctx().shell;
    const track = this.add.graphics();
    track.fillStyle(colorNumber(palette.paperDim), 0.5);
    track.fillRoundedRect(440, 660, 400, 12, 6);
    this.bar = this.add.graphics();
    this.load.on(Phaser.Loader.Events.PROGRESS, (p: number) => {
      this.drawBar(p * 0.8);
      shell.progress(0.1 + p * 0.7, 'Setting up the interview rooms…');
    });
    this.load.on(Phaser.Loader.Events.FILE_LOAD_ERROR, (file: Phaser.Loader.File) => {
      console.info(`Close Call: could not load ${file.key}; drawing without it.`);
    });
    for (const [id, url] of Object.entries(backdropUrls())) {
      this.load.svg(backdropKey(id), url, { width: 1280, height: 720 });
    }
  }

  private drawBar(fraction: number): void {
    this.bar.clear();
    this.bar.fillStyle(colorNumber(palette.accent), 1);
    this.bar.fillRoundedRect(440, 660, Math.max(12, 400 * fraction), 12, 6);
  }

  create(): void {
    const c = ctx();
    void loadCatalog((done, total) => {
      this.drawBar(0.8 + (0.2 * done) / Math.max(1, total));
      c.shell.progress(0.8 + (0.2 * done) / Math.max(1, total), 'Reading the scenarios…');
    }).then((catalog) => {
      // Library scenarios first, then the files the player loaded from their computer.
      c.catalog = sortEntries([...catalog, ...localEntries(browserStorage())]);
      installHotReload(this.game);
      void c.audio.preload(SOUNDS);
      const go = (key: string) => {
        let target = key;
        if (key === 'Resume') target = resumeSaved() ?? 'ScenarioSelect';
        else if (key.startsWith('Start:')) target = startLaunched(key.slice(6)) ?? 'ScenarioSelect';
        const active = this.game.scene.getScene(c.activeKey);
        if (active) active.scene.start(target);
        else this.game.scene.start(target);
      };
      c.shell.progress(1, '');
      // Navigation goes live only once the Title has started (it hands over `go` and any pending
      // request): a Play pressed between now and then would otherwise start the Scenario select
      // before the queued Title, which then replaced it.
      this.scene.start('Title', { go });
    });
  }
}
