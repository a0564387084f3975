/**
 * The save format (localStorage): settings, progress, best scores and a resumable playthrough
 * stored as its action log. Versioned; validated with zod on load. zod/mini keeps the first
 * paint's JavaScript small.
 */
import * as z from 'zod/mini';

export const SAVE_VERSION = 1 as const;
export const SAVE_KEY = 'closecall.save';
export const CORRUPT_PREFIX = 'closecall.corrupt.';

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

export function defaultSettings(prefersReducedMotion = false): Settings {
  return {
    volumes: { ui: 0.7, voices: 0.5, ambience: 0.35 },
    muted: false,
    reducedMotion: prefersReducedMotion,
    textSize: 'normal',
    highContrast: false,
    mode: 'expected',
    practice: false,
    coach: true,
  };
}

export function emptySave(prefersReducedMotion = false): SaveFile {
  return { v: SAVE_VERSION, settings: defaultSettings(prefersReducedMotion), progress: {}, resume: null };
}

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
