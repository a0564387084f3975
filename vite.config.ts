import { readFileSync, realpathSync, writeFileSync } from 'node:fs';
import { basename, join, resolve, sep } from 'node:path';
import { defineConfig, type Plugin, searchForWorkspaceRoot } from 'vite';
import { buildCatalog, scenarioFiles } from './tools/lib/scenario-catalog';
import { settleChanges } from './tools/lib/settle';

/**
 * The folder the game's scenarios come from: scenarios/, or another one named by
 * CLOSECALL_SCENARIOS (an author's own folder; the hot-reload browser test's temporary copy).
 */
const SCENARIOS = process.env.CLOSECALL_SCENARIOS
  ? realpathSync(resolve(process.env.CLOSECALL_SCENARIOS))
  : join(import.meta.dirname, 'scenarios');

/**
 * Scenarios are fetched at run time, not bundled: the build copies scenarios/*.json and writes
 * scenarios/index.json; the dev server serves them from disk and tells the game when one is saved
 * (the `closecall:scenario` event), so the running game can reload it in place.
 */
function scenarios(): Plugin {
  return {
    name: 'close-call-scenarios',
    configureServer(server) {
      // The map editor saves here (dev server only, on 127.0.0.1): the file's text, to the
      // scenarios folder, by name; anything but a scenario file name or a JSON text is refused.
      server.middlewares.use('/__closecall/save', (req, res) => {
        const answer = (code: number, text: string) => {
          res.statusCode = code;
          res.setHeader('content-type', 'text/plain; charset=utf-8');
          res.end(text);
        };
        if (req.method !== 'POST') return answer(405, 'POST the file text');
        const name = new URL(req.url ?? '', 'http://x').searchParams.get('name') ?? '';
        if (
          !/^[A-Za-z0-9][\w.-]*\.json$/.test(name) ||
          name === 'index.json' ||
          name === 'scenario.schema.json'
        )
          return answer(400, `"${name}" is not a scenario file name`);
        const chunks: Buffer[] = [];
        let size = 0;
        req.on('data', (c: Buffer) => {
          size += c.length;
          if (size <= 16 * 1024 * 1024) chunks.push(c);
        });
        req.on('end', () => {
          if (size > 16 * 1024 * 1024) return answer(413, 'the file is larger than 16 MB');
          const text = Buffer.concat(chunks).toString('utf8');
          try {
            JSON.parse(text);
          } catch {
            return answer(400, 'the text is not JSON');
          }
          try {
            writeFileSync(join(SCENARIOS, name), text);
          } catch (err) {
            return answer(
              500,
              `could not write ${name}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`,
            );
          }
          answer(200, `saved ${name}`);
        });
      });
      server.middlewares.use((req, res, next) => {
        const path = decodeURIComponent((req.url ?? '').split('?')[0] ?? '');
        const m = /^\/scenarios\/([^/]+\.json)$/.exec(path);
        if (!m) return next();
        const name = m[1] as string;
        let body: string;
        try {
          body =
            name === 'index.json'
              ? JSON.stringify(buildCatalog(SCENARIOS))
              : readFileSync(join(SCENARIOS, basename(name)), 'utf8');
        } catch {
          res.statusCode = 404;
          res.end('Not found');
          return;
        }
        res.setHeader('content-type', 'application/json; charset=utf-8');
        res.setHeader('cache-control', 'no-store');
        res.end(body);
      });
      server.watcher.add(SCENARIOS);
      // The game hears of a saved file once the save has finished (an editor that empties the file
      // and then writes it would otherwise show "the file is empty"; see tools/lib/settle.ts).
      const settled = settleChanges((file) =>
        server.ws.send({
          type: 'custom',
          event: 'closecall:scenario',
          data: { name: basename(file), at: Date.now() },
        }),
      );
      const changed = (file: string) => {
        if (!file.startsWith(SCENARIOS + sep) || !file.endsWith('.json')) return;
        settled(file);
      };
      server.watcher.on('change', changed);
      server.watcher.on('add', changed);
      server.watcher.on('unlink', changed);
    },
    generateBundle() {
      const catalog = buildCatalog(SCENARIOS);
      for (const name of scenarioFiles(SCENARIOS)) {
        this.emitFile({
          type: 'asset',
          fileName: `scenarios/${name}`,
          source: readFileSync(join(SCENARIOS, name), 'utf8'),
        });
      }
      this.emitFile({ type: 'asset', fileName: 'scenarios/index.json', source: JSON.stringify(catalog) });
    },
  };
}

/**
 * The head the group session's pages (host.html, join.html) share, kept here once: each page
 * file holds only its own title, description, body and script. `<base href="/">` makes the
 * built pages' relative asset URLs work at /join/<code> too; the dark background shows before
 * the styles load.
 */
function livePages(): Plugin {
  const pages = new Set(['host.html', 'join.html']);
  return {
    name: 'close-call-live-pages',
    transformIndexHtml: {
      order: 'pre',
      handler(_html, ctx) {
        if (!pages.has(basename(ctx.filename))) return undefined;
        return [
          { tag: 'meta', attrs: { charset: 'utf-8' }, injectTo: 'head-prepend' },
          { tag: 'base', attrs: { href: '/' }, injectTo: 'head-prepend' },
          {
            tag: 'meta',
            attrs: { name: 'viewport', content: 'width=device-width, initial-scale=1, viewport-fit=cover' },
            injectTo: 'head-prepend',
          },
          { tag: 'meta', attrs: { name: 'theme-color', content: '#1e2a30' }, injectTo: 'head-prepend' },
          { tag: 'link', attrs: { rel: 'icon', href: 'data:,' }, injectTo: 'head-prepend' },
          { tag: 'style', children: 'html, body { margin: 0; background: #1a262b; }', injectTo: 'head' },
        ];
      },
    },
  };
}

export default defineConfig({
  base: './',
  // The dev server's pre-bundled dependencies live in node_modules/.vite unless told otherwise (the
  // hot-reload browser test keeps its own, apart from any other dev server on the machine).
  cacheDir: process.env.CLOSECALL_VITE_CACHE || undefined,
  publicDir: false,
  plugins: [scenarios(), livePages()],
  build: {
    target: 'es2022',
    assetsInlineLimit: 0,
    chunkSizeWarningLimit: 2000,
    rolldownOptions: {
      // The solo game, plus the group session's pages (served by the session server at /host and /join).
      input: { index: 'index.html', host: 'host.html', join: 'join.html' },
      output: {
        manualChunks(id: string) {
          if (id.includes('node_modules/phaser')) return 'phaser';
          return undefined;
        },
      },
    },
  },
  worker: { format: 'es' },
  // Pre-bundled at start: the game imports them after the first paint, and discovering them then
  // would make the dev server reload the page once.
  optimizeDeps: { include: ['phaser', 'howler', 'zod', 'jsonc-parser'] },
  server: {
    host: '127.0.0.1',
    // The project, and node_modules where it really is (a symlinked node_modules, as in a git
    // worktree, would otherwise have its font files refused with 403).
    fs: {
      allow: [
        searchForWorkspaceRoot(import.meta.dirname),
        realpathSync(join(import.meta.dirname, 'node_modules')),
      ],
    },
    // Files the game never loads: a change there (the boot bench's bare page, test fixtures) must not
    // reload the page an author is playing.
    watch: { ignored: ['**/dist-bare/**', '**/tests/**', '**/bench/**', '**/docs/**'] },
  },
  preview: { host: '127.0.0.1' },
});
