import type { Playthrough, Scenario } from '../engine';
import type { GameAudio } from './audio/audio';
import type { ScenarioEntry } from './catalog';
import type { Shell } from './shell';

/** The playthrough under way: the scenario, the engine's Playthrough and what the player has seen. */
export interface CurrentPlay {
  file: string;
  scenario: Scenario;
  play: Playthrough;
  /** Step at which the player last saw a response (so Response is shown once). */
  responseSeenStep: number;
  /** Whether the finished playthrough was recorded in progress. */
  recorded: boolean;
  /**
   * Set by hot reload just before it restarts a screen in place: the dialogue line that screen
   * showed at `step`, so the restarted screen keeps the player's line instead of replaying the lines.
   */
  resumeLine?: { screen: string; step: number; index: number };
}

/** Everything the scenes share. Scenes read and render it; the engine decides. */
export interface GameContext {
  shell: Shell;
  audio: GameAudio;
  catalog: ScenarioEntry[];
  current: CurrentPlay | null;
  /** Where Settings returns to. */
  returnTo: string;
  /** The active scene's key, set by each scene on create. */
  activeKey: string;
}

let context: GameContext | null = null;

export function setContext(c: GameContext): void {
  context = c;
}

export function ctx(): GameContext {
  if (!context) throw new Error('The game context is not set up yet.');
  return context;
}
