/**
 * Scale-out mode (issue #11): several server processes, one Postgres, one Redis.
 *
 * - Postgres (PostgresStore) keeps every session and action log; each change to a room runs in
 *   one transaction holding that room's advisory lock, so the processes take turns per room; the
 *   room's `rev` tells a process whether its in-memory copy is stale (then it refreshes from the
 *   database inside the same transaction before applying anything).
 * - Redis carries socket.io's broadcasts between processes (@socket.io/redis-streams-adapter), so
 *   a room's phones may be connected to any process.
 * - Nothing a room broadcasts leaves the process before its transaction commits: events are held
 *   while the room's change runs and sent after COMMIT (dropped, and the room refreshed, if the
 *   transaction fails), so no client ever sees a change the database does not have.
 * - Presence (which phones are connected) is shared between the processes through socket.io's
 *   server-side events (presence.ts).
 * See docs/deploy.md for the whole design.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { createAdapter } from '@socket.io/redis-streams-adapter';
import { createClient } from 'redis';
import type { Server } from 'socket.io';
import { Refusal, type Room, type RoomCluster, type RoomOutlet } from '../room';
import { PostgresStore, ROLLED_BACK_WRITES } from '../store/postgres';
import type { LoadedSession } from '../store/types';
import { PresenceHub } from './presence';

export interface ClusterOptions {
  redisUrl: string;
  databaseUrl: string;
  /** Prefix of every Redis key this deployment uses (default "closecall"): runs never collide. */
  redisPrefix?: string;
  /** Postgres schema (tests); default the database user's search_path. */
  schema?: string;
  /** Connections in this process's Postgres pool (default 10). */
  poolSize?: number;
}

type Emit = () => void;
/** Events held during one room transaction; `open` is false once it committed or failed. */
interface Held {
  emits: Emit[];
  open: boolean;
}

export interface Cluster {
  store: PostgresStore;
  /** The Redis client (shared abuse limits, src/server/limits.ts). */
  redis: ReturnType<typeof createClient>;
  /** Prefix of this deployment's Redis keys. */
  prefix: string;
  /** What each room uses: its guard (one writer across processes) and its shared presence. */
  forRooms: RoomCluster;
  /** The outlet rooms use: holds events sent during a room transaction until it commits. */
  outlet(inner: RoomOutlet): RoomOutlet;
  /** Puts the Redis Streams adapter on socket.io. */
  attach(io: Server): void;
  /** Loads an open room another process made (by code or token hash), with its rev. */
  locate(by: { code: string } | { hostHash: string } | { playerHash: string }): Promise<string | null>;
  load(sessionId: string): Promise<{ loaded: LoadedSession; rev: number } | null>;
  /** Records the rev a room object was built from. */
  adopt(room: Room, rev: number): void;
  close(): Promise<void>;
}

