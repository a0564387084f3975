/**
 * docs/protocol.md's generated parts, from the zod schemas in src/protocol/ (the single source of
 * truth): every named type's shape, every event's payload and reply, the error codes, the
 * limits, and one JSON Schema document with all of them (what tests/server/protocol-doc.test.ts
 * builds its client from). `npm run protocol` rewrites the parts between the markers
 * `<!-- generated:NAME -->` and `<!-- /generated:NAME -->`; the prose around them is kept.
 */
import { z } from 'zod';
import * as P from '../../src/protocol/index';

type Json = Record<string, unknown>;

/** Types that have a name in the document; the rest are written inline. Order is the document's. */
const OUTPUT_TYPES: [string, z.ZodType][] = [
  ['RoomState', P.RoomState],
  ['RoomSettings', P.RoomSettings],
  ['Rule', P.Rule],
  ['TeamState', P.TeamState],
  ['Round', P.Round],
  ['Task', P.Task],
  ['Option', P.Option],
  ['CloseChoices', P.CloseChoices],
  ['Reveal', P.Reveal],
  ['TeamResult', P.TeamResult],
  ['Counts', P.Counts],
  ['LogEntry', P.LogEntry],
  ['Action', P.ActionWire],
  ['CloseSpec', P.CloseSpecWire],
  ['PlayerInfo', P.PlayerInfo],
  ['You', P.You],
  ['Ballot', P.Ballot],
  ['ProtocolError', P.ProtocolError],
  ['ScenarioSummary', P.ScenarioSummary],
  ['SessionSummary', P.SessionSummary],
  ['SessionRecord', P.SessionRecord],
  ['VoteRecord', P.VoteRecord],
];

/** Client payloads are shown as a client may send them (fields with a default may be left out). */
const INPUT_TYPES: [string, z.ZodType][] = [
  ['Ballot', P.Ballot],
  ['RoomSettingsInput', P.RoomSettings],
];

export const eventDef = (event: string) => `event:${event}`;
export const replyDef = (event: string) => `reply:${event}`;

function registered(
  list: [string, z.ZodType][],
  extra: [string, z.ZodType][],
  io: 'input' | 'output',
): Record<string, Json> {
  const reg = z.registry<{ id: string }>();
  const seen = new Set<z.ZodType>();
  for (const [id, schema] of [...list, ...extra]) {
    if (seen.has(schema)) continue;
    seen.add(schema);
    reg.add(schema, { id });
  }
  const out = z.toJSONSchema(reg, { io, uri: (id) => `#/$defs/${id}` }) as { schemas: Record<string, Json> };
  const defs: Record<string, Json> = {};
  for (const [id, s] of Object.entries(out.schemas)) {
    const { $schema: _s, $id: _i, ...rest } = s;
    defs[id] = rest;
  }
  return defs;
}

/** Every named type, event payload and reply as one JSON Schema `$defs` table. */
export function protocolDefs(): Record<string, Json> {
  const named = new Map(OUTPUT_TYPES.map(([id, s]) => [s, id] as const));
  const serverEvents: [string, z.ZodType][] = Object.entries(P.ServerEvents)
    .filter(([, s]) => !named.has(s))
    .map(([e, s]) => [eventDef(e), s]);
  const replies: [string, z.ZodType][] = P.CLIENT_EVENTS.map((e) => [replyDef(e.event), e.reply]);
  const output = registered(OUTPUT_TYPES, [...serverEvents, ...replies], 'output');
  const payloads: [string, z.ZodType][] = P.CLIENT_EVENTS.map((e) => [eventDef(e.event), e.schema]);
  const input = registered(INPUT_TYPES, payloads, 'input');
  // Server events that are a named type point at it.
  for (const [e, s] of Object.entries(P.ServerEvents)) {
    const id = named.get(s);
    if (id) output[eventDef(e)] = { $ref: `#/$defs/${id}` };
  }
  for (const [id, s] of Object.entries(input)) {
    if (id in output && JSON.stringify(output[id]) !== JSON.stringify(s))
      throw new Error(`The type ${id} differs between what clients send and what the server sends.`);
    output[id] = s;
  }
  return output;
}

// ------------------------------------------------------------------ shapes in words

const SAFE = Number.MAX_SAFE_INTEGER;

function quote(v: unknown): string {
  return typeof v === 'string' ? `'${v}'` : JSON.stringify(v);
}

function range(min: unknown, max: unknown, unit: string): string {
  const lo = typeof min === 'number' && Math.abs(min) < SAFE ? min : null;
  const hi = typeof max === 'number' && Math.abs(max) < SAFE ? max : null;
  if (lo !== null && hi !== null) return lo === hi ? ` (${lo}${unit})` : ` (${lo}–${hi}${unit})`;
  if (lo !== null) return ` (≥ ${lo}${unit})`;
  if (hi !== null) return ` (≤ ${hi}${unit})`;
  return '';
}

function isMultiline(text: string): boolean {
  return text.includes('\n');
}

