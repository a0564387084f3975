/**
 * Suspend data: the engine's action log (the whole playthrough, since its state is the replay
 * of its actions) packed to fit a SCORM platform's suspend_data. SCORM 1.2 guarantees 4,096
 * characters, SCORM 2004 (4th edition) 64,000. The log is written as compact JSON, compressed
 * with raw DEFLATE (fflate) and written in base64url after a version tag.
 *
 * When it does not fit (a log far longer than any shipped scenario makes), `packSuspend`
 * returns null: the reporter then writes nothing to suspend_data and tells the learner that
 * this platform cannot keep their place, so leaving starts the interview again there.
 */
import { deflateSync, inflateSync, strFromU8, strToU8 } from 'fflate';
import type { SaveData } from '../../engine';
import { PlaySaveSchema } from '../save/schema';

export const SUSPEND_LIMIT = { '1.2': 4096, '2004': 64000 } as const;

const TAG = 'cc1.';

function toBase64Url(bytes: Uint8Array): string {
  let bin = '';
  for (let i = 0; i < bytes.length; i++) bin += String.fromCharCode(bytes[i]!);
  return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(text: string): Uint8Array {
  const b64 = text.replace(/-/g, '+').replace(/_/g, '/');
  const bin = atob(b64 + '='.repeat((4 - (b64.length % 4)) % 4));
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

/** The playthrough as suspend data, or null when it is longer than `limit` characters. */
export function packSuspend(save: SaveData, limit: number): string | null {
  const packed = TAG + toBase64Url(deflateSync(strToU8(JSON.stringify(save)), { level: 9 }));
  return packed.length <= limit ? packed : null;
}

export type Unpacked = { ok: true; save: SaveData } | { ok: false; reason: string };

/** Reads suspend data back; anything this game did not write is refused with a reason, never thrown. */
export function unpackSuspend(text: string): Unpacked {
  if (!text.startsWith(TAG)) return { ok: false, reason: 'it was not written by this game' };
  let json: unknown;
  try {
    json = JSON.parse(strFromU8(inflateSync(fromBase64Url(text.slice(TAG.length)))));
  } catch {
    return { ok: false, reason: 'it is damaged' };
  }
  const parsed = PlaySaveSchema.safeParse(json);
  if (!parsed.success) return { ok: false, reason: 'it does not hold a playthrough' };
  return { ok: true, save: parsed.data as SaveData };
}
