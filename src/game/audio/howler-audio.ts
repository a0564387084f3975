import { Howl, Howler } from 'howler';
import { type Channel, channelGain, type GameAudio, type PlayOptions, type Volumes } from './audio';

/** Sound URLs by id: both formats, ogg first. */
export type SoundManifest = Record<string, string[]>;

const BASE_GAIN: Record<Channel, number> = { ui: 0.6, voices: 0.35, ambience: 0.25 };

/** howler-backed audio. A sound that is missing or fails to load is skipped with a console.info. */
export class HowlerAudio implements GameAudio {
  private readonly howls = new Map<string, Howl>();
  private readonly failed = new Set<string>();
  private volumes: Volumes = { ui: 0.7, voices: 0.5, ambience: 0.35, muted: false };
  private ambienceId: string | null = null;
  private ambienceSound: number | null = null;

  constructor(private readonly manifest: SoundManifest) {
    Howler.autoSuspend = false;
  }

  private howl(id: string): Howl | null {
    if (this.failed.has(id)) return null;
    const existing = this.howls.get(id);
    if (existing) return existing;
    const src = Object.hasOwn(this.manifest, id) ? this.manifest[id] : undefined;
    if (!src || src.length === 0) {
      this.failed.add(id);
      console.info(`Close Call: sound "${id}" is not available; skipping it.`);
      return null;
    }
    const howl = new Howl({
      src,
      format: src.map((u) => (u.split('?')[0]?.endsWith('.mp3') ? 'mp3' : 'ogg')),
      preload: true,
      html5: false,
      onloaderror: (_sid, err) => {
        this.failed.add(id);
        this.howls.delete(id);
        console.info(`Close Call: sound "${id}" failed to load (${String(err)}); skipping it.`);
      },
      onplayerror: (_sid, err) => {
        console.info(`Close Call: sound "${id}" could not play (${String(err)}).`);
      },
    });
    this.howls.set(id, howl);
    return howl;
  }

  preload(ids: string[]): Promise<void> {
    const waits = ids.map(
      (id) =>
        new Promise<void>((resolve) => {
          const h = this.howl(id);
          if (!h || h.state() === 'loaded') return resolve();
          h.once('load', () => resolve());
          h.once('loaderror', () => resolve());
          setTimeout(resolve, 4000);
        }),
    );
    return Promise.all(waits).then(() => undefined);
  }

  play(id: string, options: PlayOptions = {}): void {
    const channel = options.channel ?? 'ui';
    const gain = channelGain(this.volumes, channel, (options.gain ?? 1) * BASE_GAIN[channel] * 1.6);
    if (gain <= 0) return;
    const h = this.howl(id);
    if (!h) return;
    try {
      const sid = h.play();
      h.volume(gain, sid);
      if (options.rate && options.rate !== 1) h.rate(options.rate, sid);
    } catch (err) {
      console.info(`Close Call: sound "${id}" could not play`, err);
    }
  }

  startAmbience(id: string): void {
    if (this.ambienceId === id && this.ambienceSound !== null) return;
    this.stopAmbience();
    const h = this.howl(id);
    if (!h) return;
    this.ambienceId = id;
    h.loop(true);
    try {
      this.ambienceSound = h.play();
      h.volume(channelGain(this.volumes, 'ambience', BASE_GAIN.ambience * 1.6), this.ambienceSound);
    } catch (err) {
      console.info('Close Call: ambience could not play', err);
    }
  }

  stopAmbience(): void {
    if (this.ambienceId) {
      const h = this.howls.get(this.ambienceId);
      if (h && this.ambienceSound !== null) h.stop(this.ambienceSound);
    }
    this.ambienceId = null;
    this.ambienceSound = null;
  }

  setVolumes(volumes: Volumes): void {
    this.volumes = volumes;
    if (this.ambienceId && this.ambienceSound !== null) {
      const h = this.howls.get(this.ambienceId);
      h?.volume(channelGain(volumes, 'ambience', BASE_GAIN.ambience * 1.6), this.ambienceSound);
    }
  }
}
