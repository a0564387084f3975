/**
 * xAPI statements for a playthrough: one "answered" statement per decision and per close, and
 * the lifecycle statements (initialized, completed, passed/failed, terminated). The same
 * builders serve a cmi5 launch (with the platform's context template and registration) and a
 * plain LRS (with Close Call's own context). Pure: sending is elsewhere.
 *
 * Close Call's own IRIs start with XAPI_BASE; docs/lms.md lists them.
 */
import type { Interaction } from './report';

export const XAPI_BASE = 'https://w3id.org/close-call/xapi';

export const VERBS = {
  answered: { id: 'http://adlnet.gov/expapi/verbs/answered', display: { 'en-US': 'answered' } },
  initialized: { id: 'http://adlnet.gov/expapi/verbs/initialized', display: { 'en-US': 'initialized' } },
  completed: { id: 'http://adlnet.gov/expapi/verbs/completed', display: { 'en-US': 'completed' } },
  passed: { id: 'http://adlnet.gov/expapi/verbs/passed', display: { 'en-US': 'passed' } },
  failed: { id: 'http://adlnet.gov/expapi/verbs/failed', display: { 'en-US': 'failed' } },
  terminated: { id: 'http://adlnet.gov/expapi/verbs/terminated', display: { 'en-US': 'terminated' } },
} as const;

export const ACTIVITY_TYPES = {
  interaction: 'http://adlnet.gov/expapi/activities/cmi.interaction',
  scenario: `${XAPI_BASE}/activities/scenario`,
  session: `${XAPI_BASE}/activities/group-session`,
} as const;

export const EXTENSIONS = {
  closeForm: `${XAPI_BASE}/extensions/close-form`,
  closeDelivery: `${XAPI_BASE}/extensions/close-delivery`,
  closePoints: `${XAPI_BASE}/extensions/close-points`,
  closeLeverage: `${XAPI_BASE}/extensions/close-leverage`,
  closeCommitment: `${XAPI_BASE}/extensions/close-commitment`,
  outcome: `${XAPI_BASE}/extensions/outcome`,
  ending: `${XAPI_BASE}/extensions/ending`,
  team: `${XAPI_BASE}/extensions/team`,
  session: `${XAPI_BASE}/extensions/session`,
  acted: `${XAPI_BASE}/extensions/acted`,
} as const;

export type Json = string | number | boolean | null | Json[] | { [k: string]: Json };
export type Statement = { [k: string]: Json };

/** Who did it and where: the parts every statement of one playthrough shares. */
export interface StatementContext {
  actor: Statement;
  /** The activity the play is (a cmi5 AU's activityId, or the scenario's IRI). */
  activityId: string;
  /** Name and description of that activity, when this builder defines it (not for cmi5, whose platform does). */
  activity?: { name: string; description: string };
  registration: string;
  /** Merged into every statement's context (a cmi5 context template). */
  context?: Statement;
  /** Categories added to lifecycle statements (cmi5's moveOn/cmi5 categories). */
  categories?: { lifecycle: Statement[]; moveOn: Statement[] };
  /** Extensions added to the context of every statement. */
  contextExtensions?: Record<string, Json>;
}

/** ISO 8601 duration for xAPI, to hundredths of a second. */
export function isoDuration(ms: number): string {
  const cs = Math.max(0, Math.round(ms / 10));
  const h = Math.floor(cs / 360000);
  const m = Math.floor((cs % 360000) / 6000);
  const s = (cs % 6000) / 100;
  return `PT${h ? `${h}H` : ''}${m ? `${m}M` : ''}${Number(s.toFixed(2))}S`;
}

/** A version 4 UUID (statement ids, registrations). */
export function uuid(): string {
  const c = globalThis.crypto as Crypto & { randomUUID?: () => string };
  // randomUUID exists only in secure contexts (https, localhost); getRandomValues everywhere.
  if (typeof c.randomUUID === 'function') return c.randomUUID();
  const b = new Uint8Array(16);
  c.getRandomValues(b);
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const x = [...b].map((v) => v.toString(16).padStart(2, '0')).join('');
  return `${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20)}`;
}

const en = (text: string) => ({ 'en-US': text });

function contextOf(
  ctx: StatementContext,
  extra: { categories?: Statement[]; parent?: boolean } = {},
): Statement {
  const base = (ctx.context ?? {}) as { contextActivities?: Record<string, Json[]>; extensions?: Statement };
  const activities: Record<string, Json[]> = { ...(base.contextActivities ?? {}) };
  if (extra.parent) {
    activities.parent = [...(activities.parent ?? []), { objectType: 'Activity', id: ctx.activityId }];
  }
  if (extra.categories?.length) activities.category = [...(activities.category ?? []), ...extra.categories];
  const extensions = { ...(base.extensions ?? {}), ...(ctx.contextExtensions ?? {}) };
  return {
    ...base,
    registration: ctx.registration,
    ...(Object.keys(activities).length ? { contextActivities: activities } : {}),
    ...(Object.keys(extensions).length ? { extensions } : {}),
  } as Statement;
}

