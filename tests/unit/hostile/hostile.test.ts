/**
 * Hostile but plausible input for `validate` and `analyze`: loops of each kind, a 20,000-node
 * chain, 10,000 broken references, 500 decision-makers, devices and named pipes. Each must end
 * cleanly; the bounds are generous (a loaded 2-core machine), and the times are printed, not
 * asserted. In-process calls, not the CLI, to keep the suite fast.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyzeScenario, Scenario } from '../../../src/engine';
import { analyzeExact } from '../../../src/engine/analysis/analyze';
import { interviewRoutes } from '../../../src/engine/analysis/sample';
import { MAX_SUGGESTIONS, validateScenario } from '../../../src/engine/format/check';
import { boundedEditDistance, didYouMean, editDistance } from '../../../src/engine/format/parse';
import { loadScenarioFile } from '../../../tools/lib/load';
import { formatProblem, validateFiles } from '../../../tools/lib/validate-files';
import * as make from '../../fixtures/hostile/make';

const HERE = join(__dirname, '..', '..', 'fixtures', 'hostile');
const file = (name: string) => join(HERE, `${name}.json`);
const codes = (text: string) => validateScenario(text, 'x.json').problems.map((p) => p.code);
const timed = <T>(label: string, f: () => T): T => {
  const t = performance.now();
  const v = f();
  console.info(`${label}: ${(performance.now() - t).toFixed(0)} ms`);
  return v;
};

describe('the committed hostile files are what the generator makes', () => {
  for (const [name, build] of Object.entries(make.SMALL)) {
    it(name, () => {
      expect(JSON.parse(readFileSync(file(name), 'utf8'))).toEqual(build());
    });
  }
});

describe('validate on hostile files', () => {
  it('refuses a loop with no way out, and only that one', () => {
    expect(codes(make.text(make.noExitLoop()))).toContain('no-way-out');
    for (const ok of [make.selfLoop(), make.pingPong(), make.loopBack(), make.countingLoop()]) {
      expect(codes(make.text(ok))).not.toContain('no-way-out');
    }
    const p = validateScenario(make.text(make.noExitLoop()), 'x.json').problems.find(
      (x) => x.code === 'no-way-out',
    );
    expect(p?.severity).toBe('error');
    expect(p?.message).toContain('"trap-a"');
  });

  it('warns about a choice gated on a variable only it sets', () => {
    const p = validateScenario(make.text(make.selfGated()), 'x.json').problems;
    expect(p.find((x) => x.code === 'self-gated-choice')?.message).toContain('choice "secret"');
  });

  it('refuses asset names that leave their folder or name a built-in property', () => {
    const p = validateScenario(make.text(make.assetNames()), 'x.json').problems;
    const names = p.filter((x) => x.code === 'asset-name').map((x) => x.path);
    expect(names).toEqual(['$.decisionMakers[0].portrait.id', '$.decisionMakers[0].voice.babble']);
    expect(validateScenario(make.text(make.assetNames()), 'x.json').ok).toBe(false);
  });

  it('rejects what the game cannot play: a missing start or ending', () => {
    expect(validateScenario(make.text(make.missingStart()), 'x.json').ok).toBe(false);
    expect(validateScenario(make.text(make.missingEnding()), 'x.json').ok).toBe(false);
  });

  it('never lets a control character from the file reach the terminal', () => {
    const problems = validateScenario(make.text(make.escapeKey()), 'x.json').problems;
    expect(problems.length).toBeGreaterThan(0);
    for (const p of problems) {
      const printed = formatProblem(p);
      // biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point.
      expect(printed).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/);
      expect(printed).toContain('\\u001b');
    }
  });

  it('refuses two files with the same meta.id', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cc-dup-'));
    writeFileSync(join(dir, 'a.json'), make.text(make.selfLoop()));
    writeFileSync(join(dir, 'b.json'), make.text(make.loopBack()));
    const report = validateFiles([dir], { assetRoot: null, cwd: dir });
    expect(report.files[0]?.ok).toBe(true);
    expect(report.files[1]?.ok).toBe(false);
    expect(report.files[1]?.problems.map((p) => p.code)).toContain('duplicate-scenario-id');
  });

  it('checks 10,000 broken references and bounds the suggestions', () => {
    const text = make.text(make.brokenReferences(10_000));
    const result = timed('validate 10,000 broken references', () => validateScenario(text, 'x.json'));
    const missing = result.problems.filter((p) => p.code === 'missing-node');
    expect(missing).toHaveLength(10_000);
    const suggested = missing.filter((p) => p.message.includes('did you mean'));
    expect(suggested.length).toBeGreaterThan(0);
    expect(suggested.length).toBeLessThanOrEqual(MAX_SUGGESTIONS);
  }, 120_000);

  it('checks 500 decision-makers with long names', () => {
    const text = make.text(make.manyDecisionMakers(500));
    const result = timed('validate 500 decision-makers', () => validateScenario(text, 'x.json'));
    expect(result.problems.filter((p) => p.code === 'missing-decision-maker')).toHaveLength(500);
    // Fixes list a dozen ids, not all 501.
    for (const p of result.problems) expect(p.fix.length).toBeLessThan(2000);
  }, 120_000);

  it('refuses /dev/zero and a named pipe without reading them', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cc-fifo-'));
    const fifo = join(dir, 'pipe.json');
    execFileSync('mkfifo', [fifo]);
    const report = validateFiles(['/dev/zero', fifo], { assetRoot: null });
    expect(report.files.map((f) => f.problems[0]?.code)).toEqual(['not-a-file', 'not-a-file']);
    expect(loadScenarioFile('/dev/zero')).toEqual({ error: expect.stringContaining('is a device') });
    expect(loadScenarioFile(fifo)).toEqual({ error: expect.stringContaining('is a named pipe') });
    expect(existsSync(fifo)).toBe(true);
  });
});

describe('analyze on hostile files', () => {
  const loops = {
    'self-loop': make.selfLoop,
    'a→b→a': make.pingPong,
    'loop back to an earlier node': make.loopBack,
    'counting loop': make.countingLoop,
    'loop with no way out': make.noExitLoop,
  };
  for (const [name, build] of Object.entries(loops)) {
    it(`ends on a ${name}, with chances that add up`, () => {
      const a = timed(`analyze ${name}`, () => analyzeScenario(Scenario.parse(build()), { maxMs: 60_000 }));
      expect(['exact', 'sampled']).toContain(a.method);
      const total = a.endings.reduce((s, e) => s + e.chance, 0);
      expect(total).toBeCloseTo(1, 2);
      expect(a.bestPath.score).toBeGreaterThanOrEqual(a.worstPath.score);
      expect(a.bestPath.ending).not.toBe('');
    }, 120_000);
  }

  it('reports the loop it stepped out of', () => {
    const a = analyzeScenario(Scenario.parse(make.selfLoop()));
    expect(a.method).toBe('exact');
    expect(a.issues.find((i) => i.kind === 'loop')?.choice).toBe('again');
  });

  it('explores a 3,000-node chain exactly without recursion', () => {
    const a = timed('analyze exact 3,000-node chain', () => analyzeExact(Scenario.parse(make.chain(3000))));
    expect(a.method).toBe('exact');
    expect(a.bestPath.score).toBeGreaterThan(0);
  }, 120_000);

  it('explores a 20,000-node chain exactly, in a step per state and choice', () => {
    const scenario = Scenario.parse(make.chain(20_000));
    const a = timed('analyze 20,000-node chain', () => analyzeScenario(scenario, { maxMs: 60_000 }));
    // Many states with few closes are cheap to explore exactly (160,023 steps when written);
    // sampled, the search walked the 20,000-node route again and again (40 million steps).
    expect(a.method).toBe('exact');
    expect(a.work.steps).toBeLessThan(180_000);
    // Routes are counted with an explicit stack, whatever order the nodes come in.
    const reversed = { ...scenario, nodes: [...scenario.nodes].reverse() };
    expect(interviewRoutes(reversed)).toBe(interviewRoutes(scenario));
  }, 180_000);

  it('stops at its budget with a labelled partial result', () => {
    const a = analyzeScenario(Scenario.parse(make.base()), { maxStates: 3 });
    expect(a.method).toBe('partial');
    expect(a.partial?.reason).toBe('states');
    expect(a.partial?.explored).toContain('distinct states');
    expect(a.issues.some((i) => i.kind === 'budget')).toBe(true);
  });
});

describe('bounded suggestions', () => {
  it('agree with the full edit distance wherever it is within the limit', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 12 }), fc.string({ maxLength: 12 }), fc.nat(6), (a, b, limit) => {
        const full = editDistance(a, b);
        const bounded = boundedEditDistance(a, b, limit);
        expect(bounded).toBe(full <= limit ? full : limit + 1);
      }),
    );
  });

  it('still find a typo among many candidates', () => {
    const ids = Array.from({ length: 5000 }, (_, i) => `node-${i}`);
    expect(didYouMean('ndoe-4321', ids)).toBe('node-4321');
    expect(didYouMean('x'.repeat(500), ids)).toBeUndefined();
  });
});
