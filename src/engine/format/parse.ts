/**
 * Parsing a scenario file: strict JSON → format version check → schema check, with every
 * problem located at a line and column of the text so an author can jump straight to it.
 *
 * Pure TypeScript: no file system, no DOM. Hostile input (binary files, huge files, deep
 * nesting, `__proto__` keys) yields problems, never an exception.
 */
import { type Node as JsonNode, type ParseError, parseTree, printParseErrorCode } from 'jsonc-parser';
import type { z } from 'zod';
import { FORMAT_VERSION, Scenario } from './schema';

export interface Problem {
  /** The file the problem is in, as given by the caller. */
  file: string;
  /** 1-based line; 0 when the problem concerns the file as a whole (e.g. it does not exist). */
  line: number;
  /** 1-based column (UTF-16 code units); 0 with line 0. */
  column: number;
  /** JSON path of the offending value, e.g. `$.nodes[3].choices[0].next`. */
  path: string;
  severity: 'error' | 'warning';
  /** A stable, kebab-case problem code, e.g. `missing-node`. */
  code: string;
  /** What is wrong. */
  message: string;
  /** How to fix it. */
  fix: string;
}

export type ParseResult =
  | { ok: true; scenario: Scenario; problems: Problem[] }
  | { ok: false; problems: Problem[] };

export type PathSegment = string | number;
export type JsonPath = readonly PathSegment[];

/** Largest scenario text accepted, in characters. */
export const MAX_SCENARIO_CHARS = 16 * 1024 * 1024;
/** Deepest nesting of objects and arrays accepted. */
export const MAX_NESTING = 64;

// ---------------------------------------------------------------------------
// Paths and positions
// ---------------------------------------------------------------------------

const IDENT = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** Formats a path as `$.nodes[3].choices[0].next` (odd keys as `$["odd key"]`). */
export function formatPath(path: JsonPath): string {
  let out = '$';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else if (IDENT.test(seg)) out += `.${seg}`;
    else out += `[${JSON.stringify(seg)}]`;
  }
  return out;
}

export interface Location {
  line: number;
  column: number;
}

/** Maps character offsets of a text to 1-based lines and columns. */
export class LineIndex {
  private readonly starts: number[] = [0];
  constructor(text: string) {
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 10) this.starts.push(i + 1);
      else if (c === 13 && text.charCodeAt(i + 1) !== 10) this.starts.push(i + 1);
    }
  }
  at(offset: number): Location {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((this.starts[mid] ?? 0) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - (this.starts[lo] ?? 0) + 1 };
  }
}

/** Finds the JSON node at a path, or the deepest ancestor that exists. */
function nodeAt(root: JsonNode, path: JsonPath): { node: JsonNode; exact: boolean; keyNode?: JsonNode } {
  let node = root;
  let keyNode: JsonNode | undefined;
  for (const seg of path) {
    if (node.type === 'object' && typeof seg === 'string') {
      let found: JsonNode | undefined;
      // Last occurrence wins, as in JSON.parse and in the value we build.
      for (const prop of node.children ?? []) {
        const k = prop.children?.[0];
        if (k && k.value === seg && prop.children?.[1]) found = prop;
      }
      if (!found) return { node, exact: false };
      keyNode = found.children?.[0];
      node = found.children![1]!;
    } else if (node.type === 'array' && typeof seg === 'number') {
      const child = node.children?.[seg];
      if (!child) return { node, exact: false };
      keyNode = undefined;
      node = child;
    } else {
      return { node, exact: false };
    }
  }
  return { node, exact: true, keyNode };
}

/** Maps JSON paths of a parsed text to locations. */
export interface Locator {
  /** Where the value at `path` starts (or its nearest existing ancestor). */
  value(path: JsonPath): Location;
  /** Where the key naming the value at `path` starts (falls back to the value). */
  key(path: JsonPath): Location;
}

function makeLocator(root: JsonNode | undefined, lines: LineIndex): Locator {
  return {
    value(path) {
      if (!root) return { line: 1, column: 1 };
      return lines.at(nodeAt(root, path).node.offset);
    },
    key(path) {
      if (!root) return { line: 1, column: 1 };
      const found = nodeAt(root, path);
      return lines.at((found.exact && found.keyNode ? found.keyNode : found.node).offset);
    },
  };
}

/**
 * A locator for any JSON text (problems from `checkScenario` use it). Positions for a
 * text with syntax errors are best effort.
 */
