/** The game's sound, behind a small interface so scenes and tests never touch howler directly. */

export type Channel = 'ui' | 'voices' | 'ambience';

export interface Volumes {
  ui: number;
  voices: number;
  ambience: number;
  muted: boolean;
}

export interface PlayOptions {
  channel?: Channel;
  /** Playback rate: below 1 deeper and slower. */
  rate?: number;
  /** Extra gain 0–1 on top of the channel volume. */
  gain?: number;
}

export interface GameAudio {
  /** Plays a sound once; a missing or failed sound is skipped silently. */
  play(id: string, options?: PlayOptions): void;
  /** Starts a looping ambience (replacing any other). */
  startAmbience(id: string): void;
  stopAmbience(): void;
  setVolumes(volumes: Volumes): void;
  /** Loads the sounds ahead of use; resolves when done or failed (never rejects). */
  preload(ids: string[]): Promise<void>;
}

/** What a sound that carries meaning says in captions. */
export const CAPTIONS: Record<string, string> = {
  'warm-chime': '[a warm chime]',
  'cool-note': '[a low, cool note]',
  'offer-sting': '[an offer sting]',
  'reject-note': '[a falling note]',
};

/** A silent implementation for tests and for browsers without audio; records what was asked. */
export class SilentAudio implements GameAudio {
  readonly played: { id: string; options?: PlayOptions }[] = [];
  ambience: string | null = null;
  volumes: Volumes | null = null;
  play(id: string, options?: PlayOptions): void {
    this.played.push({ id, options });
  }
  startAmbience(id: string): void {
    this.ambience = id;
  }
  stopAmbience(): void {
    this.ambience = null;
  }
  setVolumes(volumes: Volumes): void {
    this.volumes = volumes;
  }
  preload(): Promise<void> {
    return Promise.resolve();
  }
}

/** Effective gain of a channel: 0 when muted, clamped to 0–1. */
export function channelGain(volumes: Volumes, channel: Channel, gain = 1): number {
  if (volumes.muted) return 0;
  const v = volumes[channel];
  return Math.min(1, Math.max(0, v * gain));
}
