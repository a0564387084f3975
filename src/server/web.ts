/**
 * HTTP basics shared by the session server (./http.ts, ./server.ts) and the static server of the
 * browser tests and the boot bench (tools/serve.ts): the security headers, content types, strict
 * path decoding, serving a file of the built site, and listening with port tries. One copy, so the
 * tests run the game under exactly the headers it is served with.
 */
import { createReadStream, type Stats, statSync } from 'node:fs';
import type { Server as HttpServer, IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve, sep } from 'node:path';

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

export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
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

/** The Content-Type of a file, by its ending. */
export function contentType(file: string): string {
  return TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream';
}

export const MAX_URL = 2000;

/** A whole answer with the security headers (a text by default); `head` sends the headers only. */
export function send(
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

/**
 * The checks every request passes first: a URL of sane length with a well-formed path, and GET or
 * HEAD. Answers the request itself (414, 400, 405) and returns null when one fails.
 */
export function acceptRequest(
  req: IncomingMessage,
  res: ServerResponse,
): { rawUrl: string; path: string; head: boolean } | null {
  const rawUrl = req.url ?? '/';
  const method = req.method ?? 'GET';
  if (rawUrl.length > MAX_URL) {
    send(res, 414, 'URI too long');
    return null;
  }
  const path = decodePath(rawUrl);
  if (path === null) {
    send(res, 400, 'Bad request: malformed URL');
    return null;
  }
  // The one write route: sending a session's records to the trainer's LRS (src/server/lrs.ts).
  const post = method === 'POST' && /^\/api\/sessions\/[^/]+\/xapi$/.test(path);
  if (method !== 'GET' && method !== 'HEAD' && !post) {
    send(res, 405, 'Method not allowed', undefined, { allow: 'GET, HEAD' });
    return null;
  }
  return { rawUrl, path, head: method === 'HEAD' };
}

/** Sends one file (a folder's index.html for a folder), or 404. */
export function serveFile(req: IncomingMessage, res: ServerResponse, file: string, head: boolean): void {
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
    'content-type': contentType(file),
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
}

/** Sends the file at a decoded request path under `root` (400 for a path that leaves it). */
export function serveUnder(
  root: string,
  req: IncomingMessage,
  res: ServerResponse,
  path: string,
  head: boolean,
): void {
  const top = resolve(root);
  const file = normalize(join(top, path));
  if (file !== top && !file.startsWith(top + sep)) {
    send(res, 400, 'Bad request: path outside the site');
    return;
  }
  serveFile(req, res, file, head);
}

/** Listens on `port`, or on the next ones up to `port + tries` while they are taken; resolves the port. */
export function listen(server: HttpServer, port: number, host: string, tries: number): Promise<number> {
  return new Promise((resolvePort, reject) => {
    let p = port;
    const attempt = () => {
      const onError = (err: NodeJS.ErrnoException) => {
        if (err.code === 'EADDRINUSE' && p !== 0 && p < port + tries) {
          p++;
          attempt();
        } else reject(err);
      };
      server.once('error', onError);
      server.listen(p, host, () => {
        server.off('error', onError);
        resolvePort((server.address() as AddressInfo).port);
      });
    };
    attempt();
  });
}
