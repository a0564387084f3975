/**
 * The live-session protocol: every socket.io event in both directions, its payload as a zod
 * schema, and every error code. Shared by the session server (src/server/) and the browser
 * pages (src/live/); it imports only zod and the engine, never Node. docs/protocol.md is the
 * prose version of this file.
 *
 * Shape of a session: a room holds teams; each team plays the same scenario on the same seed in
 * the engine's expected mode, as its own action log. The room moves in rounds: the host opens a
 * round, every team with a decision votes, the vote closes (timer, host or everyone voted), each
 * team's tally becomes one engine action, the server appends the actions to its log with a
 * sequence number and broadcasts them. Clients replay the log with the engine.
 */
import { z } from 'zod';
import { CloseForm, Delivery } from '../engine';

// ---------------------------------------------------------------------------
// Limits
// ---------------------------------------------------------------------------

export const LIMITS = {
  /** Largest socket.io packet the server accepts; bigger ones close the connection (socket.io's own limit). */
  maxPacketBytes: 16_384,
  /** Largest JSON payload of one event; bigger ones get `too-large`. */
  maxPayloadBytes: 4_096,
  /** Player names, after trimming. */
  nameMin: 1,
  nameMax: 24,
  /** Room codes: length and alphabet (no 0/O/D/Q, 1/I/L, 2/Z, 5/S, 6/G, 8/B look-alikes). */
  codeLength: 6,
  codeAlphabet: 'ACEFHJKMNPRTUVWXY3479',
  teamsMin: 1,
  teamsMax: 8,
  /** Vote timer in seconds; 0 means no timer (the host closes each vote). */
  voteSecondsMin: 0,
  voteSecondsMax: 600,
  /** Seconds added by "Add 30 seconds". */
  addSeconds: 30,
  /** Messages per socket: a bucket of `burst`, refilled at `perSecond`. */
  ratePerSecond: 10,
  rateBurst: 30,
  /** Wrong room codes per phone (address + device) per minute (src/server/limits.ts has the others). */
  joinFailuresPerMinute: 10,
  /** Players in one room. */
  playersMax: 1000,
} as const;

// ---------------------------------------------------------------------------
// Error codes
// ---------------------------------------------------------------------------

export const ERROR_CODES = [
  'bad-message', // the payload failed its schema; nothing changed
  'too-large', // the payload is over LIMITS.maxPayloadBytes
  'unknown-event', // no such event
  'rate-limited', // too many messages from this socket, or too many failed joins from this address
  'unauthorized', // wrong trainer key, host token or player token
  'not-found', // no open room with that code, or no such session
  'room-locked', // the host locked the room: no new players
  'room-full', // LIMITS.playersMax reached
  'room-ended', // the session has ended
  'banned', // this phone was banned from the room
  'kicked', // this player was removed; join again for a new place
  'bad-name', // the name is too long, or not allowed
  'unknown-scenario', // no scenario with that id on the server
  'not-host', // a control sent by a socket that is not the room's host
  'not-joined', // a vote sent by a socket that has not joined or resumed
  'bad-state', // the command does not apply now (e.g. Next while a vote is open)
  'no-vote-open', // no vote is open
  'wrong-round', // the vote names a round that is not the open one (it closed)
  'not-voting', // this player's team has no decision this round, or the player joined after it opened
  'bad-ballot', // the ballot is not one of the options on offer
  'unknown-player', // kick or ban named a player not in the room
  'unavailable', // scale-out mode: the records database cannot be reached; nothing changed, retry
  'internal', // a server fault; the message was not applied
] as const;
export const ErrorCode = z.enum(ERROR_CODES);
export type ErrorCode = z.infer<typeof ErrorCode>;

