/**
 * Sending a group session to an LRS: the preview route lists the statements; the send route
 * POSTs them to the trainer's LRS (a 127.0.0.1 test LRS that checks each with Learning Locker's
 * validator and refuses invalid ones); bad input and an LRS that refuses get clear errors; only
 * this route accepts POST.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { handleXapi } from '../../src/server/lrs';
import type { LoadedSession, Store } from '../../src/server/store/types';
import { acceptRequest } from '../../src/server/web';
import { startTestLrs, type TestLrs } from '../support/test-lrs';
import { scenario, sessionRecord } from '../unit/lms/session-fixture';

const record = sessionRecord();

/** A store holding the fixture's session, shaped as the real stores load it. */
const store = {
  async loadSession(id: string): Promise<LoadedSession | null> {
    if (id !== record.summary.id) return null;
    return {
      session: {
        id,
        code: record.summary.code,
        hostTokenHash: '',
        scenario: record.summary.scenario.id,
        scenarioTitle: record.summary.scenario.title,
        settings: record.settings,
        seed: record.seed,
        status: 'ended',
        locked: false,
        createdAt: record.summary.createdAt,
        endedAt: record.summary.endedAt,
      },
      teams: record.summary.teams.map((t, index) => ({ id: t.id, name: t.name, index })),
      players: record.players.map((p) => ({
        ...p,
        tokenHash: '',
        device: 'd',
        joinedAt: record.summary.createdAt,
        joinedRound: 0,
      })),
      log: record.log,
      votes: record.votes.map((v) => ({ ...v, messageId: `${v.player}-${v.round}` })),
      reveals: [],
      messageIds: [],
    } as unknown as LoadedSession;
  },
  async teamSummaries() {
    return record.summary.teams;
  },
} as unknown as Store;

const scenarios = new Map([[scenario.meta.id, { scenario }]]);

let api: Server;
let url: string;
let lrs: TestLrs;

beforeEach(async () => {
  lrs = await startTestLrs();
  api = createServer((req: IncomingMessage, res: ServerResponse) => {
    const accepted = acceptRequest(req, res);
    if (!accepted) return;
    const m = /^\/api\/sessions\/([^/]+)\/xapi$/.exec(accepted.path);
    if (!m) {
      res.writeHead(404).end();
      return;
    }
    void handleXapi(req, accepted.rawUrl, m[1]!, store, scenarios, (status, value) => {
      res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(value));
    });
  });
  await new Promise<void>((r) => api.listen(0, '127.0.0.1', r));
  url = `http://127.0.0.1:${(api.address() as AddressInfo).port}`;
});

afterEach(async () => {
  api.closeAllConnections();
  await new Promise<void>((r) => api.close(() => r()));
  await lrs.close();
});

const post = (body: unknown, path = '/api/sessions/sess-1/xapi') =>
  fetch(`${url}${path}`, {
    method: 'POST',
    body: JSON.stringify(body),
    headers: { 'content-type': 'application/json' },
  });

describe('a session to an LRS', () => {
  it('previews the statements, per team and per player', async () => {
    const team = await (await fetch(`${url}/api/sessions/sess-1/xapi?actors=team`)).json();
    expect(team.actors).toBe('team');
    expect(team.count).toBe(team.statements.length);
    expect(team.statements[0].actor.objectType).toBe('Group');
    const player = await (await fetch(`${url}/api/sessions/sess-1/xapi?actors=player`)).json();
    expect(player.statements[0].actor.objectType).toBe('Agent');
    expect((await fetch(`${url}/api/sessions/nope/xapi`)).status).toBe(404);
    expect((await fetch(`${url}/api/sessions/sess-1/xapi?actors=everyone`)).status).toBe(400);
  });

  it('sends every statement, valid, with the credentials given; sending again repeats the same ids', async () => {
    const body = { endpoint: lrs.endpoint, username: 'key', password: 'secret', actors: 'team' };
    const res = await post(body);
    const answer = await res.json();
    expect(res.status).toBe(200);
    const preview = await (await fetch(`${url}/api/sessions/sess-1/xapi?actors=team`)).json();
    expect(answer.sent).toBe(preview.count);
    expect(lrs.refused).toEqual([]);
    expect(lrs.statements.map((s) => s.id)).toEqual(preview.statements.map((s: { id: string }) => s.id));
    expect(new Set(lrs.auth)).toEqual(new Set([`Basic ${Buffer.from('key:secret').toString('base64')}`]));
    await post(body);
    expect(new Set(lrs.statements.map((s) => s.id)).size).toBe(preview.count);
  });

  it('says what is wrong with the request, and what the LRS answered when it refuses', async () => {
    const bad = async (body: unknown) => (await (await post(body)).json()).error.message as string;
    expect(await bad({ endpoint: 'lrs', username: 'k', password: 's', actors: 'team' })).toMatch(
      /full address/,
    );
    expect(await bad({ endpoint: lrs.endpoint, username: '', password: 's', actors: 'team' })).toMatch(/key/);
    expect(await bad({ endpoint: lrs.endpoint, username: 'k', password: 's', actors: 'all' })).toMatch(
      /per team/,
    );
    const refused = await post({
      endpoint: `${lrs.endpoint}nowhere/`,
      username: 'k',
      password: 's',
      actors: 'player',
    });
    expect(refused.status).toBe(502);
    expect((await refused.json()).error.message).toMatch(
      /^The LRS refused the statements \(HTTP 404\); 0 of \d+ were sent\.$/,
    );
  });

  it('accepts POST on this route only', async () => {
    expect((await fetch(`${url}/api/sessions`, { method: 'POST', body: '{}' })).status).toBe(405);
    expect(
      (await fetch(`${url}/api/sessions/sess-1/export.csv`, { method: 'POST', body: '{}' })).status,
    ).toBe(405);
  });
});
