import { describe, expect, it } from 'vitest';
import { Playthrough, Scenario } from '../../../src/engine';
import { compile, holds } from '../../../src/engine/runtime/compile';
import { builtinVars } from '../../fixtures/hostile/make';
import { fixture } from '../../support/fixture';

describe('conditions read own properties only', () => {
  const compiled = compile(fixture());
  const hidden = compiled.initialHidden;
  for (const name of ['constructor', 'toString', 'valueOf', 'hasOwnProperty', '__proto__', 'isPrototypeOf']) {
    it(`treats an unset "${name}" as unset`, () => {
      expect(holds({ var: name, equals: true }, {}, hidden, compiled)).toBe(false);
      expect(holds({ var: name, equals: false }, {}, hidden, compiled)).toBe(true);
      expect(holds({ var: name, atLeast: 0.5 }, {}, hidden, compiled)).toBe(false);
      expect(holds({ var: name, atMost: 0 }, {}, hidden, compiled)).toBe(true);
      expect(holds({ not: { var: name, equals: true } }, {}, hidden, compiled)).toBe(true);
    });
  }

  it('reads a set variable with a built-in name like any other', () => {
    expect(holds({ var: 'constructor', equals: true }, { constructor: true }, hidden, compiled)).toBe(true);
    expect(holds({ var: 'toString', atLeast: 2 }, { toString: 3 }, hidden, compiled)).toBe(true);
  });

  it('offers a choice that needs "constructor" and "toString" unset (false) in play', () => {
    const scenario = Scenario.parse(builtinVars());
    const play = Playthrough.start(scenario, { seed: 1, mode: 'expected' });
    play.act({ type: 'choose', choice: 'sit' });
    expect(play.view().choices.map((c) => c.id)).toContain('thanks');
  });
});
