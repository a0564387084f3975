/**
 * The save in memory, written through to the browser's storage. Reading a stored save (its
 * validation, with zod) lives in `load.ts`, loaded only when there is a save to read: `firstLook`
 * answers without it when nothing is stored, so a first visit's Title needs none of it.
 */
import type { SaveData } from '../../engine';
import { emptySave, SAVE_KEY } from './format';
import type { SaveFile, ScenarioProgress, Settings } from './schema';

/** The part of Storage the save needs (localStorage in the browser, a Map in tests). */
export interface KeyValueStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

export interface LoadResult {
  save: SaveFile;
  /** A notice for the player when part or all of the save could not be read, or cannot be written. */
  notice: string | null;
  /** Where the unreadable part was kept, or null when nothing was set aside (or keeping it failed). */
  movedTo: string | null;
}

/** Told to the player when the browser will not keep anything. */
export const CANNOT_SAVE =
  'Progress cannot be saved in this browser (its storage is full, blocked or switched off): you can play, but scores and settings will be lost when you close the page.';

/**
 * The save when nothing needs reading: no storage (the notice says progress cannot be kept), or
 * nothing stored yet (a first visit). Otherwise the stored text, for `loadSave` (`load.ts`) to read.
 */
export function firstLook(
  storage: KeyValueStorage | null,
  prefersReducedMotion = false,
): { loaded: LoadResult } | { raw: string } {
  const fresh = emptySave(prefersReducedMotion);
  if (!storage) return { loaded: { save: fresh, notice: CANNOT_SAVE, movedTo: null } };
  let raw: string | null = null;
  try {
    raw = storage.getItem(SAVE_KEY);
  } catch {
    return { loaded: { save: fresh, notice: CANNOT_SAVE, movedTo: null } };
  }
  if (raw === null) return { loaded: { save: fresh, notice: null, movedTo: null } };
  return { raw };
}

/** Holds the save in memory and writes it through on every change. */
export class SaveStore {
  private data: SaveFile;

  private failed = false;

  /** `onWriteError` is called once, the first time the browser refuses to keep the save. */
  constructor(
    private readonly storage: KeyValueStorage | null,
    initial: SaveFile,
    private readonly onWriteError?: (message: string) => void,
  ) {
    this.data = initial;
  }

  /** Whether the last write failed (storage full or blocked). */
  get writeFailed(): boolean {
    return this.failed;
  }

  get settings(): Settings {
    return this.data.settings;
  }

  get resume(): SaveData | null {
    return this.data.resume as SaveData | null;
  }

  progress(scenarioId: string): ScenarioProgress {
    const progress = this.data.progress;
    return Object.hasOwn(progress, scenarioId)
      ? progress[scenarioId]!
      : { best: null, completed: false, endings: [], plays: 0 };
  }

  updateSettings(patch: Partial<Settings>): Settings {
    this.data = { ...this.data, settings: { ...this.data.settings, ...patch } };
    this.write();
    return this.data.settings;
  }

  /** Records a finished playthrough: best score, endings seen, completion. */
  recordResult(scenarioId: string, score: number, endingId: string): ScenarioProgress {
    const old = this.progress(scenarioId);
    const clean = Math.max(0, Math.min(100, Math.round(Number.isFinite(score) ? score : 0)));
    const next: ScenarioProgress = {
      best: old.best === null ? clean : Math.max(old.best, clean),
      completed: true,
      endings: old.endings.includes(endingId) ? old.endings : [...old.endings, endingId],
      plays: old.plays + 1,
    };
    this.data = { ...this.data, progress: { ...this.data.progress, [scenarioId]: next } };
    this.write();
    return next;
  }

  setResume(save: SaveData | null): void {
    this.data = { ...this.data, resume: save };
    this.write();
  }

  snapshot(): SaveFile {
    return this.data;
  }

  private write(): void {
    if (!this.storage) return;
    try {
      this.storage.setItem(SAVE_KEY, JSON.stringify(this.data));
      this.failed = false;
    } catch (err) {
      console.info('Close Call: the save could not be written', err);
      if (!this.failed && !this.told) {
        this.told = true;
        this.onWriteError?.(CANNOT_SAVE);
      }
      this.failed = true;
    }
  }

  private told = false;
}
