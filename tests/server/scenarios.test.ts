/** The scenarios a room can play (issue 19 item 9): the library, without the format tour. */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadScenarios } from '../../src/server/scenarios';

const DIR = join(__dirname, '..', '..', 'scenarios');

describe('loadScenarios', () => {
  it('offers rooms every library scenario but not the format tour (example.json, for authors)', () => {
    const skipped: string[] = [];
    const rooms = loadScenarios(DIR, (line) => skipped.push(line));
    expect(skipped).toEqual([]);
    expect(rooms.has('example')).toBe(false);
    expect([...rooms.values()].some((e) => e.file === 'example.json')).toBe(false);
    expect(rooms.has('tutorial') || [...rooms.values()].some((e) => e.file === '00-tutorial.json')).toBe(
      true,
    );
    expect(rooms.size).toBeGreaterThanOrEqual(9);
  });
});
