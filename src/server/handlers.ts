/**
 * One function per client event, named in the protocol's table (CLIENT_EVENTS in
 * src/protocol/index.ts). Each gets the connection it came on and its payload, already
 * size-checked, rate-limited and parsed with its schema (sockets.ts), and returns the reply's
 * fields; a Refusal becomes `{ ok: false, error }`.
 */
import type { z } from 'zod';
import { type CLIENT_EVENTS, type ClientHandlerName, normaliseCode, RoomCode } from '../protocol/index';
import { Refusal, type Room } from './room';
import type { Rooms } from './rooms';
import { hashToken, sameHash } from './secrets';

/** What a handler may do to the socket it came on (sockets.ts implements it). */
export interface Connection {
  readonly rooms: Rooms;
  readonly trainerKeyHash: string;
  readonly log: (line: string) => void;
  /** The socket's role now. */
  readonly role: 'host' | 'player' | null;
  readonly room: Room | null;
  readonly player: string | null;
  bindHost(room: Room): void;
  bindPlayer(room: Room, player: string): void;
  /** A failed guess (wrong key, code or token) from this connection's address. */
  failed(kind: 'key' | 'code' | 'token'): void;
}

type Payload<H extends ClientHandlerName> = z.output<
  Extract<(typeof CLIENT_EVENTS)[number], { handler: H }>['schema']
>;
type Handler<H extends ClientHandlerName> = (c: Connection, p: Payload<H>) => Promise<object>;

async function hostCreate(c: Connection, p: Payload<'hostCreate'>): Promise<object> {
  if (!sameHash(hashToken(p.trainerKey), c.trainerKeyHash)) {
    c.failed('key');
    throw new Refusal('unauthorized', 'That trainer key is not right.');
  }
  const { room, hostToken } = await c.rooms.create(p.settings);
  c.bindHost(room);
  c.log(`Room ${room.code} opened (${room.settings.mode}, scenario ${room.settings.scenario}).`);
  return { hostToken, state: room.state(), players: room.playersInfo() };
}

async function hostResume(c: Connection, p: Payload<'hostResume'>): Promise<object> {
  const room = await c.rooms.findByHostToken(p.hostToken);
  if (!room) {
    c.failed('token');
    throw new Refusal('unauthorized', 'No room for this host token.');
  }
  c.bindHost(room);
  return room.run(() => ({
    state: room.state(),
    players: room.playersInfo(),
    missed: room.missed(p.lastSeq),
  }));
}

async function hostControl(c: Connection, p: Payload<'hostControl'>): Promise<object> {
  const room = c.room;
  if (c.role !== 'host' || !room) throw new Refusal('not-host', 'Only the host can control the room.');
  const result = await room.run(() => room.control(p));
  if (room.status === 'ended') c.rooms.ended(room);
  return result;
}

async function playerJoin(c: Connection, p: Payload<'playerJoin'>): Promise<object> {
  const code = normaliseCode(p.code);
  const room = RoomCode.safeParse(code).success ? await c.rooms.findByCode(code) : null;
  if (!room) {
    c.failed('code');
    throw new Refusal('not-found', 'There is no open room with that code. Check the code on the screen.');
  }
  const { token, player } = await room.run(() => room.join(p.name, p.device));
  c.bindPlayer(room, player.id);
  return room.run(() => ({
    playerToken: token,
    you: room.you(player.id),
    state: room.state(),
    missed: room.missed(0),
  }));
}

async function playerResume(c: Connection, p: Payload<'playerResume'>): Promise<object> {
  const room = await c.rooms.findByPlayerToken(p.playerToken);
  if (!room) {
    c.failed('token');
    throw new Refusal('unauthorized', 'This phone is not known in any open room; join again.');
  }
  const player = await room.run(() => room.resumePlayer(p.playerToken));
  c.bindPlayer(room, player.id);
  return room.run(() => ({
    you: room.you(player.id),
    state: room.state(),
    missed: room.missed(p.lastSeq),
  }));
}

async function playerVote(c: Connection, p: Payload<'playerVote'>): Promise<object> {
  const room = c.room;
  const player = c.player;
  if (c.role !== 'player' || !room || !player) throw new Refusal('not-joined', 'Join a room first.');
  return room.run(() => room.vote(player, p));
}

/** The handlers by the names CLIENT_EVENTS gives them. */
export const HANDLERS: { [H in ClientHandlerName]: Handler<H> } = {
  hostCreate,
  hostResume,
  hostControl,
  playerJoin,
  playerResume,
  playerVote,
};