function activityObject(ctx: StatementContext): Statement {
  return {
    objectType: 'Activity',
    id: ctx.activityId,
    ...(ctx.activity
      ? {
          definition: {
            type: ACTIVITY_TYPES.scenario,
            name: en(ctx.activity.name),
            description: en(ctx.activity.description.slice(0, 1000)),
          },
        }
      : {}),
  };
}

function stamp(at: number): { id: string; timestamp: string } {
  return { id: uuid(), timestamp: new Date(at).toISOString() };
}

/** One decision or the close, as an "answered" statement on an interaction activity under the play's activity. */
export function interactionStatement(
  ctx: StatementContext,
  x: Interaction,
  latencyMs: number,
  at: number,
): Statement {
  const extensions: Record<string, Json> = {};
  if (x.outcome) extensions[EXTENSIONS.outcome] = x.outcome;
  if (x.close) {
    extensions[EXTENSIONS.closeForm] = x.close.form;
    extensions[EXTENSIONS.closeDelivery] = x.close.delivery;
    extensions[EXTENSIONS.closePoints] = [...x.close.points];
    extensions[EXTENSIONS.closeLeverage] = x.close.leverage;
    extensions[EXTENSIONS.closeCommitment] = x.close.commit;
  }
  const interactionType = x.kind === 'close' ? 'other' : 'choice';
  const definition: Statement = {
    type: ACTIVITY_TYPES.interaction,
    name: en(x.kind === 'close' ? 'The close' : x.at),
    description: en(x.description),
    interactionType,
    ...(interactionType === 'choice'
      ? { choices: x.options.map((o) => ({ id: o.id, description: en(o.text) })) }
      : {}),
  };
  return {
    ...stamp(at),
    actor: ctx.actor,
    verb: VERBS.answered,
    object: {
      objectType: 'Activity',
      id: `${ctx.activityId}/${x.kind === 'close' ? 'close' : x.kind === 'choose' ? `node/${x.at}` : x.at}`,
      definition,
    },
    result: {
      response: x.response,
      ...(x.judged === 'correct' ? { success: true } : x.judged === 'incorrect' ? { success: false } : {}),
      duration: isoDuration(latencyMs),
      ...(Object.keys(extensions).length ? { extensions } : {}),
    },
    context: contextOf(ctx, { parent: true }),
  };
}

export type Lifecycle = 'initialized' | 'completed' | 'passed' | 'failed' | 'terminated';

/** A lifecycle statement on the play's activity (the cmi5-defined verbs, for a plain LRS too). */
export function lifecycleStatement(
  ctx: StatementContext,
  verb: Lifecycle,
  at: number,
  opts: {
    durationMs?: number;
    score?: number;
    mastery?: number | null;
    ending?: { id: string; outcome: string };
  } = {},
): Statement {
  const judged = verb === 'completed' || verb === 'passed' || verb === 'failed';
  const extensions: Record<string, Json> = {};
  if (opts.ending) {
    extensions[EXTENSIONS.ending] = opts.ending.id;
    extensions[EXTENSIONS.outcome] = opts.ending.outcome;
  }
  const result: Statement = {
    ...(verb === 'completed' ? { completion: true } : {}),
    ...(verb === 'passed' ? { success: true } : verb === 'failed' ? { success: false } : {}),
    // The score goes on passed/failed; on completed only when there is no pass mark (no passed/failed is sent).
    ...(judged && opts.score !== undefined && (verb !== 'completed' || opts.mastery == null)
      ? { score: { scaled: opts.score / 100, raw: opts.score, min: 0, max: 100 } }
      : {}),
    ...(opts.durationMs !== undefined ? { duration: isoDuration(opts.durationMs) } : {}),
    ...(Object.keys(extensions).length && verb !== 'initialized' && verb !== 'terminated'
      ? { extensions }
      : {}),
  };
  const categories = [
    ...(ctx.categories?.lifecycle ?? []),
    ...(judged ? (ctx.categories?.moveOn ?? []) : []),
  ];
  const context = contextOf(ctx, { categories });
  if ((verb === 'passed' || verb === 'failed') && opts.mastery != null && ctx.categories) {
    (context as { extensions?: Statement }).extensions = {
      ...((context as { extensions?: Statement }).extensions ?? {}),
      'https://w3id.org/xapi/cmi5/context/extensions/masteryscore': opts.mastery / 100,
    };
  }
  return {
    ...stamp(at),
    actor: ctx.actor,
    verb: VERBS[verb],
    object: activityObject(ctx),
    ...(Object.keys(result).length ? { result } : {}),
    context,
  };
}
