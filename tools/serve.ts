/**
 * A static file server for a built game (dist/ or dist-bare/), used by the browser tests and the
 * boot bench. It serves files exactly as the session server does (npm start, src/server/): the
 * same path checks, content types, security headers and Content-Security-Policy (src/server/web.ts).
 */
import { createServer, type Server } from 'node:http';
import { resolve } from 'node:path';
import { acceptRequest, listen, send, serveUnder } from '../src/server/web';

/** Serves `dir` on 127.0.0.1, trying `port` and the next ones until one is free. */
export async function serveDir(
  dir: string,
  port = 4173,
  tries = 50,
): Promise<{ server: Server; url: string }> {
  const root = resolve(dir);
  const server = createServer((req, res) => {
    try {
      const accepted = acceptRequest(req, res);
      if (accepted) serveUnder(root, req, res, accepted.path, accepted.head);
    } catch {
      send(res, 500, 'Internal error');
    }
  });
  const bound = await listen(server, port, '127.0.0.1', tries);
  return { server, url: `http://127.0.0.1:${bound}/` };
}
