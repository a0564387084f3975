/**
 * Abuse limits that cannot lock others out (docs/deploy.md, "Limits", has every number and log
 * line). Everything is keyed by the client's own address (address.ts, TRUST_PROXY), never by a
 * proxy's, and the budgets are kept by rate-limiter-flexible: in this process's memory by
 * default, in Redis in scale-out mode so every process shares them and a restart forgets no
 * offender (if Redis is unreachable each process falls back to its own memory).
 *
 * - Wrong guesses (a room code that is not open, a host or player token that is not known):
 *   per phone (address + device id) and, with a larger budget, per address. Going over blocks
 *   the offender, for `blockSeconds` the first time and twice as long at each further block
 *   within a day, up to `blockMaxSeconds`: one mistyping phone behind a school's NAT does not
 *   stop the class. A resume whose token is valid is never limited.
 * - The trainer key: wrong keys per address, on every route that takes it (host:create and the
 *   HTTP API), with the same growing block; while blocked even the right key is refused there.
 * - Joins per room code: a flood of joins into one room is slowed (no block), whatever its
 *   addresses.
 * - Connections per address: how many at once (this process) and how many new ones a minute.
 */
import {
  type IRateLimiterRedisOptions,
  type RateLimiterAbstract,
  RateLimiterMemory,
  RateLimiterRedis,
  RateLimiterRes,
} from 'rate-limiter-flexible';

export interface LimitSettings {
  /** Wrong codes or tokens per phone (address + device) per minute. */
  guessesPerPhone: number;
  /** Wrong codes or tokens per address per minute (all its phones). */
  guessesPerAddress: number;
  /** Wrong trainer keys per address per 15 minutes. */
  keyFailures: number;
  /** First block after a budget is spent; doubles at each further block within a day. */
  blockSeconds: number;
  blockMaxSeconds: number;
  /** Joins into one room code per 10 seconds. */
  joinsPerRoom: number;
  /** Socket.io connections open at once from one address (per process). */
  connectionsPerAddress: number;
  /** New socket.io connections from one address per minute. */
  connectsPerAddress: number;
}

export const DEFAULT_LIMITS: LimitSettings = {
  guessesPerPhone: 10,
  guessesPerAddress: 60,
  keyFailures: 10,
  blockSeconds: 60,
  blockMaxSeconds: 3600,
  joinsPerRoom: 1200,
  connectionsPerAddress: 1500,
  connectsPerAddress: 6000,
};

/** A Redis client of the `redis` package (scale-out mode). */
export type LimitRedis = object;

export type Verdict = { ok: true } | { ok: false; retryAfterSeconds: number };

const KEY_WINDOW_SECONDS = 15 * 60;
const DAY = 24 * 3600;

/** A budget of `points` per `duration` seconds whose offenders are blocked with a growing block. */
class Budget {
  private readonly budget: RateLimiterAbstract;
  private readonly offences: RateLimiterAbstract;
  constructor(
    make: (name: string, points: number, duration: number) => RateLimiterAbstract,
    readonly name: string,
    readonly points: number,
    duration: number,
    private readonly settings: LimitSettings,
  ) {
    this.budget = make(name, points, duration);
    this.offences = make(`${name}-offences`, 1_000_000, DAY);
  }

  /** Blocked now, and for how long. */
  async check(key: string): Promise<Verdict> {
    const res = await this.budget.get(key);
    if (res && res.consumedPoints > this.points && res.msBeforeNext > 0) {
      return { ok: false, retryAfterSeconds: Math.ceil(res.msBeforeNext / 1000) };
    }
    return { ok: true };
  }

  /** One failure; returns the block length when this one spent the budget, else 0. */
  async fail(key: string): Promise<number> {
    const res = await this.budget.penalty(key, 1);
    if (res.consumedPoints !== this.points) return 0;
    const offences = (await this.offences.penalty(key, 1)).consumedPoints;
    const seconds = Math.min(
      this.settings.blockMaxSeconds,
      this.settings.blockSeconds * 2 ** Math.min(20, offences - 1),
    );
    await this.budget.block(key, seconds);
    return seconds;
  }
}

export class Limits {
  readonly settings: LimitSettings;
  private readonly phoneGuesses: Budget;
  private readonly addressGuesses: Budget;
  private readonly keys: Budget;
  private readonly roomJoins: RateLimiterAbstract;
  private readonly connects: RateLimiterAbstract;
  private readonly open = new Map<string, number>();