export async function startCluster(options: ClusterOptions, log: (line: string) => void): Promise<Cluster> {
  const prefix = options.redisPrefix || 'closecall';
  if (!/^[A-Za-z0-9_:.-]{1,64}$/.test(prefix))
    throw new Error(`The Redis key prefix "${prefix}" may use letters, digits and _ : . - only.`);
  let lastRedisError = 0;
  const redis = createClient({
    url: options.redisUrl,
    socket: {
      connectTimeout: 3_000,
      // Keep trying while Redis restarts: socket.io's broadcasts queue meanwhile.
      reconnectStrategy: (retries: number) => Math.min(100 * (retries + 1), 2_000),
    },
  });
  redis.on('error', (err: Error) => {
    const now = Date.now();
    if (now - lastRedisError > 10_000) log(`Redis: ${err.message} (retrying)`);
    lastRedisError = now;
  });
  try {
    await redis.connect();
  } catch (err) {
    await redis.disconnect().catch(() => {});
    throw new Error(`Redis at ${options.redisUrl} does not answer: ${(err as Error).message}`);
  }
  let store: PostgresStore;
  try {
    store = await PostgresStore.open({
      connectionString: options.databaseUrl,
      schema: options.schema,
      max: options.poolSize ?? 20,
      log,
    });
  } catch (err) {
    await redis.disconnect().catch(() => {});
    throw new Error(`Postgres at ${redact(options.databaseUrl)} cannot be used: ${(err as Error).message}`);
  }

  const revs = new WeakMap<Room, number>();
  const presence = new PresenceHub(log);
  // A timer set inside a transaction (the room's 100 ms coalescing flush) inherits this context;
  // once the transaction is over its events go out at once.
  const held = new AsyncLocalStorage<Held>();
  let io: Server | null = null;

  const forRooms: RoomCluster = {
    share: (room, hooks) => presence.track(room, hooks),
    // A read (a resume's or a join's reply): no transaction and no lock, one statement that
    // brings a stale copy up to the committed rev (or finds it current). What another process
    // commits later reaches this room's sockets through Redis, as after any change.
    async peek<T>(room: Room, fn: () => Promise<T> | T): Promise<T> {
      const known = revs.get(room);
      const found = await store.loadSessionIfChanged(room.id, known ?? -1);
      if (found) {
        room.refresh(found.loaded);
        revs.set(room, found.rev);
      }
      return fn();
    },
    async guard<T>(room: Room, fn: () => Promise<T> | T): Promise<T> {
      const out: Held = { emits: [], open: true };
      try {
        const { value, rev } = await store.inRoomTransaction(room.id, async (dbRev) => {
          const known = revs.get(room);
          if (known !== dbRev) {
            const found = await store.loadSessionIfChanged(room.id, known ?? -1);
            if (!found) throw new Error(`Room ${room.code} is no longer in the database.`);
            room.refresh(found.loaded);
            revs.set(room, dbRev);
          }
          return held.run(out, fn);
        });
        revs.set(room, rev);
        out.open = false;
        for (const send of out.emits) send();
        return value;
      } catch (err) {
        out.open = false;
        out.emits = [];
        // A refusal (wrong round, bad ballot...) is checked before anything changes: the room in
        // memory is still the committed one.
        const wrote = (err as Record<symbol, unknown> | null)?.[ROLLED_BACK_WRITES];
        if (err instanceof Refusal && wrote === false) throw err;
        // The transaction rolled back: what `fn` changed in memory may not be in the database.
        // Forget the rev so the next change (or the refresh below) reloads the room first.
        revs.delete(room);
        setTimeout(() => {
          void room.run(() => undefined).catch(() => {});
        }, 1_000).unref?.();
        throw err;
      }
    },
  };

  const outlet = (inner: RoomOutlet): RoomOutlet => {
    const send =
      <A extends unknown[]>(f: (...args: A) => void) =>
      (...args: A) => {
        const h = held.getStore();
        if (h?.open) h.emits.push(() => f(...args));
        else f(...args);
      };
    return {
      toRoom: send(inner.toRoom.bind(inner)),
      toHost: send(inner.toHost.bind(inner)),
      toPlayer: send(inner.toPlayer.bind(inner)),
      detach: send(inner.detach.bind(inner)),
      toPhones: send(inner.toPhones.bind(inner)),
      toTeam: send(inner.toTeam.bind(inner)),
    };
  };

  return {
    store,
    redis,
    prefix,
    forRooms,
    outlet,
    attach(server: Server) {
      io = server;
      presence.attach(server);
      server.adapter(
        createAdapter(redis, {
          streamName: `${prefix}:socket.io`,
          channelPrefix: `${prefix}:socket.io`,
          sessionKeyPrefix: `${prefix}:sio:session:`,
          onlyPlaintext: true,
          blockTimeInMs: 1_000,
        }),
      );
    },
    async locate(by) {
      if ('code' in by) return store.openSessionByCode(by.code);
      if ('hostHash' in by) return store.openSessionByHostHash(by.hostHash);
      return store.openSessionByPlayerHash(by.playerHash);
    },
    async load(sessionId: string) {
      let loaded: LoadedSession | null = null;
      const { rev } = await store.inRoomTransaction(sessionId, async () => {
        loaded = await store.loadSession(sessionId);
      });
      return loaded ? { loaded, rev } : null;
    },
    adopt(room: Room, rev: number) {
      revs.set(room, rev);
    },
    async close() {
      void io;
      presence.close();
      await store.close().catch(() => {});
      await redis.disconnect().catch(() => {});
    },
  };
}

/** A database URL without its password, for messages. */
export function redact(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'the DATABASE_URL';
  }
}
