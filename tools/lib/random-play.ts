/**
 * One move of uniformly random play, as the benchmark and the work-budget test play the library:
 * every choice (or Continue) at an interview node, the close now and then, every act or letting
 * go in the follow-up, every negotiation move still open. One function, so the figure the bench
 * prints and the figure the test guards come from the same play.
 */
import {
  type Action,
  availableChoices,
  type CloseSpec,
  type Compiled,
  closeOptions,
  type State,
} from '../../src/engine';

export interface RandomPlay {
  /** Chance of closing at a node where the close is on offer. */
  closeChance: number;
  /** The closes to pick from there. */
  closes: (c: Compiled, s: State) => CloseSpec[];
}

export function randomMove(c: Compiled, s: State, rng: () => number, play: RandomPlay): Action {
  const actions: Action[] = [];
  if (s.phase === 'interview') {
    const node = c.nodes.get(s.node)!;
    const choices = availableChoices(node, s.vars, s.hidden, c);
    for (const ch of choices) actions.push({ type: 'choose', choice: ch.id });
    if (!choices.length) actions.push({ type: 'continue' });
    if (closeOptions(c, s) && rng() < play.closeChance) {
      const closes = play.closes(c, s);
      if (closes.length) return { type: 'close', close: closes[Math.floor(rng() * closes.length)]! };
    }
  } else if (s.phase === 'follow-up') {
    for (const a of c.scenario.followUp!.acts) actions.push({ type: 'persist', act: a.id });
    actions.push({ type: 'let-go' });
  } else {
    const n = c.scenario.negotiation!;
    for (const m of n.moves) {
      if ((m.kind === 'counter' || m.kind === 'counter-with-leverage') && s.round >= n.rounds) continue;
      actions.push({ type: 'negotiate', move: m.id });
    }
  }
  return actions[Math.floor(rng() * actions.length)]!;
}
