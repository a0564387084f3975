/**
 * The dev server passes a saved scenario file to the game only once the save has finished: an editor
 * that empties the file and then writes it must not leave the game showing "the file is empty".
 */
import { mkdtempSync, rmSync, truncateSync, unlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { settleChanges } from '../../tools/lib/settle';

let dir: string;
let file: string;
let passed: string[];
let report: (file: string) => void;
/** Moves the file's modification time on, as a real later write would (the fake clock does not). */
let stamp = 1_000_000;
const touch = () => {
  stamp += 1;
  utimesSync(file, stamp, stamp);
};

beforeEach(() => {
  vi.useFakeTimers();
  dir = mkdtempSync(join(tmpdir(), 'closecall-settle-'));
  file = join(dir, 'a.json');
  writeFileSync(file, '{"old": true}\n');
  passed = [];
  report = settleChanges((f) => passed.push(f), { interval: 25, quiet: 100, longest: 2000 });
});

afterEach(() => {
  vi.useRealTimers();
  rmSync(dir, { recursive: true, force: true });
});

describe('settleChanges', () => {
  it('holds an emptied file until the write that follows has finished, then passes it on once', () => {
    truncateSync(file, 0);
    touch();
    report(file);
    vi.advanceTimersByTime(60);
    expect(passed).toEqual([]);
    // The write lands inside the watcher's 50 ms throttle: no second report comes.
    writeFileSync(file, '{"new": true, "longer": 1}\n');
    touch();
    vi.advanceTimersByTime(75);
    expect(passed).toEqual([]);
    vi.advanceTimersByTime(60);
    expect(passed).toEqual([file]);
    vi.advanceTimersByTime(1000);
    expect(passed).toEqual([file]);
  });

  it('passes a file that stays the same after the quiet time', () => {
    report(file);
    vi.advanceTimersByTime(75);
    expect(passed).toEqual([]);
    vi.advanceTimersByTime(50);
    expect(passed).toEqual([file]);
  });

  it('passes on a removed file, and a file that never settles after the longest wait', () => {
    unlinkSync(file);
    report(file);
    vi.advanceTimersByTime(150);
    expect(passed).toEqual([file]);
    writeFileSync(file, 'x');
    report(file);
    for (let t = 0; t < 2100; t += 25) {
      writeFileSync(file, 'x'.repeat(2 + t / 25));
      vi.advanceTimersByTime(25);
    }
    expect(passed).toEqual([file, file]);
  });

  it('keeps each file apart', () => {
    const other = join(dir, 'b.json');
    writeFileSync(other, '{}');
    report(file);
    vi.advanceTimersByTime(50);
    report(other);
    vi.advanceTimersByTime(75);
    expect(passed).toEqual([file]);
    vi.advanceTimersByTime(50);
    expect(passed).toEqual([file, other]);
  });
});
