/**
 * HTTP: the built game from dist/, the /host and /join pages, and the JSON/CSV API. Any request,
 * however malformed, gets a status code; none can throw out of the handler.
 */
import { statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join, resolve } from 'node:path';
import type { NetworkInfo } from '../protocol/index';
import { clientAddress, type TrustedProxies } from './address';
import { type Limits, waitText } from './limits';
import { handleXapi } from './lrs';
import { sessionCsv, sessionRecord, sessionSummaries } from './records';
import type { Rooms } from './rooms';
import { hashToken, sameHash } from './secrets';
import { acceptRequest, send, serveFile, serveUnder } from './web';

export { CONTENT_SECURITY_POLICY, decodePath } from './web';

export interface HttpOptions {
  distDir: string;
  rooms: Rooms;
  trainerKeyHash: string;
  limits: Limits;
  trustProxy: TrustedProxies;
  /** Where phones can reach this server (GET /api/network, for the lobby's join link). */
  network?: () => NetworkInfo;
  log?: (line: string) => void;
}

function sendJson(res: ServerResponse, status: number, value: unknown, head = false): void {
  send(res, status, JSON.stringify(value), 'application/json; charset=utf-8', {}, head);
}

function apiError(res: ServerResponse, status: number, code: string, message: string, head = false): void {
  sendJson(res, status, { error: { code, message } }, head);
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

  /**
   * The trainer key of a request: null when right; else the refusal. Wrong keys count against
   * the client's address (limits.ts); while it is blocked even the right key gets 429.
   */
  const trainer = async (
    req: IncomingMessage,
    rawUrl: string,
  ): Promise<null | { status: 401 | 429; code: string; message: string; retryAfter?: number }> => {
    const address = clientAddress(
      req.socket.remoteAddress,
      req.headers['x-forwarded-for'],
      options.trustProxy,
    );
    const may = await options.limits.mayTryKey(address);
    if (!may.ok) {
      return {
        status: 429,
        code: 'rate-limited',
        message: `Too many wrong trainer keys from this address; ${waitText(may.retryAfterSeconds)}.`,
        retryAfter: may.retryAfterSeconds,
      };
    }
    const header = req.headers.authorization;
    const key =
      typeof header === 'string' && /^Bearer [^\s]{1,200}$/.test(header) ? header.slice(7) : queryKey(rawUrl);
    if (key && key.length <= 200 && sameHash(hashToken(key), options.trainerKeyHash)) return null;
    // A request without any key (a page asking whether it needs one) is not a guess.
    if (key) await options.limits.wrongKey(address, 'HTTP');
    return { status: 401, code: 'unauthorized', message: 'The trainer key is missing or wrong.' };
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
    if (parts.length === 1 && parts[0] === 'network' && options.network) {
      // Trainer only: a page behind a public proxy need not tell the world its private addresses.
      const refused = await trainer(req, rawUrl);
      if (refused) return apiError(res, refused.status, refused.code, refused.message, head);
      return sendJson(res, 200, options.network(), head);
    }
    if (parts[0] === 'sessions') {
      const refused = await trainer(req, rawUrl);
      if (refused) {
        const extra: Record<string, string> = refused.retryAfter
          ? { 'retry-after': String(refused.retryAfter) }
          : {};
        return send(
          res,
          refused.status,
          JSON.stringify({ error: { code: refused.code, message: refused.message } }),
          'application/json; charset=utf-8',
          extra,
          head,
        );
      }
      if (parts.length === 1) return sendJson(res, 200, await sessionSummaries(rooms.store), head);
      const id = parts[1]!;
      if (!/^[A-Za-z0-9_-]{1,40}$/.test(id)) return apiError(res, 404, 'not-found', 'No such session.', head);
      if (parts.length === 2) {
        const record = await sessionRecord(rooms.store, id);
        if (!record) return apiError(res, 404, 'not-found', 'No such session.', head);
        return sendJson(res, 200, record, head);
      }
      if (parts.length === 3 && parts[2] === 'xapi') {
        return handleXapi(req, rawUrl, id, rooms.store, rooms.scenarios, (status, value) =>
          sendJson(res, status, value, head),
        );
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
      const accepted = acceptRequest(req, res);
      if (!accepted) return;
      const { rawUrl, path, head } = accepted;
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
      serveUnder(root, req, res, path, head);
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
