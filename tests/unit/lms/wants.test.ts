/** The launch address decides whether the game talks to a learning platform at all, and to which. */
import { expect, test } from 'vitest';
import { launchRequest } from '../../../src/web/lms/wants';

test('an ordinary address asks for nothing: the game behaves as without an LMS', () => {
  expect(launchRequest('')).toBeNull();
  expect(launchRequest('?fast')).toBeNull();
  expect(launchRequest('?scenario=open-doors')).toBeNull();
  expect(launchRequest('?lms=aicc')).toBeNull();
});

test('a SCORM package launch: scenario and pass mark, a malformed one ignored', () => {
  expect(launchRequest('?lms=scorm&scenario=open-doors&mastery=70')).toEqual({
    kind: 'scorm',
    scenario: 'open-doors',
    mastery: 70,
  });
  expect(launchRequest('?lms=scorm&scenario=../x&mastery=170')).toEqual({
    kind: 'scorm',
    scenario: null,
    mastery: null,
  });
});

test('a cmi5 launch needs all five launch parameters', () => {
  const all = 'endpoint=e&fetch=f&actor=%7B%7D&registration=r&activityId=a';
  expect(launchRequest(`?scenario=final-say&${all}`)).toEqual({ kind: 'cmi5', scenario: 'final-say' });
  expect(launchRequest(`?${all.replace('fetch=f&', '')}`)).toBeNull();
});

test('an LRS config named in the address', () => {
  expect(launchRequest('?xapi=lrs.json')).toEqual({ kind: 'lrs', scenario: null, config: 'lrs.json' });
});
