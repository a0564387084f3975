/**
 * Counting a team's votes. Pure: the same votes always give the same result, and the rules are
 * the ones the room shows in advance (RULES in protocol.ts): a tie goes to the option listed
 * first; a team with no votes takes the option listed first (a close: first form, first
 * delivery, no points, no leverage, no commitment).
 */
import type { Ballot, Task, TeamResult } from '../protocol/index';

type CloseBallot = Extract<Ballot, { type: 'close' }>;

export interface Tallied {
  counts: Record<string, number>;
  closeCounts: TeamResult['closeCounts'];
  chosen: Ballot | null;
  decidedBy: TeamResult['decidedBy'];
  votes: number;
}

/** The id with most votes; a tie goes to the one listed first. */
function winner(order: string[], counts: Record<string, number>): { id: string; tie: boolean } {
  const top = Math.max(...order.map((o) => counts[o] ?? 0));
  const tied = order.filter((o) => (counts[o] ?? 0) === top);
  return { id: tied[0]!, tie: tied.length > 1 };
}

export function tallyOptions(task: Task, ballots: Ballot[]): Tallied {
  const order = task.options.map((o) => o.id);
  const counts: Record<string, number> = Object.fromEntries(order.map((id) => [id, 0]));
  let votes = 0;
  for (const b of ballots) {
    if (b.type !== 'option' || !(b.option in counts)) continue;
    counts[b.option]! += 1;
    votes++;
  }
  if (order.length === 0) return { counts, closeCounts: null, chosen: null, decidedBy: 'none', votes };
  if (votes === 0) {
    return {
      counts,
      closeCounts: null,
      chosen: { type: 'option', option: order[0]! },
      decidedBy: 'timeout-default',
      votes,
    };
  }
  const w = winner(order, counts);
  return {
    counts,
    closeCounts: null,
    chosen: { type: 'option', option: w.id },
    decidedBy: w.tie ? 'tie' : 'votes',
    votes,
  };
}

export const NO_LEVERAGE = 'none';

export function tallyClose(task: Task, ballots: Ballot[]): Tallied {
  const c = task.close!;
  const forms = c.forms.map((f) => f.form as string);
  const deliveries = c.deliveries.map((d) => d.delivery as string);
  const points = c.points.map((p) => p.id);
  const leverage = [...c.leverage.map((l) => l.id), NO_LEVERAGE];
  const zero = (ids: string[]) => Object.fromEntries(ids.map((id) => [id, 0])) as Record<string, number>;
  const cc = {
    form: zero(forms),
    delivery: zero(deliveries),
    points: zero(points),
    leverage: zero(leverage),
    commit: zero(['yes', 'no']),
  };
  let votes = 0;
  for (const b of ballots) {
    if (b.type !== 'close') continue;
    votes++;
    if (b.form in cc.form) cc.form[b.form]! += 1;
    if (b.delivery in cc.delivery) cc.delivery[b.delivery]! += 1;
    for (const p of new Set(b.points)) if (p in cc.points) cc.points[p]! += 1;
    const lev = b.leverage ?? NO_LEVERAGE;
    if (lev in cc.leverage) cc.leverage[lev]! += 1;
    cc.commit[b.commit ? 'yes' : 'no']! += 1;
  }
  if (votes === 0) {
    const chosen: CloseBallot = {
      type: 'close',
      form: c.forms[0]!.form,
      delivery: c.deliveries[0]!.delivery,
      points: [],
      leverage: null,
      commit: false,
    };
    return { counts: {}, closeCounts: cc, chosen, decidedBy: 'timeout-default', votes };
  }
  const f = winner(forms, cc.form);
  const d = winner(deliveries, cc.delivery);
  const l = winner(leverage, cc.leverage);
  const chosen: CloseBallot = {
    type: 'close',
    form: f.id as CloseBallot['form'],
    delivery: d.id as CloseBallot['delivery'],
    points: points.filter((p) => cc.points[p]! * 2 >= votes),
    leverage: l.id === NO_LEVERAGE ? null : l.id,
    commit: c.canCommit && cc.commit.yes! * 2 > votes,
  };
  return { counts: {}, closeCounts: cc, chosen, decidedBy: f.tie || d.tie || l.tie ? 'tie' : 'votes', votes };
}

/** Why a ballot does not fit the team's task, or null when it does. */
export function ballotProblem(task: Task, ballot: Ballot): string | null {
  if (task.kind === 'close') {
    if (ballot.type !== 'close') return 'This round builds a close: send a close ballot.';
    const c = task.close!;
    if (!c.forms.some((f) => f.form === ballot.form)) return `The form "${ballot.form}" is not on offer.`;
    if (!c.deliveries.some((d) => d.delivery === ballot.delivery))
      return `The delivery "${ballot.delivery}" is not on offer.`;
    for (const p of ballot.points) {
      if (!c.points.some((x) => x.id === p)) return `The point "${p}" is not available.`;
    }
    if (new Set(ballot.points).size !== ballot.points.length) return 'A point was given twice.';
    if (ballot.leverage !== null && !c.leverage.some((x) => x.id === ballot.leverage))
      return `The option "${ballot.leverage}" is not one the candidate has.`;
    if (ballot.commit && !c.canCommit) return 'This candidate cannot commit to accept on the spot.';
    return null;
  }
  if (ballot.type !== 'option') return 'This round takes an option ballot.';
  if (!task.options.some((o) => o.id === ballot.option))
    return `"${ballot.option}" is not one of the options.`;
  return null;
}

/** True when two ballots ask for the same thing (points compared as sets). */
export function sameBallot(a: Ballot, b: Ballot): boolean {
  if (a.type === 'option' || b.type === 'option') {
    return a.type === 'option' && b.type === 'option' && a.option === b.option;
  }
  const pa = [...a.points].sort().join('\n');
  const pb = [...b.points].sort().join('\n');
  return (
    a.form === b.form &&
    a.delivery === b.delivery &&
    pa === pb &&
    a.leverage === b.leverage &&
    a.commit === b.commit
  );
}
