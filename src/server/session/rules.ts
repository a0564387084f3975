/**
 * The session's rules, pure: what a team is asked to do in a round (its task, from the engine's
 * view), which engine action a tally becomes, when a vote closes by itself, and what a closing
 * round decides for each team. No store, no sockets, no timers: the same inputs always give the
 * same answer (tests/server/rules.test.ts), like the engine. Room (../room.ts) applies them.
 */
import type { Action, View } from '../../engine';
import {
  type Ballot,
  OPTION_CLOSE,
  OPTION_LET_GO,
  type Reveal,
  type Task,
  type TeamResult,
} from '../../protocol/index';
import { type Tallied, tallyClose, tallyOptions } from '../tally';

/** Task kinds that take a vote. */
export const VOTING_KINDS: ReadonlySet<Task['kind']> = new Set<Task['kind']>([
  'choose',
  'close',
  'follow-up',
  'negotiate',
]);

export function isVoting(kind: Task['kind']): boolean {
  return VOTING_KINDS.has(kind);
}

/** The option a team takes to carry on past a node where it could close. */
export const OPTION_CONTINUE = 'continue';

/**
 * What a team does this round. `closing`: the team voted to close last round, so at a node
 * where a close is possible its ballot builds the close.
 */
export function taskFor(team: { id: string; closing: boolean }, v: View): Task {
  const base: Task = {
    team: team.id,
    kind: 'none',
    step: v.step,
    node: v.node?.id ?? null,
    options: [],
    close: null,
    discussion: v.phase === 'ended' ? [] : (v.node?.discussion ?? []),
  };
  if (v.phase === 'ended') return base;
  if (v.phase === 'interview') {
    if (team.closing && v.close) return { ...base, kind: 'close', close: v.close };
    const options = v.choices.map((c) => ({ id: `choice:${c.id}`, text: c.text }));
    if (v.close) {
      if (v.canContinue) options.push({ id: OPTION_CONTINUE, text: 'Carry on without closing' });
      options.push({ id: OPTION_CLOSE, text: 'Make your close' });
      return { ...base, kind: 'choose', options };
    }
    if (options.length > 0) return { ...base, kind: 'choose', options };
    return { ...base, kind: 'continue' };
  }
  if (v.phase === 'follow-up' && v.followUp) {
    return {
      ...base,
      kind: 'follow-up',
      options: [
        ...v.followUp.acts.map((a) => ({ id: `persist:${a.id}`, text: a.label })),
        { id: OPTION_LET_GO, text: v.followUp.letGoText },
      ],
    };
  }
  if (v.phase === 'negotiation' && v.negotiation) {
    return {
      ...base,
      kind: 'negotiate',
      options: v.negotiation.moves.map((m) => ({ id: `move:${m.id}`, text: m.text })),
    };
  }
  return base;
}

/** The engine action a team's winning ballot asks for; null when it asks for none (yet). */
export function actionFor(task: Task, chosen: Ballot | null): Action | null {
  if (task.kind === 'continue') return { type: 'continue' };
  if (!chosen) return null;
  if (chosen.type === 'close') {
    const { form, delivery, points, leverage, commit } = chosen;
    return { type: 'close', close: { form, delivery, points, leverage, commit } };
  }
  const o = chosen.option;
  if (o === OPTION_CLOSE) return null;
  if (o === OPTION_CONTINUE) return { type: 'continue' };
  if (o === OPTION_LET_GO) return { type: 'let-go' };
  if (o.startsWith('choice:')) return { type: 'choose', choice: o.slice(7) };
  if (o.startsWith('persist:')) return { type: 'persist', act: o.slice(8) };
  if (o.startsWith('move:')) return { type: 'negotiate', move: o.slice(5) };
  return null;
}

/** A team's votes counted by its task's kind (a team without a vote is decided automatically or not at all). */
export function tallyTask(task: Task, ballots: Ballot[]): Tallied {
  if (task.kind === 'close') return tallyClose(task, ballots);
  if (isVoting(task.kind)) return tallyOptions(task, ballots);
  return {
    counts: {},
    closeCounts: null,
    chosen: null,
    decidedBy: task.kind === 'continue' ? 'automatic' : 'none',
    votes: 0,
  };
}

/** What a closing round decides for one team, before the engine checks the action. */
export interface TeamDecision {
  team: string;
  result: Omit<TeamResult, 'seq'>;
  /** The engine action to append, or null. */
  action: Action | null;
  /** True when the team voted to make its close: its next round is a close ballot. */
  startsClose: boolean;
}

/** Each task's tally, action and whether the team starts building a close. */
export function decideRound(tasks: readonly Task[], ballotsOf: (team: string) => Ballot[]): TeamDecision[] {
  return tasks.map((task) => {
    const tally = tallyTask(task, ballotsOf(task.team));
    const action = actionFor(task, tally.chosen);
    const startsClose = !action && tally.chosen?.type === 'option' && tally.chosen.option === OPTION_CLOSE;
    return { team: task.team, result: { team: task.team, kind: task.kind, ...tally }, action, startsClose };
  });
}

/** The reveal of a closed round, with each team's log seq (null when it made no action). */
export function revealOf(
  round: number,
  closedBy: Reveal['closedBy'],
  decisions: readonly TeamDecision[],
  seqs: ReadonlyMap<string, number>,
): Reveal {
  return {
    round,
    closedBy,
    teams: decisions.map((d) => ({ ...d.result, seq: seqs.get(d.team) ?? null })),
  };
}

/**
 * Whether an open vote closes now by itself ("everyone voted"). `votes`: ballots cast so far;
 * `counts`: per voting team, voted and present-eligible players.
 */
export function allVoted(input: {
  autoClose: boolean;
  running: boolean;
  roundStatus: 'discussion' | 'voting' | 'paused' | 'revealed' | null;
  tasks: readonly Task[];
  eligibleIds: Readonly<Record<string, readonly string[]>>;
  votes: number;
  counts: { voted: Record<string, number>; eligible: Record<string, number> };
}): boolean {
  if (!input.autoClose || !input.running || input.roundStatus !== 'voting') return false;
  if (input.votes === 0 && input.tasks.some((t) => isVoting(t.kind))) {
    // Only a vote (or a round with nothing to vote on) closes a round by itself: a room whose
    // phones all dropped at once must not close on defaults.
    if (Object.values(input.eligibleIds).some((ids) => ids.length > 0)) return false;
  }
  const { voted, eligible } = input.counts;
  return Object.keys(eligible).every((team) => (voted[team] ?? 0) >= (eligible[team] ?? 0));
}

/** Per voting team, the players eligible when the round opens: the team's active members. */
export function eligibleAtOpen(
  tasks: readonly Task[],
  activeIn: (team: string) => readonly { id: string }[],
): Record<string, string[]> {
  const eligible: Record<string, string[]> = {};
  for (const t of tasks) if (isVoting(t.kind)) eligible[t.team] = activeIn(t.team).map((p) => p.id);
  return eligible;
}

/** A round with discussion prompts opens in `discussion` and its timer waits. */
export function opensInDiscussion(tasks: readonly Task[]): boolean {
  return tasks.some((t) => t.kind !== 'none' && t.discussion.length > 0);
}
