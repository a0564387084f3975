/**
 * A caught bluff on a next-stage ending (issue 9): when the decision-maker saw through an invented
 * option and still moved the candidate on (the next stage, or the shortlist), the ending shown must
 * be one written for the caught bluff, say so, and never praise the ask as honest or well judged.
 *
 * Checked two ways for every library scenario with a bluffed option:
 * - with the engine's own step and a resolver that picks "next stage, bluff seen through" whenever
 *   the model gives it any chance, from interview states found breadth-first (real runs);
 * - with the engine's ending choice itself, after a recorded close that cited the bluff and was
 *   seen through, for every form and every state sampled (so a scenario where the model gives that
 *   result no chance today is still covered if the model changes).
 */
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Action, CloseSpec, Condition, Scenario } from '../../../src/engine';
import { EXPOSED } from '../../../src/engine/model/decision';
import { type Compiled, compile } from '../../../src/engine/runtime/compile';
import { recordClose } from '../../../src/engine/runtime/record';
import {
  closeOptions,
  expectedResolver,
  initialState,
  pickEnding,
  type Resolver,
  type State,
  step,
} from '../../../src/engine/runtime/step';
import { honestAskClaims, SAYS_CAUGHT } from '../../support/bluff-text';
import { loadScenario } from '../../support/lessons';

const FILES = readdirSync('scenarios')
  .filter((f) => /^\d\d-.*\.json$/.test(f))
  .map((f) => `scenarios/${f}`);

const ADVANCE = new Set(['next-stage', 'shortlisted']);

/** True when the condition can only hold with bluffExposed true (a conjunct, or every disjunct). */
function requiresBluff(c: Condition | undefined): boolean {
  if (!c) return false;
  if ('all' in c) return c.all.some(requiresBluff);
  if ('any' in c) return c.any.every(requiresBluff);
  if ('not' in c) return false;
  return 'var' in c && c.var === 'bluffExposed' && (c as { equals?: unknown }).equals === true;
}

/** Interview states breadth-first (one per node and variables), up to `limit`. */
function interviewStates(compiled: Compiled, limit: number): State[] {
  const out: State[] = [];
  const queue: State[] = [initialState(compiled)];
  const seen = new Set<string>();
  for (let i = 0; i < queue.length && out.length < limit; i++) {
    const s = queue[i]!;
    if (s.phase !== 'interview') continue;
    const key = `${s.node}|${JSON.stringify(s.vars)}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(s);
    const moves: Action[] = [
      { type: 'continue' },
      ...(compiled.nodes.get(s.node)?.choices ?? []).map((c) => ({ type: 'choose' as const, choice: c.id })),
    ];
    for (const a of moves) {
      try {
        queue.push(step(compiled, s, a, expectedResolver, false).state);
      } catch {
        // not a move on offer here (gated, or the node has no Continue)
      }
    }
  }
  return out;
}

/** What is wrong with showing `endingId` after a caught bluff (empty when nothing). */
function problems(scenario: Scenario, endingId: string): string[] {
  const e = scenario.endings.find((x) => x.id === endingId)!;
  const text = `${e.title}. ${e.debrief}`;
  const out: string[] = [];
  if (!requiresBluff(e.condition)) out.push(`${e.id} is not written for a caught bluff`);
  if (!SAYS_CAUGHT.test(text)) out.push(`${e.id} does not say the bluff was seen through`);
  for (const claim of honestAskClaims(text)) out.push(`${e.id} says "${claim}" of a bluffed ask`);
  return out;
}

describe('a caught bluff that still moves the candidate on', () => {
  let reached = 0;

  for (const file of FILES) {
    const scenario = loadScenario(file);
    const bluffs = new Set(scenario.candidate.otherOptions.filter((o) => !o.real).map((o) => o.id));
    if (bluffs.size === 0) continue;
    const compiled = compile(scenario);
    const states = interviewStates(compiled, 160);

    it(`${file}: a close whose bluff is seen through and still ends in the next stage shows an ending written for it`, () => {
      // Whenever the model gives "next stage, bluff seen through" any chance, take it.
      const force: Resolver = (distribution, order, draw) => {
        const key = `next-stage${EXPOSED}`;
        return ((distribution as Record<string, number>)[key] ?? 0) > 0
          ? key
          : expectedResolver(distribution, order, draw);
      };
      const wrong = new Set<string>();
      for (const s of states) {
        const options = closeOptions(compiled, s);
        if (!options) continue;
        for (const leverage of options.leverage.filter((l) => bluffs.has(l.id)))
          for (const form of options.forms)
            for (const delivery of options.deliveries) {
              const close: CloseSpec = {
                form: form.form,
                delivery: delivery.delivery,
                points: [],
                leverage: leverage.id,
                commit: false,
              };
              const r = step(compiled, s, { type: 'close', close }, force, false);
              if (r.state.phase !== 'ended' || !r.trace.response?.bluffExposed) continue;
              if (!ADVANCE.has(r.state.result ?? '')) continue;
              reached++;
              for (const p of problems(scenario, r.state.ending!)) wrong.add(p);
            }
      }
      expect([...wrong]).toEqual([]);
    });

    it(`${file}: the engine picks a caught-bluff ending for the next stage and the shortlist, whatever the form`, () => {
      const wrong = new Set<string>();
      for (const s of states) {
        const options = closeOptions(compiled, s);
        const moment = compiled.nodes.get(s.node)!.moment;
        for (const form of options?.forms.map((f) => f.form) ?? ['statement-of-intent' as const]) {
          const close: CloseSpec = {
            form,
            delivery: 'firm',
            points: [],
            leverage: [...bluffs][0]!,
            commit: false,
          };
          for (const outcome of ['next-stage', 'shortlisted'] as const) {
            // A final-stage scenario has no next stage to give (a yes there is an offer), so it
            // has no such endings and the engine never ends there with that outcome.
            if (!scenario.endings.some((e) => e.outcome === outcome)) continue;
            const ended: State = {
              ...s,
              phase: 'ended',
              result: outcome,
              vars: recordClose(compiled, s.vars, close, true, moment),
            };
            for (const p of problems(scenario, pickEnding(compiled, ended, outcome))) wrong.add(p);
          }
        }
      }
      expect([...wrong]).toEqual([]);
    });
  }

  it('the model does give a caught bluff the next stage somewhere in the library (the check above is not empty)', () => {
    expect(reached).toBeGreaterThan(0);
  });
});
