/**
 * Reporting a playthrough as xAPI statements, to a cmi5 platform (launched by it) or to a
 * Learning Record Store named in a config file. Both send the same statements: "answered" for
 * each decision and the close as they happen, then completed and passed/failed when an ending
 * is reached, and terminated when the learner leaves.
 */
import type Cmi5 from '@xapi/cmi5';
import XAPI from '@xapi/xapi';
import type { Playthrough } from '../../engine';
import { interactionsSince, playReport } from '../../protocol/lms/report';
import {
  interactionStatement,
  type Json,
  type Lifecycle,
  lifecycleStatement,
  type Statement,
  type StatementContext,
  uuid,
} from '../../protocol/lms/statements';

/** Where statements go. */
export interface Transport {
  /** Sends "cmi5 allowed" / plain statements, in order. */
  send(statements: Statement[]): Promise<void>;
  /** Sends a lifecycle statement (built by the transport for cmi5, by the builder otherwise). */
  lifecycle(verb: Lifecycle, ctx: StatementContext, opts: LifecycleOptions): Promise<void>;
  /** The pass mark, 0–100, or null. */
  readonly mastery: number | null;
  /**
   * cmi5: one launch is one session (initialized by the library, judged once, terminated once).
   * A plain LRS: each playthrough is its own registration, initialized when it starts.
   */
  readonly perPlay: boolean;
}

export interface LifecycleOptions {
  score?: number;
  passed?: boolean | null;
  ending?: { id: string; outcome: string };
}

export interface XapiOptions {
  scenario: string | null;
  notice: (message: string) => void;
  now?: () => number;
}

/** Turns a playthrough's progress into statements and hands them to a transport, in order. */
export class XapiReporter {
  private play: Playthrough | null = null;
  private ctx: StatementContext | null = null;
  private sent = 0;
  private lastActionAt: number;
  private finished = false;
  private judged = false;
  private chain: Promise<void> = Promise.resolve();
  private toldFailure = false;
  readonly errors: string[] = [];
  private readonly now: () => number;

  constructor(
    private readonly transport: Transport,
    private readonly ctxFor: (play: Playthrough) => StatementContext,
    private readonly options: XapiOptions,
  ) {
    this.now = options.now ?? Date.now;
    this.lastActionAt = this.now();
  }

  /** Resolves once everything queued so far has been sent (or has failed). */
  flush(): Promise<void> {
    return this.chain;
  }

  private queue(job: () => Promise<void>): void {
    this.chain = this.chain.then(job).catch((err: unknown) => {
      const msg = err instanceof Error ? err.message : String(err);
      this.errors.push(msg);
      console.info('Close Call: a learning record could not be sent', msg);
      if (!this.toldFailure) {
        this.toldFailure = true;
        this.options.notice(
          'Your learning platform did not accept a record of this play; the game goes on, but your trainer may not see it.',
        );
      }
    });
  }

  update(play: Playthrough): void {
    if (this.finished || play.from) return;
    if (this.options.scenario !== null && play.scenario.meta.id !== this.options.scenario) return;
    if (play !== this.play) {
      const old = this.ctx;
      this.play = play;
      this.sent = play.step;
      if (this.transport.perPlay || !this.ctx) this.ctx = this.ctxFor(play);
      if (this.transport.perPlay) {
        const ctx = this.ctx;
        this.judged = false;
        if (old) this.queue(() => this.transport.lifecycle('terminated', old, {}));
        this.queue(() => this.transport.lifecycle('initialized', ctx, {}));
      }
    }
    const ctx = this.ctx!;
    const now = this.now();
    const statements = interactionsSince(play, this.sent).map((x) =>
      interactionStatement(ctx, x, now - this.lastActionAt, now),
    );
    if (play.step > this.sent) this.lastActionAt = now;
    this.sent = play.step;
    if (statements.length) this.queue(() => this.transport.send(statements));
    const report = playReport(play);
    // The cmi5-defined completed and passed/failed are sent once per launch, for the first ending reached.
    if (report.ended && report.score !== null && !this.judged) {
      this.judged = true;
      const score = report.score;
      const mastery = this.transport.mastery;
      const passed = mastery === null ? null : score >= mastery;
      const ending = report.ending ? { id: report.ending.id, outcome: report.ending.outcome } : undefined;
      this.queue(async () => {
        if (passed !== null)
          await this.transport.lifecycle(passed ? 'passed' : 'failed', ctx, { score, passed, ending });
        await this.transport.lifecycle('completed', ctx, { score, passed, ending });
      });
    }
  }

  /** Sends terminated (once). */
  leave(): Promise<void> {
    if (!this.finished) {
      this.finished = true;
      const ctx = this.ctx;
      if (ctx || !this.transport.perPlay) {
        this.queue(() => this.transport.lifecycle('terminated', ctx ?? ({} as StatementContext), {}));
      }
    }
    return this.chain;
  }
}

/** Transport to a cmi5 platform through @xapi/cmi5 (token, launch data and the defined statements). */
export class Cmi5Transport implements Transport {
  readonly perPlay = false;
  constructor(private readonly cmi5: Cmi5) {}

  get mastery(): number | null {
    const m = this.cmi5.getLaunchData().masteryScore;
    return typeof m === 'number' && Number.isFinite(m) ? m * 100 : null;
  }

  private get normal(): boolean {
    return this.cmi5.getLaunchData().launchMode === 'Normal';
  }

