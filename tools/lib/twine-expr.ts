/**
 * Harlowe and SugarCube expressions to Close Call conditions and effects, as far as the scenario
 * format can say the same thing. Anything else returns null (or an error message) so the importer
 * can keep the text as a note and warn. Pure.
 */
import type { Condition } from '../../src/engine';

export type Value = number | boolean | string;

type Tok =
  | { t: 'var'; name: string }
  | { t: 'num'; v: number }
  | { t: 'str'; v: string }
  | { t: 'bool'; v: boolean }
  | { t: 'op'; v: string }
  | { t: '('; v: '(' }
  | { t: ')'; v: ')' };

const VAR_NAME = /^[a-zA-Z][a-zA-Z0-9_]*$/;

/** Splits an expression into tokens; null when it holds something no condition can express. */
export function tokenize(src: string): Tok[] | null {
  const out: Tok[] = [];
  let i = 0;
  const s = src.trim();
  while (i < s.length) {
    const rest = s.slice(i);
    const ws = /^\s+/.exec(rest);
    if (ws) {
      i += ws[0].length;
      continue;
    }
    let m = /^\$([a-zA-Z_][a-zA-Z0-9_]*)/.exec(rest);
    if (m) {
      if (!VAR_NAME.test(m[1]!)) return null;
      out.push({ t: 'var', name: m[1]! });
      i += m[0].length;
      continue;
    }
    m = /^-?\d+(?:\.\d+)?/.exec(rest);
    if (m) {
      out.push({ t: 'num', v: Number(m[0]) });
      i += m[0].length;
      continue;
    }
    m = /^"((?:[^"\\]|\\.)*)"|^'((?:[^'\\]|\\.)*)'/.exec(rest);
    if (m) {
      out.push({ t: 'str', v: (m[1] ?? m[2] ?? '').replace(/\\(.)/g, '$1') });
      i += m[0].length;
      continue;
    }
    m = /^(===|!==|==|!=|>=|<=|>|<|&&|\|\||!)/.exec(rest);
    if (m) {
      out.push({ t: 'op', v: m[0] });
      i += m[0].length;
      continue;
    }
    m = /^[a-zA-Z][a-zA-Z-]*/.exec(rest);
    if (m) {
      const w = m[0].toLowerCase();
      if (w === 'true' || w === 'false') out.push({ t: 'bool', v: w === 'true' });
      else if (['is', 'not', 'and', 'or', 'eq', 'neq', 'gt', 'gte', 'lt', 'lte', 'def', 'ndef'].includes(w))
        out.push({ t: 'op', v: w });
      else return null; // visited(), (history:), it, temp variables and the like
      i += m[0].length;
      continue;
    }
    if (rest[0] === '(' || rest[0] === ')') {
      out.push(rest[0] === '(' ? { t: '(', v: '(' } : { t: ')', v: ')' });
      i++;
      continue;
    }
    return null;
  }
  return out;
}

/** The kind of value each variable is given somewhere in the story, for truthiness tests. */
export type VarKinds = ReadonlyMap<string, 'number' | 'boolean' | 'string'>;

const truthy = (name: string, kinds: VarKinds): Condition =>
  kinds.get(name) === 'number'
    ? { not: { var: name, atLeast: 0, atMost: 0 } }
    : kinds.get(name) === 'string'
      ? { not: { var: name, equals: '' } }
      : { var: name, equals: true };

function equalsCond(name: string, v: Value): Condition {
  if (typeof v === 'number') return { var: name, atLeast: v, atMost: v };
  if (v === false) return { not: { var: name, equals: true } };
  return { var: name, equals: v };
}

function compare(name: string, op: string, v: Value): Condition | null {
  const norm =
    { '==': 'is', '===': 'is', eq: 'is', '!=': 'isnot', '!==': 'isnot', neq: 'isnot' }[op] ??
    { gt: '>', gte: '>=', lt: '<', lte: '<=' }[op] ??
    op;
  if (norm === 'is') return equalsCond(name, v);
  if (norm === 'isnot') return { not: equalsCond(name, v) };
  if (typeof v !== 'number') return null;
  if (norm === '>=') return { var: name, atLeast: v };
  if (norm === '<=') return { var: name, atMost: v };
  if (norm === '>') return { not: { var: name, atMost: v } };
  if (norm === '<') return { not: { var: name, atLeast: v } };
  return null;
}

const FLIP: Record<string, string> = {
  '>': '<',
  '<': '>',
  '>=': '<=',
  '<=': '>=',
  gt: 'lt',
  lt: 'gt',
  gte: 'lte',
  lte: 'gte',
};

/**
 * A Harlowe or SugarCube condition (`$x`, `$x is 3`, `$a > 1 and not $b`, `$x eq "yes"`) as a
 * scenario condition, or null when it cannot be said in the format.
 */
