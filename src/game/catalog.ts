import type { Problem, Scenario } from '../engine';
import { validateScenario } from '../engine';
import { backdropUrls, portraitUrl } from '../web/assets';
import { soundManifest } from './audio/manifest';

/** Where a scenario came from: the game's library (fetched) or a file loaded from the player's disk. */
export type ScenarioSource = 'library' | 'local';

/**
 * A scenario file, validated (schema and graph checks, the same code as `npm run validate`), or
 * the problems that stopped it. A file with any error is never playable.
 */
export type ScenarioEntry =
  | { file: string; source: ScenarioSource; ok: true; scenario: Scenario; problems: Problem[] }
  | { file: string; source: ScenarioSource; ok: false; problems: Problem[] };

/** The art and sounds this build holds, so the browser checks assets as the command line does. */
export function assetExists(rel: string): boolean {
  let m = /^assets\/backdrops\/([^/]+)\.svg$/.exec(rel);
  if (m) return m[1]! in backdropUrls();
  m = /^assets\/portraits\/([^/]+)\/([^/]+)\.svg$/.exec(rel);
  if (m) return portraitUrl(m[1]!, m[2]!) !== null;
  m = /^assets\/sounds\/([^/]+)\.ogg$/.exec(rel);
  if (m) return (soundManifest()[m[1]!]?.length ?? 0) > 0;
  return false;
}

/** Validates one scenario text; never throws. */
export function validateEntry(text: string, file: string, source: ScenarioSource): ScenarioEntry {
  try {
    const result = validateScenario(text, file, { assetExists });
    return result.ok
      ? { file, source, ok: true, scenario: result.scenario, problems: result.problems }
      : { file, source, ok: false, problems: result.problems };
  } catch (err) {
    return { file, source, ok: false, problems: [problemOf(file, err)] };
  }
}

interface CatalogFile {
  name: string;
  hash: string;
}

/** The catalogue the build writes (scenarios/index.json); the dev server makes it on request. */
async function fetchIndex(base: string): Promise<CatalogFile[]> {
  const res = await fetch(`${base}scenarios/index.json`, { cache: 'no-store' });
  if (!res.ok) throw new Error(`scenarios/index.json: HTTP ${res.status}`);
  const body = (await res.json()) as { files?: unknown };
  if (!Array.isArray(body.files)) throw new Error('scenarios/index.json has no list of files');
  return body.files.filter(
    (f): f is CatalogFile =>
      typeof f === 'object' && f !== null && typeof (f as CatalogFile).name === 'string',
  );
}

/** Fetches one library scenario and validates it. */
export async function fetchEntry(name: string, hash = '', base = './'): Promise<ScenarioEntry> {
  const file = `scenarios/${name}`;
  try {
    const res = await fetch(`${base}${file}${hash ? `?v=${hash}` : ''}`, { cache: 'no-store' });
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    return validateEntry(await res.text(), file, 'library');
  } catch (err) {
    return { file, source: 'library', ok: false, problems: [problemOf(file, err)] };
  }
}

/** Fetches the catalogue and every scenario in it; a broken file becomes an error entry, never an exception. */
export async function loadCatalog(
  onProgress?: (done: number, total: number) => void,
  base = './',
): Promise<ScenarioEntry[]> {
  let files: CatalogFile[];
  try {
    files = await fetchIndex(base);
  } catch (err) {
    return [
      {
        file: 'scenarios/index.json',
        source: 'library',
        ok: false,
        problems: [problemOf('scenarios/index.json', err)],
      },
    ];
  }
  let done = 0;
  const entries = await Promise.all(
    files.map(async (f) => {
      const entry = await fetchEntry(f.name, f.hash, base);
      done++;
      onProgress?.(done, files.length);
      return entry;
    }),
  );
  return sortEntries(rejectDuplicateIds(entries));
}

/**
 * Saves and best scores key on meta.id, so a second file with an id already taken is shown as
 * broken rather than played (its resume would be restored against the other file).
 */
export function rejectDuplicateIds(entries: ScenarioEntry[]): ScenarioEntry[] {
  const first = new Map<string, string>();
  for (const e of [...entries].sort((a, b) => a.file.localeCompare(b.file))) {
    if (e.ok && !first.has(e.scenario.meta.id)) first.set(e.scenario.meta.id, e.file);
  }
  return entries.map((e) => {
    if (!e.ok) return e;
    const owner = first.get(e.scenario.meta.id);
    if (owner === undefined || owner === e.file) return e;
    const problem: Problem = {
      file: e.file,
      line: 1,
      column: 1,
      path: '$.meta.id',
      severity: 'error',
      code: 'duplicate-scenario-id',
      message: `the scenario id "${e.scenario.meta.id}" is also used by ${owner}`,
      fix: 'Give each scenario file its own meta.id: saves and best scores are kept under it.',
    };
    return { file: e.file, source: e.source, ok: false, problems: [problem] };
  });
}

export function sortEntries(entries: ScenarioEntry[]): ScenarioEntry[] {
  // Files loaded from the player's computer first (an author wants to see theirs at once), then the library.
  const rank = (e: ScenarioEntry) =>
    (e.source === 'local' ? -20_000 : 0) + (e.ok ? (e.scenario.meta.order ?? 1000) : 10_000);
  return [...entries].sort((a, b) => rank(a) - rank(b) || a.file.localeCompare(b.file));
}

function problemOf(file: string, err: unknown): Problem {
  return {
    file,
    line: 0,
    column: 0,
    path: '$',
    severity: 'error',
    code: 'unreadable',
    message: `The file could not be read: ${err instanceof Error ? err.message : String(err)}`,
    fix: 'Check that the file exists and is valid JSON; run npm run validate on it for details.',
  };
}
