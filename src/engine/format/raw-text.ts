/** Checks on the raw text before it is read as JSON: size, depth, syntax messages, repeated keys, binary bytes. */
import { type ParseError, printParseErrorCode } from 'jsonc-parser';
import type { Problem } from './problem';

export type PathSegment = string | number;
export type JsonPath = readonly PathSegment[];

export interface Location {
  line: number;
  column: number;
}

/**
 * Maps character offsets of a text to 1-based lines and columns. The lines are found on the first
 * lookup: a file with no problem to locate is never scanned for them (two scans of a 9 MB file
 * per validation otherwise).
 */
export class LineIndex {
  private starts: number[] | null = null;
  constructor(private readonly text: string) {}

  private lineStarts(): number[] {
    if (this.starts) return this.starts;
    const text = this.text;
    const starts = [0];
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 10) starts.push(i + 1);
      else if (c === 13 && text.charCodeAt(i + 1) !== 10) starts.push(i + 1);
    }
    this.starts = starts;
    return starts;
  }

  at(offset: number): Location {
    const starts = this.lineStarts();
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((starts[mid] ?? 0) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - (starts[lo] ?? 0) + 1 };
  }
}

/** Largest scenario text accepted, in characters. */
export const MAX_SCENARIO_CHARS = 16 * 1024 * 1024;
/** Deepest nesting of objects and arrays accepted. */
export const MAX_NESTING = 64;

/** Linear scan for nesting depth outside strings; never recurses. */
export function scanDepth(text: string): { tooDeepAt: number } {
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

export function syntaxProblem(file: string, lines: LineIndex, err: ParseError, text: string): Problem {
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
export function findDuplicateKeys(text: string): Duplicate[] {
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

/** Offset of the first NUL or U+FFFD (the decoder's mark for bytes that are not UTF-8), or -1. */
export function findBinary(text: string): number {
  const nul = text.indexOf('\u0000');
  const bad = text.indexOf('\uFFFD');
  if (nul < 0) return bad;
  return bad < 0 ? nul : Math.min(nul, bad);
}
