import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildJsonSchema, jsonSchemaText, propertiesWithoutDescription } from '../../tools/lib/json-schema';

describe('scenario.schema.json', () => {
  it('is up to date with the zod schemas (run npm run schema)', () => {
    const committed = readFileSync('scenarios/scenario.schema.json', 'utf8');
    expect(
      committed === jsonSchemaText(),
      'scenarios/scenario.schema.json is out of date: run npm run schema',
    ).toBe(true);
  });

  it('describes every property', () => {
    const missing = propertiesWithoutDescription(buildJsonSchema());
    expect(missing, `properties without a description:\n${missing.join('\n')}`).toEqual([]);
  });

  it('the walker finds undescribed properties', () => {
    const missing = propertiesWithoutDescription({
      type: 'object',
      properties: { a: { type: 'string', description: 'A.' }, b: { type: 'object', properties: { c: {} } } },
    });
    expect(missing).toEqual(['$.properties.b', '$.properties.b.properties.c']);
  });

  it('has an id, a title, and the recursive condition', () => {
    const schema = buildJsonSchema();
    expect(schema.$id).toBeTypeOf('string');
    expect(schema.title).toContain('Close Call scenario');
    expect(JSON.stringify(schema)).toContain('"not"');
  });
});
