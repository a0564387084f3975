/**
 * socket.io wiring: every client message is size-checked, rate-limited and parsed with its zod
 * schema before a room sees it; every failure becomes an error code and changes nothing.
 */
import type { Server, Socket } from 'socket.io';
import {
  type ClientEventName,
  ClientEvents,
  type ErrorCode,
  LIMITS,
  normaliseCode,
  RoomCode,
} from '../protocol/index';
import { PerMinute, TokenBucket } from './rate';
import { Refusal, type Room, type RoomOutlet } from './room';
import type { Rooms } from './rooms';
import { hashToken, sameHash } from './secrets';
import { isStoreUnavailable } from './store/errors';

interface SocketData {
  role: 'host' | 'player' | null;
  room: Room | null;
  player: string | null;
  bucket: TokenBucket;
  strikes: number;
}

type Reply = (reply: unknown) => void;

export function outletFor(io: Server): RoomOutlet {
  return {
    toRoom: (code, event, payload) => io.to(`room:${code}`).emit(event, payload),
    toHost: (code, event, payload) => io.to(`host:${code}`).emit(event, payload),
    toPlayer: (code, player, event, payload) => io.to(`player:${code}:${player}`).emit(event, payload),
    detach: (code, player) => io.in(`player:${code}:${player}`).socketsLeave(`room:${code}`),
  };
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
  log?: (line: string) => void;
}

