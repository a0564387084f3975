import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { validateFiles } from '../../tools/lib/validate-files';

describe('validateFiles', () => {
  it('expands directories and skips nothing but the schema', () => {
    const report = validateFiles(['tests/fixtures/bad'], { assetRoot: null });
    expect(report.files.length).toBeGreaterThanOrEqual(16);
    expect(report.files.every((f) => f.file.startsWith('tests/fixtures/bad/'))).toBe(true);
    expect(report.errors).toBeGreaterThan(10);
  });

  it('a directory with no JSON files is an error naming it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cc-empty-'));
    writeFileSync(join(dir, 'notes.txt'), 'hello');
    const report = validateFiles([dir]);
    expect(report.errors).toBe(1);
    expect(report.files[0]!.problems[0]).toMatchObject({ code: 'no-scenarios', line: 0, column: 0 });
    expect(report.files[0]!.problems[0]!.message).toContain(dir);
  });

  it('a missing path is an error naming it', () => {
    const report = validateFiles(['nope/missing.json']);
    expect(report.files[0]!.problems[0]).toMatchObject({ code: 'missing-path', file: 'nope/missing.json' });
  });

  it('validates every scenario by default, with assets', () => {
    const report = validateFiles([]);
    expect(report.files.some((f) => f.file === 'scenarios/example.json')).toBe(true);
    expect(report.files.some((f) => f.file.endsWith('scenario.schema.json'))).toBe(false);
  });
});
