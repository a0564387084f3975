import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The layers, read from the imports themselves: the engine is pure and self-contained; game,
 * server and live pages never reach into each other, only through the wire protocol
 * (src/protocol), the shared browser code (src/web) and the engine's index; src/web belongs to no
 * page. Every `import`, `export … from` and dynamic `import()` is checked, type-only ones too.
 */

const ROOT = resolve('.');

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? files(p) : /\.(ts|mts)$/.test(p) ? [p] : [];
  });
}

/** Every module specifier in a source file (static imports and re-exports, side-effect and dynamic imports). */
function specifiers(text: string): string[] {
  const out: string[] = [];
  const patterns = [
    /\b(?:import|export)\s+(?:type\s+)?[^'"`;]*?\sfrom\s+['"]([^'"]+)['"]/g,
    /\bimport\s+['"]([^'"]+)['"]/g,
    /\bimport\(\s*['"]([^'"]+)['"]\s*\)/g,
  ];
  for (const re of patterns) for (const m of text.matchAll(re)) out.push(m[1]!);
  return out;
}

type Layer = 'engine' | 'protocol' | 'web' | 'game' | 'server' | 'live' | 'other';
const LAYERS: Layer[] = ['engine', 'protocol', 'web', 'game', 'server', 'live'];

function layerOf(path: string): Layer {
  const rel = relative(join(ROOT, 'src'), path).split(/[\\/]/);
  return rel.length > 1 && (LAYERS as string[]).includes(rel[0]!) ? (rel[0] as Layer) : 'other';
}

/** The engine's one entry point: `src/engine`, `src/engine/index` or `src/engine/index.ts`. */
function isEngineIndex(target: string): boolean {
  const rel = relative(join(ROOT, 'src', 'engine'), target).replace(/\.ts$/, '');
  return rel === '' || rel === 'index';
}

const ENGINE_PACKAGES = new Set(['zod', 'jsonc-parser']);
const PAGES: Layer[] = ['game', 'server', 'live'];

/** What is wrong with one import of one file, or null when it keeps the layers. */
function offence(file: string, spec: string): string | null {
  const from = layerOf(resolve(file));
  if (!spec.startsWith('.')) {
    if (from === 'engine' && !ENGINE_PACKAGES.has(spec.split('/')[0]!))
      return `the engine imports the package "${spec}" (only zod and jsonc-parser)`;
    return null;
  }
  const target = resolve(dirname(file), spec.split('?')[0]!);
  const to = layerOf(target);
  if (from === 'engine' && to !== 'engine') return `the engine imports ${spec} from outside the engine`;
  if (from !== 'engine' && to === 'engine' && !isEngineIndex(target))
    return `reaches past the engine's index (${spec})`;
  if ((from === 'web' || from === 'protocol') && PAGES.includes(to))
    return `src/${from} imports from src/${to} (${spec})`;
  if (PAGES.includes(from) && PAGES.includes(to) && from !== to)
    return `src/${from} imports from src/${to} (${spec}); share it through src/protocol, src/web or the engine's index`;
  return null;
}

describe('the layers hold', () => {
  it('finds every kind of import it checks', () => {
    const text = [
      "import { a } from '../engine/model/x';",
      "import type { B } from './b';",
      "export { c } from '../web/c';",
      "import './side.css';",
      "const m = await import('../server/lazy');",
      "import logo from '../../assets/logo.svg?url';",
    ].join('\n');
    expect(specifiers(text).sort()).toEqual(
      [
        '../engine/model/x',
        './b',
        '../web/c',
        './side.css',
        '../server/lazy',
        '../../assets/logo.svg?url',
      ].sort(),
    );
    expect(offence('src/live/host/x.ts', '../../engine/model/x')).toMatch(/engine's index/);
    expect(offence('src/live/host/x.ts', '../../engine')).toBeNull();
    expect(offence('src/live/host/x.ts', '../../game/kit')).toMatch(/src\/live imports from src\/game/);
    expect(offence('src/web/x.ts', '../live/y')).toMatch(/src\/web imports from src\/live/);
    expect(offence('src/engine/x.ts', 'phaser')).toMatch(/package "phaser"/);
    expect(offence('src/engine/x.ts', '../web/y')).toMatch(/outside the engine/);
  });

  it('engine, protocol, web, game, server and live import only what their layer may', () => {
    const offenders: string[] = [];
    for (const f of files('src')) {
      for (const spec of specifiers(readFileSync(f, 'utf8'))) {
        const why = offence(f, spec);
        if (why) offenders.push(`${f}: ${why}`);
      }
    }
    expect(offenders).toEqual([]);
  });
});