  constructor(
    options: {
      settings?: Partial<LimitSettings>;
      redis?: LimitRedis;
      prefix?: string;
      log?: (line: string) => void;
    } = {},
  ) {
    const s = { ...DEFAULT_LIMITS, ...options.settings };
    this.settings = s;
    const log = options.log ?? (() => {});
    const prefix = options.prefix ?? 'closecall';
    const make = (name: string, points: number, duration: number): RateLimiterAbstract => {
      const memory = new RateLimiterMemory({ keyPrefix: name, points, duration });
      if (!options.redis) return memory;
      const opts: IRateLimiterRedisOptions = {
        storeClient: options.redis,
        useRedisPackage: true,
        keyPrefix: `${prefix}:limit:${name}`,
        points,
        duration,
        rejectIfRedisNotReady: true,
        insuranceLimiter: memory,
      };
      return new RateLimiterRedis(opts);
    };
    this.phoneGuesses = new Budget(make, 'guess-phone', s.guessesPerPhone, 60, s);
    this.addressGuesses = new Budget(make, 'guess-address', s.guessesPerAddress, 60, s);
    this.keys = new Budget(make, 'trainer-key', s.keyFailures, KEY_WINDOW_SECONDS, s);
    this.roomJoins = make('room-joins', s.joinsPerRoom, 10);
    this.connects = make('connects', s.connectsPerAddress, 60);
    this.log = log;
  }

  private readonly log: (line: string) => void;

  /** May this phone guess a code or token now? */
  async mayGuess(address: string, device: string | null): Promise<Verdict> {
    const byAddress = await this.addressGuesses.check(address);
    if (!byAddress.ok || device === null) return byAddress;
    return this.phoneGuesses.check(`${address}|${device}`);
  }

  /** A wrong code or token from this phone. */
  async wrongGuess(address: string, device: string | null, what: string): Promise<void> {
    const phone = device === null ? 0 : await this.phoneGuesses.fail(`${address}|${device}`);
    if (phone > 0)
      this.log(`Limit: ${address} (device ${device}) blocked for ${phone} s after wrong ${what}s.`);
    const all = await this.addressGuesses.fail(address);
    if (all > 0) this.log(`Limit: ${address} blocked for ${all} s after wrong codes or tokens from it.`);
  }

  /** May this address try the trainer key now? */
  mayTryKey(address: string): Promise<Verdict> {
    return this.keys.check(address);
  }

  async wrongKey(address: string, route: string): Promise<void> {
    const s = await this.keys.fail(address);
    if (s > 0)
      this.log(`Limit: ${address} blocked from the trainer key for ${s} s after wrong keys (${route}).`);
  }

  /** One join into a room; false when the room takes too many at once. */
  async join(code: string): Promise<Verdict> {
    return this.consume(this.roomJoins, code, () =>
      this.log(`Limit: room ${code} is taking over ${this.settings.joinsPerRoom} joins in 10 s.`),
    );
  }

  /** A new connection from the address: refused over the per-address cap or rate. */
  async connect(address: string): Promise<Verdict> {
    if ((this.open.get(address) ?? 0) >= this.settings.connectionsPerAddress) {
      return { ok: false, retryAfterSeconds: 5 };
    }
    const v = await this.consume(this.connects, address, () =>
      this.log(`Limit: ${address} opened over ${this.settings.connectsPerAddress} connections in a minute.`),
    );
    if (v.ok) this.open.set(address, (this.open.get(address) ?? 0) + 1);
    return v;
  }

  disconnected(address: string): void {
    const n = (this.open.get(address) ?? 1) - 1;
    if (n <= 0) this.open.delete(address);
    else this.open.set(address, n);
  }

  private async consume(limiter: RateLimiterAbstract, key: string, onFirst: () => void): Promise<Verdict> {
    try {
      await limiter.consume(key, 1);
      return { ok: true };
    } catch (res) {
      if (!(res instanceof RateLimiterRes)) return { ok: true }; // the store failed: never lock out
      // Logged once per window, when the budget is first spent.
      if (res.consumedPoints === limiter.points + 1) onFirst();
      return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil(res.msBeforeNext / 1000)) };
    }
  }
}

/** "wait 2 minutes" / "wait 40 seconds", for error messages. */
export function waitText(seconds: number): string {
  if (seconds >= 90) return `wait ${Math.ceil(seconds / 60)} minutes`;
  return `wait ${seconds} seconds`;
}
