/**
 * The SCORM reporter against scorm-again, the SCORM runtime platforms use: what the platform
 * holds after a full play, after leaving mid-way and coming back, and after a failed attempt,
 * for SCORM 1.2 and 2004; and the API discovery through parent and opener frames.
 */
import { Scorm12API, Scorm2004API } from 'scorm-again';
import { describe, expect, test } from 'vitest';
import { Playthrough } from '../../../src/engine';
import {
  duration2004,
  findScormApi,
  ScormConnection,
  ScormReporter,
  timespan12,
} from '../../../src/web/lms/scorm';
import { drive, loadScenario } from './drive';

const scenario = loadScenario('03-open-doors.json');
const quiet = { logLevel: 5 as const };

type Any = { [k: string]: unknown };

function reporterOn(version: '1.2' | '2004', api: unknown, mastery: number | null, clock = { t: 1_000_000 }) {
  const notices: string[] = [];
  const r = new ScormReporter(new ScormConnection(version, api as never), {
    scenario: 'open-doors',
    mastery,
    notice: (m) => notices.push(m),
    now: () => clock.t,
  });
  return { r, notices, clock };
}

/** A CMITimespan (HHHH:MM:SS.SS, as the runtime normalised it) in seconds. */
function seconds(t: string): number {
  const [h, m, s] = t.split(':').map(Number);
  return h! * 3600 + m! * 60 + s!;
}

/** SCORM 1.2's interactions are write-only through the API: read what the runtime holds. */
function rows12(api: InstanceType<typeof Scorm12API>): Any[] {
  const json = JSON.parse(JSON.stringify(api.cmi)) as { interactions: Record<string, Any> };
  return Object.values(json.interactions);
}

/** Plays with the reporter told after each action, as the game does; the clock moves 4 s per action. */
function playWith(
  r: ScormReporter,
  play: Playthrough,
  policy: 'good' | 'poor',
  clock: { t: number },
  max?: number,
) {
  r.update(play);
  drive(play, policy, max, (p) => {
    clock.t += 4000;
    r.update(p);
  });
  return play;
}

