/**
 * What the Title needs of the save before any of it is read: its key, its version and the fresh
 * save. No zod here: a first visit (nothing saved) paints the Title without loading the save's
 * validation (`load.ts`, `schema.ts`), which was most of the JavaScript before the Title.
 */
import type { SaveFile, Settings } from './schema';

export const SAVE_VERSION = 1 as const;
export const SAVE_KEY = 'closecall.save';
export const CORRUPT_PREFIX = 'closecall.corrupt.';

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