/** What each error code means, as docs/protocol.md states it (generated from here). */
export const ERROR_MEANINGS: Record<ErrorCode, string> = {
  'bad-message': 'the payload failed its schema (the message names the field); nothing changed',
  'too-large': `the payload is over ${LIMITS.maxPayloadBytes.toLocaleString('en-GB')} bytes of JSON (a socket.io packet over ${LIMITS.maxPacketBytes.toLocaleString('en-GB')} bytes closes the connection instead)`,
  'unknown-event': 'no such event',
  'rate-limited':
    'a limit was reached (too many messages from this socket, too many wrong codes, tokens or trainer keys from this address or for this room code); the message says how long to wait; nothing changed',
  unauthorized: 'wrong trainer key, host token or player token',
  'not-found': 'no open room with that code, or no such session',
  'room-locked': 'the host locked the room: no one new can join',
  'room-full': `the room has ${LIMITS.playersMax.toLocaleString('en-GB')} players`,
  'room-ended': 'the session has ended (by the host, or idle for longer than the idle limit)',
  banned: 'this phone was banned from the room',
  kicked: 'this player was removed: join again for a new place',
  'bad-name': 'the name is too long, or not allowed',
  'unknown-scenario': 'no scenario with that id on the server',
  'not-host': 'a control sent by a socket that is not the room host',
  'not-joined':
    'a vote from a socket that has not joined or resumed on this connection (see "Reconnecting": send player:resume first)',
  'bad-state': 'the command does not apply now (e.g. Next while a vote is open)',
  'no-vote-open': 'no vote is open',
  'wrong-round': 'the vote names a round that is not the open one (it closed)',
  'not-voting': "this player's team has no decision this round, or the player joined after it opened",
  'bad-ballot': 'the ballot is not one of the options on offer',
  'unknown-player': 'kick or ban named a player not in the room',
  unavailable:
    'scale-out mode only: the records database cannot be reached; the message was not applied (its transaction rolled back); send it again (same id) shortly',
  internal: 'a server fault; the message was not applied',
};

export const ProtocolError = z.object({ code: ErrorCode, message: z.string() });
export type ProtocolError = z.infer<typeof ProtocolError>;

// ---------------------------------------------------------------------------
// Building blocks
// ---------------------------------------------------------------------------

/** A client-made UUID carried by every action-like message; a retry with the same id is applied once. */
export const MessageId = z.uuid();
/** Host and player tokens: opaque, made by the server, kept by the client (localStorage). */
export const Token = z.string().regex(/^[A-Za-z0-9_-]{32,64}$/);
/** A device id the phone makes once and keeps: how a ban outlives a new join. */
export const DeviceId = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/);
export const TrainerKey = z.string().min(8).max(128);
/** Typed codes are normalised (upper case, spaces and dashes dropped) before this check. */
export const RoomCode = z
  .string()
  .length(LIMITS.codeLength)
  .regex(new RegExp(`^[${LIMITS.codeAlphabet}]+$`));
export const Seq = z.number().int().min(0);
export const TeamId = z.string().regex(/^t[0-9]{1,4}$/);
export const PlayerId = z.string().regex(/^p[0-9]{1,5}$/);
export const ScenarioId = z.string().min(1).max(100);

export function normaliseCode(typed: string): string {
  return typed.toUpperCase().replace(/[\s-]+/g, '');
}

/** The engine's actions, as they travel in the log (mirrors `Action` in src/engine/types.ts). */
export const CloseSpecWire = z
  .object({
    form: CloseForm,
    delivery: Delivery,
    points: z.array(z.string().max(100)).max(20),
    leverage: z.string().max(100).nullable(),
    commit: z.boolean(),
  })
  .strict();
export const ActionWire = z.discriminatedUnion('type', [
  z.object({ type: z.literal('choose'), choice: z.string() }).strict(),
  z.object({ type: z.literal('continue') }).strict(),
  z.object({ type: z.literal('close'), close: CloseSpecWire }).strict(),
  z.object({ type: z.literal('persist'), act: z.string() }).strict(),
  z.object({ type: z.literal('let-go') }).strict(),
  z.object({ type: z.literal('negotiate'), move: z.string() }).strict(),
]);
export type ActionWire = z.infer<typeof ActionWire>;

/**
 * What a phone votes. `option` picks one of the round's options for its team; `close` is the
 * ballot of a close-building round: form, delivery, points, leverage and commitment at once.
 */
export const Ballot = z.discriminatedUnion('type', [
  z.object({ type: z.literal('option'), option: z.string().min(1).max(120) }).strict(),
  z
    .object({
      type: z.literal('close'),
      form: CloseForm,
      delivery: Delivery,
      points: z.array(z.string().min(1).max(100)).max(20),
      leverage: z.string().min(1).max(100).nullable(),
      commit: z.boolean(),
    })
    .strict(),
]);
export type Ballot = z.infer<typeof Ballot>;

