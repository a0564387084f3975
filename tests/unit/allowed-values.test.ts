/** The allowed values in docs/authoring.md are generated from the schema and kept up to date. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CLOSE_FORMS, DECISION_MAKER_KINDS, OUTCOMES } from '../../src/engine';
import { allowedValuesMarkdown, END, START, withAllowedValues } from '../../tools/lib/allowed-values';

const guide = readFileSync('docs/authoring.md', 'utf8');

describe('allowed values in the authoring guide', () => {
  it('lists the stages, point kinds, qualities, outcomes, forms and kinds', () => {
    const section = guide.slice(guide.indexOf(START), guide.indexOf(END));
    for (const v of ['first-round', 'second-round', 'final', 'why-us', 'reason', 'strong', 'fair', 'weak'])
      expect(section).toContain(`\`${v}\``);
    for (const v of [...OUTCOMES, ...CLOSE_FORMS, ...DECISION_MAKER_KINDS])
      expect(section).toContain(`\`${v}\``);
    expect(section).toMatch(/`situation\.stage`/);
    expect(section).toMatch(/`closing\.points\[\]\.kind`/);
    expect(section).toMatch(/`nodes\[\]\.choices\[\]\.quality`/);
  });

  it('is what npm run schema writes (a stale table is replaced)', () => {
    expect(withAllowedValues(guide)).toBe(guide);
    const stale = guide.replace('`why-us`', '`why-them`');
    expect(stale).not.toBe(guide);
    expect(withAllowedValues(stale)).toBe(guide);
    expect(allowedValuesMarkdown().startsWith(START)).toBe(true);
  });
});
