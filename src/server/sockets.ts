/**
 * socket.io wiring: every client message is size-checked, rate-limited and parsed with its zod
 * schema before a room sees it; every failure becomes an error code and changes nothing. The
 * events, their schemas and their handlers' names come from CLIENT_EVENTS (src/protocol/); the
 * handlers are in handlers.ts.
 */
import type { Server, Socket } from 'socket.io';
import type { z } from 'zod';
import { CLIENT_EVENTS, type ErrorCode, LIMITS } from '../protocol/index';
import { clientAddress, type TrustedProxies } from './address';
import { type Connection, HANDLERS } from './handlers';
import { type Limits, waitText } from './limits';
import { TokenBucket } from './rate';
import { Refusal, type Room, type RoomOutlet } from './room';
import type { Rooms } from './rooms';
import { isStoreUnavailable } from './store/errors';

type Reply = (reply: unknown) => void;
type Answer = { ok: true } | { ok: false; error: { code: ErrorCode; message: string } };

export function outletFor(io: Server): RoomOutlet {
  return {
    toRoom: (code, event, payload) => io.to(`room:${code}`).emit(event, payload),
    toHost: (code, event, payload) => io.to(`host:${code}`).emit(event, payload),
    toPlayer: (code, player, event, payload, here) =>
      (here ? io.local : io).to(`player:${code}:${player}`).emit(event, payload),
    detach: (code, player, team) =>
      io
        .in(`player:${code}:${player}`)
        .socketsLeave(team ? [`room:${code}`, `team:${code}:${team}`] : `room:${code}`),
    toPhones: (code, event, payload) => io.to(`room:${code}`).except(`host:${code}`).emit(event, payload),
    toTeam: (code, team, event, payload) => io.to(`team:${code}:${team}`).emit(event, payload),
  };
}

/** The parts of engine.io's socket this file reads (its transport's WebSocket and that one's TCP socket). */
interface EngineConn {
  transport?: { socket?: { _socket?: { cork?: () => void; uncork?: () => void } } };
}

/**
 * Frames engine.io sends one socket together leave in one system call instead of one each. What
 * is emitted to a socket while its previous write is still in flight waits in engine.io's buffer
 * and goes out as one `transport.send` (at a reveal: the round's log entries, the reveal and the
 * state); the TCP socket under the WebSocket is corked for the length of that send, which
 * engine.io's public `flush` and `drain` server events bracket synchronously. A transport without
 * a TCP socket of its own (long-polling) is left alone.
 */
export function batchWrites(io: Server): void {
  const engine = io.engine as unknown as {
    on(event: 'flush', f: (conn: EngineConn, buffer: unknown[]) => void): void;
    on(event: 'drain', f: (conn: EngineConn) => void): void;
  };
  /** The socket corked by the `flush` being sent now; `drain` follows it synchronously. */
  let current: { uncork: () => void; open: boolean } | null = null;
  engine.on('flush', (conn, buffer) => {
    const tcp = conn.transport?.socket?._socket;
    if (buffer.length < 2 || typeof tcp?.cork !== 'function' || typeof tcp.uncork !== 'function') return;
    tcp.cork();
    const corked = { uncork: () => tcp.uncork?.(), open: true };
    current = corked;
    // Should the send throw before `drain`, the socket is not left corked.
    process.nextTick(() => {
      if (!corked.open) return;
      corked.open = false;
      corked.uncork();
    });
  });
  engine.on('drain', () => {
    const corked = current;
    current = null;
    if (!corked?.open) return;
    corked.open = false;
    corked.uncork();
  });
}

function fail(code: ErrorCode, message: string) {
  return { ok: false as const, error: { code, message } };
}

function payloadSize(args: unknown[]): number {
  try {
    return JSON.stringify(args.filter((a) => typeof a !== 'function')).length;
  } catch {
    return Number.POSITIVE_INFINITY;
  }
}

export interface SocketOptions {
  trainerKeyHash: string;
  limits: Limits;
  trustProxy: TrustedProxies;
  log?: (line: string) => void;
}

/** One event of the table, as the dispatcher sees it. */
interface Wired {
  schema: z.ZodType;
  run: (c: Connection, payload: unknown) => Promise<object>;
}

/** The dispatch table: one entry per CLIENT_EVENTS row. */
const WIRED = new Map<string, Wired>(
  CLIENT_EVENTS.map((e) => [
    e.event,
    {
      schema: e.schema,
      run: HANDLERS[e.handler] as (c: Connection, payload: unknown) => Promise<object>,
    },
  ]),
);

/** One socket's connection: its role, its room and the rooms it listens to. */
class SocketConnection implements Connection {
  role: 'host' | 'player' | null = null;
  room: Room | null = null;
  player: string | null = null;
  readonly bucket = new TokenBucket(LIMITS.ratePerSecond, LIMITS.rateBurst);
  strikes = 0;

  constructor(
    private readonly socket: Socket,
    readonly rooms: Rooms,
    readonly trainerKeyHash: string,
    readonly log: (line: string) => void,
    readonly address: string,
    readonly limits: Limits,
  ) {
    // `socket.data.player`: the player a bound phone socket is (scale-out mode: what this process
    // tells the others, src/server/cluster/presence.ts). It counts once it resumes.
    delete socket.data.player;
  }