/**
 * Option ids in a round: `choice:<id>` (an interview choice), `close` (start building a close:
 * the team's next round is a close ballot), `persist:<id>` and `let-go` (follow-up days),
 * `move:<id>` (negotiation).
 */
export const OPTION_CLOSE = 'close';
export const OPTION_LET_GO = 'let-go';

// ---------------------------------------------------------------------------
// Room state (server -> client)
// ---------------------------------------------------------------------------

export const Mode = z.enum(['teams', 'individuals']);
export type Mode = z.infer<typeof Mode>;

export const RoomSettings = z
  .object({
    scenario: ScenarioId,
    /** `teams`: players are spread over `teams` teams. `individuals`: every player is a team of one. */
    mode: Mode,
    teams: z.number().int().min(LIMITS.teamsMin).max(LIMITS.teamsMax).default(2),
    voteSeconds: z.number().int().min(LIMITS.voteSecondsMin).max(LIMITS.voteSecondsMax).default(60),
    /** Close the vote as soon as every eligible, connected player has voted. */
    autoClose: z.boolean().default(true),
  })
  .strict();
export type RoomSettings = z.infer<typeof RoomSettings>;
export type RoomSettingsInput = z.input<typeof RoomSettings>;

export const Rule = z.object({ code: z.string(), text: z.string() });
export const RULES = {
  tie: {
    code: 'first-listed',
    text: 'A tie goes to the tied option listed first. In a close ballot each part is counted alone; a point is used when at least half the votes include it.',
  },
  timeout: {
    code: 'first-listed',
    text: 'When time runs out, a team goes with the votes it has; a team with no votes takes the option listed first (in a close ballot: the first form, the first delivery, no points, no leverage, no commitment).',
  },
} as const;

export const RoomStatus = z.enum(['lobby', 'running', 'ended']);
export const RoundStatus = z.enum(['discussion', 'voting', 'paused', 'revealed']);

/** What a team does in a round. `continue`: no vote, the team's node has no choices; `none`: the team has ended. */
export const TaskKind = z.enum(['choose', 'close', 'follow-up', 'negotiate', 'continue', 'none']);
export type TaskKind = z.infer<typeof TaskKind>;

export const Option = z.object({ id: z.string(), text: z.string() });
export type Option = z.infer<typeof Option>;

export const CloseChoices = z.object({
  forms: z.array(z.object({ form: CloseForm, text: z.string() })),
  deliveries: z.array(z.object({ delivery: Delivery, text: z.string() })),
  points: z.array(z.object({ id: z.string(), kind: z.string(), text: z.string() })),
  leverage: z.array(z.object({ id: z.string(), kind: z.string(), text: z.string() })),
  canCommit: z.boolean(),
  commitText: z.string(),
});

export const Task = z.object({
  team: TeamId,
  kind: TaskKind,
  /** The team's step (number of actions in its log) when the round opened. */
  step: z.number().int(),
  /** The interview node the team is at, or null after the interview. */
  node: z.string().nullable(),
  /** For `choose`, `follow-up`, `negotiate`: the options in the order shown. */
  options: z.array(Option),
  /** For `close`: what the ballot may contain. */
  close: CloseChoices.nullable(),
  /** The node's discussion prompts; while any team has some, the round opens in `discussion` and the timer waits. */
  discussion: z.array(z.string()),
});
export type Task = z.infer<typeof Task>;

export const Round = z.object({
  number: z.number().int().min(1),
  status: RoundStatus,
  /** Server clock (ms since epoch) when the timer runs out; null when paused, in discussion or untimed. */
  deadline: z.number().nullable(),
  /** Time left in ms when paused or in discussion (the full timer); null when untimed. */
  remainingMs: z.number().nullable(),
  tasks: z.array(Task),
  /** Per team: how many eligible players have voted, and of how many ("n of m voted"). */
  voted: z.record(z.string(), z.number().int()),
  eligible: z.record(z.string(), z.number().int()),
});
export type Round = z.infer<typeof Round>;