/** A TypeScript-like rendering of one JSON Schema (as zod writes them). */
export function shape(s: Json, indent = ''): string {
  if (typeof s.$ref === 'string') return s.$ref.replace('#/$defs/', '');
  const variants = (s.anyOf ?? s.oneOf) as Json[] | undefined;
  if (variants) {
    const parts = variants.map((v) => shape(v, `${indent}  `));
    if (parts.some(isMultiline)) return parts.map((p) => `\n${indent}  | ${p}`).join('');
    return parts.join(' | ');
  }
  if ('const' in s) return quote(s.const);
  if (Array.isArray(s.enum)) return s.enum.map(quote).join(' | ');
  switch (s.type) {
    case 'string': {
      let t = 'string';
      if (typeof s.format === 'string') t += ` (${s.format})`;
      else if (typeof s.pattern === 'string') t += ` /${s.pattern}/`;
      return t + range(s.minLength, s.maxLength, ' chars');
    }
    case 'integer':
      return `integer${range(s.minimum, s.maximum, '')}`;
    case 'number':
      return `number${range(s.minimum, s.maximum, '')}`;
    case 'boolean':
    case 'null':
      return s.type;
    case 'array': {
      const item = shape((s.items ?? {}) as Json, indent);
      const wrapped = /[ |]/.test(item) && !item.startsWith('{') ? `(${item})` : item;
      return `${wrapped}[]${range(s.minItems, s.maxItems, ' items')}`;
    }
    case 'object': {
      const props = (s.properties ?? {}) as Record<string, Json>;
      const keys = Object.keys(props);
      if (keys.length === 0) {
        const values = s.additionalProperties;
        return values && typeof values === 'object'
          ? `{ [key: string]: ${shape(values as Json, indent)} }`
          : '{}';
      }
      const required = new Set((s.required ?? []) as string[]);
      const lines = keys.map((k) => {
        const p = props[k]!;
        const dflt = 'default' in p ? ` = ${quote(p.default)}` : '';
        const opt = required.has(k) || dflt ? '' : '?';
        return `${indent}  ${k}${dflt ? '?' : opt}: ${shape(p, `${indent}  `)}${dflt}`;
      });
      return `{\n${lines.join('\n')}\n${indent}}`;
    }
    default:
      return 'unknown';
  }
}

// ------------------------------------------------------------------ sections

function code(text: string, lang = 'ts'): string {
  return `\`\`\`${lang}\n${text.replace(/ +\n/g, '\n')}\n\`\`\``;
}

function typesSection(defs: Record<string, Json>): string {
  const names = [...OUTPUT_TYPES.map(([id]) => id), 'RoomSettingsInput'];
  return names
    .filter((id, i) => names.indexOf(id) === i)
    .map((id) => `#### \`${id}\`\n\n${code(`${id} = ${shape(defs[id]!)}`)}`)
    .join('\n\n');
}

function clientSection(defs: Record<string, Json>): string {
  return P.CLIENT_EVENTS.map(
    (e) =>
      `#### \`${e.event}\`\n\n${e.summary}\n\n${code(
        `payload = ${shape(defs[eventDef(e.event)]!)}\n\nreply = ${shape(defs[replyDef(e.event)]!)}`,
      )}`,
  ).join('\n\n');
}

function serverSection(defs: Record<string, Json>): string {
  return P.SERVER_EVENTS.map(
    (e) =>
      `#### \`${e.event}\`\n\nTo: ${e.to}. When: ${e.when}\n\n${code(
        `payload = ${shape(defs[eventDef(e.event)]!)}`,
      )}`,
  ).join('\n\n');
}

function errorsSection(): string {
  const rows = P.ERROR_CODES.map((c) => `| \`${c}\` | ${P.ERROR_MEANINGS[c]} |`);
  return ['| code | meaning |', '|---|---|', ...rows].join('\n');
}

function limitsSection(): string {
  const rows = Object.entries(P.LIMITS).map(
    ([k, v]) => `| \`${k}\` | ${typeof v === 'number' ? v.toLocaleString('en-GB') : `\`${v}\``} |`,
  );
  return ['| limit | value |', '|---|---|', ...rows].join('\n');
}

function jsonSection(defs: Record<string, Json>): string {
  const doc = { $schema: 'https://json-schema.org/draft/2020-12/schema', $defs: defs };
  return `<details><summary>The JSON Schema of every type, payload (<code>event:…</code>) and reply (<code>reply:…</code>)</summary>\n\n${code(JSON.stringify(doc, null, 1), 'json')}\n\n</details>`;
}

export function sections(): Record<string, string> {
  const defs = protocolDefs();
  return {
    'client-events': clientSection(defs),
    'server-events': serverSection(defs),
    types: typesSection(defs),
    errors: errorsSection(),
    limits: limitsSection(),
    'json-schema': jsonSection(defs),
  };
}

/** The document with every generated part rewritten; throws when a marker is missing. */
export function regenerate(doc: string, parts = sections()): string {
  let out = doc;
  for (const [name, body] of Object.entries(parts)) {
    const open = `<!-- generated:${name} -->`;
    const close = `<!-- /generated:${name} -->`;
    const a = out.indexOf(open);
    const b = out.indexOf(close);
    if (a === -1 || b === -1 || b < a)
      throw new Error(`docs/protocol.md lacks the markers ${open} … ${close}`);
    out = `${out.slice(0, a + open.length)}\n\n${body}\n\n${out.slice(b)}`;
  }
  return out;
}

/** The JSON Schema `$defs` written in a document (what a client author would copy). */
export function defsFromDocument(doc: string): Record<string, Json> {
  const open = '<!-- generated:json-schema -->';
  const at = doc.indexOf(open);
  if (at === -1) throw new Error('The document has no JSON Schema part.');
  const m = /```json\n([\s\S]*?)\n```/.exec(doc.slice(at));
  if (!m) throw new Error('The JSON Schema part has no json block.');
  return (JSON.parse(m[1]!) as { $defs: Record<string, Json> }).$defs;
}
