/**
 * The save format (localStorage): settings, progress, best scores and a resumable playthrough
 * stored as its action log. Versioned; validated with zod on load (zod/mini, which keeps the
 * bundle small). Only a page that has a save to read loads this file (see `format.ts`).
 */
import * as z from 'zod/mini';
import { emptySave, SAVE_VERSION } from './format';

export { CORRUPT_PREFIX, defaultSettings, emptySave, SAVE_KEY, SAVE_VERSION } from './format';

const unit = () => z.number().check(z.gte(0), z.lte(1));

export const SettingsSchema = z.object({
  volumes: z.object({ ui: unit(), voices: unit(), ambience: unit() }),
  muted: z.boolean(),
  reducedMotion: z.boolean(),
  textSize: z.enum(['normal', 'large', 'larger']),
  highContrast: z.boolean(),
  mode: z.enum(['expected', 'realistic']),
  practice: z.boolean(),
  coach: z.boolean(),
});
export type Settings = z.infer<typeof SettingsSchema>;

const CloseSpecSchema = z.object({
  form: z.string(),
  delivery: z.string(),
  points: z.array(z.string()),
  leverage: z.nullable(z.string()),
  commit: z.boolean(),
});

const ActionSchema = z.union([
  z.object({ type: z.literal('choose'), choice: z.string() }),
  z.object({ type: z.literal('continue') }),
  z.object({ type: z.literal('close'), close: CloseSpecSchema }),
  z.object({ type: z.literal('persist'), act: z.string() }),
  z.object({ type: z.literal('let-go') }),
  z.object({ type: z.literal('negotiate'), move: z.string() }),
]);

export const PlaySaveSchema = z.object({
  v: z.literal(1),
  scenario: z.string(),
  seed: z.number(),
  mode: z.enum(['expected', 'realistic']),
  actions: z.array(ActionSchema),
});

export const ScenarioProgressSchema = z.object({
  best: z.nullable(z.number().check(z.gte(0), z.lte(100))),
  completed: z.boolean(),
  endings: z.array(z.string()),
  plays: z.number().check(z.gte(0)),
});
export type ScenarioProgress = z.infer<typeof ScenarioProgressSchema>;

export const SaveSchema = z.object({
  v: z.literal(SAVE_VERSION),
  settings: SettingsSchema,
  progress: z.record(z.string(), ScenarioProgressSchema),
  resume: z.nullable(PlaySaveSchema),
});
export type SaveFile = z.infer<typeof SaveSchema>;

export type Validation = { ok: true; save: SaveFile } | { ok: false; reason: string };

/** Parse and validate the stored text of a save. */
export function validateSave(raw: string): Validation {
  let data: unknown;
  try {
    data = JSON.parse(raw);
  } catch {
    return { ok: false, reason: 'it is not valid JSON' };
  }
  if (
    typeof data === 'object' &&
    data !== null &&
    'v' in data &&
    (data as { v: unknown }).v !== SAVE_VERSION
  ) {
    return { ok: false, reason: `it is from another version (${String((data as { v: unknown }).v)})` };
  }
  const parsed = SaveSchema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue ? issue.path.join('.') || 'the top level' : 'the top level';
    return { ok: false, reason: `it does not have the expected shape (at ${where})` };
  }
  return { ok: true, save: parsed.data };
}

/** One part of a save that could not be read, kept as it was stored. */
export interface SetAside {
  /** What the player would call it, e.g. `the best score for "first-round-panel"`. */
  what: string;
  /** Where it was in the save, e.g. `progress.first-round-panel`. */
  path: string;
  value: unknown;
}

export type Reading =
  | { ok: true; save: SaveFile; setAside: SetAside[] }
  | { ok: false; reason: string; save: SaveFile };

const isObject = (x: unknown): x is Record<string, unknown> =>
  typeof x === 'object' && x !== null && !Array.isArray(x);

const SETTING_NAMES: Record<keyof Settings, string> = {
  volumes: 'the volumes',
  muted: 'the mute setting',
  reducedMotion: 'the reduced-motion setting',
  textSize: 'the text size',
  highContrast: 'the contrast setting',
  mode: 'the play mode',
  practice: 'the practice-mode setting',
  coach: 'the coach setting',
};

/**
 * Reads a save entry by entry: each setting, each scenario's progress and the resumable
 * playthrough are checked on their own, so one bad entry costs only itself. Whole-file
 * problems (not JSON, another version, not an object) are `ok: false`.
 */
export function readSave(raw: string, prefersReducedMotion = false): Reading {
  const fresh = emptySave(prefersReducedMotion);
  let data: unknown;
  try {
    data = JSON.parse(raw);
  } catch {
    return { ok: false, reason: 'it is not valid JSON', save: fresh };
  }
  if (!isObject(data)) return { ok: false, reason: 'it is not a save object', save: fresh };
  if (data.v !== SAVE_VERSION) {
    return { ok: false, reason: `it is from another version (${String(data.v).slice(0, 40)})`, save: fresh };
  }
  const setAside: SetAside[] = [];
  const settings = { ...fresh.settings } as Record<string, unknown>;
  const storedSettings = Object.hasOwn(data, 'settings') ? data.settings : undefined;
  if (isObject(storedSettings)) {
    for (const key of Object.keys(SETTING_NAMES) as (keyof Settings)[]) {
      if (!Object.hasOwn(storedSettings, key)) continue;
      const field = SettingsSchema.shape[key].safeParse(storedSettings[key]);
      if (field.success) settings[key] = field.data;
      else setAside.push({ what: SETTING_NAMES[key], path: `settings.${key}`, value: storedSettings[key] });
    }
  } else if (storedSettings !== undefined) {
    setAside.push({ what: 'your settings', path: 'settings', value: storedSettings });
  }
  const progress: Record<string, ScenarioProgress> = {};
  const storedProgress = Object.hasOwn(data, 'progress') ? data.progress : undefined;
  if (isObject(storedProgress)) {
    for (const id of Object.keys(storedProgress)) {
      const entry = ScenarioProgressSchema.safeParse(storedProgress[id]);
      if (entry.success)
        Object.defineProperty(progress, id, {
          value: entry.data,
          enumerable: true,
          writable: true,
          configurable: true,
        });
      else
        setAside.push({
          what: `the best score for "${printable(id)}"`,
          path: `progress.${id}`,
          value: storedProgress[id],
        });
    }
  } else if (storedProgress !== undefined) {
    setAside.push({ what: 'your best scores', path: 'progress', value: storedProgress });
  }
  let resume: SaveFile['resume'] = null;
  const storedResume = Object.hasOwn(data, 'resume') ? data.resume : null;
  if (storedResume !== null) {
    const r = PlaySaveSchema.safeParse(storedResume);
    if (r.success) resume = r.data;
    else setAside.push({ what: 'the interview you left', path: 'resume', value: storedResume });
  }
  return {
    ok: true,
    save: { v: SAVE_VERSION, settings: settings as Settings, progress, resume },
    setAside,
  };
}

/** A name from storage, safe to show: control characters replaced and length capped. */
export function printable(s: string, max = 60): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: replacing control characters is the point.
  const clean = s.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, '?');
  return clean.length > max ? `${clean.slice(0, max - 1)}…` : clean;
}
