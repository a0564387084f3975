/**
 * The runtime's record of the close and the follow-up, written into the engine-set variables
 * (`format/engine-vars.ts`) so that conditions on endings, debriefs and replies can read it.
 */
import { ENGINE_VAR_NAMES, ENGINE_VARS, initialEngineVars } from '../format/engine-vars';
import type { Condition, Scenario } from '../format/schema';
import { asksForOffer } from '../model/decision';
import type { Action, CloseSpec, Response } from '../types';
import type { Compiled, Vars } from './compile';
import type { State } from './state';

const readCache = new WeakMap<Scenario, ReadonlySet<string>>();

/**
 * The engine variables some condition of the scenario reads. Only these are written into the
 * state: a scenario that never reads `closePoints` keeps states that differ only in it equal,
 * so the analyzer still merges them.
 */
export function engineReads(scenario: Scenario): ReadonlySet<string> {
  const hit = readCache.get(scenario);
  if (hit) return hit;
  const found = new Set<string>();
  const walk = (c: Condition | undefined): void => {
    if (!c) return;
    if ('var' in c) {
      if (ENGINE_VAR_NAMES.has(c.var)) found.add(c.var);
    } else if ('all' in c) c.all.forEach(walk);
    else if ('any' in c) c.any.forEach(walk);
    else if ('not' in c) walk(c.not);
  };
  const lines = (ls: readonly { condition?: Condition }[] | undefined) => {
    for (const l of ls ?? []) walk(l.condition);
  };
  const feedback = (f: string | readonly { condition?: Condition }[] | undefined) => {
    if (Array.isArray(f)) for (const x of f) walk(x.condition);
  };
  for (const n of scenario.nodes) {
    lines(n.lines);
    for (const ch of n.choices) walk(ch.condition);
  }
  const { closing, followUp, negotiation } = scenario;
  for (const p of closing.points) walk(p.requires);
  for (const ls of Object.values(closing.responses)) lines(ls);
  for (const ls of Object.values(closing.afterInterview)) lines(ls);
  if (followUp) {
    for (const ls of Object.values(followUp.replies)) lines(ls);
    for (const a of followUp.acts) feedback(a.feedback);
    feedback(followUp.letGoFeedback);
  }
  if (negotiation) for (const ls of Object.values(negotiation.replies)) lines(ls);
  for (const e of scenario.endings) walk(e.condition);
  readCache.set(scenario, found);
  return found;
}

/** Writes engine variables the scenario reads; leaves the others out of the state. */
function write(compiled: Compiled, vars: Vars, values: Vars): Vars {
  const reads = compiled.reads;
  if (reads.size === 0) return vars;
  let out: Vars | null = null;
  // In the order the values are given (for…in: no list of pairs is built), so new variables
  // take the same places in the state every time.
  for (const k in values) {
    const v = values[k]!;
    if (!reads.has(k) || vars[k] === v) continue;
    out ??= { ...vars };
    out[k] = v;
  }
  return out ?? vars;
}

/** The starting variables: the initial value of every engine variable the scenario reads. */
export function startVars(compiled: Compiled): Vars {
  const out: Vars = {};
  const reads = engineReads(compiled.scenario);
  for (const v of ENGINE_VARS) if (reads.has(v.name)) out[v.name] = v.initial;
  return out;
}

/** The record of a close: form, delivery, points, leverage, commitment, exposure and moment. */
export function recordClose(
  compiled: Compiled,
  vars: Vars,
  spec: CloseSpec,
  exposed: boolean,
  moment: 'opening' | 'middle' | 'closing',
): Vars {
  const option = spec.leverage
    ? compiled.scenario.candidate.otherOptions.find((o) => o.id === spec.leverage)
    : undefined;
  return write(compiled, vars, {
    closeMade: true,
    closeForm: spec.form,
    closeDelivery: spec.delivery,
    closePoints: spec.points.length,
    closeLeverage: option ? (option.real ? 'real' : 'bluff') : 'none',
    // The commitment is only said with a form that asks for the job (see composeWords).
    closeCommitted: spec.commit && asksForOffer(spec.form),
    bluffExposed: exposed,
    closeMoment: moment,
  });
}

/** One more act of persistence; `shut` when it made the decision-maker shut the door. */
export function recordPersistence(compiled: Compiled, vars: Vars, acts: number, shut: boolean): Vars {
  return write(compiled, vars, { persistActs: acts, doorShut: shut });
}

/** The decision-maker's answer after the interview or the close: a no (rejection) or no decision yet. */
export function recordAnswer(compiled: Compiled, vars: Vars, status: 'rejection' | 'no-decision'): Vars {
  return status === 'rejection' ? write(compiled, vars, { saidNo: true }) : vars;
}

/** A counter-offer in negotiation and where the offer now stands. */
export function recordNegotiation(
  compiled: Compiled,
  vars: Vars,
  round: number,
  offerAtMax: boolean,
  bluffSeen = false,
): Vars {
  return write(
    compiled,
    vars,
    bluffSeen
      ? { negotiationRound: round, offerAtMax, bluffExposed: true }
      : { negotiationRound: round, offerAtMax },
  );
}

/** Where a fresh offer stands against the band. */
export function recordOffer(compiled: Compiled, vars: Vars, offerAtMax: boolean): Vars {
  return write(compiled, vars, { offerAtMax });
}

/**
 * The whole record, for the debrief, worked out from the action log whatever the scenario reads:
 * the close (form, delivery, points, leverage, commitment, moment), a bluff seen through at any
 * point, the follow-up acts, a shut door and where the negotiation ended.
 */
export function fullRecord(
  compiled: Compiled,
  records: readonly { action: Action; after: State }[],
  responses: readonly Response[],
  final: State,
): Vars {
  const out: Vars = initialEngineVars();
  records.forEach((r, i) => {
    const a = r.action;
    if (a.type === 'close') {
      const before = i > 0 ? records[i - 1]!.after.node : compiled.scenario.start;
      const moment = compiled.nodes.get(before)?.moment ?? 'closing';
      const option = a.close.leverage
        ? compiled.scenario.candidate.otherOptions.find((o) => o.id === a.close.leverage)
        : undefined;
      Object.assign(out, {
        closeMade: true,
        closeForm: a.close.form,
        closeDelivery: a.close.delivery,
        closePoints: a.close.points.length,
        closeLeverage: option ? (option.real ? 'real' : 'bluff') : 'none',
        closeCommitted: a.close.commit && asksForOffer(a.close.form),
        closeMoment: moment,
      });
    }
  });
  out.bluffExposed = responses.some((r) => r.bluffExposed === true);
  out.saidNo = responses.some(
    (r) => (r.kind === 'close' || r.kind === 'after-interview') && r.result === 'rejection',
  );
  out.persistActs = final.persisted;
  out.doorShut = final.doorClosed;
  out.negotiationRound = final.round;
  const max = compiled.scenario.decisionMakers[compiled.lead]!.salary.max;
  out.offerAtMax = final.offer !== null && final.offer >= max;
  return out;
}
