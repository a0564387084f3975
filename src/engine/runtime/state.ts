/**
 * The state of a playthrough: everything that decides what happens next. It lives in its own
 * file so that the record (`record.ts`), the phases and `step.ts` can all read the type
 * without importing one another.
 */
import type { OutcomeName } from '../format/schema';
import type { HiddenState, Phase } from '../types';
import type { Vars } from './compile';

/** Everything that decides what happens next. Small and JSON-safe; equal states play the same. */
export interface State {
  phase: Phase;
  node: string;
  vars: Vars;
  hidden: HiddenState[];
  /** Decisions resolved so far (indexes realistic draws). */
  draws: number;
  /** Timing judgement (0–100) of the close, once the player has closed. */
  close: { timing: number } | null;
  /** Where a standing offer came from. */
  offerFrom: 'close' | 'later' | null;
  offer: number | null;
  round: number;
  status: 'rejection' | 'no-decision' | null;
  day: number;
  persisted: number;
  doorClosed: boolean;
  professionalism: number;
  /** The candidate promised to accept on the spot (haggling afterwards breaks it). */
  committed: boolean;
  /** Professionalism lost after the interview (a bluff in negotiation, a broken promise). */
  penalty: number;
  /** A bluff was seen through (at the close or in negotiation): the other side has hardened. */
  caught: boolean;
  result: OutcomeName | null;
  salary: number | null;
  ending: string | null;
}

/** Copies a state with the same property order every time, so the engine's hot paths see one object shape. */
export function copyState(s: State): State {
  return {
    phase: s.phase,
    node: s.node,
    vars: s.vars,
    hidden: s.hidden,
    draws: s.draws,
    close: s.close,
    offerFrom: s.offerFrom,
    offer: s.offer,
    round: s.round,
    status: s.status,
    day: s.day,
    persisted: s.persisted,
    doorClosed: s.doorClosed,
    professionalism: s.professionalism,
    committed: s.committed,
    penalty: s.penalty,
    caught: s.caught,
    result: s.result,
    salary: s.salary,
    ending: s.ending,
  };
}

/** A copy of the state with some fields changed. */
export function patch(s: State, changes: Partial<State>): State {
  return Object.assign(copyState(s), changes);
}
