import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? files(p) : p.endsWith('.ts') ? [p] : [];
  });
}

describe('src/engine is plain TypeScript', () => {
  it('imports nothing from Phaser, howler, Node or the DOM', () => {
    const offenders: string[] = [];
    for (const f of files('src/engine')) {
      const text = readFileSync(f, 'utf8');
      if (/from\s+['"](phaser|howler|node:[a-z]+|fs|path)['"]/.test(text))
        offenders.push(`${f}: imports a platform module`);
      if (/\b(window|document|localStorage|navigator)\s*\./.test(text))
        offenders.push(`${f}: touches the DOM`);
    }
    expect(offenders).toEqual([]);
  });
});