  async send(statements: Statement[]): Promise<void> {
    for (const s of statements) {
      await this.cmi5.sendXapiStatement(s as unknown as Parameters<Cmi5['sendXapiStatement']>[0]);
    }
  }

  async lifecycle(verb: Lifecycle, _ctx: StatementContext, opts: LifecycleOptions): Promise<void> {
    const score =
      opts.score === undefined ? undefined : { scaled: opts.score / 100, raw: opts.score, min: 0, max: 100 };
    // Browse and Review launches must not send completed, passed or failed (cmi5 10.2.1).
    if (verb === 'terminated') await this.cmi5.terminate();
    else if (verb === 'passed' && this.normal) await this.cmi5.pass(score);
    else if (verb === 'failed' && this.normal) await this.cmi5.fail(score);
    else if (verb === 'completed' && this.normal) await this.cmi5.complete();
  }
}

/** Transport to a plain LRS: statements POSTed with the configured credentials. */
export class LrsTransport implements Transport {
  private readonly xapi: XAPI;
  private readonly startedAt: number;

  readonly perPlay = true;
  readonly mastery: number | null;

  constructor(
    config: LrsConfig,
    private readonly now: () => number = Date.now,
  ) {
    this.xapi = new XAPI({ endpoint: config.endpoint, ...(config.auth ? { auth: config.auth } : {}) });
    this.startedAt = now();
    this.mastery = config.mastery;
  }

  async send(statements: Statement[]): Promise<void> {
    if (!statements.length) return;
    await this.xapi.sendStatements({
      statements: statements as unknown as Parameters<XAPI['sendStatements']>[0]['statements'],
    });
  }

  private readonly began = new Map<string, number>();

  async lifecycle(verb: Lifecycle, ctx: StatementContext, opts: LifecycleOptions): Promise<void> {
    const at = this.now();
    if (verb === 'initialized') this.began.set(ctx.registration, at);
    const since = this.began.get(ctx.registration) ?? this.startedAt;
    await this.send([
      lifecycleStatement(ctx, verb, at, {
        durationMs: verb === 'initialized' ? undefined : at - since,
        ...(opts.score !== undefined ? { score: opts.score } : {}),
        mastery: this.mastery,
        ...(opts.ending ? { ending: opts.ending } : {}),
      }),
    ]);
  }
}

/** What a web build's LRS config file holds (see docs/lms.md). */
export interface LrsConfig {
  /** The LRS's xAPI endpoint, e.g. https://lrs.example.org/xapi/ */
  endpoint: string;
  /** The Authorization header value ("Basic …"), made from `username` and `password` when given so. */
  auth: string | null;
  /** The learner, as an xAPI agent; an anonymous account kept in this browser when absent. */
  actor: Statement | null;
  /** Pass mark 0–100, or null. */
  mastery: number | null;
}

/** Reads and checks an LRS config (parsed JSON); throws an Error saying what is wrong. */
export function parseLrsConfig(data: unknown): LrsConfig {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    throw new Error('the LRS config must be a JSON object');
  }
  const d = data as Record<string, unknown>;
  if (typeof d.endpoint !== 'string' || !/^https?:\/\//.test(d.endpoint)) {
    throw new Error('"endpoint" must be the LRS address, starting with http:// or https://');
  }
  let auth: string | null = null;
  if (typeof d.auth === 'string' && d.auth) auth = d.auth;
  else if (typeof d.username === 'string' && typeof d.password === 'string') {
    auth = XAPI.toBasicAuth(d.username, d.password);
  } else if (d.auth !== undefined || d.username !== undefined) {
    throw new Error('give either "auth" (a full Authorization value) or both "username" and "password"');
  }
  let actor: Statement | null = null;
  if (d.actor !== undefined) {
    const a = d.actor as Record<string, unknown> | null;
    if (!a || typeof a !== 'object' || !(a.mbox || a.account || a.openid || a.mbox_sha1sum)) {
      throw new Error('"actor" must be an xAPI agent with an mbox, account, openid or mbox_sha1sum');
    }
    actor = a as Statement;
  }
  let mastery: number | null = null;
  if (d.mastery !== undefined) {
    if (typeof d.mastery !== 'number' || d.mastery < 0 || d.mastery > 100) {
      throw new Error('"mastery" must be a number from 0 to 100');
    }
    mastery = d.mastery;
  }
  return { endpoint: d.endpoint.endsWith('/') ? d.endpoint : `${d.endpoint}/`, auth, actor, mastery };
}

/** The anonymous learner of this browser: an account with a random name, kept in localStorage. */
export function anonymousActor(
  homePage: string,
  storage: Pick<Storage, 'getItem' | 'setItem'> | null,
): Statement {
  let name: string | null = null;
  try {
    name = storage?.getItem('closecall.xapi-learner') ?? null;
  } catch {
    name = null;
  }
  if (!name) {
    name = uuid();
    try {
      storage?.setItem('closecall.xapi-learner', name);
    } catch {
      // Not kept: a new anonymous learner next time.
    }
  }
  return { objectType: 'Agent', account: { homePage, name } };
}

/** The context of a play sent to a plain LRS. */
export function lrsContext(
  actor: Statement,
  activityId: string,
  activity: { name: string; description: string },
  extra?: Record<string, Json>,
): StatementContext {
  return {
    actor,
    activityId,
    activity,
    registration: uuid(),
    context: { platform: 'Close Call', language: 'en-GB' },
    ...(extra ? { contextExtensions: extra } : {}),
  };
}
