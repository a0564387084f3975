import type { SaveData } from '../../engine/types';
import {
  CORRUPT_PREFIX,
  emptySave,
  SAVE_KEY,
  type SaveFile,
  type ScenarioProgress,
  type Settings,
  validateSave,
} from './schema';

/** The part of Storage the save needs (localStorage in the browser, a Map in tests). */
export interface KeyValueStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

export interface LoadResult {
  save: SaveFile;
  /** A notice for the player when a save could not be read and was moved aside. */
  notice: string | null;
  /** Where the unreadable save was kept. */
  movedTo: string | null;
}

/**
 * Reads the save; an unreadable or outdated one is moved aside to `closecall.corrupt.<time>`
 * and the game starts fresh with a notice. Never throws.
 */
export function loadSave(
  storage: KeyValueStorage | null,
  now: number,
  prefersReducedMotion = false,
): LoadResult {
  const fresh = emptySave(prefersReducedMotion);
  if (!storage) return { save: fresh, notice: null, movedTo: null };
  let raw: string | null = null;
  try {
    raw = storage.getItem(SAVE_KEY);
  } catch {
    return { save: fresh, notice: null, movedTo: null };
  }
  if (raw === null) return { save: fresh, notice: null, movedTo: null };
  const result = validateSave(raw);
  if (result.ok) return { save: result.save, notice: null, movedTo: null };
  const movedTo = `${CORRUPT_PREFIX}${now}`;
  try {
    storage.setItem(movedTo, raw);
    storage.removeItem(SAVE_KEY);
  } catch {
    // Storage full or blocked: the fresh save simply is not persisted.
  }
  return {
    save: fresh,
    notice: `Your saved progress could not be read because ${result.reason}. It was set aside (as ${movedTo}) and the game starts fresh.`,
    movedTo,
  };
}

/** Holds the save in memory and writes it through on every change. */
export class SaveStore {
  private data: SaveFile;

  constructor(
    private readonly storage: KeyValueStorage | null,
    initial: SaveFile,
  ) {
    this.data = initial;
  }

  get settings(): Settings {
    return this.data.settings;
  }

  get resume(): SaveData | null {
    return this.data.resume as SaveData | null;
  }

  progress(scenarioId: string): ScenarioProgress {
    return this.data.progress[scenarioId] ?? { best: null, completed: false, endings: [], plays: 0 };
  }

  updateSettings(patch: Partial<Settings>): Settings {
    this.data = { ...this.data, settings: { ...this.data.settings, ...patch } };
    this.write();
    return this.data.settings;
  }

  /** Records a finished playthrough: best score, endings seen, completion. */
  recordResult(scenarioId: string, score: number, endingId: string): ScenarioProgress {
    const old = this.progress(scenarioId);
    const next: ScenarioProgress = {
      best: old.best === null ? score : Math.max(old.best, score),
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
    } catch (err) {
      console.info('Close Call: the save could not be written', err);
    }
  }
}
