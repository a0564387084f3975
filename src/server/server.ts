/**
 * The session server: one HTTP server on one port serving the built game, the host and join
 * pages, the API and socket.io. `startServer` is what `npm start`, the tests and the load test use.
 */
import { createServer, type Server as HttpServer } from 'node:http';
import { join } from 'node:path';
import { Server } from 'socket.io';
import { LIMITS } from '../protocol/index';
import { parseTrustProxy } from './address';
import { type ClusterOptions, startCluster } from './cluster/cluster';
import { createHttpHandler } from './http';
import { type LimitSettings, Limits } from './limits';
import { networkInfo } from './network';
import { Rooms } from './rooms';
import { loadScenarios, type ScenarioEntry } from './scenarios';
import { hashToken, newToken, weakKeyProblem } from './secrets';
import { attachSockets, outletFor } from './sockets';
import { SqliteStore } from './store/sqlite';
import type { Store } from './store/types';
import { listen } from './web';

export interface ServerOptions {
  /** Port to listen on; 0 picks a free one. */
  port: number;
  /** Address to listen on (default 127.0.0.1). */
  host?: string;
  /** Try the next ports when `port` is taken (npm start); tests pass 0 instead. */
  portTries?: number;
  root: string;
  /** SQLite file (default data/closecall.db under root) or ':memory:'. Ignored when `store` is given. */
  dbFile?: string;
  store?: Store;
  /** Scale-out mode (REDIS_URL + DATABASE_URL): Postgres store and socket.io's Redis Streams adapter. */
  cluster?: ClusterOptions;
  distDir?: string;
  scenariosDir?: string;
  scenarios?: Map<string, ScenarioEntry>;
  /** The trainer key; when absent, the one made at first start (its hash is in the store). */
  trainerKey?: string;
  /** TRUST_PROXY: proxies whose X-Forwarded-For is believed (address.ts). */
  trustProxy?: string;
  /** Abuse limits (limits.ts); defaults in DEFAULT_LIMITS. */
  limits?: Partial<LimitSettings>;
  /** Rooms with no message for this long end (CLOSECALL_IDLE_MINUTES; default 240). */
  idleMinutes?: number;
  /** The address phones should use when it is not this machine's own (PUBLIC_URL: a reverse proxy, a tunnel). */
  publicUrl?: string;
  log?: (line: string) => void;
}

export interface RunningServer {
  url: string;
  port: number;
  http: HttpServer;
  io: Server;
  store: Store;
  rooms: Rooms;
  /** Set only when the key was made now (first start): print it once. */
  newTrainerKey: string | null;
  restored: number;
  close(): Promise<void>;
}

const KEY_META = 'trainer-key-sha256';

/** The trainer key's hash: from the given key, or the stored one, or a new key made now. */
export async function trainerKeyHash(
  store: Store,
  given: string | undefined,
): Promise<{ hash: string; made: string | null }> {
  if (given) {
    const weak = weakKeyProblem(given);
    if (weak) {
      throw new Error(
        `CLOSECALL_TRAINER_KEY is too weak: ${weak}. Choose a long random key (or unset it and the server makes one).`,
      );
    }
    return { hash: hashToken(given), made: null };
  }
  const stored = await store.getMeta(KEY_META);
  if (stored) return { hash: stored, made: null };
  const made = newToken().slice(0, 24);
  const hash = hashToken(made);
  await store.setMeta(KEY_META, hash);
  return { hash, made };
}

export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const log = options.log ?? ((line: string) => console.log(line));
  const cluster = options.cluster ? await startCluster(options.cluster, log) : null;
  const store =
    cluster?.store ??
    options.store ??
    new SqliteStore(options.dbFile ?? join(options.root, 'data', 'closecall.db'));
  const scenarios =
    options.scenarios ?? loadScenarios(options.scenariosDir ?? join(options.root, 'scenarios'), log);
  const trustProxy = parseTrustProxy(options.trustProxy);
  let key: Awaited<ReturnType<typeof trainerKeyHash>>;
  try {
    key = await trainerKeyHash(store, options.trainerKey);
  } catch (err) {
    if (cluster) await cluster.close();
    else if (!options.store) await store.close();
    throw err;
  }
  const limits = new Limits({
    settings: options.limits,
    redis: cluster?.redis,
    prefix: cluster?.prefix,
    log,
  });

  const http = createServer({ maxHeaderSize: 16_384, requestTimeout: 30_000, headersTimeout: 20_000 });
  const io = new Server(http, {
    maxHttpBufferSize: LIMITS.maxPacketBytes,
    serveClient: false,
    // Same origin only: the pages are served from here.
    cors: undefined,
    pingInterval: 10_000,
    pingTimeout: 8_000,
    // No connectionStateRecovery: a phone or host resumes itself by token and lastSeq
    // (docs/protocol.md), which replays what it missed from the room's log. socket.io's recovery
    // kept every packet sent in the last minute and sent each single-socket emit through the
    // adapter's broadcast path to do so (in scale-out, its sessions through Redis), work no
    // client needed: without it a 5 × 200 load test spent less server CPU (docs/deploy.md §6).
  });
  if (cluster) cluster.attach(io);
  const outlet = cluster ? cluster.outlet(outletFor(io)) : outletFor(io);
  const rooms = new Rooms(store, scenarios, outlet, log, cluster ?? undefined, options.idleMinutes);
  const host = options.host ?? '127.0.0.1';
  // The port is known once listening; the join addresses are worked out then (and on each ask,
  // so a laptop that joins a network after starting offers its new address).
  let listening = 0;
  const handler = createHttpHandler({
    distDir: options.distDir ?? join(options.root, 'dist'),
    rooms,
    trainerKeyHash: key.hash,
    limits,
    trustProxy,
    network: () => networkInfo({ host, port: listening, publicUrl: options.publicUrl }),
    log,
  });
  // socket.io answers /socket.io/ itself; everything else comes here.
  http.on('request', (req, res) => {
    if ((req.url ?? '').startsWith('/socket.io/')) return;
    handler(req, res);
  });
  // A request Node cannot even parse (bad header, oversized header) gets 400, never a crash.
  http.on('clientError', (err: NodeJS.ErrnoException, socket) => {
    if (!socket.writable || err.code === 'ECONNRESET') {
      socket.destroy();
      return;
    }
    const status =
      err.code === 'HPE_HEADER_OVERFLOW' ? '431 Request Header Fields Too Large' : '400 Bad Request';
    socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
  });
  attachSockets(io, rooms, { trainerKeyHash: key.hash, limits, trustProxy, log });
  const restored = await rooms.restore();

  const port = await listen(http, options.port, host, options.portTries ?? 1);
  listening = port;
  const shown = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host;
  let closed = false;
  return {
    url: `http://${shown}:${port}/`,
    port,
    http,
    io,
    store,
    rooms,
    newTrainerKey: key.made,
    restored,
    async close() {
      if (closed) return;
      closed = true;
      // Hand-over: take no new message, let the rooms finish what they started (each change is
      // written before it is acknowledged), then drop every connection at once so phones
      // reconnect (to another process in scale-out mode) and resume.
      rooms.closing = true;
      const drained = await rooms.drain(3_000);
      if (!drained)
        log(
          'Stopping: some rooms were still busy after 3 s; their unfinished changes were not acknowledged.',
        );
      rooms.close();
      const ioClosed = new Promise<void>((r) => io.close(() => r()));
      http.closeAllConnections?.();
      await Promise.race([ioClosed, new Promise((r) => setTimeout(r, 2_000).unref?.())]);
      if (cluster) await cluster.close();
      else await store.close();
    },
  };
}
