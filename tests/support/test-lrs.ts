/**
 * A small Learning Record Store for tests, on 127.0.0.1 only: it validates every statement it
 * is sent with Learning Locker's xAPI validator (@learninglocker/xapi-validation) and refuses
 * an invalid one with 400, as an LRS does; it stores the valid ones in order. It also plays the
 * cmi5 platform's part a launched AU talks to: the fetch URL that hands out the token, and the
 * LMS.LaunchData state document. (Learning Locker's own statements service, xapi-statements,
 * needs MongoDB and an older Node, so this stands in for it.)
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import validatorModule from '@learninglocker/xapi-validation';

type Warning = { path: string[]; name: string };
const validate = ((validatorModule as unknown as { default?: unknown }).default ?? validatorModule) as (
  data: unknown,
) => Warning[];

export type Stored = Record<string, unknown> & { id: string; verb: { id: string } };

/** The statement's problems in words (empty when valid). */
export function statementProblems(statement: unknown): string[] {
  return validate(statement).map((w) => `${w.path.join('.')}: ${w.name}`);
}

export interface TestLrs {
  /** The xAPI endpoint, ending in a slash. */
  endpoint: string;
  /** The cmi5 fetch URL. */
  fetchUrl: string;
  statements: Stored[];
  /** Statements refused as invalid, with the reasons. */
  refused: { statement: unknown; problems: string[] }[];
  /** Authorization headers seen on statement requests. */
  auth: string[];
  close(): Promise<void>;
}

export interface TestLrsOptions {
  /** What the LMS.LaunchData state document holds (cmi5). */
  launchData?: Record<string, unknown>;
  token?: string;
}

function body(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

export async function startTestLrs(options: TestLrsOptions = {}): Promise<TestLrs> {
  const statements: Stored[] = [];
  const refused: TestLrs['refused'] = [];
  const auth: string[] = [];
  const token = options.token ?? Buffer.from('cmi5-learner:secret').toString('base64');
  const server: Server = createServer((req, res) => {
    void (async () => {
      res.setHeader('access-control-allow-origin', req.headers.origin ?? '*');
      res.setHeader('access-control-allow-headers', 'authorization, content-type, x-experience-api-version');
      res.setHeader('access-control-allow-methods', 'GET, POST, PUT, OPTIONS');
      res.setHeader('x-experience-api-version', '1.0.3');
      if (req.method === 'OPTIONS') {
        res.writeHead(204).end();
        return;
      }
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const text = await body(req);
      if (url.pathname === '/cmi5/fetch' && req.method === 'POST') {
        res
          .writeHead(200, { 'content-type': 'application/json' })
          .end(JSON.stringify({ 'auth-token': token }));
        return;
      }
      if (url.pathname === '/xapi/activities/state' && req.method === 'GET') {
        if (url.searchParams.get('stateId') === 'LMS.LaunchData' && options.launchData) {
          res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(options.launchData));
        } else res.writeHead(404).end();
        return;
      }
      if (url.pathname === '/xapi/agents/profile') {
        // A cmi5 platform keeps the learner's preferences here.
        if (url.searchParams.get('profileId') === 'cmi5LearnerPreferences' && options.launchData) {
          res
            .writeHead(200, { 'content-type': 'application/json' })
            .end(JSON.stringify({ languagePreference: 'en-GB', audioPreference: 'on' }));
        } else res.writeHead(404).end();
        return;
      }
      if (url.pathname === '/xapi/statements' && (req.method === 'POST' || req.method === 'PUT')) {
        auth.push(String(req.headers.authorization ?? ''));
        if (!req.headers['x-experience-api-version']) {
          res.writeHead(400).end('X-Experience-API-Version header missing');
          return;
        }
        let parsed: unknown;
        try {
          parsed = JSON.parse(text);
        } catch {
          res.writeHead(400).end('not JSON');
          return;
        }
        const list = Array.isArray(parsed) ? parsed : [parsed];
        const bad = list
          .map((s) => ({ statement: s, problems: statementProblems(s) }))
          .filter((x) => x.problems.length);
        if (bad.length) {
          refused.push(...bad);
          res.writeHead(400, { 'content-type': 'application/json' }).end(JSON.stringify(bad));
          return;
        }
        const id = url.searchParams.get('statementId');
        for (const s of list as Stored[]) statements.push(id && !s.id ? { ...s, id } : s);
        if (req.method === 'PUT') res.writeHead(204).end();
        else
          res
            .writeHead(200, { 'content-type': 'application/json' })
            .end(JSON.stringify(list.map((s) => (s as Stored).id)));
        return;
      }
      res.writeHead(404).end();
    })().catch(() => res.writeHead(500).end());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    endpoint: `http://127.0.0.1:${port}/xapi/`,
    fetchUrl: `http://127.0.0.1:${port}/cmi5/fetch`,
    statements,
    refused,
    auth,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