describe('SCORM 1.2 through scorm-again', () => {
  test('a full play: passed against the mastery score, score, interactions, session time, normal exit', () => {
    const api = new Scorm12API(quiet);
    api.loadFromJSON({ student_data: { mastery_score: '70' } } as Any);
    const { r, clock } = reporterOn('1.2', api, null);
    expect(r.mastery).toBe(70);
    const play = playWith(r, Playthrough.start(scenario, { seed: 3 }), 'good', clock);
    const d = play.debrief();
    expect(d.score.total).toBeGreaterThanOrEqual(70);
    expect(api.LMSGetValue('cmi.core.lesson_status')).toBe('passed');
    expect(api.LMSGetValue('cmi.core.score.raw')).toBe(String(Math.round(d.score.total)));
    expect(api.LMSGetValue('cmi.core.score.max')).toBe('100');
    const decisions = play.actions.filter((a) => a.type !== 'continue');
    expect(Number(api.LMSGetValue('cmi.interactions._count'))).toBe(decisions.length);
    const rows = rows12(api);
    const closeAt = play.actions.findIndex((a) => a.type === 'close');
    const close = rows.find((x) => String(x.id).startsWith(`${closeAt}-close`))!;
    expect(close.type).toBe('performance');
    expect(close.student_response).toMatch(/^form=[a-z-]+;delivery=firm;points=/);
    expect(close.result).toBe('correct');
    expect(close.latency).toMatch(/^0{2,4}:00:04(\.0+)?$/);
    expect(rows.every((x) => x.type === 'performance' || x.type === 'choice')).toBe(true);
    expect(r.errors).toEqual([]);
    clock.t += 60_000;
    r.leave();
    const after = JSON.parse(JSON.stringify(api.cmi)) as { core: Any; suspend_data: string };
    expect(after.core.exit).toBe('');
    expect(after.suspend_data).toBe('');
    expect(seconds(String(after.core.session_time))).toBe((4000 * play.step + 60_000) / 1000);
  });

  test('leaving mid-way suspends; the next session resumes at the same node with the same state', () => {
    const api = new Scorm12API(quiet);
    const first = reporterOn('1.2', api, 70);
    const play = playWith(first.r, Playthrough.start(scenario, { seed: 5 }), 'good', first.clock, 4);
    first.r.leave();
    const stored = JSON.parse(JSON.stringify(api.cmi)) as { core: Any; suspend_data: string };
    expect(stored.core.exit).toBe('suspend');
    expect(stored.core.lesson_status).toBe('incomplete');
    expect(stored.suspend_data.length).toBeGreaterThan(0);
    expect(stored.suspend_data.length).toBeLessThanOrEqual(4096);

    const again = new Scorm12API(quiet);
    again.loadFromJSON({ ...stored, core: { ...stored.core, entry: 'resume' } } as Any);
    const second = reporterOn('1.2', again, 70);
    expect(second.r.resume).not.toBeNull();
    const back = Playthrough.restore(scenario, second.r.resume!);
    expect(back.view().node?.id).toBe(play.view().node?.id);
    expect(back.view().hidden).toEqual(play.view().hidden);
    expect(back.actions).toEqual(play.actions);
    // Carrying on reports only the new decisions, after the ones of the first session.
    const before = Number(again.LMSGetValue('cmi.interactions._count'));
    playWith(second.r, back, 'good', second.clock);
    const decisions = back.actions.filter((a) => a.type !== 'continue').length;
    const earlier = play.actions.filter((a) => a.type !== 'continue').length;
    expect(Number(again.LMSGetValue('cmi.interactions._count')) - before).toBe(decisions - earlier);
    expect(again.LMSGetValue('cmi.core.lesson_status')).toBe('passed');
  });

  test('a failed attempt: completed below the mastery score is failed', () => {
    const api = new Scorm12API(quiet);
    const { r, clock } = reporterOn('1.2', api, 70);
    const play = playWith(r, Playthrough.start(scenario, { seed: 2 }), 'poor', clock);
    expect(play.debrief().score.total).toBeLessThan(70);
    expect(api.LMSGetValue('cmi.core.lesson_status')).toBe('failed');
    // Persisting until the door shuts is judged wrong.
    expect(rows12(api).some((x) => x.result === 'wrong' && String(x.id).includes('-persist-'))).toBe(true);
    r.leave();
    expect((JSON.parse(JSON.stringify(api.cmi)) as { core: Any }).core.exit).toBe('');
  });

  test('without a mastery score an ending is reported as completed', () => {
    const api = new Scorm12API(quiet);
    const { r, clock } = reporterOn('1.2', api, null);
    playWith(r, Playthrough.start(scenario, { seed: 2 }), 'poor', clock);
    expect(api.LMSGetValue('cmi.core.lesson_status')).toBe('completed');
  });
});

