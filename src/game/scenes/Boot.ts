import * as Phaser from 'phaser';
import { ctx } from '../context';

/** First scene: nothing to load before the Preloader, which reports its own progress. */
export class Boot extends Phaser.Scene {
  constructor() {
    super('Boot');
  }

  create(): void {
    ctx().activeKey = 'Boot';
    ctx().shell.progress(0.1, 'Getting the office ready…');
    this.scene.start('Preloader');
  }
}