export function createLocator(text: string): Locator {
  const clean = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (clean.length > MAX_SCENARIO_CHARS || scanDepth(clean).tooDeepAt >= 0) {
    return makeLocator(undefined, new LineIndex(clean));
  }
  const root = parseTree(clean, [], { disallowComments: true, allowTrailingComma: false });
  return makeLocator(root, new LineIndex(clean));
}

// ---------------------------------------------------------------------------
// Pre-checks on the raw text
// ---------------------------------------------------------------------------

/** Linear scan for nesting depth outside strings; never recurses. */
function scanDepth(text: string): { tooDeepAt: number } {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92) i++;
      else if (c === 34) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 123 || c === 91) {
      depth++;
      if (depth > MAX_NESTING) return { tooDeepAt: i };
    } else if (c === 125 || c === 93) depth--;
  }
  return { tooDeepAt: -1 };
}

const SYNTAX_MESSAGES: Record<string, [string, string]> = {
  InvalidSymbol: [
    'unexpected character',
    'Remove it. Scenario files are strict JSON: no comments, no single quotes, no unquoted keys.',
  ],
  InvalidNumberFormat: [
    'this is not a valid JSON number',
    'Write numbers like 3, 0.5 or -1 (no leading +, no NaN).',
  ],
  PropertyNameExpected: [
    'a key in double quotes was expected',
    'Put keys in double quotes, and remove any comma before a closing }.',
  ],
  ValueExpected: ['a value was expected', 'Add the missing value, or remove a trailing comma before ] or }.'],
  ColonExpected: ['a colon was expected after the key', 'Write "key": value.'],
  CommaExpected: ['a comma was expected', 'Separate items and key/value pairs with commas.'],
  CloseBraceExpected: ['a closing } was expected', 'Close the object with }, or check for a missing comma.'],
  CloseBracketExpected: ['a closing ] was expected', 'Close the list with ], or check for a missing comma.'],
  EndOfFileExpected: [
    'unexpected text after the end of the JSON value',
    'A scenario file holds one object: remove what follows its closing }.',
  ],
  InvalidCommentToken: [
    'comments are not allowed in scenario files',
    'Remove the comment; strict JSON has none.',
  ],
  UnexpectedEndOfComment: [
    'comments are not allowed in scenario files',
    'Remove the comment; strict JSON has none.',
  ],
  UnexpectedEndOfString: ['a text string is not closed', 'Close the string with a double quote (").'],
  UnexpectedEndOfNumber: ['a number is cut short', 'Complete the number.'],
  InvalidUnicode: ['an invalid \\u escape', 'Write \\u followed by exactly four hex digits.'],
  InvalidEscapeCharacter: [
    'an invalid escape in a string',
    'Use only \\" \\\\ \\/ \\b \\f \\n \\r \\t or \\u followed by four hex digits in strings.',
  ],
  InvalidCharacter: [
    'a control character (such as a raw tab or line break) inside a string',
    'Write it as an escape, e.g. \\n or \\t.',
  ],
};

function syntaxProblem(file: string, lines: LineIndex, err: ParseError, text: string): Problem {
  const name = printParseErrorCode(err.error);
  let [message, fix] = SYNTAX_MESSAGES[name] ?? ['the JSON is malformed', 'Fix the JSON syntax here.'];
  const atEnd = err.offset + Math.max(err.length, 1) >= text.trimEnd().length;
  if (atEnd && name !== 'EndOfFileExpected') {
    message = `the file ends too early (${message}); it looks truncated`;
    fix = 'Complete the file: every { and [ needs its closing } and ].';
  }
  const at = lines.at(err.offset);
  return {
    file,
    ...at,
    path: '$',
    severity: 'error',
    code: 'json-syntax',
    message: `JSON syntax error: ${message}`,
    fix,
  };
}

// ---------------------------------------------------------------------------
// Duplicate keys (JSON.parse silently keeps the last one)
// ---------------------------------------------------------------------------

interface Duplicate {
  path: PathSegment[];
  key: string;
  offset: number;
}

interface Frame {
  keys: Set<string> | null;
  expectKey: boolean;
  key: string;
  index: number;
}

/**
 * One linear pass over a text already known to be valid JSON, finding keys repeated in
 * the same object. No recursion: the stack is an explicit array.
 */
