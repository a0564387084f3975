/**
 * Reading a stored save: each entry validated on its own (`readSave`, zod), the unreadable ones
 * set aside with a notice. Loaded only when there is a save to read (see `store.ts`'s `firstLook`).
 */
import { CORRUPT_PREFIX, SAVE_KEY } from './format';
import { readSave } from './schema';
import { firstLook, type KeyValueStorage, type LoadResult } from './store';

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
  const look = firstLook(storage, prefersReducedMotion);
  if ('loaded' in look) return look.loaded;
  const raw = look.raw;
  // firstLook found text, so there is a storage to set a copy aside in.
  const store = storage!;
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
    store.setItem(movedTo, copy);
    kept = store.getItem(movedTo) === copy;
  } catch {
    kept = false;
  }
  if (kept) {
    try {
      if (reading.ok) store.setItem(SAVE_KEY, JSON.stringify(reading.save));
      else store.removeItem(SAVE_KEY);
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
