/**
 * Suspend data: every library scenario's playthrough packs into SCORM 1.2's 4,096 characters at
 * every step, reads back to the same log, and what does not fit is refused and told to the learner.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { Scorm12API } from 'scorm-again';
import { expect, test } from 'vitest';
import { type Action, Playthrough, type SaveData } from '../../../src/engine';
import { ScormConnection, ScormReporter } from '../../../src/web/lms/scorm';
import { packSuspend, SUSPEND_LIMIT, unpackSuspend } from '../../../src/web/lms/suspend';
import { drive, loadScenario } from './drive';

const files = readdirSync(join(import.meta.dirname, '../../../scenarios')).filter((f) =>
  /^\d.*\.json$/.test(f),
);

test('every library scenario, at every step of two different plays, fits SCORM 1.2 and reads back the same', () => {
  let longest = 0;
  for (const file of files) {
    const scenario = loadScenario(file);
    for (const policy of ['good', 'poor'] as const) {
      drive(Playthrough.start(scenario, { seed: 11, mode: 'realistic' }), policy, 500, (p) => {
        const save = p.save();
        const packed = packSuspend(save, SUSPEND_LIMIT['1.2']);
        expect(packed, `${file} step ${p.step}`).not.toBeNull();
        longest = Math.max(longest, packed!.length);
        const back = unpackSuspend(packed!);
        expect(back).toEqual({ ok: true, save });
        expect(Playthrough.restore(scenario, (back as { save: SaveData }).save).view()).toEqual(p.view());
      });
    }
  }
  expect(longest).toBeLessThan(SUSPEND_LIMIT['1.2'] / 4);
});

test('a log too long for the limit is refused, not cut', () => {
  const actions: Action[] = Array.from({ length: 3000 }, (_, i) => ({
    type: 'choose',
    choice: `c${(i * 7919) % 10007}`,
  }));
  const save: SaveData = { v: 1, scenario: 'open-doors', seed: 1, mode: 'expected', actions };
  expect(packSuspend(save, SUSPEND_LIMIT['1.2'])).toBeNull();
  expect(packSuspend(save, SUSPEND_LIMIT['2004'])).not.toBeNull();
});

test('suspend data the game did not write, or damaged, is refused with a reason', () => {
  expect(unpackSuspend('lesson=3')).toEqual({ ok: false, reason: 'it was not written by this game' });
  expect(unpackSuspend('cc1.!!!!')).toEqual({ ok: false, reason: 'it is damaged' });
  const notAPlay = packSuspend({ v: 1, scenario: 'x', seed: 1, mode: 'expected', actions: [] }, 4096)!;
  expect(unpackSuspend(notAPlay).ok).toBe(true);
  expect(unpackSuspend(`cc1.${'A'.repeat(8)}`).ok).toBe(false);
});

test('when the platform cannot hold the place, suspend data is left empty and the learner is told once', () => {
  const api = new Scorm12API({ logLevel: 5 });
  const notices: string[] = [];
  const r = new ScormReporter(new ScormConnection('1.2', api as never), {
    scenario: null,
    mastery: null,
    notice: (m) => notices.push(m),
    suspendLimit: 40,
  });
  const play = Playthrough.start(loadScenario('03-open-doors.json'), { seed: 1 });
  r.update(play);
  drive(play, 'good', 3, (p) => r.update(p));
  expect(api.LMSGetValue('cmi.suspend_data')).toBe('');
  expect(notices).toHaveLength(1);
  expect(notices[0]).toMatch(/cannot keep your place/);
  r.leave();
  expect((JSON.parse(JSON.stringify(api.cmi)) as { core: { exit: string } }).core.exit).toBe('suspend');
});

test('damaged suspend data on return is told to the learner, and the play starts afresh', () => {
  const api = new Scorm12API({ logLevel: 5 });
  api.loadFromJSON({ core: { entry: 'resume' }, suspend_data: 'cc1.garbage' } as never);
  const notices: string[] = [];
  const r = new ScormReporter(new ScormConnection('1.2', api as never), {
    scenario: null,
    mastery: null,
    notice: (m) => notices.push(m),
  });
  expect(r.resume).toBeNull();
  expect(notices).toEqual(['Your place in the interview could not be restored because it is damaged.']);
});
