/**
 * A web build reporting to an LRS named by a config file (?xapi=lrs.json): the config is read
 * from the game's own site only, a config with a mistake is refused with the reason, and a play
 * then sends valid statements to the LRS with the configured learner.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, expect, test } from 'vitest';
import { Playthrough } from '../../../src/engine';
import { connectLms } from '../../../src/web/lms/link';
import { startTestLrs, type TestLrs } from '../../support/test-lrs';
import { drive, loadScenario } from './drive';

let site: Server | null = null;
let lrs: TestLrs | null = null;
afterEach(async () => {
  site?.closeAllConnections();
  await new Promise<void>((r) => (site ? site.close(() => r()) : r()));
  await lrs?.close();
  site = null;
  lrs = null;
});

/** The game's site, serving one config file. */
async function gameSite(config: unknown): Promise<string> {
  site = createServer((req, res) => {
    if (req.url?.startsWith('/lrs.json'))
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(config));
    else res.writeHead(404).end();
  });
  await new Promise<void>((r) => site!.listen(0, '127.0.0.1', r));
  return `http://127.0.0.1:${(site.address() as AddressInfo).port}/`;
}

function fakeWindow(href: string) {
  const store = new Map<string, string>();
  return {
    location: new URL(href),
    addEventListener: () => {},
    localStorage: {
      getItem: (k: string) => store.get(k) ?? null,
      setItem: (k: string, v: string) => store.set(k, v),
    },
  } as unknown as Window;
}

test('plays go to the configured LRS as the configured learner, every statement valid', async () => {
  lrs = await startTestLrs();
  const base = await gameSite({
    endpoint: lrs.endpoint,
    username: 'k',
    password: 's',
    mastery: 50,
    actor: { objectType: 'Agent', name: 'A. Learner', mbox: 'mailto:learner@example.org' },
  });
  const notices: string[] = [];
  const link = await connectLms(fakeWindow(`${base}index.html?xapi=lrs.json`), (m) => notices.push(m));
  expect(notices).toEqual([]);
  expect(link?.kind).toBe('lrs');
  const play = Playthrough.start(loadScenario('03-open-doors.json'), { seed: 2 });
  link!.update(play);
  drive(play, 'good', 500, (p) => link!.update(p));
  link!.leave();
  await expect.poll(() => lrs!.statements.at(-1)?.verb.id, { timeout: 10_000 }).toMatch(/terminated$/);
  expect(lrs.refused).toEqual([]);
  expect(
    lrs.statements.every((s) => (s.actor as { mbox: string }).mbox === 'mailto:learner@example.org'),
  ).toBe(true);
  expect(lrs.statements.map((s) => s.verb.id.split('/').pop())).toContain('passed');
  expect((lrs.statements[0]!.object as { id: string }).id).toBe(`${base}scenarios/open-doors`);
});

test('a config on another site is refused, and one with a mistake says what is wrong', async () => {
  const base = await gameSite({ endpoint: 'lrs.example.org' });
  const notices: string[] = [];
  expect(
    await connectLms(fakeWindow(`${base}?xapi=https://elsewhere.example.org/lrs.json`), (m) =>
      notices.push(m),
    ),
  ).toBeNull();
  expect(await connectLms(fakeWindow(`${base}?xapi=lrs.json`), (m) => notices.push(m))).toBeNull();
  expect(await connectLms(fakeWindow(`${base}?xapi=missing.json`), (m) => notices.push(m))).toBeNull();
  expect(notices).toEqual([
    'Plays are not being recorded: the LRS settings could not be read (the config file must be on the same site as the game).',
    'Plays are not being recorded: the LRS settings could not be read ("endpoint" must be the LRS address, starting with http:// or https://).',
    'Plays are not being recorded: the LRS settings could not be read (/missing.json: HTTP 404).',
  ]);
});

test('a SCORM launch with no platform answering says so and records nothing', async () => {
  const notices: string[] = [];
  const win = {
    ...fakeWindow('https://game.example.org/index.html?lms=scorm&scenario=open-doors'),
    parent: null,
  } as unknown as Window;
  (win as unknown as { parent: unknown }).parent = win;
  expect(await connectLms(win, (m) => notices.push(m))).toBeNull();
  expect(notices[0]).toMatch(/no platform answered: you can play, and nothing is recorded/);
});
