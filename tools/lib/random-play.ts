/**
 * One move of uniformly random play, as the benchmark and the work-budget test play the library:
 * every choice (or Continue) at an interview node, the close now and then, every act or letting
 * go in the follow-up, every negotiation move still open. One function, so the figure the bench
 * prints and the figure the test guards come from the same play.
 *
 * It lists nothing it does not pick: the bench times it with the engine, so it counts the choices
 * open at a node and builds only the action it takes, asks whether the close is on offer without
 * building the close's lists, and takes the follow-up's and negotiation's moves from the lists the
 * analyses keep per scenario (`movesAfterInterview`). The
 * moves (and the random numbers drawn) are those of listing every action and picking one.
 */
import {
  type Action,
  type Choice,
  type CloseSpec,
  type Compiled,
  closeOffered,
  holds,
  movesAfterInterview,
  type State,
} from '../../src/engine';

export interface RandomPlay {
  /** Chance of closing at a node where the close is on offer. */
  closeChance: number;
  /** The closes to pick from there. */
  closes: (c: Compiled, s: State) => CloseSpec[];
}

const CONTINUE: Action = { type: 'continue' };

// The choices open at the node, gathered here without a new list each move.
const open: Choice[] = [];

export function randomMove(c: Compiled, s: State, rng: () => number, play: RandomPlay): Action {
  if (s.phase === 'interview') {
    const node = c.nodes.get(s.node)!;
    open.length = 0;
    for (const ch of node.choices) if (holds(ch.condition, s.vars, s.hidden, c)) open.push(ch);
    if (closeOffered(c, s) && rng() < play.closeChance) {
      const closes = play.closes(c, s);
      if (closes.length) return { type: 'close', close: closes[Math.floor(rng() * closes.length)]! };
    }
    // Listing every action and picking one draws a number even when Continue is the only one.
    const u = rng();
    if (!open.length) return CONTINUE;
    return { type: 'choose', choice: open[Math.floor(u * open.length)]!.id };
  }
  const groups = movesAfterInterview(c, s);
  return groups[Math.floor(rng() * groups.length)]![0]!;
}
