/** A problem found in a scenario file, and making problems safe to print and ordered. */
import type { Scenario } from './schema';

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
