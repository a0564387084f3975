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
import type { Action, CloseSpec, Condition, OutcomeName, Scenario } from '../../../src/engine';
import { asksForOffer, EXPOSED } from '../../../src/engine/model/decision';
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

/**
 * Every result of `action` at `state`, forcing each chance resolution in turn (a step may resolve
 * more than once: a last act of persistence is followed by the decision after letting go), with
 * whether the decision-maker saw through a bluff on the way.
 */
function branches(compiled: Compiled, state: State, action: Action): { state: State; exposed: boolean }[] {
  const out: { state: State; exposed: boolean }[] = [];
  const run = (script: string[]): void => {
    let call = 0;
    let open: string[] | null = null;
    const resolve: Resolver = (distribution, order) => {
      const keys = order.filter((k) => ((distribution as Record<string, number>)[k] ?? 0) > 1e-9);
      if (call < script.length) return script[call++]!;
      call++;
      open ??= keys;
      return keys[0]!;
    };
    let r: ReturnType<typeof step>;
    try {
      r = step(compiled, state, action, resolve, false);
    } catch {
      return; // not a move on offer here
    }
    if (call <= script.length) {
      out.push({ state: r.state, exposed: r.trace.response?.bluffExposed === true });
      return;
    }
    for (const k of open ?? []) run([...script, k]);
  };
  run([]);
  return out;
}

/**
 * The moves a player has after the interview: in negotiation every move; in the follow-up, letting
 * go or persisting, with one act repeated from day to day (`act`, once chosen) so that the number
 * of acts and the door shutting are covered without walking every mix of acts.
 */
function laterMoves(compiled: Compiled, s: State, act: string | null): Action[] {
  const { followUp, negotiation } = compiled.scenario;
  if (s.phase === 'follow-up') {
    const acts = act ? [act] : followUp!.acts.map((a) => a.id);
    return [...acts.map((id) => ({ type: 'persist' as const, act: id })), { type: 'let-go' }];
  }
  if (s.phase === 'negotiation')
    return negotiation!.moves
      .filter(
        (m) => !(m.kind === 'counter' || m.kind === 'counter-with-leverage') || s.round < negotiation!.rounds,
      )
      .map((m) => ({ type: 'negotiate' as const, move: m.id }));
  return [];
}

interface CaughtEnd {
  outcome: OutcomeName;
  ending: string;
  /** A close that led there (for the failure message). */
  close: CloseSpec;
}

