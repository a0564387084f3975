/** The session debrief's path in words (issue 19): negotiation moves and follow-ups as the team was offered them. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createRandom, Playthrough, type Scenario, validateScenario } from '../../engine';
import { actionText } from './debrief';

const DIR = join(__dirname, '..', '..', '..', 'scenarios');

function load(file: string): Scenario {
  const r = validateScenario(readFileSync(join(DIR, file), 'utf8'), file, { assetExists: () => true });
  if (!r.ok) throw new Error(r.problems.map((p) => p.message).join('\n'));
  return r.scenario;
}

/** A random play that reaches the negotiation: choices at random, a firm close when the close is on offer late. */
function play(scenario: Scenario, seed: number): Playthrough {
  const r = createRandom(seed);
  const p = Playthrough.start(scenario, { seed, mode: 'expected' });
  for (let i = 0; i < 200; i++) {
    const v = p.view();
    if (v.phase === 'ended') break;
    if (v.phase === 'interview') {
      if (v.close && (v.node?.moment === 'closing' || v.choices.length === 0)) {
        p.act({
          type: 'close',
          close: {
            form: v.close.forms[0]!.form,
            delivery: 'firm',
            points: v.close.points.map((x) => x.id),
            leverage: null,
            commit: false,
          },
        });
      } else if (v.choices.length > 0)
        p.act({ type: 'choose', choice: v.choices[Math.floor(r() * v.choices.length)]!.id });
      else p.act({ type: 'continue' });
    } else if (v.phase === 'follow-up') p.act({ type: 'let-go' });
    else if (v.phase === 'negotiation') {
      const counters = v.negotiation!.moves.filter((m) => m.kind !== 'accept' && m.kind !== 'walk-away');
      const m = counters.length > 0 && v.negotiation!.round < 2 ? counters[0]! : v.negotiation!.moves[0]!;
      p.act({ type: 'negotiate', move: m.id });
    }
  }
  return p;
}

describe('actionText', () => {
  it("says a negotiation move in the engine's words for the figure then on the table, not the scenario's fixed text", () => {
    let checked = 0;
    let differs = 0;
    for (const file of ['01-final-say.json', '04-two-offers.json', '05-price-of-yes.json']) {
      const s = load(file);
      for (let seed = 1; seed <= 12; seed++) {
        const p = play(s, seed);
        p.actions.forEach((a, i) => {
          if (a.type !== 'negotiate') return;
          const offered = p
            .rewind(i)
            .view()
            .negotiation!.moves.find((m) => m.id === a.move)!;
          expect(actionText(p, i, a)).toBe(`Negotiated: ${offered.text}`);
          checked++;
          const fixed = s.negotiation!.moves.find((m) => m.id === a.move)!.text;
          if (offered.text !== fixed) differs++;
        });
      }
    }
    expect(checked).toBeGreaterThan(0);
    // Some move was worded against a figure already on the table.
    expect(differs).toBeGreaterThan(0);
  });
});