export function toCondition(src: string, kinds: VarKinds = new Map()): Condition | null {
  const toks = tokenize(src);
  if (!toks || toks.length === 0) return null;
  let i = 0;
  const peek = () => toks[i];
  const isOp = (...v: string[]) => {
    const t = toks[i];
    return t?.t === 'op' && v.includes(t.v);
  };
  const value = (): Value | null => {
    const t = toks[i];
    if (t && (t.t === 'num' || t.t === 'str' || t.t === 'bool')) {
      i++;
      return t.v;
    }
    return null;
  };
  const or = (): Condition | null => {
    const parts = [and()];
    while (isOp('or', '||')) {
      i++;
      parts.push(and());
    }
    if (parts.some((p) => p === null)) return null;
    return parts.length === 1 ? parts[0]! : { any: parts as Condition[] };
  };
  const and = (): Condition | null => {
    const parts = [unary()];
    while (isOp('and', '&&')) {
      i++;
      parts.push(unary());
    }
    if (parts.some((p) => p === null)) return null;
    return parts.length === 1 ? parts[0]! : { all: parts as Condition[] };
  };
  const unary = (): Condition | null => {
    if (isOp('not', '!')) {
      i++;
      const c = unary();
      return c ? { not: c } : null;
    }
    if (peek()?.t === '(') {
      i++;
      const c = or();
      if (peek()?.t !== ')') return null;
      i++;
      return c;
    }
    return comparison();
  };
  const comparison = (): Condition | null => {
    const t = peek();
    if (!t) return null;
    if (t.t === 'op' && (t.v === 'def' || t.v === 'ndef')) {
      i++;
      const v = peek();
      if (v?.t !== 'var') return null;
      i++;
      // A variable is "defined" once any choice sets it; the closest the format says is "set to something truthy".
      const c = truthy(v.name, kinds);
      return t.v === 'def' ? c : { not: c };
    }
    if (t.t === 'var') {
      i++;
      const op = opHere();
      if (!op) return truthy(t.name, kinds);
      const v = value();
      if (v === null) return null;
      return compare(t.name, op, v);
    }
    const v = value();
    if (v !== null) {
      const op = opHere();
      const w = peek();
      if (!op || w?.t !== 'var') return null;
      i++;
      return compare(w.name, FLIP[op] ?? op, v);
    }
    return null;
  };
  const opHere = (): string | null => {
    const t = peek();
    if (t?.t !== 'op') return null;
    if (t.v === 'is') {
      i++;
      if (isOp('not')) {
        i++;
        return '!=';
      }
      return 'is';
    }
    if (
      ['==', '===', '!=', '!==', '>', '>=', '<', '<=', 'eq', 'neq', 'gt', 'gte', 'lt', 'lte'].includes(t.v)
    ) {
      i++;
      return t.v;
    }
    return null;
  };
  const c = or();
  return c && i === toks.length ? c : null;
}

/** One assignment from a set macro: a value to set, or a number to add. */
export type Assignment = { name: string; set: Value } | { name: string; add: number };

/**
 * The assignments of a Harlowe `(set: …)` / `(put: … into …)` body or a SugarCube `<<set …>>`
 * body: `$x to 3`, `$x to it + 1`, `$x to $x - 2`, `$x = true`, `$x += 1`, `$x++`, several
 * separated by commas or semicolons. Null when any part is beyond a constant or an increment.
 */
export function toAssignments(body: string, macro: 'set' | 'put'): Assignment[] | null {
  const out: Assignment[] = [];
  for (const raw of splitTop(body)) {
    const part = raw.trim();
    if (!part) continue;
    let m: RegExpExecArray | null;
    if (macro === 'put') {
      m = /^([\s\S]+?)\s+into\s+\$([a-zA-Z][a-zA-Z0-9_]*)$/.exec(part);
      if (!m) return null;
      const v = literal(m[1]!);
      if (v === null) return null;
      out.push({ name: m[2]!, set: v });
      continue;
    }
    m = /^\$([a-zA-Z][a-zA-Z0-9_]*)\s*(\+\+|--)$/.exec(part);
    if (m) {
      out.push({ name: m[1]!, add: m[2] === '++' ? 1 : -1 });
      continue;
    }
    m = /^\$([a-zA-Z][a-zA-Z0-9_]*)\s*(\+=|-=)\s*(-?\d+(?:\.\d+)?)$/.exec(part);
    if (m) {
      out.push({ name: m[1]!, add: (m[2] === '+=' ? 1 : -1) * Number(m[3]) });
      continue;
    }
    m = /^\$([a-zA-Z][a-zA-Z0-9_]*)\s*(?:\bto\b|=)\s*([\s\S]+)$/.exec(part);
    if (!m) return null;
    const name = m[1]!;
    const rhs = m[2]!.trim();
    const inc = new RegExp(`^(?:it|\\$${name})\\s*([+-])\\s*(\\d+(?:\\.\\d+)?)$`).exec(rhs);
    if (inc) {
      out.push({ name, add: (inc[1] === '+' ? 1 : -1) * Number(inc[2]) });
      continue;
    }
    const v = literal(rhs);
    if (v === null) return null;
    out.push({ name, set: v });
  }
  return out.length ? out : null;
}

function literal(s: string): Value | null {
  const t = s.trim();
  if (/^-?\d+(?:\.\d+)?$/.test(t)) return Number(t);
  if (t === 'true' || t === 'false') return t === 'true';
  const m = /^"((?:[^"\\]|\\.)*)"$|^'((?:[^'\\]|\\.)*)'$/.exec(t);
  return m ? (m[1] ?? m[2] ?? '').replace(/\\(.)/g, '$1') : null;
}

/** Splits on commas and semicolons outside quotes and brackets. */
function splitTop(s: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let quote = '';
  let cur = '';
  for (const ch of s) {
    if (quote) {
      if (ch === quote) quote = '';
    } else if (ch === '"' || ch === "'") quote = ch;
    else if (ch === '(' || ch === '[') depth++;
    else if (ch === ')' || ch === ']') depth--;
    else if ((ch === ',' || ch === ';') && depth === 0) {
      out.push(cur);
      cur = '';
      continue;
    }
    cur += ch;
  }
  out.push(cur);
  return out;
}