/** A tally for one part of a ballot: option id (or form, delivery, point id, leverage id or 'none', 'yes'/'no') to votes. */
export const Counts = z.record(z.string(), z.number().int());

export const TeamResult = z.object({
  team: TeamId,
  kind: TaskKind,
  votes: z.number().int(),
  /** `option` ballots: option id -> votes. */
  counts: Counts,
  /** `close` ballots: each part's counts. */
  closeCounts: z
    .object({ form: Counts, delivery: Counts, points: Counts, leverage: Counts, commit: Counts })
    .nullable(),
  /** What the team did: the winning ballot (null for `continue` and `none`). */
  chosen: Ballot.nullable(),
  /** How it was decided. */
  decidedBy: z.enum(['votes', 'tie', 'timeout-default', 'automatic', 'none']),
  /** Seq of the engine action this produced, or null (voting to close produces no action yet; `none` neither). */
  seq: Seq.nullable(),
});
export type TeamResult = z.infer<typeof TeamResult>;

export const Reveal = z.object({
  round: z.number().int(),
  /** How the vote closed. */
  closedBy: z.enum(['host', 'timer', 'all-voted', 'end']),
  teams: z.array(TeamResult),
});
export type Reveal = z.infer<typeof Reveal>;

export const TeamState = z.object({
  id: TeamId,
  name: z.string(),
  players: z.number().int(),
  connected: z.number().int(),
  /** Actions in the team's log. */
  step: z.number().int(),
  /** The team voted to close and builds its close in the next round. */
  closing: z.boolean(),
  ended: z.boolean(),
});
export type TeamState = z.infer<typeof TeamState>;

export const RoomState = z.object({
  code: RoomCode,
  session: z.string(),
  scenario: z.object({ id: ScenarioId, title: z.string() }),
  settings: RoomSettings,
  rules: z.object({ tie: Rule, timeout: Rule }),
  /** Every team plays this seed in the engine's expected mode. */
  seed: z.number().int(),
  engineMode: z.literal('expected'),
  status: RoomStatus,
  locked: z.boolean(),
  /** Seq of the last action in the room's log (0 when none). */
  lastSeq: Seq,
  teams: z.array(TeamState),
  round: Round.nullable(),
  /** Every closed round's result, oldest first. */
  reveals: z.array(Reveal),
  /** Server clock when this state was sent, to correct a client's clock for the timer. */
  serverNow: z.number(),
});
export type RoomState = z.infer<typeof RoomState>;

/** One entry of a room's action log. */
export const LogEntry = z.object({
  seq: Seq.min(1),
  team: TeamId,
  round: z.number().int(),
  action: ActionWire,
  at: z.number(),
});
export type LogEntry = z.infer<typeof LogEntry>;

export const PlayerStatus = z.enum(['active', 'kicked', 'banned']);
export const PlayerInfo = z.object({
  id: PlayerId,
  name: z.string(),
  team: TeamId,
  connected: z.boolean(),
  status: PlayerStatus,
  /** Voted in the open round (never what). */
  voted: z.boolean(),
  joinedRound: z.number().int(),
});
export type PlayerInfo = z.infer<typeof PlayerInfo>;

/** What a phone knows about itself. */
export const You = z.object({
  player: PlayerId,
  name: z.string(),
  team: TeamId,
  /** Its ballot in the open round, if it voted (so a reloaded phone shows its vote). */
  ballot: Ballot.nullable(),
  /** May it vote in the open round (false when it joined after the round opened). */
  eligible: z.boolean(),
});
export type You = z.infer<typeof You>;

// ---------------------------------------------------------------------------
// Client -> server events. Each is emitted with an acknowledgement callback:
//   socket.emit(event, payload, (reply) => ...)   reply: { ok: true, ... } | { ok: false, error }
// ---------------------------------------------------------------------------

export const HostCreate = z.object({ trainerKey: TrainerKey, settings: RoomSettings }).strict();
export const HostResume = z.object({ hostToken: Token, lastSeq: Seq }).strict();
/**
 * Another device takes host control of an open room with the trainer key and the room code (a
 * trainer's remote, or a projector page reopened elsewhere). Every device that holds the key
 * may control the room; the reply is host:resume's.
 */