describe('SCORM 2004 through scorm-again', () => {
  test('a full play: completion, success against scaled_passing_score, scaled score, interactions', () => {
    const api = new Scorm2004API(quiet);
    api.loadFromJSON({ scaled_passing_score: '0.7' } as Any);
    const { r, clock } = reporterOn('2004', api, null);
    expect(r.mastery).toBeCloseTo(70);
    const play = playWith(r, Playthrough.start(scenario, { seed: 3 }), 'good', clock);
    const total = Math.round(play.debrief().score.total);
    expect(api.GetValue('cmi.completion_status')).toBe('completed');
    expect(api.GetValue('cmi.success_status')).toBe('passed');
    expect(Number(api.GetValue('cmi.score.scaled'))).toBeCloseTo(total / 100);
    expect(api.GetValue('cmi.score.raw')).toBe(String(total));
    const n = Number(api.GetValue('cmi.interactions._count'));
    expect(n).toBe(play.actions.filter((a) => a.type !== 'continue').length);
    const types = Array.from({ length: n }, (_, i) => api.GetValue(`cmi.interactions.${i}.type`));
    expect(types.filter((t) => t === 'other')).toHaveLength(1);
    const closeRow = types.indexOf('other');
    expect(api.GetValue(`cmi.interactions.${closeRow}.id`)).toMatch(/^urn:closecall:open-doors:\d+:close:/);
    expect(api.GetValue(`cmi.interactions.${closeRow}.latency`)).toBe('PT4S');
    expect(api.GetValue(`cmi.interactions.${closeRow}.description`)).toContain('close');
    expect(r.errors).toEqual([]);
    r.leave();
    const cmi = JSON.parse(JSON.stringify(api.cmi)) as Any;
    expect(cmi.exit).toBe('normal');
  });

  test('leave mid-way and resume; then a failed attempt is failed', () => {
    const api = new Scorm2004API(quiet);
    api.loadFromJSON({ scaled_passing_score: '0.7' } as Any);
    const first = reporterOn('2004', api, null);
    const play = playWith(first.r, Playthrough.start(scenario, { seed: 9 }), 'poor', first.clock, 1);
    first.r.leave();
    const stored = JSON.parse(JSON.stringify(api.cmi)) as Any;
    expect(stored.exit).toBe('suspend');
    expect(stored.completion_status).toBe('incomplete');
    const again = new Scorm2004API(quiet);
    again.loadFromJSON({ ...stored, entry: 'resume', exit: '' } as Any);
    const second = reporterOn('2004', again, null);
    const back = Playthrough.restore(scenario, second.r.resume!);
    expect(back.view().node?.id).toBe(play.view().node?.id);
    expect(back.view().hidden).toEqual(play.view().hidden);
    playWith(second.r, back, 'poor', second.clock);
    expect(again.GetValue('cmi.completion_status')).toBe('completed');
    expect(again.GetValue('cmi.success_status')).toBe('failed');
  });
});

test('time formats: SCORM 1.2 CMITimespan and SCORM 2004 durations', () => {
  expect(timespan12(4000)).toBe('0000:00:04.00');
  expect(timespan12(3_723_450)).toBe('0001:02:03.45');
  expect(duration2004(3_723_450)).toBe('PT1H2M3.45S');
  expect(duration2004(0)).toBe('PT0S');
});

describe('finding the API', () => {
  type W = { parent: W | null; opener?: W | null } & Record<string, unknown>;
  const frame = (parent: W | null, extra: Record<string, unknown> = {}): W => {
    const w = { parent: null, ...extra } as W;
    w.parent = parent ?? w;
    return w;
  };
  const api12 = { LMSInitialize: () => 'true' };
  const api2004 = { Initialize: () => 'true' };

  test('in a parent frame, several levels up', () => {
    const top = frame(null, { API: api12 });
    const mid = frame(top);
    expect(findScormApi(frame(mid))?.version).toBe('1.2');
  });

  test('SCORM 2004 is preferred when a frame offers both', () => {
    expect(findScormApi(frame(frame(null, { API: api12, API_1484_11: api2004 })))?.version).toBe('2004');
  });

  test("through the opener's frames when the game is in a window of its own", () => {
    const lmsTop = frame(null, { API_1484_11: api2004 });
    const lmsFrame = frame(lmsTop);
    const own = frame(null, { opener: lmsFrame });
    expect(findScormApi(own)?.api).toBe(api2004);
  });

  test('a frame that cannot be read is passed over, and no API is null', () => {
    const blocked = {} as W;
    Object.defineProperty(blocked, 'API', {
      get() {
        throw new Error('SecurityError');
      },
    });
    blocked.parent = frame(null);
    expect(findScormApi(frame(blocked))).toBeNull();
  });
});
