/** Finding the schema (and its description) that applies at a path of the data being checked. */
import type { z } from 'zod';
import type { JsonPath } from './locate';

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

export function shapeOf(s: AnySchema): Record<string, AnySchema> | undefined {
  const def = defOf(s);
  if (def.type !== 'object') return undefined;
  return (s as unknown as { shape: Record<string, AnySchema> }).shape;
}

export function valueAt(data: unknown, path: JsonPath): unknown {
  let cur = data;
  for (const seg of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    if (!Object.hasOwn(cur, seg)) return undefined;
    cur = (cur as Record<string | number, unknown>)[seg];
  }
  return cur;
}

/** The candidate schemas at a path (several where a union has not been resolved). */
export function schemasAt(root: AnySchema, path: JsonPath, data: unknown): AnySchema[] {
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
export function expandUnions(schemas: AnySchema[], data: unknown): AnySchema[] {
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

export function describeSchema(root: AnySchema, path: JsonPath, data: unknown): string | undefined {
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
