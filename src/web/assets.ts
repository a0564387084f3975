/** Art found at build time: backdrops and portraits as URLs (missing files are simply absent). */
const backdropFiles = import.meta.glob('../../assets/backdrops/*.svg', {
  eager: true,
  query: '?url',
  import: 'default',
}) as Record<string, string>;
const portraitFiles = import.meta.glob('../../assets/portraits/*/*.svg', {
  eager: true,
  query: '?url',
  import: 'default',
}) as Record<string, string>;

export function backdropUrls(): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [path, url] of Object.entries(backdropFiles)) {
    const m = /\/([^/]+)\.svg$/.exec(path);
    if (m?.[1]) out[m[1]] = url;
  }
  return out;
}

export function portraitUrl(portraitId: string, expression: string): string | null {
  return portraitFiles[`../../assets/portraits/${portraitId}/${expression}.svg`] ?? null;
}

export const backdropKey = (id: string) => `backdrop:${id}`;
export const portraitKey = (id: string, expression: string) => `portrait:${id}:${expression}`;
