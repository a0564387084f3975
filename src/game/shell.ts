import type { LmsLink } from '../web/lms/link';
import type { SaveStore } from '../web/save/store';
import type { DomLayer } from './dom/layer';

/**
 * What exists before Phaser loads: the DOM layer, the save, and navigation that waits for the game.
 * The first-paint Title sends navigation here; once the game is up, `go` switches scenes.
 */
export interface Shell {
  layer: DomLayer;
  store: SaveStore;
  /** Set by the game when its scenes can be started. */
  go: ((sceneKey: string) => void) | null;
  /** A scene asked for before the game was ready. */
  pending: string | null;
  /** The learning platform this launch reports to (docs/lms.md), when there is one. */
  lms?: LmsLink | null;
  /** Progress of loading, for the Title's bar. */
  progress(fraction: number, note: string): void;
}

export function navigate(shell: Shell, sceneKey: string): void {
  if (shell.go) shell.go(sceneKey);
  else {
    shell.pending = sceneKey;
    shell.progress(0.05, 'Getting the office ready…');
  }
}
