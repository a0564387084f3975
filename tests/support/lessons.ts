/** Shared helpers for the lesson tests: each scenario's lesson asserted through the engine. */
import { readFileSync } from 'node:fs';
import { type Action, type CloseSpec, Playthrough, parseScenario, type Scenario } from '../../src/engine';

/** Loads a scenario file, failing with the validator's messages if it does not parse. */
export function loadScenario(file: string): Scenario {
  const parsed = parseScenario(readFileSync(file, 'utf8'), file);
  if (!parsed.ok) throw new Error(parsed.problems.map((p) => p.message).join('\n'));
  return parsed.scenario;
}

/** A firm statement of intent with no points, leverage or commitment, with `over` applied. */
export const closeSpec = (over: Partial<CloseSpec> = {}): CloseSpec => ({
  form: 'statement-of-intent',
  delivery: 'firm',
  points: [],
  leverage: null,
  commit: false,
  ...over,
});

/** Plays steps in order in expected mode: `-` stands for Continue, anything else is a choice id. */
export function playSteps(scenario: Scenario, steps: string[]): Playthrough {
  const play = Playthrough.start(scenario, { seed: 1, mode: 'expected' });
  for (const s of steps) play.act(s === '-' ? { type: 'continue' } : { type: 'choose', choice: s });
  return play;
}

/** Plays the choices in order in expected mode, pressing Continue wherever a node has no choices. */
export function playChoices(scenario: Scenario, choices: string[]): Playthrough {
  const play = Playthrough.start(scenario, { seed: 1, mode: 'expected' });
  const skip = () => {
    while (play.view().phase === 'interview' && play.view().canContinue) play.act({ type: 'continue' });
  };
  for (const choice of choices) {
    skip();
    play.act({ type: 'choose', choice });
  }
  skip();
  return play;
}

/** A close action built from `closeSpec`. */
export const closeAction = (over: Partial<CloseSpec> = {}): Action => ({
  type: 'close',
  close: closeSpec(over),
});

/** A choice action. */
export const choose = (choice: string): Action => ({ type: 'choose', choice });
