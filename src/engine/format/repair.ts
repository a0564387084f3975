/**
 * One pass, every problem: a file that fails the schema is patched, in a copy, just enough for
 * the graph, reference and model checks to run on the rest of it. Unknown keys are dropped,
 * and a value of the wrong type, out of range or missing becomes a harmless stand-in; every
 * path so touched is returned, so problems the stand-ins themselves cause can be left out.
 * Nothing repaired here is ever played or saved: it only lets the validator say everything at once.
 */
import type { z } from 'zod';
import { formatPath, type JsonPath, type PathSegment } from './locate';
import { Scenario } from './schema';
import { type Flat, flatten } from './wording';

/** Rounds of repair before giving up (each round fixes every issue the schema reported). */
const MAX_ROUNDS = 6;
/** Issues past which a file is broken wholesale: only its schema problems are reported. */
const MAX_ISSUES = 500;

export interface Repaired {
  scenario: Scenario;
  /** Formatted paths of every value dropped or replaced. */
  touched: string[];
}

const STAND_IN: Record<string, unknown> = {
  string: 'repaired',
  number: 0,
  int: 0,
  boolean: false,
  array: [],
  object: {},
};

function parentOf(root: unknown, path: readonly PathSegment[]): Record<PathSegment, unknown> | null {
  let cur = root;
  for (const seg of path.slice(0, -1)) {
    if (cur === null || typeof cur !== 'object' || !Object.hasOwn(cur, seg)) return null;
    cur = (cur as Record<PathSegment, unknown>)[seg];
  }
  return cur !== null && typeof cur === 'object' ? (cur as Record<PathSegment, unknown>) : null;
}

function setAt(root: unknown, path: readonly PathSegment[], value: unknown): boolean {
  const parent = parentOf(root, path);
  const key = path[path.length - 1];
  if (!parent || key === undefined || key === '__proto__') return false;
  Object.defineProperty(parent, key, { value, writable: true, enumerable: true, configurable: true });
  return true;
}

/** A stand-in for one issue, or undefined when none would do. */
function standIn(flat: Flat): { value: unknown } | undefined {
  const issue = flat.issue;
  if (flat.expected)
    return flat.expected[0]! in STAND_IN ? { value: STAND_IN[flat.expected[0]!] } : undefined;
  switch (issue.code) {
    case 'invalid_type':
      return issue.expected in STAND_IN ? { value: structuredClone(STAND_IN[issue.expected]) } : undefined;
    case 'invalid_value':
      return issue.values.length > 0 ? { value: issue.values[0] } : undefined;
    case 'too_small':
    case 'too_big': {
      const bound = Number(issue.code === 'too_small' ? issue.minimum : issue.maximum);
      if (issue.origin === 'number' || issue.origin === 'int')
        return Number.isFinite(bound) ? { value: bound } : undefined;
      if (issue.origin === 'string' && issue.code === 'too_small')
        return { value: 'x'.repeat(Math.max(1, bound)) };
      return undefined;
    }
    default:
      return undefined;
  }
}

/** Repairs a copy of `data` until it passes the schema, or returns null when it cannot. */
export function repairForChecks(data: unknown): Repaired | null {
  let copy: unknown;
  try {
    copy = structuredClone(data);
  } catch {
    return null;
  }
  const touched = new Set<string>();
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const parsed = Scenario.safeParse(copy);
    if (parsed.success) return { scenario: parsed.data, touched: [...touched] };
    const flat: Flat[] = [];
    flatten(parsed.error.issues as z.core.$ZodIssue[], [], copy, flat);
    if (flat.length > MAX_ISSUES) return null;
    for (const f of flat) {
      if (f.issue.code === 'unrecognized_keys') {
        const parent = parentOf(copy, [...f.path, '']);
        for (const key of f.issue.keys) {
          if (parent && Object.hasOwn(parent, key)) delete parent[key];
        }
        continue;
      }
      const value = standIn(f);
      if (!value || f.path.length === 0 || !setAt(copy, f.path, value.value)) return null;
      touched.add(formatPath(f.path as JsonPath));
    }
  }
  return null;
}

/** Whether a problem's path is a repaired path, inside one, or holds one. */
export function touches(path: string, touched: readonly string[]): boolean {
  return touched.some((t) => related(path, t) || related(t, path));
}

function related(outer: string, inner: string): boolean {
  if (!inner.startsWith(outer)) return false;
  const next = inner.charAt(outer.length);
  return next === '' || next === '.' || next === '[';
}
