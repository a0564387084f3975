import { describe, expect, it } from 'vitest';
import { composeWords, validateScenario } from '../../src/engine';
import type { CloseSpec } from '../../src/engine/types';
import { fixture } from '../support/fixture';

const spec: CloseSpec = {
  form: 'statement-of-intent',
  delivery: 'firm',
  points: ['why'],
  leverage: null,
  commit: true,
};

describe('the close is said in sentences', () => {
  it('joins a lower-case, unpunctuated part as a sentence of its own', () => {
    const scenario = fixture();
    scenario.closing.points[0]!.text = 'your shops reorder every month and I know how to keep them';
    expect(composeWords(scenario, { ...spec, points: ['why'] }).text).toBe(
      'Your shops reorder every month and I know how to keep them. I want this job. I will accept now.',
    );
  });

  it('leaves parts written as sentences as they are', () => {
    const scenario = fixture();
    expect(composeWords(scenario, { ...spec, points: ['why', 'reason'] }).text).toBe(
      'I like this firm. I sell well. I want this job. I will accept now.',
    );
    scenario.closing.points[0]!.text = '“Can I say” — no: I like this firm!';
    expect(composeWords(scenario, { ...spec, commit: false }).text).toBe(
      '“Can I say” — no: I like this firm! I want this job.',
    );
  });

  it('warns about a fragment and shows the close the player would say', () => {
    const scenario = fixture();
    scenario.closing.points[0]!.text = 'your shops reorder every month and I know how to keep them';
    const result = validateScenario(JSON.stringify(scenario, null, 2), 'fixture.json');
    const warning = result.problems.find((p) => p.code === 'close-fragment');
    expect(warning?.severity).toBe('warning');
    expect(warning?.path).toBe('$.closing.points[0].text');
    expect(warning?.message).toContain('starts with a lower-case letter and has no closing punctuation');
    expect(warning?.message).toContain(
      '"Your shops reorder every month and I know how to keep them. I want this job."',
    );
    expect(result.problems.filter((p) => p.code === 'close-fragment')).toHaveLength(1);
  });
});
