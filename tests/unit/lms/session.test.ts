/**
 * A group session as xAPI statements: one Group actor per team (members = its players) or one
 * Agent per player; every statement valid to Learning Locker's validator; the same session gives
 * the same statement ids (a second send repeats, it does not duplicate).
 */
import { describe, expect, test } from 'vitest';
import { sessionStatements, stableUuid } from '../../../src/protocol/lms/session';
import { EXTENSIONS } from '../../../src/protocol/lms/statements';
import { statementProblems } from '../../support/test-lrs';
import { scenario, sessionRecord } from './session-fixture';

const record = sessionRecord();
const home = 'https://sessions.example.org';
// biome-ignore lint/suspicious/noExplicitAny: statements are read as loose JSON here.
type S = Record<string, any>;

describe.each(['team', 'player'] as const)('one actor per %s', (actors) => {
  const statements = sessionStatements({ record, scenario, homePage: home, actors }) as S[];

  test('every statement is valid xAPI', () => {
    expect(statements.length).toBeGreaterThan(10);
    for (const s of statements) expect(statementProblems(s), JSON.stringify(s).slice(0, 300)).toEqual([]);
  });

  test('the same session gives the same statements', () => {
    expect(sessionStatements({ record, scenario, homePage: home, actors })).toEqual(statements);
    expect(new Set(statements.map((s) => s.id)).size).toBe(statements.length);
  });

  test('each team finishes with completed and its score; the session and team are named', () => {
    const completed = statements.filter((s) => s.verb.id.endsWith('completed'));
    expect(completed.length).toBe(actors === 'team' ? 2 : 4);
    for (const s of statements) {
      expect(s.context.extensions[EXTENSIONS.session]).toBe('sess-1');
      expect(['Red', 'Blue']).toContain(s.context.extensions[EXTENSIONS.team]);
    }
    expect(completed.every((s) => typeof s.result.extensions[EXTENSIONS.outcome] === 'string')).toBe(true);
    expect(
      completed.every(
        (s) => s.result.score.max === 100 && s.result.score.scaled === s.result.score.raw / 100,
      ),
    ).toBe(true);
  });
});

test('per team: an identified Group whose members are its players; answered per decision and close', () => {
  const statements = sessionStatements({ record, scenario, homePage: home, actors: 'team' }) as S[];
  const red = statements.filter((s) => s.actor.name === 'Red');
  expect(red[0]!.actor.objectType).toBe('Group');
  expect(red[0]!.actor.member.map((m: S) => m.name)).toEqual(['Ana Red', 'Ben Red']);
  const decisions = record.log.filter((e) => e.team === 't1' && e.action.type !== 'continue').length;
  expect(red.filter((s) => s.verb.id.endsWith('answered'))).toHaveLength(decisions);
  const close = red.find((s) => s.object.id.endsWith('/close'))!;
  expect(close.result.extensions[EXTENSIONS.closeDelivery]).toBe('firm');
});

test("per player: each vote answered with the player's own ballot and whether the team acted on it", () => {
  const statements = sessionStatements({ record, scenario, homePage: home, actors: 'player' }) as S[];
  const ben = statements.filter((s) => s.actor.name === 'Ben Red' && s.verb.id.endsWith('answered'));
  expect(ben.length).toBe(record.votes.filter((v) => v.player === 'p0b').length);
  expect(
    ben.every((s) => s.result.response === 'let-go' && s.result.extensions[EXTENSIONS.acted] === false),
  ).toBe(true);
  const ana = statements.filter((s) => s.actor.name === 'Ana Red' && s.verb.id.endsWith('answered'));
  expect(ana.some((s) => /^form=/.test(s.result.response))).toBe(true);
  expect(ana.every((s) => s.result.extensions[EXTENSIONS.acted] === true)).toBe(true);
});

test('stable ids are UUIDs and differ by text', () => {
  expect(stableUuid('a')).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  expect(stableUuid('a')).not.toBe(stableUuid('b'));
});
