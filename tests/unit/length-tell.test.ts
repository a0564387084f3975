/**
 * No tell by length: across the library, the answer that helps most (valued by the engine, see
 * tests/support/length-tell.ts) is the longest one on offer in at most 40% of decisions, and no
 * other surface of the wording gives it away: it carries the most detail in at most 40% of them
 * and the politest wording in at most 20%, and the longest answer is not the worst one instead
 * (no more often than chance). Placement is no tell: the game shows choices in a seeded order
 * that changes with every playthrough.
 * Run this file alone to print the figures per scenario.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../src/engine';
import { lengthTell, type TellReport } from '../support/length-tell';

const dir = join(__dirname, '../../scenarios');
const files = readdirSync(dir)
  .filter((f) => /^\d\d-.*\.json$/.test(f))
  .sort();

const reports: TellReport[] = files.map((f) => {
  const parsed = parseScenario(readFileSync(join(dir, f), 'utf8'), f);
  if (!parsed.ok) throw new Error(`${f} does not parse: ${parsed.problems[0]?.message}`);
  return lengthTell(parsed.scenario);
});

const sum = (k: keyof Omit<TellReport, 'scenario' | 'decisions'>) => reports.reduce((a, r) => a + r[k], 0);
const decisions = reports.reduce((a, r) => a + r.decisions.length, 0);
const pct = (n: number, of: number) => `${((100 * n) / of).toFixed(0)}%`;

describe('no tell by length', () => {
  it('prints the figure per scenario', () => {
    const rows = reports.map(
      (r) =>
        `${r.scenario.padEnd(20)} decisions ${String(r.decisions.length).padStart(3)}  best is longest ${String(r.longest).padStart(2)} (${pct(r.longest, r.decisions.length).padStart(4)})  worst is longest ${String(r.worstLongest).padStart(2)}  most detail ${String(r.mostDetail).padStart(2)}  politest ${String(r.politest).padStart(2)}  first in file ${String(r.first).padStart(2)}`,
    );
    rows.push(
      `${'library'.padEnd(20)} decisions ${String(decisions).padStart(3)}  best is longest ${String(sum('longest')).padStart(2)} (${pct(sum('longest'), decisions).padStart(4)})  worst is longest ${sum('worstLongest')}  most detail ${sum('mostDetail')}  politest ${sum('politest')}  first in file ${sum('first')} (the game shuffles choices per playthrough)  ties left out ${sum('ties')}`,
    );
    console.log(rows.join('\n'));
    expect(decisions).toBeGreaterThan(90);
  });

  it('the answer that helps most is the longest in at most 40% of decisions', () => {
    expect(sum('longest') / decisions).toBeLessThanOrEqual(0.4);
  });

  it('no scenario leans on length: at most half its decisions have the best answer longest', () => {
    for (const r of reports) expect(r.longest / r.decisions.length, r.scenario).toBeLessThanOrEqual(0.5);
  });

  it('the longest answer is not the worst one instead, nor is the best the most detailed or the politest', () => {
    // By chance alone, one answer of k is the longest 1/k of the time: with two answers, whenever
    // the best is not the longest the worst is. The worst may be longest no more often than that.
    const chance = reports.reduce((a, r) => a + r.decisions.reduce((b, d) => b + 1 / d.answers.length, 0), 0);
    expect(sum('worstLongest') / decisions).toBeLessThanOrEqual(chance / decisions + 0.02);
    expect(sum('mostDetail') / decisions).toBeLessThanOrEqual(0.4);
    expect(sum('politest') / decisions).toBeLessThanOrEqual(0.2);
  });
});
