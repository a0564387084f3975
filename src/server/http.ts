/**
 * HTTP: the built game from dist/, the /host and /join pages, and the JSON/CSV API. Any request,
 * however malformed, gets a status code; none can throw out of the handler.
 */
import { createReadStream, type Stats, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { sessionCsv, sessionRecord, sessionSummaries } from './records';
import type { Rooms } from './rooms';
import { hashToken, sameHash } from './secrets';

/**
 * What the pages need and nothing more: scripts, styles, fonts, images and audio from this
 * origin; Phaser makes textures and audio from blob: and data: URLs and may start workers from
 * blob:; the best-score worker is a file from this origin; socket.io talks to this origin over
 * ws:/wss: (or long-polling, covered by 'self'). Inline styles are allowed because Phaser and
 * the DOM layer position elements with style attributes.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "media-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self' ws: wss:",
  "worker-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'self'",
  "frame-ancestors 'none'",
  "form-action 'self'",
].join('; ');

const SECURITY_HEADERS: Record<string, string> = {
  'content-security-policy': CONTENT_SECURITY_POLICY,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
};

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.webp': 'image/webp',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ogg': 'audio/ogg',
  '.mp3': 'audio/mpeg',
  '.wav': 'audio/wav',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
};

const MAX_URL = 2000;

export interface HttpOptions {
  distDir: string;
  rooms: Rooms;
  trainerKeyHash: string;
  log?: (line: string) => void;
}

function send(
  res: ServerResponse,
  status: number,
  body: string,
  type = 'text/plain; charset=utf-8',
  extra: Record<string, string> = {},
  head = false,
): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  res.writeHead(status, {
    ...SECURITY_HEADERS,
    'content-type': type,
    'content-length': String(Buffer.byteLength(body)),
    'cache-control': 'no-store',
    ...extra,
  });
  res.end(head ? undefined : body);
}

function sendJson(res: ServerResponse, status: number, value: unknown, head = false): void {
  send(res, status, JSON.stringify(value), 'application/json; charset=utf-8', {}, head);
}

function apiError(res: ServerResponse, status: number, code: string, message: string, head = false): void {
  sendJson(res, status, { error: { code, message } }, head);
}

/** Decodes a request path, or null when it is malformed (bad escapes, NUL, backslashes, not absolute). */
export function decodePath(rawUrl: string): string | null {
  if (rawUrl.length > MAX_URL) return null;
  const q = rawUrl.search(/[?#]/);
  const raw = q === -1 ? rawUrl : rawUrl.slice(0, q);
  if (!raw.startsWith('/')) return null;
  let path: string;
  try {
    path = decodeURIComponent(raw);
  } catch {
    return null;
  }
  // NUL and other control characters, and backslashes, have no place in a path we serve.
  for (const ch of path) {
    const c = ch.charCodeAt(0);
    if (c < 0x20 || c === 0x7f || ch === '\\') return null;
  }
  return path;
}

function queryKey(rawUrl: string): string | null {
  const q = rawUrl.indexOf('?');
  if (q === -1) return null;
  try {
    return new URLSearchParams(rawUrl.slice(q + 1)).get('key');
  } catch {
    return null;
  }
}

export function createHttpHandler(options: HttpOptions): (req: IncomingMessage, res: ServerResponse) => void {
  const root = resolve(options.distDir);
  const log = options.log ?? (() => {});
  const { rooms } = options;

  const trainer = (req: IncomingMessage, rawUrl: string): boolean => {
    const header = req.headers.authorization;
    const key =
      typeof header === 'string' && /^Bearer [^\s]{1,200}$/.test(header) ? header.slice(7) : queryKey(rawUrl);
    return !!key && key.length <= 200 && sameHash(hashToken(key), options.trainerKeyHash);
  };

  const serveFile = (req: IncomingMessage, res: ServerResponse, file: string, head: boolean): void => {
    let st: Stats;
    try {
      st = statSync(file);
      if (st.isDirectory()) {
        file = join(file, 'index.html');
        st = statSync(file);
      }
      if (!st.isFile()) throw new Error('not a file');
    } catch {
      send(res, 404, 'Not found', undefined, {}, head);
      return;
    }
    res.writeHead(200, {
      ...SECURITY_HEADERS,
      'content-type': TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream',
      'content-length': String(st.size),
      'cache-control': file.includes(`${sep}assets${sep}`) ? 'public, max-age=3600' : 'no-cache',
    });
    if (head) {
      res.end();
      return;
    }
    const stream = createReadStream(file);
    stream.on('error', () => res.destroy());
    req.on('close', () => stream.destroy());
    stream.pipe(res);
  };

  const page = (res: ServerResponse, req: IncomingMessage, name: string, head: boolean) => {
    const file = join(root, name);
    try {
      statSync(file);
    } catch {
      send(
        res,
        404,
        `${name} is not built. Run npm run build (npm start builds it for you).`,
        undefined,
        {},
        head,
      );
      return;
    }
    serveFile(req, res, file, head);
  };

  const api = async (
    req: IncomingMessage,
    res: ServerResponse,
    path: string,
    rawUrl: string,
    head: boolean,
  ) => {
    const parts = path.split('/').filter(Boolean).slice(1); // drop "api"
    if (parts.length === 1 && parts[0] === 'health') return sendJson(res, 200, { ok: true }, head);
    if (parts[0] === 'scenarios') {
      if (parts.length === 1) {
        const list = [...rooms.scenarios.values()]
          .map((s) => ({ id: s.id, title: s.title, order: s.order }))
          .sort((a, b) => (a.order ?? 1000) - (b.order ?? 1000) || a.id.localeCompare(b.id));
        return sendJson(res, 200, list, head);
      }
      if (parts.length === 2) {
        const s = rooms.scenarios.get(parts[1]!);
        if (!s) return apiError(res, 404, 'not-found', 'No such scenario.', head);
        return send(res, 200, s.text, 'application/json; charset=utf-8', {}, head);
      }
    }
    if (parts[0] === 'sessions') {
      if (!trainer(req, rawUrl)) {
        return apiError(res, 401, 'unauthorized', 'The trainer key is missing or wrong.', head);
      }
      if (parts.length === 1) return sendJson(res, 200, await sessionSummaries(rooms.store), head);
      const id = parts[1]!;
      if (!/^[A-Za-z0-9_-]{1,40}$/.test(id)) return apiError(res, 404, 'not-found', 'No such session.', head);
      if (parts.length === 2) {
        const record = await sessionRecord(rooms.store, id);
        if (!record) return apiError(res, 404, 'not-found', 'No such session.', head);
        return sendJson(res, 200, record, head);
      }
      if (parts.length === 3 && parts[2] === 'export.csv') {
        const csv = await sessionCsv(rooms.store, id);
        if (csv === null) return apiError(res, 404, 'not-found', 'No such session.', head);
        return send(
          res,
          200,
          csv,
          'text/csv; charset=utf-8',
          {
            'content-disposition': `attachment; filename="closecall-session-${id}.csv"`,
          },
          head,
        );
      }
    }
    return apiError(res, 404, 'not-found', 'No such API route.', head);
  };

  return (req, res) => {
    try {
      const rawUrl = req.url ?? '/';
      const method = req.method ?? 'GET';
      if (rawUrl.length > MAX_URL) return send(res, 414, 'URI too long');
      const path = decodePath(rawUrl);
      if (path === null) return send(res, 400, 'Bad request: malformed URL');
      if (method !== 'GET' && method !== 'HEAD') {
        return send(res, 405, 'Method not allowed', undefined, { allow: 'GET, HEAD' });
      }
      const head = method === 'HEAD';
      if (path === '/api' || path.startsWith('/api/')) {
        api(req, res, path, rawUrl, head).catch((err) => {
          log(`API ${path}: ${err instanceof Error ? err.message : err}`);
          if (!res.headersSent) apiError(res, 500, 'internal', 'The server could not answer.', head);
          else res.destroy();
        });
        return;
      }
      if (path === '/host' || path === '/host/') return page(res, req, 'host.html', head);
      if (path === '/join' || path === '/join/' || /^\/join\/[^/]{1,20}\/?$/.test(path)) {
        return page(res, req, 'join.html', head);
      }
      const file = normalize(join(root, path));
      if (file !== root && !file.startsWith(root + sep))
        return send(res, 400, 'Bad request: path outside the site');
      serveFile(req, res, file, head);
    } catch (err) {
      log(`HTTP ${req.url}: ${err instanceof Error ? err.message : err}`);
      try {
        send(res, 500, 'Internal error');
      } catch {
        res.destroy();
      }
    }
  };
}
