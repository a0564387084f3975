/**
 * The pure state machine of a playthrough: `step(state, action)` gives the next state.
 * Chance is resolved through a `Resolver`, so the same code serves expected play (the median
 * outcome), realistic play (a seeded draw) and the analyzer (which forces each branch in turn).
 *
 * `step` is a dispatch over a table keyed by phase and action kind (as boardgame.io keys moves
 * by phase); each phase's moves live in `phases/`.
 */
import { readiness } from '../model/decision';
import type { Action, Phase } from '../types';
import type { Compiled } from './compile';
import { EngineError, type Resolver, type StepResult, Trace, type Turn } from './core';
import { close } from './phases/close';
import { persist, rest } from './phases/follow-up';
import { choose, currentNode, proceed } from './phases/interview';
import { negotiate } from './phases/negotiation';
import type { State } from './state';

export {
  closeOffered,
  closeOptions,
  context,
  EngineError,
  expectedResolver,
  initialState,
  pickAt,
  pickEnding,
  type Resolver,
  type StepResult,
  type StepTrace,
} from './core';
export { composeWords } from './phases/close';
export { copyState, type State } from './state';

type Move<K extends Action['type']> = (turn: Turn, action: Extract<Action, { type: K }>) => StepResult;
type Moves = { [K in Action['type']]?: Move<K> };

interface PhaseRules {
  /** How an error names the phase: `"x" is not possible during …`. */
  during: string;
  /** Checked before the action is read (the interview's node must exist). */
  enter?: (compiled: Compiled, state: State) => void;
  moves: Moves;
}

const PHASES: Record<Exclude<Phase, 'ended'>, PhaseRules> = {
  interview: {
    during: 'the interview',
    enter: (compiled, state) => void currentNode(compiled, state),
    moves: { choose, continue: proceed, close },
  },
  'follow-up': { during: 'the follow-up', moves: { persist, 'let-go': rest } },
  negotiation: { during: 'negotiation', moves: { negotiate } },
};

/**
 * The next state after `action`, with the step's trace. With `explain` (the default, as a view
 * uses it) the trace carries everything a view shows: the words said, the answer's factors and
 * counterfactuals, coaching. Without it the step is for the state (analyses, replays, the bench):
 * the trace keeps the candidate's choice and the response's numbers (result, distribution, chance,
 * exposure) but no reply lines, composed words or factors, and the model's judgements are
 * remembered by state (runtime/memo.ts). The state is the same either way.
 */
export function step(
  compiled: Compiled,
  state: State,
  action: Action,
  resolve: Resolver,
  explain = true,
): StepResult {
  if (state.phase === 'ended') throw new EngineError('The playthrough has ended.');
  const rules = PHASES[state.phase];
  rules.enter?.(compiled, state);
  const move = rules.moves[action.type] as Move<typeof action.type> | undefined;
  if (!move) throw new EngineError(`"${action.type}" is not possible during ${rules.during}.`);
  const trace = new Trace(compiled.scenario.decisionMakers[compiled.lead]!.id);
  return move({ compiled, state, resolve, explain, trace }, action as never);
}

export { readiness };
