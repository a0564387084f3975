/**
 * xAPI: a play launched by a cmi5 platform (through @xapi/cmi5) and a play reported to a plain
 * LRS send the statements docs/lms.md lists, in order, each accepted by a test LRS that checks
 * it with Learning Locker's xAPI validator.
 */
import type Cmi5Class from '@xapi/cmi5';
import { afterEach, beforeAll, describe, expect, test } from 'vitest';
// @ts-expect-error: the package ships no types.
import { XMLHttpRequest as NodeXhr } from 'xmlhttprequest-ssl';
import { Playthrough } from '../../../src/engine';
import { EXTENSIONS } from '../../../src/protocol/lms/statements';
import {
  Cmi5Transport,
  LrsTransport,
  lrsContext,
  parseLrsConfig,
  XapiReporter,
} from '../../../src/web/lms/xapi';
import { startTestLrs, type TestLrs } from '../../support/test-lrs';
import { drive, loadScenario } from './drive';

const scenario = loadScenario('03-open-doors.json');
const CMI5 = 'https://w3id.org/xapi/cmi5/context/categories/cmi5';
const MOVE_ON = 'https://w3id.org/xapi/cmi5/context/categories/moveon';
const SESSION = 'https://w3id.org/xapi/cmi5/context/extensions/sessionid';
const verbs = (lrs: TestLrs) => lrs.statements.map((s) => s.verb.id.split('/').pop());
const categories = (s: Record<string, unknown>) =>
  (
    (s.context as { contextActivities?: { category?: { id: string }[] } }).contextActivities?.category ?? []
  ).map((c) => c.id);

// @xapi/cmi5 is a browser build (axios's XMLHttpRequest adapter, looked for when it loads):
// Node is given an XMLHttpRequest first, then the library is loaded.
let Cmi5: typeof Cmi5Class;
beforeAll(async () => {
  (globalThis as { XMLHttpRequest?: unknown }).XMLHttpRequest ??= NodeXhr;
  const path = '@xapi/cmi5/dist/Cmi5.esm.js';
  Cmi5 = ((await import(/* @vite-ignore */ path)) as { default: typeof Cmi5Class }).default;
});

let lrs: TestLrs | null = null;
afterEach(async () => {
  await lrs?.close();
  lrs = null;
});

async function cmi5Launch(masteryScore: number) {
  lrs = await startTestLrs({
    launchData: {
      contextTemplate: {
        contextActivities: {
          grouping: [{ objectType: 'Activity', id: 'https://lms.example.org/course/42' }],
        },
        extensions: { [SESSION]: 'session-1' },
      },
      launchMode: 'Normal',
      masteryScore,
      moveOn: 'CompletedAndPassed',
    },
  });
  const cmi5 = new Cmi5({
    endpoint: lrs.endpoint,
    fetch: lrs.fetchUrl,
    actor: { objectType: 'Agent', account: { homePage: 'https://lms.example.org', name: 'learner-7' } },
    registration: '6b1a4c7e-0f57-4b8e-9a57-2f7d3c1f0a11',
    activityId: 'https://lms.example.org/au/open-doors',
  } as never);
  await cmi5.initialize();
  const params = cmi5.getLaunchParameters();
  const ctx = {
    actor: params.actor as never,
    activityId: params.activityId,
    registration: params.registration,
    context: cmi5.getLaunchData().contextTemplate as never,
  };
  const reporter = new XapiReporter(new Cmi5Transport(cmi5), () => ctx, {
    scenario: 'open-doors',
    notice: () => {},
  });
  return { reporter, lrs };
}