function findDuplicateKeys(text: string): Duplicate[] {
  const found: Duplicate[] = [];
  const stack: Frame[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 34) {
      const start = i;
      let escaped = false;
      for (i++; i < text.length; i++) {
        const d = text.charCodeAt(i);
        if (d === 92) {
          escaped = true;
          i++;
        } else if (d === 34) break;
      }
      const top = stack[stack.length - 1];
      if (top?.keys && top.expectKey) {
        const raw = text.slice(start, i + 1);
        const key = escaped ? (JSON.parse(raw) as string) : raw.slice(1, -1);
        if (top.keys.has(key)) {
          const path = stack.map((f) => (f.keys ? f.key : f.index));
          path[path.length - 1] = key;
          found.push({ path, key, offset: start });
        }
        top.keys.add(key);
        top.key = key;
        top.expectKey = false;
      }
    } else if (c === 123) stack.push({ keys: new Set(), expectKey: true, key: '', index: 0 });
    else if (c === 91) stack.push({ keys: null, expectKey: false, key: '', index: 0 });
    else if (c === 125 || c === 93) stack.pop();
    else if (c === 44) {
      const top = stack[stack.length - 1];
      if (top?.keys) top.expectKey = true;
      else if (top) top.index++;
    }
  }
  return found;
}

/** A locator that parses the text into a position tree only when first asked. */
function lazyLocator(text: string, lines: LineIndex): Locator {
  let inner: Locator | undefined;
  const get = () => {
    inner ??= makeLocator(parseTree(text, [], { disallowComments: true, allowTrailingComma: false }), lines);
    return inner;
  };
  return { value: (path) => get().value(path), key: (path) => get().key(path) };
}

// ---------------------------------------------------------------------------
// Turning zod issues into plain English
// ---------------------------------------------------------------------------

type Issue = z.core.$ZodIssue;

/** Edit distance, for "did you mean". */
export function editDistance(a: string, b: string): number {
  return boundedEditDistance(a, b, Number.POSITIVE_INFINITY);
}

/**
 * Edit distance, or any number above `limit` as soon as the distance is known to exceed it.
 * A shared prefix and suffix are skipped, only cells within `limit` of the diagonal are
 * computed, and a row whose every cell is over the limit ends the search. `work.cells`, when
 * given, is reduced by the cells computed.
 */
