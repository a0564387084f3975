/**
 * Sending a finished group session to the trainer's Learning Record Store (docs/lms.md):
 * `GET /api/sessions/<id>/xapi?actors=team|player` previews the statements, and
 * `POST /api/sessions/<id>/xapi` with `{ endpoint, username, password, actors }` sends them.
 * The LRS credentials are used for that one request and never stored or logged.
 */
import type { IncomingMessage } from 'node:http';
import type { Scenario } from '../engine';
import { type SessionActors, sessionStatements } from '../protocol/lms/session';
import type { Statement } from '../protocol/lms/statements';
import { sessionRecord } from './records';
import type { Store } from './store/types';

/** The path of the route, or null: /api/sessions/<id>/xapi. */
export function xapiRoute(path: string): string | null {
  const m = /^\/api\/sessions\/([A-Za-z0-9_-]{1,40})\/xapi$/.exec(path);
  return m ? m[1]! : null;
}

export function actorsOf(value: unknown): SessionActors | null {
  return value === 'team' || value === 'player' ? value : null;
}

/** The session's statements, or null when there is no such session (or its scenario is gone). */
export async function sessionXapi(
  store: Store,
  scenarios: ReadonlyMap<string, { scenario: Scenario }>,
  id: string,
  actors: SessionActors,
  homePage: string,
): Promise<Statement[] | null> {
  const record = await sessionRecord(store, id);
  if (!record) return null;
  const entry = scenarios.get(record.summary.scenario.id);
  if (!entry) return null;
  return sessionStatements({ record, scenario: entry.scenario, homePage, actors });
}

export interface LrsTarget {
  endpoint: string;
  authorization: string;
  actors: SessionActors;
}

const MAX_BODY = 4096;

/** Reads and checks the POST body; throws an Error whose message can be shown to the trainer. */
export async function readTarget(req: IncomingMessage): Promise<LrsTarget> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY) throw new Error('The request is too large.');
    chunks.push(chunk as Buffer);
  }
  let body: Record<string, unknown>;
  try {
    body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>;
  } catch {
    throw new Error('The request is not JSON.');
  }
  if (typeof body !== 'object' || body === null) throw new Error('The request is not a JSON object.');
  const endpoint = typeof body.endpoint === 'string' ? body.endpoint.trim() : '';
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    throw new Error('The LRS endpoint must be a full address, such as https://lrs.example.org/xapi/.');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new Error('The LRS endpoint must start with https:// (or http://).');
  }
  const username = typeof body.username === 'string' ? body.username : '';
  const password = typeof body.password === 'string' ? body.password : '';
  if (!username || !password) throw new Error('Give the LRS key (username) and secret (password).');
  const actors = actorsOf(body.actors);
  if (!actors) throw new Error('Choose one actor per team or one per player.');
  return {
    endpoint: url.href.endsWith('/') ? url.href : `${url.href}/`,
    authorization: `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`,
    actors,
  };
}

/** POSTs the statements in batches; resolves with how many were sent, or rejects saying what the LRS answered. */
export async function sendToLrs(
  statements: Statement[],
  target: Pick<LrsTarget, 'endpoint' | 'authorization'>,
  batch = 50,
): Promise<number> {
  let sent = 0;
  for (let i = 0; i < statements.length; i += batch) {
    const part = statements.slice(i, i + batch);
    let res: Response;
    try {
      res = await fetch(`${target.endpoint}statements`, {
        method: 'POST',
        headers: {
          authorization: target.authorization,
          'content-type': 'application/json',
          'x-experience-api-version': '1.0.3',
        },
        body: JSON.stringify(part),
        signal: AbortSignal.timeout(20_000),
      });
    } catch (err) {
      throw new Error(
        `The LRS could not be reached (${err instanceof Error ? err.message : String(err)}); ${sent} of ${statements.length} statements were sent.`,
      );
    }
    // 409: statements with these ids are there already (a session sent before) — nothing is lost.
    if (!res.ok && res.status !== 409) {
      const text = (await res.text().catch(() => '')).slice(0, 200);
      throw new Error(
        `The LRS refused the statements (HTTP ${res.status}${text ? `: ${text}` : ''}); ${sent} of ${statements.length} were sent.`,
      );
    }
    sent += part.length;
  }
  return sent;
}

type Reply = (status: number, value: unknown) => void;

/**
 * The route's handler (trainer already checked): GET previews, POST sends. `reply` sends JSON;
 * errors are `{ error: { code, message } }` as elsewhere in the API.
 */
export async function handleXapi(
  req: IncomingMessage,
  rawUrl: string,
  id: string,
  store: Store,
  scenarios: ReadonlyMap<string, { scenario: Scenario }>,
  reply: Reply,
): Promise<void> {
  const fail = (status: number, code: string, message: string) => reply(status, { error: { code, message } });
  const proto =
    String(req.headers['x-forwarded-proto'] ?? '')
      .split(',')[0]
      ?.trim() === 'https'
      ? 'https'
      : 'http';
  const homePage = `${proto}://${String(req.headers.host ?? 'localhost').slice(0, 200)}`;
  if (req.method === 'POST') {
    let target: LrsTarget;
    try {
      target = await readTarget(req);
    } catch (err) {
      return fail(400, 'bad-request', err instanceof Error ? err.message : String(err));
    }
    const statements = await sessionXapi(store, scenarios, id, target.actors, homePage);
    if (!statements) return fail(404, 'not-found', 'No such session.');
    try {
      const sent = await sendToLrs(statements, target);
      return reply(200, { sent, endpoint: target.endpoint });
    } catch (err) {
      return fail(502, 'lrs-error', err instanceof Error ? err.message : String(err));
    }
  }
  const q = rawUrl.indexOf('?');
  const actors = actorsOf(new URLSearchParams(q === -1 ? '' : rawUrl.slice(q + 1)).get('actors') ?? 'team');
  if (!actors) return fail(400, 'bad-request', 'actors must be team or player.');
  const statements = await sessionXapi(store, scenarios, id, actors, homePage);
  if (!statements) return fail(404, 'not-found', 'No such session.');
  return reply(200, { actors, count: statements.length, statements });
}
