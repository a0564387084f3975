/**
 * The scenarios a room can play: every valid file in scenarios/, parsed once at start, except the
 * format tour. example.json shows authors every feature of the format (the player's list leaves it
 * out too, tools/lib/scenario-catalog.ts); it teaches no lesson to a room, so rooms do not offer it.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseScenario, type Scenario } from '../engine';

export interface ScenarioEntry {
  id: string;
  title: string;
  order: number | null;
  file: string;
  text: string;
  scenario: Scenario;
}

/** Files in scenarios/ that are not for rooms: the schema and the format tour. */
export const NOT_FOR_ROOMS: ReadonlySet<string> = new Set(['scenario.schema.json', 'example.json']);

export function loadScenarios(
  dir: string,
  log: (line: string) => void = () => {},
): Map<string, ScenarioEntry> {
  const out = new Map<string, ScenarioEntry>();
  for (const name of readdirSync(dir).sort()) {
    if (!name.endsWith('.json') || NOT_FOR_ROOMS.has(name) || name === 'index.json') continue;
    const file = join(dir, name);
    const text = readFileSync(file, 'utf8');
    const parsed = parseScenario(text, `scenarios/${name}`);
    if (!parsed.ok) {
      const errors = parsed.problems.filter((p) => p.severity === 'error');
      log(`Skipping scenarios/${name}: ${errors[0]?.message ?? 'it does not validate'}`);
      continue;
    }
    const s = parsed.scenario;
    if (out.has(s.meta.id)) {
      log(
        `Skipping scenarios/${name}: the id "${s.meta.id}" is already used by ${out.get(s.meta.id)!.file}.`,
      );
      continue;
    }
    out.set(s.meta.id, {
      id: s.meta.id,
      title: s.meta.title,
      order: s.meta.order ?? null,
      file: name,
      text,
      scenario: s,
    });
  }
  return out;
}
