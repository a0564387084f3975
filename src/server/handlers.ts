/**
 * One function per client event, named in the protocol's table (CLIENT_EVENTS in
 * src/protocol/index.ts). Each gets the connection it came on and its payload, already
 * size-checked, rate-limited and parsed with its schema (sockets.ts), and returns the reply's
 * fields; a Refusal becomes `{ ok: false, error }`.
 */
import type { z } from 'zod';
import { type CLIENT_EVENTS, type ClientHandlerName, normaliseCode, RoomCode } from '../protocol/index';
import { type Limits, type Verdict, waitText } from './limits';
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
  /** The client's address (address.ts: the proxy's only when no proxy is trusted). */
  readonly address: string;
  readonly limits: Limits;
}

function limited(v: Verdict, why: string): void {
  if (!v.ok) throw new Refusal('rate-limited', `${why}; ${waitText(v.retryAfterSeconds)}.`);
}

/** A token that names no room: counted against the address (valid tokens are never limited). */
async function wrongToken(c: Connection, what: string): Promise<never> {
  limited(await c.limits.mayGuess(c.address, null), 'Too many unknown tokens from this address');
  await c.limits.wrongGuess(c.address, null, what);
  throw new Refusal('unauthorized', `This ${what} is not known in any open room; join again.`);
}

type Payload<H extends ClientHandlerName> = z.output<
  Extract<(typeof CLIENT_EVENTS)[number], { handler: H }>['schema']
>;
type Handler<H extends ClientHandlerName> = (c: Connection, p: Payload<H>) => Promise<object>;

async function hostCreate(c: Connection, p: Payload<'hostCreate'>): Promise<object> {
  limited(await c.limits.mayTryKey(c.address), 'Too many wrong trainer keys from this address');
  if (!sameHash(hashToken(p.trainerKey), c.trainerKeyHash)) {
    await c.limits.wrongKey(c.address, 'socket');
    throw new Refusal('unauthorized', 'That trainer key is not right.');
  }
  const { room, hostToken } = await c.rooms.create(p.settings);
  c.bindHost(room);
  c.log(`Room ${room.code} opened (${room.settings.mode}, scenario ${room.settings.scenario}).`);
  return { hostToken, state: room.state(), players: room.playersInfo() };
}

async function hostResume(c: Connection, p: Payload<'hostResume'>): Promise<object> {
  const room = await c.rooms.findByHostToken(p.hostToken);
  if (!room) return wrongToken(c, 'host token');
  c.bindHost(room);
  return room.read(() => ({
    state: room.state(),
    players: room.playersInfo(),
    missed: room.missed(p.lastSeq),
  }));
}

async function hostTakeover(c: Connection, p: Payload<'hostTakeover'>): Promise<object> {
  limited(await c.limits.mayTryKey(c.address), 'Too many wrong trainer keys from this address');
  if (!sameHash(hashToken(p.trainerKey), c.trainerKeyHash)) {
    await c.limits.wrongKey(c.address, 'socket');
    throw new Refusal('unauthorized', 'That trainer key is not right.');
  }
  const code = normaliseCode(p.code);
  const room = RoomCode.safeParse(code).success ? await c.rooms.findByCode(code) : null;
  if (!room) throw new Refusal('not-found', 'There is no open room with that code.');
  c.bindHost(room);
  c.log(`Room ${room.code}: host control taken with the trainer key from another device.`);
  return room.read(() => ({
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
  limited(await c.limits.mayGuess(c.address, p.device), 'Too many wrong room codes from this phone');
  const code = normaliseCode(p.code);
  const room = RoomCode.safeParse(code).success ? await c.rooms.findByCode(code) : null;
  if (!room) {
    await c.limits.wrongGuess(c.address, p.device, 'room code');
    throw new Refusal('not-found', 'There is no open room with that code. Check the code on the screen.');
  }
  limited(await c.limits.join(room.code), 'This room is taking very many joins at once; try again');
  const { token, player } = await room.run(() => room.join(p.name, p.device));
  c.bindPlayer(room, player.id);
  return room.read(() => ({
    playerToken: token,
    you: room.you(player.id),
    state: room.stateFor(player.id),
    missed: room.missed(0),
  }));
}

async function playerResume(c: Connection, p: Payload<'playerResume'>): Promise<object> {
  const room = await c.rooms.findByPlayerToken(p.playerToken);
  if (!room) return wrongToken(c, 'player token');
  // Check the token and bind the socket, then answer from the room as committed (scale-out
  // mode: two reads without the room's lock, so nothing committed meanwhile is missed).
  return room.bindThenRead(
    () => {
      const player = room.resumePlayer(p.playerToken);
      c.bindPlayer(room, player.id);
      return player;
    },
    (player) => ({
      you: room.you(player.id),
      state: room.stateFor(player.id),
      missed: room.missed(p.lastSeq),
    }),
  );
}

async function playerVote(c: Connection, p: Payload<'playerVote'>): Promise<object> {
  const room = c.room;
  const player = c.player;
  if (c.role !== 'player' || !room || !player) throw new Refusal('not-joined', 'Join a room first.');
  // Not inside room.run: the room queues votes itself and writes those that arrive together at once.
  return room.vote(player, p);
}

/** The handlers by the names CLIENT_EVENTS gives them. */
export const HANDLERS: { [H in ClientHandlerName]: Handler<H> } = {
  hostCreate,
  hostResume,
  hostTakeover,
  hostControl,
  playerJoin,
  playerResume,
  playerVote,
};
