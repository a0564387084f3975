import type { SoundManifest } from './howler-audio';

/** Every sound file in assets/sounds, found at build time: id → [ogg, mp3] URLs. */
const files = import.meta.glob('../../../assets/sounds/*.{ogg,mp3}', {
  eager: true,
  query: '?url',
  import: 'default',
}) as Record<string, string>;

export function soundManifest(): SoundManifest {
  const byId: Record<string, { ogg?: string; mp3?: string }> = {};
  for (const [path, url] of Object.entries(files)) {
    const m = /\/([^/]+)\.(ogg|mp3)$/.exec(path);
    if (!m?.[1] || !m[2]) continue;
    const entry = byId[m[1]] ?? {};
    entry[m[2] as 'ogg' | 'mp3'] = url;
    byId[m[1]] = entry;
  }
  const out: SoundManifest = {};
  for (const [id, e] of Object.entries(byId)) out[id] = [e.ogg, e.mp3].filter((u): u is string => !!u);
  return out;
}