export const HostTakeover = z
  .object({ trainerKey: TrainerKey, code: z.string().max(20), lastSeq: Seq })
  .strict();

export const HOST_COMMANDS = [
  'start', // lobby -> first round; in a discussion: start the timer
  'close-vote', // "Close the vote"
  'pause',
  'resume', // also starts the timer of a round in discussion
  'add-time', // "Add 30 seconds"
  'next', // after a reveal: open the next round
  'lock', // "Lock room"
  'unlock',
  'kick', // needs `player`
  'ban', // needs `player`
  'end', // "End session"
] as const;
export const HostCommandName = z.enum(HOST_COMMANDS);
export type HostCommandName = z.infer<typeof HostCommandName>;
export const HostControl = z
  .object({ id: MessageId, command: HostCommandName, player: PlayerId.optional() })
  .strict();

export const PlayerJoin = z
  .object({
    code: z.string().max(20),
    /** Empty or missing: the server makes a friendly name. */
    name: z.string().max(200).optional(),
    device: DeviceId,
  })
  .strict();
export const PlayerResume = z.object({ playerToken: Token, lastSeq: Seq }).strict();
export const PlayerVote = z
  .object({ id: MessageId, round: z.number().int().min(1), ballot: Ballot })
  .strict();

export const ClientEvents = {
  'host:create': HostCreate,
  'host:resume': HostResume,
  'host:control': HostControl,
  'host:takeover': HostTakeover,
  'player:join': PlayerJoin,
  'player:resume': PlayerResume,
  'player:vote': PlayerVote,
} as const;
export type ClientEventName = keyof typeof ClientEvents;
export type ClientPayload<E extends ClientEventName> = z.input<(typeof ClientEvents)[E]>;

// Replies (the acknowledgement's argument)
const fail = z.object({ ok: z.literal(false), error: ProtocolError });
const okWith = <T extends z.ZodRawShape>(shape: T) => z.object({ ok: z.literal(true), ...shape });

export const HostCreateReply = z.union([
  okWith({ hostToken: Token, state: RoomState, players: z.array(PlayerInfo) }),
  fail,
]);
export const HostResumeReply = z.union([
  okWith({ state: RoomState, players: z.array(PlayerInfo), missed: z.array(LogEntry) }),
  fail,
]);
/** host:takeover answers as host:resume does (its own schema object, so the document names both). */
export const HostTakeoverReply = z.union([
  okWith({ state: RoomState, players: z.array(PlayerInfo), missed: z.array(LogEntry) }),
  fail,
]);
export const HostControlReply = z.union([okWith({ duplicate: z.boolean() }), fail]);
export const PlayerJoinReply = z.union([
  okWith({ playerToken: Token, you: You, state: RoomState, missed: z.array(LogEntry) }),
  fail,
]);
export const PlayerResumeReply = z.union([
  okWith({ you: You, state: RoomState, missed: z.array(LogEntry) }),
  fail,
]);
export const PlayerVoteReply = z.union([okWith({ duplicate: z.boolean() }), fail]);

export const ClientReplies = {
  'host:create': HostCreateReply,
  'host:resume': HostResumeReply,
  'host:control': HostControlReply,
  'host:takeover': HostTakeoverReply,
  'player:join': PlayerJoinReply,
  'player:resume': PlayerResumeReply,
  'player:vote': PlayerVoteReply,
} as const;
export type ClientReply<E extends ClientEventName> = z.infer<(typeof ClientReplies)[E]>;

/**
 * Every client event beside its payload schema, its reply schema and the name of the server
 * function that handles it (src/server/handlers.ts): the server wires its socket handlers from
 * this table, and docs/protocol.md is generated from it (`npm run protocol`).
 */
