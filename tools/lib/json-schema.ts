/**
 * Builds the JSON Schema of the scenario format from the zod schemas (the single source of
 * truth), for editors: `scenarios/scenario.schema.json`.
 */
import { z } from 'zod';
import { EngineVariables, FORMAT_VERSION, Scenario } from '../../src/engine';

export const SCHEMA_ID = 'urn:close-call:scenario-format:1';

/** The JSON Schema object, with $id and title. */
export function buildJsonSchema(): Record<string, unknown> {
  const generated = z.toJSONSchema(Scenario, { io: 'input' }) as Record<string, unknown>;
  const { $schema, ...rest } = generated;
  // The engine-set read-only variables, listed for authors beside the format (conditions may read them).
  const { $schema: _, ...engineVariables } = z.toJSONSchema(EngineVariables) as Record<string, unknown>;
  const defs = (rest.$defs ?? {}) as Record<string, unknown>;
  return {
    $schema,
    $id: SCHEMA_ID,
    title: `Close Call scenario (format version ${FORMAT_VERSION})`,
    ...rest,
    $defs: { ...defs, EngineVariables: engineVariables },
  };
}

/** The file text: pretty-printed with a trailing newline. */
export function jsonSchemaText(): string {
  return `${JSON.stringify(buildJsonSchema(), null, 2)}\n`;
}

/** Paths of every property (in `properties` anywhere in the schema) that has no description. */
export function propertiesWithoutDescription(schema: unknown): string[] {
  const missing: string[] = [];
  const defs = (schema as { $defs?: Record<string, unknown> }).$defs ?? {};
  const described = (s: unknown): boolean => {
    if (!s || typeof s !== 'object') return false;
    const o = s as Record<string, unknown>;
    if (typeof o.description === 'string' && o.description.trim() !== '') return true;
    if (typeof o.$ref === 'string') {
      const name = o.$ref.replace('#/$defs/', '');
      return described(defs[name]);
    }
    return false;
  };
  const walk = (s: unknown, path: string) => {
    if (Array.isArray(s)) {
      s.forEach((x, i) => {
        walk(x, `${path}[${i}]`);
      });
      return;
    }
    if (!s || typeof s !== 'object') return;
    const o = s as Record<string, unknown>;
    const props = o.properties;
    if (props && typeof props === 'object') {
      for (const [key, value] of Object.entries(props as Record<string, unknown>)) {
        if (!described(value)) missing.push(`${path}.properties.${key}`);
      }
    }
    for (const [key, value] of Object.entries(o)) {
      if (key === 'examples' || key === 'default' || key === 'const' || key === 'enum') continue;
      walk(value, `${path}.${key}`);
    }
  };
  walk(schema, '$');
  return missing;
}
