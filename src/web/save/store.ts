import type { SaveData } from '../../engine';
import {
  CORRUPT_PREFIX,
  emptySave,
  readSave,
  SAVE_KEY,
  type SaveFile,
  type ScenarioProgress,
  type Settings,
} from './schema';

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

const list = (items: string[]) =>
  items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;

/**
 * Reads the save entry by entry (`readSave`): an unreadable entry is set aside alone, to
 * `closecall.corrupt.<time>`, and everything else is kept; a save that cannot be read at all is
 * set aside whole. The notice says what was lost and whether the copy was really kept.
 * Never throws.
 */
export function loadSave(
  storage: KeyValueStorage | null,
  now: number,
  prefersReducedMotion = false,
): LoadResult {
  const fresh = emptySave(prefersReducedMotion);
  if (!storage) return { save: fresh, notice: CANNOT_SAVE, movedTo: null };
  let raw: string | null = null;
  try {
    raw = storage.getItem(SAVE_KEY);
  } catch {
    return { save: fresh, notice: CANNOT_SAVE, movedTo: null };
  }
  if (raw === null) return { save: fresh, notice: null, movedTo: null };
  const reading = readSave(raw, prefersReducedMotion);
  if (reading.ok && reading.setAside.length === 0) return { save: reading.save, notice: null, movedTo: null };

  const movedTo = `${CORRUPT_PREFIX}${now}`;
  const copy = reading.ok
    ? JSON.stringify({
        from: SAVE_KEY,
        entries: Object.fromEntries(reading.setAside.map((e) => [e.path, e.value])),
      })
    : raw;
  let kept = false;
  try {
    storage.setItem(movedTo, copy);
    kept = storage.getItem(movedTo) === copy;
  } catch {
    kept = false;
  }
  if (kept) {
    try {
      if (reading.ok) storage.setItem(SAVE_KEY, JSON.stringify(reading.save));
      else storage.removeItem(SAVE_KEY);
    } catch {
      // The next successful write replaces the unreadable save.
    }
  }
  const where = kept
    ? `It was set aside (as ${movedTo}).`
    : "A copy could not be kept, because this browser's storage is full or blocked, so it is lost.";
  const notice = reading.ok
    ? `Part of your saved progress could not be read: ${list(reading.setAside.map((e) => e.what))}. ${where} Everything else was kept.`
    : `Your saved progress could not be read because ${reading.reason}. ${where} The game starts fresh.`;
  return { save: reading.save, notice, movedTo: kept ? movedTo : null };
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