export const CLIENT_EVENTS = [
  {
    event: 'host:create',
    schema: HostCreate,
    reply: HostCreateReply,
    handler: 'hostCreate',
    summary: 'Opens a room; the socket becomes its host.',
  },
  {
    event: 'host:resume',
    schema: HostResume,
    reply: HostResumeReply,
    handler: 'hostResume',
    summary: 'Takes the host role again after a reload or a dropped connection.',
  },
  {
    event: 'host:takeover',
    schema: HostTakeover,
    reply: HostTakeoverReply,
    handler: 'hostTakeover',
    summary:
      "Takes host control of an open room from another device with the trainer key (the trainer's remote).",
  },
  {
    event: 'host:control',
    schema: HostControl,
    reply: HostControlReply,
    handler: 'hostControl',
    summary: 'One of the host commands; only on a socket that created or resumed the room.',
  },
  {
    event: 'player:join',
    schema: PlayerJoin,
    reply: PlayerJoinReply,
    handler: 'playerJoin',
    summary: 'Joins a room by its code as a new player.',
  },
  {
    event: 'player:resume',
    schema: PlayerResume,
    reply: PlayerResumeReply,
    handler: 'playerResume',
    summary: "Takes a phone's place again with its player token.",
  },
  {
    event: 'player:vote',
    schema: PlayerVote,
    reply: PlayerVoteReply,
    handler: 'playerVote',
    summary: "Casts or changes this phone's ballot in the open round.",
  },
] as const satisfies readonly {
  event: ClientEventName;
  schema: z.ZodType;
  reply: z.ZodType;
  handler: string;
  summary: string;
}[];
export type ClientHandlerName = (typeof CLIENT_EVENTS)[number]['handler'];

// ---------------------------------------------------------------------------
// Server -> client events
// ---------------------------------------------------------------------------

export const ServerEvents = {
  /** The whole public room state; sent when the round, timer, teams or status change. */
  'room:state': RoomState,
  /** One new entry of the action log, in seq order, before the `room:reveal` that caused it. */
  'room:action': LogEntry,
  /** A closed vote's tallies (also kept in `room:state`.reveals). */
  'room:reveal': Reveal,
  /** "n of m voted", live (coalesced, at most a few per second). */
  'room:progress': z.object({
    round: z.number().int(),
    voted: z.record(z.string(), z.number().int()),
    eligible: z.record(z.string(), z.number().int()),
  }),
  /** Host only: who has joined, by team, live. */
  'room:players': z.object({ players: z.array(PlayerInfo) }),
  /** Phone only: its own record changed (team, eligibility, its vote). */
  'you:update': You,
  /** Phone only: the host kicked or banned this phone, or ended the session. The socket is then left alone. */
  'you:removed': z.object({ reason: z.enum(['kicked', 'banned']) }),
  /** A message without an acknowledgement callback failed (with a callback the reply carries the error). */
  'server:error': z.object({ event: z.string().max(100), error: ProtocolError }),
} as const;
export type ServerEventName = keyof typeof ServerEvents;
/** Every server event with who gets it and when (docs/protocol.md is generated from this). */
export const SERVER_EVENTS: readonly { event: ServerEventName; to: string; when: string }[] = [
  {
    event: 'room:state',
    to: 'everyone in the room',
    when: "a round opens or closes, the timer, the status or the lock changes. The host gets the whole state (every reveal so far), also when players join, leave or drop (coalesced, at most about 4 a second); phones get the same state with `reveals` holding only the latest reveal (every reply to a join or resume has the whole history) and, in `teams` mode, `round.tasks` holding only their own team's task (also in the replies to a join or resume; the host gets every team's). A state whose `lastSeq` is below one already applied is stale (scale-out mode, after a Redis restart): ignore it.",
  },
  {
    event: 'room:action',
    to: 'everyone in the room',
    when: 'a closed vote appended an entry to the log; in seq order, before the `room:reveal` of that round. Skip any entry whose seq is at or below the last one applied.',
  },
  {
    event: 'room:reveal',
    to: 'everyone in the room',
    when: "a vote closed; each team's tally (also kept in `room:state`.reveals).",
  },
  {
    event: 'room:progress',
    to: 'everyone in the room',
    when: 'while a vote is open, "n of m voted" changed (coalesced, at most about 4 a second); never what anyone voted. The host gets every team; each phone gets only its own team, and only when its team changed.',
  },
  {
    event: 'room:players',
    to: 'the host',
    when: 'who has joined, dropped or voted changed (coalesced, at most about 4 a second).',
  },
  {
    event: 'you:update',
    to: 'that phone',
    when: 'a round opened, or the phone resumed: its team, eligibility and its ballot in the open round.',
  },
  {
    event: 'you:removed',
    to: 'that phone',
    when: 'the host kicked or banned it; the socket then gets nothing more from the room.',
  },
  {
    event: 'server:error',
    to: 'the sender',
    when: 'a message sent without an acknowledgement callback failed (with a callback, the reply carries the error).',
  },
];

