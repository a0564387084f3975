import type { KeyValueStorage } from '../web/save/store';
import { type ScenarioEntry, validateEntry } from './catalog';

/** Scenario files the player loaded from their computer, kept across reloads in localStorage. */
export const LOCAL_KEY = 'closecall.local-scenarios';

export interface LocalFile {
  /** The file's name as it was on disk, e.g. "my-interview.json". */
  name: string;
  text: string;
  addedAt: number;
}

export function readLocal(storage: KeyValueStorage | null): LocalFile[] {
  if (!storage) return [];
  try {
    const raw = storage.getItem(LOCAL_KEY);
    if (!raw) return [];
    const list = JSON.parse(raw) as unknown;
    if (!Array.isArray(list)) return [];
    return list.filter(
      (f): f is LocalFile =>
        typeof f === 'object' &&
        f !== null &&
        typeof (f as LocalFile).name === 'string' &&
        typeof (f as LocalFile).text === 'string',
    );
  } catch {
    return [];
  }
}

/**
 * Adds (or replaces, by name) a loaded file. Returns a sentence when it could not be kept
 * (storage full or unavailable): the file still plays in this visit.
 */
export function keepLocal(storage: KeyValueStorage | null, file: LocalFile): string | null {
  if (!storage) return 'This browser does not allow saving, so the file is kept only until you leave.';
  const list = readLocal(storage).filter((f) => f.name !== file.name);
  list.push(file);
  try {
    storage.setItem(LOCAL_KEY, JSON.stringify(list));
    return null;
  } catch {
    return 'The browser has no room to keep this file, so it is kept only until you leave.';
  }
}

export function removeLocal(storage: KeyValueStorage | null, name: string): void {
  if (!storage) return;
  const list = readLocal(storage).filter((f) => f.name !== name);
  try {
    if (list.length === 0) storage.removeItem(LOCAL_KEY);
    else storage.setItem(LOCAL_KEY, JSON.stringify(list));
  } catch {
    /* nothing more to do: the card is gone for this visit */
  }
}

/** localStorage when the browser allows it, else null. */
export function browserStorage(): KeyValueStorage | null {
  try {
    const s = window.localStorage;
    s.getItem('closecall.probe');
    return s;
  } catch {
    return null;
  }
}

/** The kept files, validated again (the game may have changed since they were loaded). */
export function localEntries(storage: KeyValueStorage | null): ScenarioEntry[] {
  return readLocal(storage).map((f) => validateEntry(f.text, f.name, 'local'));
}
