/**
 * `npm start` runs this (through tools/start.mjs, after building the game if needed): the game,
 * the host and join pages and the session server on one port.
 *   PORT                   port (default 4173; the next free one is taken if it is busy)
 *   HOST                   address to listen on (default 0.0.0.0, so phones on the network can join)
 *   PUBLIC_URL             the address phones should use when it is not this machine's own (a
 *                          reverse proxy, a tunnel, a DNS name): the lobby's join link and QR use it
 *   CLOSECALL_DB           SQLite file (default data/closecall.db)
 *   CLOSECALL_TRAINER_KEY  the trainer key (default: one made at first start, printed once)
 *   REDIS_URL + DATABASE_URL  scale-out mode (docs/deploy.md): Postgres instead of SQLite and
 *                          socket.io's Redis Streams adapter, so several processes share rooms
 *   CLOSECALL_REDIS_PREFIX prefix of this deployment's Redis keys (default closecall)
 *   TRUST_PROXY            proxies whose X-Forwarded-For is believed: addresses or CIDR ranges,
 *                          comma-separated, or `loopback` (default: none; docs/deploy.md)
 *   CLOSECALL_IDLE_MINUTES a room nobody used for this long ends (default 240)
 */
import { resolve } from 'node:path';
import { redact } from './cluster/cluster';
import { networkInfo, originOf } from './network';
import { startServer } from './server';

/** Scale-out mode needs both REDIS_URL and DATABASE_URL; one without the other is a mistake. */
function clusterFromEnv() {
  const redisUrl = process.env.REDIS_URL;
  const databaseUrl = process.env.DATABASE_URL;
  if (!redisUrl && !databaseUrl) return undefined;
  if (!redisUrl || !databaseUrl) {
    console.error(
      `Scale-out mode needs both REDIS_URL and DATABASE_URL (only ${redisUrl ? 'REDIS_URL' : 'DATABASE_URL'} is set). Set both, or neither for the one-process SQLite default.`,
    );
    process.exit(2);
  }
  return { redisUrl, databaseUrl, redisPrefix: process.env.CLOSECALL_REDIS_PREFIX || undefined };
}

/** PUBLIC_URL must be an http(s) address; anything else is a mistake worth stopping for. */
function publicUrlFromEnv(): string | undefined {
  const raw = process.env.PUBLIC_URL;
  if (!raw) return undefined;
  if (!originOf(raw)) {
    console.error(`PUBLIC_URL must be an http:// or https:// address, not "${raw}".`);
    process.exit(2);
  }
  return raw;
}

export async function main(root: string): Promise<void> {
  const portEnv = process.env.PORT;
  const port = portEnv === undefined || portEnv === '' ? 4173 : Number(portEnv);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`PORT must be a whole number from 0 to 65535, not "${portEnv}".`);
    process.exit(2);
  }
  const host = process.env.HOST || '0.0.0.0';
  const dbFile = resolve(root, process.env.CLOSECALL_DB || 'data/closecall.db');
  const idleEnv = process.env.CLOSECALL_IDLE_MINUTES;
  const idleMinutes = idleEnv ? Number(idleEnv) : undefined;
  if (
    idleMinutes !== undefined &&
    !(Number.isFinite(idleMinutes) && idleMinutes >= 1 && idleMinutes <= 10_080)
  ) {
    console.error(
      `CLOSECALL_IDLE_MINUTES must be a number of minutes from 1 to 10080 (a week), not "${idleEnv}".`,
    );
    process.exit(2);
  }
  let server: Awaited<ReturnType<typeof startServer>>;
  try {
    server = await startServer({
      port,
      host,
      portTries: portEnv ? 1 : 50,
      root,
      dbFile,
      trainerKey: process.env.CLOSECALL_TRAINER_KEY || undefined,
      trustProxy: process.env.TRUST_PROXY,
      idleMinutes,
      publicUrl: publicUrlFromEnv(),
      cluster: clusterFromEnv(),
    });
  } catch (err) {
    console.error(`The server could not start: ${err instanceof Error ? err.message : err}`);
    process.exit(1);
  }
  console.log(`Close Call is running at ${server.url} (PORT ${server.port})`);
  console.log(`  Trainers: ${server.url}host   Phones: ${server.url}join`);
  const reach = networkInfo({ host, port: server.port, publicUrl: publicUrlFromEnv() });
  if (reach.loopbackOnly) {
    console.log(
      `  Phones cannot reach ${reach.urls[0]}: it is this computer only. Listen on the network (HOST=0.0.0.0) or set PUBLIC_URL.`,
    );
  } else {
    for (const url of reach.urls) console.log(`  Phones join at: ${url}/join`);
  }
  console.log(
    process.env.DATABASE_URL && process.env.REDIS_URL
      ? `  Scale-out mode: records in Postgres (${redact(process.env.DATABASE_URL)}), Redis at ${redact(process.env.REDIS_URL)}`
      : `  Records: ${dbFile}`,
  );
  if (server.newTrainerKey) {
    console.log('');
    console.log(`  Trainer key (shown this once; keep it): ${server.newTrainerKey}`);
    console.log(
      '  You need it to open rooms and read past sessions. Set CLOSECALL_TRAINER_KEY to choose your own.',
    );
    console.log('');
  }
  if (server.restored > 0) console.log(`  Reopened ${server.restored} room(s) that had not ended.`);
  console.log('Press Ctrl+C to stop.');
  const stop = () => {
    // Exit within a few seconds whatever happens (the hand-over itself takes at most about 5 s).
    setTimeout(() => process.exit(1), 8_000).unref();
    const started = Date.now();
    server.close().then(
      () => {
        console.log(`Stopped in ${Date.now() - started} ms.`);
        process.exit(0);
      },
      () => process.exit(1),
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}