export function attachSockets(io: Server, rooms: Rooms, options: SocketOptions): void {
  const log = options.log ?? (() => {});
  const joinFailures = new PerMinute(LIMITS.joinFailuresPerMinute);

  io.on('connection', (socket: Socket) => {
    const data: SocketData = {
      role: null,
      room: null,
      player: null,
      bucket: new TokenBucket(LIMITS.ratePerSecond, LIMITS.rateBurst),
      strikes: 0,
    };
    const address = socket.handshake.address || 'unknown';
    // `data.player`: the player a bound phone socket is (scale-out mode: what this process tells the
    // others, src/server/cluster/presence.ts). A socket socket.io recovered counts once it resumes.
    delete socket.data.player;

    const leave = () => {
      if (data.role === 'player' && data.room && data.player) data.room.disconnect(data.player);
      delete socket.data.player;
      if (data.room) {
        socket.leave(`room:${data.room.code}`);
        socket.leave(`host:${data.room.code}`);
        if (data.player) socket.leave(`player:${data.room.code}:${data.player}`);
      }
      data.role = null;
      data.room = null;
      data.player = null;
    };

    const bindHost = (room: Room) => {
      leave();
      data.role = 'host';
      data.room = room;
      socket.join(`room:${room.code}`);
      socket.join(`host:${room.code}`);
    };

    const bindPlayer = (room: Room, player: string) => {
      leave();
      data.role = 'player';
      data.room = room;
      data.player = player;
      socket.join(`room:${room.code}`);
      socket.join(`player:${room.code}:${player}`);
      socket.data.player = player;
      room.connect(player);
    };

    const handlers: { [E in ClientEventName]: (payload: never) => Promise<unknown> } = {
      'host:create': async (p: { trainerKey: string; settings: Parameters<Rooms['create']>[0] }) => {
        if (!sameHash(hashToken(p.trainerKey), options.trainerKeyHash)) {
          joinFailures.record(address);
          throw new Refusal('unauthorized', 'That trainer key is not right.');
        }
        const { room, hostToken } = await rooms.create(p.settings);
        bindHost(room);
        log(`Room ${room.code} opened (${room.settings.mode}, scenario ${room.settings.scenario}).`);
        return { hostToken, state: room.state(), players: room.playersInfo() };
      },
      'host:resume': async (p: { hostToken: string; lastSeq: number }) => {
        const room = await rooms.findByHostToken(p.hostToken);
        if (!room) {
          joinFailures.record(address);
          throw new Refusal('unauthorized', 'No room for this host token.');
        }
        bindHost(room);
        return room.run(() => ({
          state: room.state(),
          players: room.playersInfo(),
          missed: room.missed(p.lastSeq),
        }));
      },
      'host:takeover': async (p: { trainerKey: string; code: string; lastSeq: number }) => {
        if (!sameHash(hashToken(p.trainerKey), options.trainerKeyHash)) {
          joinFailures.record(address);
          throw new Refusal('unauthorized', 'That trainer key is not right.');
        }
        const code = normaliseCode(p.code);
        const room = RoomCode.safeParse(code).success ? await rooms.findByCode(code) : null;
        if (!room) throw new Refusal('not-found', 'There is no open room with that code.');
        bindHost(room);
        log(`Room ${room.code}: host control taken with the trainer key from another device.`);
        return room.run(() => ({
          state: room.state(),
          players: room.playersInfo(),
          missed: room.missed(p.lastSeq),
        }));
      },
      'host:control': async (p: { id: string; command: never; player?: string }) => {
        const room = data.room;
        if (data.role !== 'host' || !room)
          throw new Refusal('not-host', 'Only the host can control the room.');
        const result = await room.run(() => room.control(p));
        if (room.status === 'ended') rooms.ended(room);
        return result;
      },
      'player:join': async (p: { code: string; name?: string; device: string }) => {
        const code = normaliseCode(p.code);
        const room = RoomCode.safeParse(code).success ? await rooms.findByCode(code) : null;
        if (!room) {
          joinFailures.record(address);
          throw new Refusal(
            'not-found',
            'There is no open room with that code. Check the code on the screen.',
          );
        }
        const { token, player } = await room.run(() => room.join(p.name, p.device));
        bindPlayer(room, player.id);
        return room.run(() => ({
          playerToken: token,
          you: room.you(player.id),
          state: room.state(),
          missed: room.missed(0),
        }));
      },
      'player:resume': async (p: { playerToken: string; lastSeq: number }) => {
        const room = await rooms.findByPlayerToken(p.playerToken);
        if (!room) {
          joinFailures.record(address);
          throw new Refusal('unauthorized', 'This phone is not known in any open room; join again.');
        }
        const player = await room.run(() => room.resumePlayer(p.playerToken));
        bindPlayer(room, player.id);
        return room.run(() => ({
          you: room.you(player.id),
          state: room.state(),
          missed: room.missed(p.lastSeq),
        }));
      },
      'player:vote': async (p: { id: string; round: number; ballot: never }) => {
        const room = data.room;
        if (data.role !== 'player' || !room || !data.player)
          throw new Refusal('not-joined', 'Join a room first.');
        const player = data.player;
        return room.run(() => room.vote(player, p));
      },
    };

    const guarded = new Set<string>([
      'host:create',
      'host:resume',
      'host:takeover',
      'player:join',
      'player:resume',
    ]);

    const handle = async (event: string, args: unknown[]) => {
      const last = args[args.length - 1];
      const ack: Reply | null = typeof last === 'function' ? (last as Reply) : null;
      const answer = (reply: { ok: boolean; error?: { code: ErrorCode; message: string } }) => {
        if (ack) ack(reply);
        else if (!reply.ok) socket.emit('server:error', { event: event.slice(0, 100), error: reply.error });
      };
      if (!data.bucket.take()) {
        data.strikes++;
        // A socket that keeps flooding after being told is dropped.
        if (data.strikes > 200) socket.disconnect(true);
        answer(fail('rate-limited', 'Too many messages; slow down.'));
        return;
      }
      if (!Object.hasOwn(ClientEvents, event)) {
        answer(fail('unknown-event', `There is no event "${event.slice(0, 60)}".`));
        return;
      }
      const name = event as ClientEventName;
      if (guarded.has(name) && !joinFailures.allowed(address)) {
        answer(fail('rate-limited', 'Too many wrong codes or tokens from this network; wait a minute.'));
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
      const parsed = ClientEvents[name].safeParse(payloadArgs[0]);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        const where = issue && issue.path.length > 0 ? ` at ${issue.path.join('.')}` : '';
        answer(
          fail('bad-message', `The ${name} message is not valid${where}: ${issue?.message ?? 'bad shape'}.`),
        );
        return;
      }
      try {
        const result = (await handlers[name](parsed.data as never)) as Record<string, unknown>;
        answer({ ok: true, ...result });
      } catch (err) {
        if (err instanceof Refusal) answer(fail(err.code, err.message));
        else if (isStoreUnavailable(err)) {
          // Scale-out mode: the records database is unreachable; the change rolled back whole.
          answer(fail('unavailable', 'The records database cannot be reached; nothing changed. Try again.'));
        } else {
          log(`${name} failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
          answer(fail('internal', 'The server could not apply this message; nothing changed.'));
        }
      }
    };

    socket.onAny((event: unknown, ...args: unknown[]) => {
      void handle(typeof event === 'string' ? event : String(event), args);
    });
    socket.on('disconnect', leave);
  });
}
