/**
 * Scenarios are data: the build copies scenarios/*.json next to the game and writes a
 * catalogue (scenarios/index.json) that the game fetches; the dev server serves the same
 * files straight from disk, so a saved file is seen on the next fetch without a rebuild.
 *
 * Left out of the player's list: the JSON schema and the format tour (example.json), which
 * documents every feature rather than teaching a lesson. Both stay in scenarios/ for authors.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export const NOT_PLAYABLE = new Set(['scenario.schema.json', 'example.json']);

export interface CatalogFile {
  /** File name inside scenarios/, e.g. "01-final-say.json". */
  name: string;
  /** A short hash of the content: the game fetches `name?v=hash`, so a changed file is never stale. */
  hash: string;
}

export interface Catalog {
  v: 1;
  files: CatalogFile[];
}

/** The scenario files that belong in the player's list, sorted by name. */
export function scenarioFiles(dir: string): string[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json') && !NOT_PLAYABLE.has(f) && f !== 'index.json')
    .sort();
}

export function buildCatalog(dir: string): Catalog {
  return {
    v: 1,
    files: scenarioFiles(dir).map((name) => ({
      name,
      hash: createHash('sha256')
        .update(readFileSync(join(dir, name)))
        .digest('hex')
        .slice(0, 12),
    })),
  };
}
