// The baseline for the boot bench: the smallest Phaser 4 page, one scene, same size and scale mode as the game.
import * as Phaser from 'phaser';

declare global {
  interface Window {
    __sceneCreated?: number;
  }
}

class Only extends Phaser.Scene {
  constructor() {
    super('Only');
  }
  create(): void {
    this.add.text(40, 40, 'Bare Phaser 4', { fontSize: '32px', color: '#ffffff' });
    window.__sceneCreated = performance.now();
  }
}

new Phaser.Game({
  type: Phaser.AUTO,
  parent: 'app',
  width: 1280,
  height: 720,
  banner: false,
  audio: { noAudio: true },
  scale: { mode: Phaser.Scale.FIT, autoCenter: Phaser.Scale.CENTER_BOTH },
  scene: [Only],
});