describe('cmi5', () => {
  test('a passing play: initialized, answered per decision and close, passed, completed, terminated', async () => {
    const { reporter, lrs } = await cmi5Launch(0.7);
    const play = Playthrough.start(scenario, { seed: 4 });
    reporter.update(play);
    drive(play, 'good', 500, (p) => reporter.update(p));
    await reporter.leave();
    expect(lrs.refused).toEqual([]);
    const decisions = play.actions.filter((a) => a.type !== 'continue').length;
    expect(verbs(lrs)).toEqual([
      'initialized',
      ...Array(decisions).fill('answered'),
      'passed',
      'completed',
      'terminated',
    ]);
    for (const s of lrs.statements) {
      expect((s.context as { registration: string }).registration).toBe(
        '6b1a4c7e-0f57-4b8e-9a57-2f7d3c1f0a11',
      );
      expect((s.context as { extensions: Record<string, string> }).extensions[SESSION]).toBe('session-1');
    }
    // The cmi5-defined statements carry the cmi5 category; "cmi5 allowed" ones must not.
    for (const s of lrs.statements.filter((x) => x.verb.id.endsWith('answered'))) {
      expect(categories(s)).not.toContain(CMI5);
    }
    const passed = lrs.statements.find((s) => s.verb.id.endsWith('passed'))!;
    expect(categories(passed)).toEqual(expect.arrayContaining([CMI5, MOVE_ON]));
    expect((passed.result as { score: { scaled: number } }).score.scaled).toBeCloseTo(
      Math.round(play.debrief().score.total) / 100,
    );
    const close = lrs.statements.find((s) => (s.object as { id: string }).id.endsWith('/close'))!;
    const ext = (close.result as { extensions: Record<string, unknown> }).extensions;
    const spec = play.actions.find((a) => a.type === 'close')!;
    expect(spec.type === 'close' && ext[EXTENSIONS.closeForm]).toBe(spec.type === 'close' && spec.close.form);
    expect(ext[EXTENSIONS.closeDelivery]).toBe('firm');
    expect(Array.isArray(ext[EXTENSIONS.closePoints])).toBe(true);
    expect(ext[EXTENSIONS.closeLeverage]).toBeNull();
    expect(ext[EXTENSIONS.closeCommitment]).toBe(false);
    expect(typeof ext[EXTENSIONS.outcome]).toBe('string');
  });

  test('a failed attempt sends failed, then completed', async () => {
    const { reporter, lrs } = await cmi5Launch(0.7);
    const play = Playthrough.start(scenario, { seed: 4 });
    reporter.update(play);
    drive(play, 'poor', 500, (p) => reporter.update(p));
    await reporter.flush();
    expect(lrs.refused).toEqual([]);
    expect(verbs(lrs).slice(-2)).toEqual(['failed', 'completed']);
    const failed = lrs.statements.find((s) => s.verb.id.endsWith('failed'))!;
    expect((failed.result as { success: boolean }).success).toBe(false);
  });
});

describe('a plain LRS from a config file', () => {
  test('each play is a registration: initialized, answered…, passed/failed, completed, terminated, with the configured credentials', async () => {
    lrs = await startTestLrs();
    const config = parseLrsConfig({
      endpoint: lrs.endpoint,
      username: 'trainer',
      password: 'pw',
      mastery: 70,
    });
    const actor = { objectType: 'Agent', mbox: 'mailto:learner@example.org' };
    const reporter = new XapiReporter(
      new LrsTransport(config),
      (p) =>
        lrsContext(actor, `https://game.example.org/scenarios/${p.scenario.meta.id}`, {
          name: p.scenario.meta.title,
          description: p.scenario.meta.summary,
        }),
      { scenario: null, notice: () => {} },
    );
    const first = Playthrough.start(scenario, { seed: 1 });
    reporter.update(first);
    drive(first, 'poor', 500, (p) => reporter.update(p));
    const second = Playthrough.start(scenario, { seed: 2 });
    reporter.update(second);
    drive(second, 'good', 500, (p) => reporter.update(p));
    await reporter.leave();
    expect(lrs.refused).toEqual([]);
    expect(lrs.auth.every((a) => a === `Basic ${Buffer.from('trainer:pw').toString('base64')}`)).toBe(true);
    const v = verbs(lrs);
    expect(v[0]).toBe('initialized');
    expect(v.filter((x) => x === 'initialized')).toHaveLength(2);
    expect(v.filter((x) => x === 'terminated')).toHaveLength(2);
    expect(v).toContain('failed');
    expect(v).toContain('passed');
    const registrations = new Set(
      lrs.statements.map((s) => (s.context as { registration: string }).registration),
    );
    expect(registrations.size).toBe(2);
    const init = lrs.statements[0]!;
    expect((init.object as { definition: { name: Record<string, string> } }).definition.name['en-US']).toBe(
      scenario.meta.title,
    );
  });

  test('a config with a mistake is refused with what is wrong', () => {
    expect(() => parseLrsConfig([])).toThrow('must be a JSON object');
    expect(() => parseLrsConfig({ endpoint: 'lrs.example.org' })).toThrow('"endpoint"');
    expect(() => parseLrsConfig({ endpoint: 'https://x/', username: 'a' })).toThrow(
      '"username" and "password"',
    );
    expect(() => parseLrsConfig({ endpoint: 'https://x/', actor: { name: 'A' } })).toThrow('"actor"');
    expect(() => parseLrsConfig({ endpoint: 'https://x/', mastery: 170 })).toThrow('"mastery"');
    expect(parseLrsConfig({ endpoint: 'https://x/xapi', auth: 'Basic abc' })).toEqual({
      endpoint: 'https://x/xapi/',
      auth: 'Basic abc',
      actor: null,
      mastery: null,
    });
  });
});
