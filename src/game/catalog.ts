import { parseScenario } from '../engine';
import type { Problem } from '../engine/format/parse';
import type { Scenario } from '../engine/format/schema';

/** A scenario file found in scenarios/, parsed, or the problems that stopped it. */
export type ScenarioEntry =
  | { file: string; ok: true; scenario: Scenario }
  | { file: string; ok: false; problems: Problem[] };

// example.json is the format tour for authors (docs/authoring.md), not a scenario to play.
const files = import.meta.glob(
  ['../../scenarios/*.json', '!../../scenarios/scenario.schema.json', '!../../scenarios/example.json'],
  {
    query: '?raw',
    import: 'default',
  },
) as Record<string, () => Promise<string>>;

/** Loads and parses every scenario file; a broken file becomes an error entry, never an exception. */
export async function loadCatalog(
  onProgress?: (done: number, total: number) => void,
): Promise<ScenarioEntry[]> {
  const paths = Object.keys(files).sort();
  let done = 0;
  const entries = await Promise.all(
    paths.map(async (path): Promise<ScenarioEntry> => {
      const file = `scenarios/${path.split('/').pop()}`;
      try {
        const text = await (files[path] as () => Promise<string>)();
        const parsed = parseScenario(text, file);
        return parsed.ok
          ? { file, ok: true, scenario: parsed.scenario }
          : { file, ok: false, problems: parsed.problems };
      } catch (err) {
        return { file, ok: false, problems: [problemOf(file, err)] };
      } finally {
        done++;
        onProgress?.(done, paths.length);
      }
    }),
  );
  return sortEntries(entries);
}

export function sortEntries(entries: ScenarioEntry[]): ScenarioEntry[] {
  const rank = (e: ScenarioEntry) => (e.ok ? (e.scenario.meta.order ?? 1000) : 10_000);
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
    fix: 'Check that the file exists and is valid JSON.',
  };
}