/** Interview states that differ in what a close can do (variables, hidden state, moment). */
function closeStates(compiled: Compiled, states: State[]): State[] {
  const seen = new Set<string>();
  return states.filter((s) => {
    if (!closeOptions(compiled, s)) return false;
    const key = JSON.stringify([s.vars, s.hidden, compiled.nodes.get(s.node)?.moment, s.professionalism]);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * Every (outcome, ending) the engine reaches after a caught bluff: closes citing a bluff at the
 * interview states found breadth-first (every form, delivery and commitment, with no points and
 * with all of them), each branch where the bluff is seen through, then every later move
 * (persisting, letting go, negotiating) and every chance branch after it. In a scenario with no
 * real option a counter-offer citing "another offer" in negotiation is a bluff too, so there
 * every leverage (or none) is tried and every branch of the close followed.
 */
function caughtEnds(compiled: Compiled, states: State[]): CaughtEnd[] {
  const { candidate } = compiled.scenario;
  const bluffs = new Set(candidate.otherOptions.filter((o) => !o.real).map((o) => o.id));
  const negotiationBluff =
    !candidate.otherOptions.some((o) => o.real) &&
    (compiled.scenario.negotiation?.moves.some((m) => m.kind === 'counter-with-leverage') ?? false);
  const found = new Map<string, CaughtEnd>();
  const seen = new Set<string>();
  for (const from of closeStates(compiled, states)) {
    const options = closeOptions(compiled, from)!;
    const leverages: (string | null)[] = negotiationBluff
      ? [null, ...options.leverage.map((l) => l.id)]
      : options.leverage.filter((l) => bluffs.has(l.id)).map((l) => l.id);
    const pointSets = [[], options.points.map((p) => p.id)];
    for (const leverage of leverages)
      for (const { form } of options.forms)
        for (const { delivery } of options.deliveries)
          for (const points of pointSets)
            for (const commit of options.canCommit && asksForOffer(form) ? [false, true] : [false]) {
              const close: CloseSpec = { form, delivery, points, leverage, commit };
              const stack = branches(compiled, from, { type: 'close', close })
                .filter((b) => b.exposed || negotiationBluff)
                .map((b) => ({ ...b, act: null as string | null }));
              while (stack.length > 0) {
                const b = stack.pop()!;
                const key = `${b.exposed}|${b.act}|${JSON.stringify({ ...b.state, draws: 0, professionalism: 0 })}`;
                if (seen.has(key)) continue;
                seen.add(key);
                if (b.state.phase === 'ended') {
                  const id = `${b.state.result}|${b.state.ending}`;
                  if (b.exposed && !found.has(id))
                    found.set(id, { outcome: b.state.result!, ending: b.state.ending!, close });
                  continue;
                }
                for (const a of laterMoves(compiled, b.state, b.act))
                  for (const next of branches(compiled, b.state, a))
                    stack.push({
                      state: next.state,
                      exposed: b.exposed || next.exposed,
                      act: a.type === 'persist' ? a.act : b.act,
                    });
              }
            }
  }
  return [...found.values()];
}

describe('a caught bluff, whatever it ends in', () => {
  const outcomesReached = new Set<string>();

  for (const file of FILES) {
    const scenario = loadScenario(file);
    const bluffs = scenario.candidate.otherOptions.filter((o) => !o.real);
    const negotiationBluff =
      !scenario.candidate.otherOptions.some((o) => o.real) &&
      (scenario.negotiation?.moves.some((m) => m.kind === 'counter-with-leverage') ?? false);
    if (bluffs.length === 0 && !negotiationBluff) continue;
    const compiled = compile(scenario);
    const states = interviewStates(compiled, 160);
    // The first 20 states breadth-first (every moment to close at in the library's scenarios; the
    // first 60 reached the very same outcomes and endings in every scenario, at twice the work);
    // worked out once, in the first test, so the time counts against a test's timeout.
    let found: CaughtEnd[] | null = null;
    const ends = () => (found ??= caughtEnds(compiled, states.slice(0, 20)));

    it(`${file}: every ending the engine reaches after a caught bluff is written for it`, () => {
      const wrong = new Set<string>();
      for (const e of ends()) {
        outcomesReached.add(`${file}:${e.outcome}`);
        for (const p of problems(scenario, e.ending)) wrong.add(`${e.outcome}: ${p}`);
      }
      expect([...wrong].sort()).toEqual([]);
    }, 300_000);

    it(`${file}: for each outcome a caught bluff reaches, the engine picks a caught-bluff ending from any interview state`, () => {
      // The ending choice itself, after a recorded close that cited the bluff and was seen
      // through, for every sampled state and form (not only the states the runs above ended in).
      const outcomes = new Set(ends().map((e) => e.outcome));
      const wrong = new Set<string>();
      for (const s of states) {
        const options = closeOptions(compiled, s);
        const moment = compiled.nodes.get(s.node)!.moment;
        for (const form of options?.forms.map((f) => f.form) ?? ['statement-of-intent' as const])
          for (const leverage of bluffs.map((b) => b.id)) {
            const close: CloseSpec = { form, delivery: 'firm', points: [], leverage, commit: false };
            for (const outcome of outcomes) {
              const ended: State = {
                ...s,
                phase: 'ended',
                result: outcome,
                vars: recordClose(compiled, s.vars, close, true, moment),
              };
              for (const p of problems(scenario, pickEnding(compiled, ended, outcome)))
                wrong.add(`${outcome}: ${p}`);
            }
          }
      }
      expect([...wrong].sort()).toEqual([]);
    }, 300_000);
  }

  it('a caught bluff reaches more than the next stage somewhere in the library (the checks above are not empty)', () => {
    const kinds = new Set([...outcomesReached].map((k) => k.split(':')[1]));
    expect(kinds.size).toBeGreaterThan(2);
  });
});
