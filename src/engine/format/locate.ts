/** Paths and positions: JSON paths as text, and where a path's value or key is in the file. */
import { type Node as JsonNode, parseTree } from 'jsonc-parser';
import {
  type JsonPath,
  LineIndex,
  type Location,
  MAX_SCENARIO_CHARS,
  type PathSegment,
  scanDepth,
} from './raw-text';

// Positions in the text live with the raw text (which needs them first); re-exported here, where
// the rest of the format looks for them.
export { type JsonPath, LineIndex, type Location, type PathSegment };

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

export function makeLocator(root: JsonNode | undefined, lines: LineIndex): Locator {
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

/** A locator that parses the text into a position tree only when first asked. */
export function lazyLocator(text: string, lines: LineIndex): Locator {
  let inner: Locator | undefined;
  const get = () => {
    inner ??= makeLocator(parseTree(text, [], { disallowComments: true, allowTrailingComma: false }), lines);
    return inner;
  };
  return { value: (path) => get().value(path), key: (path) => get().key(path) };
}