export type ServerPayload<E extends ServerEventName> = z.infer<(typeof ServerEvents)[E]>;

// ---------------------------------------------------------------------------
// HTTP API (JSON unless said otherwise). Trainer routes need the trainer key in
// `Authorization: Bearer <key>` (or `?key=<key>`, for a download link).
// ---------------------------------------------------------------------------

export const API = {
  scenarios: '/api/scenarios', // GET, public: ScenarioSummary[]
  scenario: (id: string) => `/api/scenarios/${encodeURIComponent(id)}`, // GET, public: the scenario file's text
  sessions: '/api/sessions', // GET, trainer: SessionSummary[]
  session: (id: string) => `/api/sessions/${encodeURIComponent(id)}`, // GET, trainer: SessionRecord
  exportCsv: (id: string) => `/api/sessions/${encodeURIComponent(id)}/export.csv`, // GET, trainer: text/csv
  health: '/api/health', // GET, public: { ok: true }
  network: '/api/network', // GET, trainer: NetworkInfo (where phones can reach this server)
} as const;

/** Where phones can reach the server (the lobby's join link and QR code). */
export const NetworkInfo = z.object({
  /** Base URLs without a trailing slash, best first: PUBLIC_URL, or this machine's network addresses. */
  urls: z.array(z.string()).min(1),
  /** Every URL is a loopback address (127.0.0.1, ::1): phones cannot reach it. */
  loopbackOnly: z.boolean(),
  /** The URL is the PUBLIC_URL setting (a reverse proxy or tunnel). */
  public: z.boolean(),
});
export type NetworkInfo = z.infer<typeof NetworkInfo>;

export const ScenarioSummary = z.object({ id: ScenarioId, title: z.string(), order: z.number().nullable() });
export type ScenarioSummary = z.infer<typeof ScenarioSummary>;

export const SessionSummary = z.object({
  id: z.string(),
  code: RoomCode,
  scenario: z.object({ id: ScenarioId, title: z.string() }),
  mode: Mode,
  status: RoomStatus,
  createdAt: z.number(),
  endedAt: z.number().nullable(),
  teams: z.array(z.object({ id: TeamId, name: z.string(), players: z.number().int() })),
});
export type SessionSummary = z.infer<typeof SessionSummary>;

export const VoteRecord = z.object({
  round: z.number().int(),
  team: TeamId,
  player: PlayerId,
  playerName: z.string(),
  step: z.number().int(),
  node: z.string().nullable(),
  ballot: Ballot,
  /** True when the team did what this vote asked. */
  acted: z.boolean(),
  at: z.number(),
});
export type VoteRecord = z.infer<typeof VoteRecord>;

/** A past (or running) session, read-only: enough to replay every team and show the session debrief. */
export const SessionRecord = z.object({
  summary: SessionSummary,
  settings: RoomSettings,
  seed: z.number().int(),
  engineMode: z.literal('expected'),
  log: z.array(LogEntry),
  reveals: z.array(Reveal),
  players: z.array(z.object({ id: PlayerId, name: z.string(), team: TeamId, status: PlayerStatus })),
  votes: z.array(VoteRecord),
});
export type SessionRecord = z.infer<typeof SessionRecord>;

/** The CSV export's columns, in order (one row per vote). */
export const CSV_COLUMNS = [
  'session',
  'room',
  'team',
  'player',
  'step',
  'node',
  'choice',
  'acted',
  'at',
  'round',
  'scenario',
  /** active, kicked or banned: a removed player's votes stay in the record, marked. */
  'player_status',
] as const;

/** Routes the server answers besides the API (the built game is served from dist/). */
export const PAGES = {
  game: '/',
  host: '/host', // dist/host.html
  join: '/join', // dist/join.html; also /join/<code>
  joinCode: (code: string) => `/join/${code}`,
} as const;
