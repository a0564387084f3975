import { ctx } from '../context';
import { renderTitle } from '../dom/titleView';
import { BaseScene } from '../kit';
import { navigate } from '../shell';

/** The title: canvas art behind the DOM title card that was painted before Phaser loaded. */
export class Title extends BaseScene {
  constructor() {
    super('Title');
  }

  create(data: { go?: (sceneKey: string) => void }): void {
    const c = ctx();
    const shell = c.shell;
    this.drawBackdrop('owner-office', 0.2);
    // Keep the first-paint title (and the player's focus) when it is already on screen.
    const shown = this.layer.screenName === 'Title' && this.layer.main.querySelector('.title-card') !== null;
    this.begin('Title', 'title-screen', !shown);
    if (shown) {
      this.layer.main.querySelector('.loadbar')?.setAttribute('hidden', '');
      this.layer.main.querySelector('.loadnote')?.setAttribute('hidden', '');
    } else {
      renderTitle(this.layer, {
        play: () => navigate(shell, 'ScenarioSelect'),
        resume: shell.store.resume ? () => navigate(shell, 'Resume') : null,
        resumeLabel: 'Resume your interview',
        settings: () => navigate(shell, 'Settings'),
      }).setProgress(1, '');
      this.layer.focusFirst();
    }
    c.audio.startAmbience('office-bed');
    if (data?.go) {
      // First start after loading: navigation goes live, and a request made while loading is served.
      shell.go = data.go;
      const pending = shell.pending;
      shell.pending = null;
      if (pending) shell.go(pending);
    }
  }
}