export function boundedEditDistance(a: string, b: string, limit: number, work?: { cells: number }): number {
  let start = 0;
  let endA = a.length;
  let endB = b.length;
  while (start < endA && start < endB && a.charCodeAt(start) === b.charCodeAt(start)) start++;
  while (endA > start && endB > start && a.charCodeAt(endA - 1) === b.charCodeAt(endB - 1)) {
    endA--;
    endB--;
  }
  const n = endA - start;
  const m = endB - start;
  if (Math.abs(n - m) > limit) return limit + 1;
  if (n === 0 || m === 0) return Math.max(n, m);
  const band = Number.isFinite(limit) ? limit : Math.max(n, m);
  const big = n + m + 1;
  let prev = new Array<number>(m + 1);
  let cur = new Array<number>(m + 1);
  for (let j = 0; j <= m; j++) prev[j] = j <= band ? j : big;
  let cells = 0;
  for (let i = 1; i <= n; i++) {
    const lo = Math.max(1, i - band);
    const hi = Math.min(m, i + band);
    cur[0] = i <= band ? i : big;
    if (lo > 1) cur[lo - 1] = big;
    let rowMin = cur[0]!;
    const ca = a.charCodeAt(start + i - 1);
    for (let j = lo; j <= hi; j++) {
      const cost = ca === b.charCodeAt(start + j - 1) ? 0 : 1;
      const v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (hi < m) cur[hi + 1] = big;
    cells += hi - lo + 1;
    if (rowMin > limit) {
      if (work) work.cells -= cells;
      return limit + 1;
    }
    [prev, cur] = [cur, prev];
  }
  if (work) work.cells -= cells;
  const d = prev[m]!;
  return d > limit ? limit + 1 : d;
}

/** Words longer than this get no suggestion: a typo is a short slip, and long words cost the most. */
const MAX_SUGGEST_LENGTH = 80;

/**
 * The closest candidate to `word`, if it is close enough to be a likely typo. Candidates whose
 * length alone rules them out are skipped, each comparison stops once it is out of range, and
 * with `work` the search stops (keeping the best so far) once its cells are spent.
 */
export function didYouMean(
  word: string,
  candidates: readonly string[],
  work?: { cells: number },
): string | undefined {
  if (word.length > MAX_SUGGEST_LENGTH) return undefined;
  const lower = word.toLowerCase();
  const limit = Math.max(2, Math.floor(word.length / 3));
  let best: string | undefined;
  let bestD = limit + 1;
  for (const c of candidates) {
    if (work && work.cells <= 0) break;
    if (Math.abs(c.length - word.length) >= bestD) continue;
    const cl = c.toLowerCase();
    const d = cl === lower ? 0 : boundedEditDistance(lower, cl, bestD - 1, work);
    if (d < bestD) {
      bestD = d;
      best = c;
      if (d === 0) break;
    }
  }
  return best;
}

type AnySchema = z.core.$ZodType;

function defOf(s: AnySchema): Record<string, unknown> & { type: string } {
  return s._zod.def as unknown as Record<string, unknown> & { type: string };
}

function unwrap(s: AnySchema): AnySchema {
  let cur = s;
  for (let i = 0; i < 20; i++) {
    const def = defOf(cur);
    if (
      (def.type === 'optional' ||
        def.type === 'default' ||
        def.type === 'nullable' ||
        def.type === 'prefault' ||
        def.type === 'readonly' ||
        def.type === 'nonoptional' ||
        def.type === 'catch') &&
      def.innerType
    ) {
      cur = def.innerType as AnySchema;
    } else if (def.type === 'lazy' && typeof def.getter === 'function') {
      cur = (def.getter as () => AnySchema)();
    } else if (def.type === 'pipe' && def.in) {
      cur = def.in as AnySchema;
    } else break;
  }
  return cur;
}

function shapeOf(s: AnySchema): Record<string, AnySchema> | undefined {
  const def = defOf(s);
  if (def.type !== 'object') return undefined;
  return (s as unknown as { shape: Record<string, AnySchema> }).shape;
}

function valueAt(data: unknown, path: JsonPath): unknown {
  let cur = data;
  for (const seg of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    if (!Object.hasOwn(cur, seg)) return undefined;
    cur = (cur as Record<string | number, unknown>)[seg];
  }
  return cur;
}

/** The candidate schemas at a path (several where a union has not been resolved). */
function schemasAt(root: AnySchema, path: JsonPath, data: unknown): AnySchema[] {
  let current: AnySchema[] = [root];
  for (let i = 0; i < path.length; i++) {
    const seg = path[i]!;
    const next: AnySchema[] = [];
    const here = valueAt(data, path.slice(0, i));
    for (const s of expandUnions(current, here)) {
      const def = defOf(s);
      if (def.type === 'object' && typeof seg === 'string') {
        const child = shapeOf(s)?.[seg];
        if (child) next.push(child);
      } else if (def.type === 'array' && typeof seg === 'number') {
        next.push(def.element as AnySchema);
      } else if (def.type === 'record' && typeof seg === 'string') {
        next.push(def.valueType as AnySchema);
      }
    }
    current = next;
    if (current.length === 0) return [];
  }
  return current.map(unwrap);
}

/** Replaces unions by their options, ordered by how well each fits `data`'s keys. */
function expandUnions(schemas: AnySchema[], data: unknown): AnySchema[] {
  const out: AnySchema[] = [];
  for (const raw of schemas) {
    const s = unwrap(raw);
    const def = defOf(s);
    if (def.type === 'union') {
      const branches = expandUnions(def.options as AnySchema[], data);
      if (data && typeof data === 'object' && !Array.isArray(data)) {
        const keys = Object.keys(data);
        const overlap = (o: AnySchema) => {
          const shape = shapeOf(o);
          return shape ? keys.filter((k) => k in shape).length : -1;
        };
        branches.sort((a, b) => overlap(b) - overlap(a));
      }
      out.push(...branches);
    } else out.push(s);
  }
  return out;
}

function describeSchema(root: AnySchema, path: JsonPath, data: unknown): string | undefined {
  let cur: AnySchema[] = [root];
  if (path.length > 0) {
    // Look at the field schema before unwrapping, where descriptions are attached.
    const parent = schemasAt(root, path.slice(0, -1), data);
    const seg = path[path.length - 1]!;
    cur = [];
    for (const p of expandUnions(parent, valueAt(data, path.slice(0, -1)))) {
      const def = defOf(p);
      if (def.type === 'object' && typeof seg === 'string') {
        const c = shapeOf(p)?.[seg];
        if (c) cur.push(c);
      } else if (def.type === 'array') cur.push(def.element as AnySchema);
    }
  }
  for (const s of cur) {
    let x: AnySchema | undefined = s;
    for (let i = 0; x && i < 10; i++) {
      const d = (x as unknown as { description?: string }).description;
      if (d) return d;
      const def = defOf(x);
      x = (def.innerType as AnySchema | undefined) ?? undefined;
    }
  }
  return undefined;
}

const TYPE_WORDS: Record<string, string> = {
  string: 'text in double quotes',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  array: 'a list [ ... ]',
  object: 'an object { ... }',
  null: 'null',
};

function describeValue(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  switch (typeof v) {
    case 'string':
      return v.length > 40
        ? `the text ${JSON.stringify(`${v.slice(0, 37)}...`)}`
        : `the text ${JSON.stringify(v)}`;
    case 'number':
      return `the number ${v}`;
    case 'boolean':
      return String(v);
    case 'object':
      return 'an object';
    default:
      return 'nothing';
  }
}

function lastKey(path: JsonPath): string {
  for (let i = path.length - 1; i >= 0; i--) {
    const seg = path[i]!;
    if (typeof seg === 'string') return seg;
  }
  return 'value';
}

function quoteList(values: readonly unknown[]): string {
  return values.map((v) => JSON.stringify(v)).join(', ');
}

/** Scores a union branch's issues: lower is a better guess at what the author meant. */
function branchScore(issues: Issue[], data: unknown): number {
  let score = 0;
  for (const issue of issues) {
    if (
      issue.code === 'invalid_type' &&
      issue.path.length === 1 &&
      valueAt(data, issue.path as PathSegment[]) === undefined
    ) {
      score += 10;
    } else if (issue.code === 'unrecognized_keys' && issue.path.length === 0) {
      score += 5 * issue.keys.length;
    } else score += 1;
  }
  return score;
}

interface Flat {
  issue: Issue;
  path: PathSegment[];
  /** For a union of plain types: the type names it accepts. */
  expected?: string[];
}

/** Flattens unions into the issues of their best-fitting branch, with absolute paths. */
function flatten(issues: readonly Issue[], base: PathSegment[], data: unknown, out: Flat[]): void {
  for (const issue of issues) {
    const path = [...base, ...(issue.path as PathSegment[])];
    if (issue.code === 'invalid_union' && issue.errors.length > 0) {
      const here = valueAt(data, path);
      const simple = issue.errors.every(
        (branch) => branch.length === 1 && branch[0]!.code === 'invalid_type' && branch[0]!.path.length === 0,
      );
      if (simple) {
        out.push({
          issue,
          path,
          expected: issue.errors.map((b) => (b[0] as z.core.$ZodIssueInvalidType).expected),
        });
        continue;
      }
      let best = issue.errors[0]!;
      let bestScore = Number.POSITIVE_INFINITY;
      for (const branch of issue.errors) {
        const s = branchScore(branch, here);
        if (s < bestScore) {
          bestScore = s;
          best = branch;
        }
      }
      flatten(best, path, data, out);
    } else out.push({ issue, path });
  }
}

function expectedWords(expected: string): string {
  return TYPE_WORDS[expected] ?? expected;
}

function issueToProblems(flat: Flat, data: unknown, file: string, loc: Locator): Problem[] {
  const { issue, path } = flat;
  const got = valueAt(data, path);
  const field = lastKey(path);
  const base = (p: JsonPath, keyPos: boolean) => ({
    file,
    ...(keyPos ? loc.key(p) : loc.value(p)),
    path: formatPath(p),
    severity: 'error' as const,
  });

  if (flat.expected) {
    const words = [...new Set(flat.expected.map(expectedWords))];
    if (got === undefined && typeof path[path.length - 1] === 'string') {
      return [
        {
          ...base(path.slice(0, -1), false),
          path: formatPath(path),
          code: 'missing-field',
          message: `required field "${field}" is missing`,
          fix: `Add "${field}": ${words.join(', or ')}.`,
        },
      ];
    }
    return [
      {
        ...base(path, false),
        code: 'wrong-type',
        message: `"${field}" should be ${words.join(', or ')}, not ${describeValue(got)}`,
        fix: `Change "${field}" to ${words.join(', or ')}.`,
      },
    ];
  }

  switch (issue.code) {
    case 'invalid_type': {
      const want = expectedWords(issue.expected);
      const desc = describeSchema(Scenario, path, data);
      if (got === undefined && typeof path[path.length - 1] === 'string') {
        return [
          {
            ...base(path.slice(0, -1), false),
            path: formatPath(path),
            code: 'missing-field',
            message: `required field "${field}" is missing`,
            fix: `Add "${field}": ${want}${desc ? ` (${desc})` : ''}.`,
          },
        ];
      }
      return [
        {
          ...base(path, false),
          code: 'wrong-type',
          message: `"${field}" should be ${want}, not ${describeValue(got)}`,
          fix: `Change "${field}" to ${want}${desc ? ` (${desc})` : ''}.`,
        },
      ];
    }
    case 'invalid_value': {
      const allowed = issue.values;
      const suggestion = typeof got === 'string' ? didYouMean(got, allowed.map(String)) : undefined;
      const isLiteral = allowed.length === 1;
      return [
        {
          ...base(path, false),
          code: 'invalid-value',
          message: `${describeValue(got)} is not allowed for "${field}"${
            suggestion ? ` — did you mean "${suggestion}"?` : ''
          }`,
          fix: isLiteral ? `Set "${field}" to ${quoteList(allowed)}.` : `Use one of: ${quoteList(allowed)}.`,
        },
      ];
    }
    case 'unrecognized_keys': {
      const candidates = schemasAt(Scenario, path, data);
      const known = new Set<string>();
      for (const s of expandUnions(candidates, valueAt(data, path))) {
        const shape = shapeOf(s);
        if (shape) {
          for (const k of Object.keys(shape)) known.add(k);
          break;
        }
      }
      return issue.keys.map((key) => {
        const suggestion = didYouMean(key, [...known]);
        return {
          ...base([...path, key], true),
          code: 'unknown-key',
          message: `unknown key "${key}"${suggestion ? ` — did you mean "${suggestion}"?` : ''}`,
          fix: suggestion
            ? `Rename "${key}" to "${suggestion}".`
            : known.size > 0
              ? `Remove "${key}". Keys allowed here: ${[...known].join(', ')}.`
              : `Remove "${key}".`,
        };
      });
    }
    case 'too_small':
    case 'too_big': {
      const small = issue.code === 'too_small';
      const bound = Number(small ? issue.minimum : issue.maximum);
      const inclusive = issue.inclusive !== false;
      let message: string;
      let fix: string;
      if (issue.origin === 'array' || issue.origin === 'set') {
        message = small
          ? bound <= 1
            ? `"${field}" must not be empty`
            : `"${field}" needs at least ${bound} items (it has ${Array.isArray(got) ? got.length : 0})`
          : `"${field}" has too many items (at most ${bound})`;
        fix = small
          ? `Add ${bound <= 1 ? 'at least one item' : `items until there are ${bound}`}.`
          : 'Remove items.';
      } else if (issue.origin === 'string') {
        message = small
          ? bound <= 1
            ? `"${field}" must not be empty text`
            : `"${field}" is too short (at least ${bound} characters)`
          : `"${field}" is too long (at most ${bound} characters)`;
        fix = small
          ? `Write ${bound <= 1 ? 'some text' : `at least ${bound} characters`}.`
          : `Shorten it to ${bound} characters or fewer.`;
        if (small && issue.exact) {
          message = `"${field}" must be exactly ${bound} characters`;
          fix = `Write exactly ${bound} characters, e.g. "GBP".`;
        }
      } else {
        const cmp = small ? (inclusive ? 'at least' : 'more than') : inclusive ? 'at most' : 'less than';
        message = `"${field}" is ${describeValue(got).replace(/^the number /, '')} but must be ${cmp} ${bound}`;
        fix = `Use a number ${cmp} ${bound}.`;
      }
      return [{ ...base(path, false), code: small ? 'too-small' : 'too-big', message, fix }];
    }
    case 'invalid_format': {
      const why =
        issue.format === 'regex' && issue.message && !issue.message.startsWith('Invalid')
          ? issue.message
          : `match the ${issue.format} format`;
      return [
        {
          ...base(path, false),
          code: 'invalid-format',
          message: `${describeValue(got)} is not a valid "${field}"`,
          fix: why.charAt(0).toUpperCase() + why.slice(1).replace(/\.?$/, '.'),
        },
      ];
    }
    case 'invalid_key': {
      const key = String(path[path.length - 1]);
      const inner = issue.issues[0];
      const why = inner && inner.code === 'invalid_format' ? inner.message : 'use a valid name';
      return [
        {
          ...base(path, true),
          code: 'invalid-key',
          message: `"${key}" is not a valid name here`,
          fix: `Rename it: ${why}.`,
        },
      ];
    }
    case 'not_multiple_of':
      return [
        {
          ...base(path, false),
          code: 'wrong-type',
          message: `"${field}" must be a multiple of ${String(issue.divisor)}`,
          fix: `Use a multiple of ${String(issue.divisor)}.`,
        },
      ];
    case 'invalid_union':
      return [
        {
          ...base(path, false),
          code: 'invalid-value',
          message: `${describeValue(got)} is not a valid "${field}"`,
          fix: 'Check the value against the schema (scenarios/scenario.schema.json).',
        },
      ];
    default:
      return [
        {
          ...base(path, false),
          code: 'invalid',
          message: `"${field}": ${issue.message}`,
          fix: 'Check the value against the schema (scenarios/scenario.schema.json).',
        },
      ];
  }
}

// ---------------------------------------------------------------------------
// The parser
// ---------------------------------------------------------------------------

/** Internal result that also carries the locator, so checks can share it. */
export type ParsedText =
  | { ok: true; scenario: Scenario; problems: Problem[]; locator: Locator }
  | { ok: false; problems: Problem[]; locator: Locator };

function fileProblem(
  file: string,
  code: string,
  message: string,
  fix: string,
  at: Location = { line: 1, column: 1 },
) {
  return {
    ok: false as const,
    problems: [{ file, ...at, path: '$', severity: 'error' as const, code, message, fix }],
  };
}

/**
 * Makes text from a file safe to print: control characters (which could move a terminal's
 * cursor or clear its screen), line separators and direction overrides become \u escapes.
 */
export function escapeForDisplay(text: string): string {
  return text.replace(UNPRINTABLE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point.
const UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/** A problem with every text in it safe to print. */
export function displayable(p: Problem): Problem {
  return {
    ...p,
    file: escapeForDisplay(p.file),
    path: escapeForDisplay(p.path),
    message: escapeForDisplay(p.message),
    fix: escapeForDisplay(p.fix),
  };
}

/** Parses a scenario text and returns the locator used for its problems (printable: see `escapeForDisplay`). */
export function parseScenarioText(input: string, file: string): ParsedText {
  const result = parseText(input, file);
  result.problems = result.problems.map(displayable);
  return result;
}

function parseText(input: string, file: string): ParsedText {
  const empty = makeLocator(undefined, new LineIndex(''));
  if (typeof input !== 'string') {
    return {
      ...fileProblem(file, 'not-text', 'the input is not text', 'Pass the file contents as a string.'),
      locator: empty,
    };
  }
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  if (text.length > MAX_SCENARIO_CHARS) {
    return {
      ...fileProblem(
        file,
        'too-large',
        `the file is too large (${(text.length / 1024 / 1024).toFixed(1)} MB; the limit is ${MAX_SCENARIO_CHARS / 1024 / 1024} MB)`,
        'Split the scenario, or check that this is the right file.',
      ),
      locator: empty,
    };
  }
  const lines = new LineIndex(text);
  const noRoot = makeLocator(undefined, lines);
  const bad = findBinary(text);
  if (bad >= 0) {
    return {
      ...fileProblem(
        file,
        'binary-file',
        'this is not a text JSON file: it holds binary data or bytes that are not valid UTF-8',
        'Save the scenario as UTF-8 text, or check that this is the right file.',
        lines.at(bad),
      ),
      locator: noRoot,
    };
  }
  if (text.trim() === '') {
    return {
      ...fileProblem(
        file,
        'empty-file',
        'the file is empty',
        'Write a scenario object: start from scenarios/example.json.',
      ),
      locator: noRoot,
    };
  }
  const depth = scanDepth(text);
  if (depth.tooDeepAt >= 0) {
    return {
      ...fileProblem(
        file,
        'too-deep',
        `the JSON is nested more than ${MAX_NESTING} levels deep`,
        'Flatten the structure; a scenario never needs this much nesting.',
        lines.at(depth.tooDeepAt),
      ),
      locator: noRoot,
    };
  }

  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    // Strict JSON failed: find where, with the tolerant parser's error positions.
    const errors: ParseError[] = [];
    parseTree(text, errors, { disallowComments: true, allowTrailingComma: false });
    const first = errors[0];
    if (first) return { ok: false, problems: [syntaxProblem(file, lines, first, text)], locator: noRoot };
    const at = /position (\d+)/.exec(err instanceof Error ? err.message : '');
    return {
      ...fileProblem(
        file,
        'json-syntax',
        `JSON syntax error: ${err instanceof Error ? err.message : 'malformed JSON'}`,
        'Fix the JSON syntax here.',
        at ? lines.at(Number(at[1])) : undefined,
      ),
      locator: noRoot,
    };
  }
  const locator = lazyLocator(text, lines);
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    const kind = Array.isArray(data)
      ? 'a list'
      : data === null
        ? 'null'
        : typeof data === 'string'
          ? 'a text string'
          : `a ${typeof data}`;
    const first = text.search(/\S/);
    return {
      ...fileProblem(
        file,
        'not-an-object',
        `the file holds ${kind}, but a scenario is an object { ... }`,
        'Make the whole file one object with formatVersion, meta, nodes and the rest (see scenarios/example.json).',
        lines.at(Math.max(0, first)),
      ),
      locator,
    };
  }

  const problems: Problem[] = [];
  for (const dup of findDuplicateKeys(text)) {
    problems.push({
      file,
      ...lines.at(dup.offset),
      path: formatPath(dup.path),
      severity: 'error',
      code: 'duplicate-key',
      message: `the key "${dup.key}" appears twice in the same object; only the last one would count`,
      fix: `Remove or merge one of the "${dup.key}" entries.`,
    });
  }

  const version = Object.hasOwn(data, 'formatVersion')
    ? (data as { formatVersion?: unknown }).formatVersion
    : undefined;
  if (version !== FORMAT_VERSION) {
    const missing = version === undefined;
    return {
      ok: false,
      problems: [
        {
          file,
          ...(missing ? locator.value([]) : locator.value(['formatVersion'])),
          path: '$.formatVersion',
          severity: 'error',
          code: 'format-version',
          message: missing
            ? `the file has no "formatVersion"; this version of Close Call reads version ${FORMAT_VERSION}`
            : `this file is format version ${JSON.stringify(version)}; this version of Close Call reads version ${FORMAT_VERSION} only`,
          fix: missing
            ? `Add "formatVersion": ${FORMAT_VERSION} at the top of the file.`
            : `Use a Close Call release that reads format version ${JSON.stringify(version)}, or rewrite the file for version ${FORMAT_VERSION} and set "formatVersion": ${FORMAT_VERSION}.`,
        },
        ...problems,
      ],
      locator,
    };
  }

  const parsed = Scenario.safeParse(data);
  if (!parsed.success) {
    const flat: Flat[] = [];
    flatten(parsed.error.issues, [], data, flat);
    for (const f of flat) problems.push(...issueToProblems(f, data, file, locator));
    sortProblems(problems);
    return { ok: false, problems, locator };
  }
  if (problems.some((p) => p.severity === 'error')) return { ok: false, problems, locator };
  return { ok: true, scenario: parsed.data, problems, locator };
}

/** Offset of the first NUL or U+FFFD (the decoder's mark for bytes that are not UTF-8), or -1. */
function findBinary(text: string): number {
  const nul = text.indexOf('\u0000');
  const bad = text.indexOf('\uFFFD');
  if (nul < 0) return bad;
  return bad < 0 ? nul : Math.min(nul, bad);
}

/** Orders problems by position, errors before warnings at the same place. */
export function sortProblems(problems: Problem[]): Problem[] {
  return problems.sort(
    (a, b) =>
      a.line - b.line ||
      a.column - b.column ||
      (a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1) ||
      a.code.localeCompare(b.code),
  );
}

/**
 * Parses and schema-checks a scenario text. Graph and reference checks are in
 * `checkScenario` (check.ts); `validateScenario` runs both.
 */
export function parseScenario(
  text: string,
  file: string,
): { ok: true; scenario: Scenario; problems: Problem[] } | { ok: false; problems: Problem[] } {
  const result = parseScenarioText(text, file);
  return result.ok
    ? { ok: true, scenario: result.scenario, problems: result.problems }
    : { ok: false, problems: result.problems };
}
