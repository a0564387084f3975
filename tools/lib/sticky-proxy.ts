/**
 * A small sticky HTTP + WebSocket proxy for running several server processes on one machine
 * (npm run cluster). socket.io's long-polling needs every request of one connection to reach the
 * same process, so the first response sets a cookie naming the process (`cc_node`) and later
 * requests and the WebSocket upgrade follow it; a new browser gets the next process in turn. When
 * that process is down, the request goes to the next one that answers (the phone then resumes
 * there with its token). For production put nginx or HAProxy in front instead (docs/deploy.md).
 */
import { createServer, type IncomingMessage, request, type Server } from 'node:http';
import { connect, type Socket } from 'node:net';

export interface ProxyOptions {
  port: number;
  host?: string;
  /** The processes' ports on 127.0.0.1. */
  targets: number[];
  log?: (line: string) => void;
}

export interface RunningProxy {
  port: number;
  server: Server;
  /** Connections (requests and upgrades) sent to each target, by index. */
  counts: number[];
  close(): Promise<void>;
}

const COOKIE = 'cc_node';

function cookieNode(req: IncomingMessage, n: number): number | null {
  const m = /(?:^|;\s*)cc_node=(\d+)/.exec(req.headers.cookie ?? '');
  if (!m) return null;
  const i = Number(m[1]);
  return i >= 0 && i < n ? i : null;
}

export function startProxy(options: ProxyOptions): Promise<RunningProxy> {
  const { targets } = options;
  const log = options.log ?? (() => {});
  const counts = targets.map(() => 0);
  const down = new Map<number, number>();
  let next = 0;
  const sockets = new Set<Socket>();

  const pick = (req: IncomingMessage): { index: number; fresh: boolean } => {
    const sticky = cookieNode(req, targets.length);
    const now = Date.now();
    if (sticky !== null && (down.get(sticky) ?? 0) < now) return { index: sticky, fresh: false };
    for (let k = 0; k < targets.length; k++) {
      const i = (next + k) % targets.length;
      if ((down.get(i) ?? 0) < now) {
        next = i + 1;
        return { index: i, fresh: true };
      }
    }
    next++;
    return { index: next % targets.length, fresh: true };
  };

  const markDown = (i: number) => {
    down.set(i, Date.now() + 2_000);
    log(`proxy: process ${i} (port ${targets[i]}) does not answer; sending its clients elsewhere`);
  };

  /**
   * X-Forwarded-For as the processes should see it: what came in, then the address this proxy
   * saw. The processes believe it only from a proxy in their TRUST_PROXY (address.ts).
   */
  const forwardedFor = (req: IncomingMessage): string => {
    const before = ([] as string[]).concat(req.headers['x-forwarded-for'] ?? []).join(', ');
    const peer = (req.socket.remoteAddress ?? 'unknown').replace(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/, '$1');
    return before ? `${before}, ${peer}` : peer;
  };

  const server = createServer((req, res) => {
    const attempt = (tries: number) => {
      const { index, fresh } = pick(req);
      counts[index]!++;
      const up = request(
        {
          host: '127.0.0.1',
          port: targets[index],
          method: req.method,
          path: req.url,
          headers: { ...req.headers, 'x-forwarded-for': forwardedFor(req) },
        },
        (upRes) => {
          const headers = { ...upRes.headers };
          if (fresh) {
            const set = ([] as string[]).concat(headers['set-cookie'] ?? []);
            set.push(`${COOKIE}=${index}; Path=/; HttpOnly; SameSite=Lax`);
            headers['set-cookie'] = set;
          }
          res.writeHead(upRes.statusCode ?? 502, headers);
          upRes.pipe(res);
        },
      );
      up.on('error', (err: NodeJS.ErrnoException) => {
        // Refused: the process is down. Reset: maybe a kept-alive connection it closed; try again.
        const retry = err.code === 'ECONNREFUSED' || err.code === 'ECONNRESET' || err.code === 'EPIPE';
        if (retry && tries > 1 && !res.headersSent) {
          if (err.code === 'ECONNREFUSED') markDown(index);
          // Only a request without a body can be sent again.
          if (req.method === 'GET' || req.method === 'HEAD') return attempt(tries - 1);
        }
        if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain' });
        res.end('The server process is not answering; try again.');
      });
      req.pipe(up);
    };
    attempt(targets.length + 1);
  });

  server.on('upgrade', (req, client: Socket, head: Buffer) => {
    sockets.add(client);
    client.on('close', () => sockets.delete(client));
    client.on('error', () => client.destroy());
    const attempt = (tries: number) => {
      const { index } = pick(req);
      counts[index]!++;
      const up = connect(targets[index]!, '127.0.0.1');
      sockets.add(up);
      up.on('close', () => sockets.delete(up));
      up.once('connect', () => {
        let raw = `${req.method} ${req.url} HTTP/${req.httpVersion}\r\n`;
        for (let i = 0; i < req.rawHeaders.length; i += 2) {
          if (req.rawHeaders[i]!.toLowerCase() === 'x-forwarded-for') continue;
          raw += `${req.rawHeaders[i]}: ${req.rawHeaders[i + 1]}\r\n`;
        }
        raw += `X-Forwarded-For: ${forwardedFor(req)}\r\n`;
        up.write(`${raw}\r\n`);
        if (head.length) up.write(head);
        up.pipe(client);
        client.pipe(up);
      });
      up.on('error', (err: NodeJS.ErrnoException) => {
        if (err.code === 'ECONNREFUSED' && tries > 1 && !client.destroyed) {
          markDown(index);
          return attempt(tries - 1);
        }
        client.destroy();
      });
      up.on('end', () => client.end());
      client.on('end', () => up.end());
    };
    attempt(targets.length);
  });

  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host ?? '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      resolve({
        port,
        server,
        counts,
        close: () =>
          new Promise<void>((r) => {
            for (const s of sockets) s.destroy();
            server.closeAllConnections?.();
            server.close(() => r());
          }),
      });
    });
  });
}