  leave(): void {
    const { socket, room, player } = this;
    if (this.role === 'player' && room && player) room.disconnect(player);
    delete socket.data.player;
    if (room) {
      socket.leave(`room:${room.code}`);
      socket.leave(`host:${room.code}`);
      if (player) {
        socket.leave(`player:${room.code}:${player}`);
        const team = room.teamOf(player);
        if (team) socket.leave(`team:${room.code}:${team}`);
      }
    }
    this.role = null;
    this.room = null;
    this.player = null;
  }

  bindHost(room: Room): void {
    this.leave();
    this.role = 'host';
    this.room = room;
    this.socket.join(`room:${room.code}`);
    this.socket.join(`host:${room.code}`);
  }

  bindPlayer(room: Room, player: string): void {
    this.leave();
    this.role = 'player';
    this.room = room;
    this.player = player;
    this.socket.join(`room:${room.code}`);
    this.socket.join(`player:${room.code}:${player}`);
    const team = room.teamOf(player);
    if (team) this.socket.join(`team:${room.code}:${team}`);
    this.socket.data.player = player;
    room.connect(player);
  }

  /** Checks one message and runs its handler; the answer goes to the callback or `server:error`. */
  async handle(event: string, args: unknown[]): Promise<void> {
    const last = args[args.length - 1];
    const ack: Reply | null = typeof last === 'function' ? (last as Reply) : null;
    const answer = (reply: Answer) => {
      if (ack) ack(reply);
      else if (!reply.ok)
        this.socket.emit('server:error', { event: event.slice(0, 100), error: reply.error });
    };
    if (!this.bucket.take()) {
      this.strikes++;
      // A socket that keeps flooding after being told is dropped.
      if (this.strikes > 200) this.socket.disconnect(true);
      answer(fail('rate-limited', 'Too many messages; slow down.'));
      return;
    }
    if (this.rooms.closing) {
      answer(fail('unavailable', 'This server is stopping; reconnect and send it again.'));
      return;
    }
    const wired = WIRED.get(event);
    if (!wired) {
      answer(fail('unknown-event', `There is no event "${event.slice(0, 60)}".`));
      return;
    }
    const payloadArgs = ack ? args.slice(0, -1) : args;
    if (payloadSize(payloadArgs) > LIMITS.maxPayloadBytes) {
      answer(fail('too-large', `A message may be at most ${LIMITS.maxPayloadBytes} bytes.`));
      return;
    }
    if (payloadArgs.length !== 1) {
      answer(fail('bad-message', 'Send exactly one payload object.'));
      return;
    }
    const parsed = wired.schema.safeParse(payloadArgs[0]);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const where = issue && issue.path.length > 0 ? ` at ${issue.path.join('.')}` : '';
      answer(
        fail('bad-message', `The ${event} message is not valid${where}: ${issue?.message ?? 'bad shape'}.`),
      );
      return;
    }
    try {
      answer({ ok: true, ...(await wired.run(this, parsed.data)) });
    } catch (err) {
      answer(this.failure(event, err));
    }
  }

  private failure(event: string, err: unknown): Answer {
    if (err instanceof Refusal) return fail(err.code, err.message);
    // Scale-out mode: the records database is unreachable; the change rolled back whole.
    if (isStoreUnavailable(err))
      return fail('unavailable', 'The records database cannot be reached; nothing changed. Try again.');
    this.log(`${event} failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    return fail('internal', 'The server could not apply this message; nothing changed.');
  }
}

export function attachSockets(io: Server, rooms: Rooms, options: SocketOptions): void {
  batchWrites(io);
  const log = options.log ?? (() => {});
  const { limits } = options;
  const addressOf = (socket: Socket) =>
    clientAddress(
      socket.conn.remoteAddress || socket.handshake.address,
      socket.handshake.headers['x-forwarded-for'],
      options.trustProxy,
    );
  // Connections per address: over the cap or the rate, the handshake is refused with
  // connect_error (err.message 'rate-limited', err.data { code, message, retryAfterSeconds }).
  io.use((socket, next) => {
    const address = addressOf(socket);
    limits.connect(address).then(
      (v) => {
        if (v.ok) {
          socket.data.address = address;
          return next();
        }
        const err = new Error('rate-limited') as Error & { data?: unknown };
        err.data = {
          code: 'rate-limited',
          message: `Too many connections from this address; ${waitText(v.retryAfterSeconds)}.`,
          retryAfterSeconds: v.retryAfterSeconds,
        };
        next(err);
      },
      () => next(),
    );
  });
  io.on('connection', (socket: Socket) => {
    // Every connection passed the middleware above, which counted it (the server keeps no
    // socket.io connection-state recovery, whose recovered sockets would skip it).
    const address = (socket.data.address as string | undefined) ?? addressOf(socket);
    const c = new SocketConnection(socket, rooms, options.trainerKeyHash, log, address, limits);
    socket.onAny((event: unknown, ...args: unknown[]) => {
      void c.handle(typeof event === 'string' ? event : String(event), args);
    });
    socket.on('disconnect', () => {
      c.leave();
      limits.disconnected(address);
    });
  });
}
