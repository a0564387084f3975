/** Turning zod issues into plain English, each located at its line and column. */
import type { z } from 'zod';
import { formatPath, type JsonPath, type Locator, type PathSegment } from './locate';
import type { Problem } from './problem';
import { Scenario } from './schema';
import { describeSchema, expandUnions, schemasAt, shapeOf, valueAt } from './schema-lookup';
import { didYouMean } from './suggest';

type Issue = z.core.$ZodIssue;

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

export interface Flat {
  issue: Issue;
  path: PathSegment[];
  /** For a union of plain types: the type names it accepts. */
  expected?: string[];
}

/** Flattens unions into the issues of their best-fitting branch, with absolute paths. */
export function flatten(issues: readonly Issue[], base: PathSegment[], data: unknown, out: Flat[]): void {
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

/** What every problem from one issue shares: where it is, and how bad. */
interface Where {
  issue: Issue;
  path: PathSegment[];
  got: unknown;
  field: string;
  data: unknown;
  /** The problem's file, position and path, at the value (or its key). */
  at(p: JsonPath, keyPos?: boolean): Omit<Problem, 'code' | 'message' | 'fix'>;
}

/** A required field that is absent, or a value of the wrong type. */
function typeProblem(w: Where, want: string, detail: string): Problem {
  const { path, got, field } = w;
  if (got === undefined && typeof path[path.length - 1] === 'string') {
    return {
      ...w.at(path.slice(0, -1)),
      path: formatPath(path),
      code: 'missing-field',
      message: `required field "${field}" is missing`,
      fix: `Add "${field}": ${want}${detail}.`,
    };
  }
  return {
    ...w.at(path),
    code: 'wrong-type',
    message: `"${field}" should be ${want}, not ${describeValue(got)}`,
    fix: `Change "${field}" to ${want}${detail}.`,
  };
}

function invalidValue(w: Where, allowed: readonly unknown[]): Problem {
  const suggestion = typeof w.got === 'string' ? didYouMean(w.got, allowed.map(String)) : undefined;
  return {
    ...w.at(w.path),
    code: 'invalid-value',
    message: `${describeValue(w.got)} is not allowed for "${w.field}"${
      suggestion ? ` — did you mean "${suggestion}"?` : ''
    }`,
    fix:
      allowed.length === 1
        ? `Set "${w.field}" to ${quoteList(allowed)}.`
        : `Use one of: ${quoteList(allowed)}.`,
  };
}

/** One problem per unknown key, with the nearest key the schema allows there. */
function unknownKeys(w: Where, keys: readonly string[]): Problem[] {
  const known = new Set<string>();
  for (const s of expandUnions(schemasAt(Scenario, w.path, w.data), valueAt(w.data, w.path))) {
    const shape = shapeOf(s);
    if (shape) {
      for (const k of Object.keys(shape)) known.add(k);
      break;
    }
  }
  return keys.map((key) => {
    const suggestion = didYouMean(key, [...known]);
    return {
      ...w.at([...w.path, key], true),
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

/** A list, a text or a number outside its bounds. */
function sizeProblem(w: Where, issue: z.core.$ZodIssueTooSmall | z.core.$ZodIssueTooBig): Problem {
  const { got, field } = w;
  const small = issue.code === 'too_small';
  const bound = Number(issue.code === 'too_small' ? issue.minimum : issue.maximum);
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
    if (small && issue.code === 'too_small' && issue.exact) {
      message = `"${field}" must be exactly ${bound} characters`;
      fix = `Write exactly ${bound} characters, e.g. "GBP".`;
    }
  } else {
    const cmp = small ? (inclusive ? 'at least' : 'more than') : inclusive ? 'at most' : 'less than';
    message = `"${field}" is ${describeValue(got).replace(/^the number /, '')} but must be ${cmp} ${bound}`;
    fix = `Use a number ${cmp} ${bound}.`;
  }
  return { ...w.at(w.path), code: small ? 'too-small' : 'too-big', message, fix };
}

function formatProblem(w: Where, issue: z.core.$ZodIssueInvalidStringFormat): Problem {
  const why =
    issue.format === 'regex' && issue.message && !issue.message.startsWith('Invalid')
      ? issue.message
      : `match the ${issue.format} format`;
  return {
    ...w.at(w.path),
    code: 'invalid-format',
    message: `${describeValue(w.got)} is not a valid "${w.field}"`,
    fix: why.charAt(0).toUpperCase() + why.slice(1).replace(/\.?$/, '.'),
  };
}

function invalidKey(w: Where, issue: z.core.$ZodIssueInvalidKey): Problem {
  const key = String(w.path[w.path.length - 1]);
  const inner = issue.issues[0];
  const why = inner && inner.code === 'invalid_format' ? inner.message : 'use a valid name';
  return {
    ...w.at(w.path, true),
    code: 'invalid-key',
    message: `"${key}" is not a valid name here`,
    fix: `Rename it: ${why}.`,
  };
}

const SCHEMA_HINT = 'Check the value against the schema (scenarios/scenario.schema.json).';

/** The problems one (flattened) zod issue stands for, in plain English. */
export function issueToProblems(flat: Flat, data: unknown, file: string, loc: Locator): Problem[] {
  const { issue, path } = flat;
  const w: Where = {
    issue,
    path,
    data,
    got: valueAt(data, path),
    field: lastKey(path),
    at: (p, keyPos = false) => ({
      file,
      ...(keyPos ? loc.key(p) : loc.value(p)),
      path: formatPath(p),
      severity: 'error' as const,
    }),
  };
  if (flat.expected)
    return [typeProblem(w, [...new Set(flat.expected.map(expectedWords))].join(', or '), '')];
  switch (issue.code) {
    case 'invalid_type': {
      const desc = describeSchema(Scenario, path, data);
      return [typeProblem(w, expectedWords(issue.expected), desc ? ` (${desc})` : '')];
    }
    case 'invalid_value':
      return [invalidValue(w, issue.values)];
    case 'unrecognized_keys':
      return unknownKeys(w, issue.keys);
    case 'too_small':
    case 'too_big':
      return [sizeProblem(w, issue)];
    case 'invalid_format':
      return [formatProblem(w, issue)];
    case 'invalid_key':
      return [invalidKey(w, issue)];
    case 'not_multiple_of':
      return [
        {
          ...w.at(path),
          code: 'wrong-type',
          message: `"${w.field}" must be a multiple of ${String(issue.divisor)}`,
          fix: `Use a multiple of ${String(issue.divisor)}.`,
        },
      ];
    case 'invalid_union':
      return [
        {
          ...w.at(path),
          code: 'invalid-value',
          message: `${describeValue(w.got)} is not a valid "${w.field}"`,
          fix: SCHEMA_HINT,
        },
      ];
    default:
      return [
        { ...w.at(path), code: 'invalid', message: `"${w.field}": ${issue.message}`, fix: SCHEMA_HINT },
      ];
  }
}
