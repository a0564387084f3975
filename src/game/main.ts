import * as Phaser from 'phaser';
import { palette } from '../web/theme';
import { HowlerAudio } from './audio/howler-audio';
import { soundManifest } from './audio/manifest';
import { setContext } from './context';
import { CANVAS, FAST } from './fast';
import { Boot } from './scenes/Boot';
import { Briefing } from './scenes/Briefing';
import { Close } from './scenes/Close';
import { Debrief } from './scenes/Debrief';
import { FollowUp } from './scenes/FollowUp';
import { Interview } from './scenes/Interview';
import { MapScene } from './scenes/Map';
import { Negotiation } from './scenes/Negotiation';
import { Preloader } from './scenes/Preloader';
import { Response } from './scenes/Response';
import { ScenarioSelect } from './scenes/ScenarioSelect';
import { Settings } from './scenes/Settings';
import { Title } from './scenes/Title';
import type { Shell } from './shell';
import { LOGICAL_HEIGHT, LOGICAL_WIDTH } from './ui/layout';

/** Starts the Phaser game inside `parent`, sharing the DOM layer and save from the shell. */
export function StartGame(parent: HTMLElement, shell: Shell): Phaser.Game {
  const audio = new HowlerAudio(soundManifest());
  const s = shell.store.settings;
  audio.setVolumes({ ...s.volumes, muted: s.muted });
  setContext({
    shell,
    audio,
    catalog: [],
    current: null,
    returnTo: 'Title',
    activeKey: 'Boot',
  });
  const game = new Phaser.Game({
    type: CANVAS ? Phaser.CANVAS : Phaser.AUTO,
    parent,
    width: LOGICAL_WIDTH,
    height: LOGICAL_HEIGHT,
    backgroundColor: palette.shade,
    banner: false,
    // Automated tests (?fast) draw 12 frames a second: headless Chromium renders WebGL in software,
    // and a full frame rate there costs the tests most of a core while nothing needs it.
    ...(FAST ? { fps: { limit: 12 } } : {}),
    audio: { noAudio: true },
    input: { keyboard: false, mouse: false, touch: false, gamepad: false },
    scale: { mode: Phaser.Scale.FIT, autoCenter: Phaser.Scale.CENTER_BOTH },
    scene: [
      Boot,
      Preloader,
      Title,
      ScenarioSelect,
      Briefing,
      Interview,
      Close,
      Response,
      FollowUp,
      Negotiation,
      Debrief,
      Settings,
      MapScene,
    ],
  });
  shell.layer.onResize(() => game.scale.refresh());
  return game;
}
