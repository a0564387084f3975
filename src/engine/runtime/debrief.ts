/**
 * The debrief told from the record of the play. Every sentence here is chosen from what
 * happened — the nodes passed, the answers given, the close and its moment, the follow-up acts
 * and the negotiation — and text an author wrote about a node, answer or act is shown only when
 * it happened (`refers`). Built only when the debrief is asked for, never on the engine's hot path.
 */
import type { Ending, Refers, Scenario } from '../format/schema';
import { forgoneNegotiation } from '../model/salary';
import { weight } from '../model/weights';
import type { Action, Counterfactual, DebriefHeadline, Factor, Response } from '../types';
import { type Compiled, holds, type Vars } from './compile';
import type { StepTrace } from './core';
import { letGoCoaching, persistenceCoaching } from './replies';
import type { State } from './state';

/** One step of the play as the debrief reads it. */
export interface PlayStep {
  action: Action;
  trace: StepTrace;
  after: State;
}

/** What happened in a play, as sets of ids. */
export interface PlayFacts {
  visited: ReadonlySet<string>;
  answered: ReadonlySet<string>;
  acts: ReadonlySet<string>;
  moves: ReadonlySet<string>;
  closed: boolean;
}

/** The facts of a play: the nodes it passed through, the answers, the acts and moves, and whether it closed. */
export function playFacts(start: string, steps: readonly PlayStep[]): PlayFacts {
  const visited = new Set<string>([start]);
  const answered = new Set<string>();
  const acts = new Set<string>();
  const moves = new Set<string>();
  let closed = false;
  for (const s of steps) {
    const a = s.action;
    if (a.type === 'choose') answered.add(a.choice);
    else if (a.type === 'persist') acts.add(a.act);
    else if (a.type === 'negotiate') moves.add(a.move);
    else if (a.type === 'close') closed = true;
    if (s.after.phase === 'interview' && s.after.node) visited.add(s.after.node);
  }
  return { visited, answered, acts, moves, closed };
}

/** Whether everything a text refers to happened in the play (and nothing it rules out did). */
export function refersHold(refers: Refers | undefined, facts: PlayFacts): boolean {
  if (!refers) return true;
  const all = (ids: readonly string[] | undefined, set: ReadonlySet<string>) =>
    (ids ?? []).every((i) => set.has(i));
  const none = (ids: readonly string[] | undefined, set: ReadonlySet<string>) =>
    !(ids ?? []).some((i) => set.has(i));
  return (
    all(refers.visited, facts.visited) &&
    all(refers.answered, facts.answered) &&
    all(refers.acts, facts.acts) &&
    all(refers.moves, facts.moves) &&
    none(refers.notVisited, facts.visited) &&
    none(refers.notAnswered, facts.answered) &&
    (refers.closed === undefined || refers.closed === facts.closed) &&
    (refers.followedUp === undefined || refers.followedUp === facts.acts.size > 0)
  );
}

/**
 * The ending's debrief as sentences chosen from the play: its lines that hold, else its one text.
 * Conditions read the full record (every engine variable), whatever the scenario's other conditions read.
 */
export function endingStory(
  compiled: Compiled,
  ending: Ending,
  final: State,
  facts: PlayFacts,
  record: Vars,
): string[] {
  if (!ending.debriefLines) return [ending.debrief];
  const vars = { ...final.vars, ...record };
  const lines = ending.debriefLines
    .filter((l) => refersHold(l.refers, facts) && holds(l.condition, vars, final.hidden, compiled))
    .map((l) => l.text);
  return lines.length > 0 ? lines : [ending.debrief];
}

/**
 * Factors that judge the timing of a close: the moment in the interview, a premature ask, and a
 * close made before the first answer (so "the timing cost you nothing" never sits above "−14 You
 * closed before they had heard a single answer").
 */
export const TIMING_FACTORS: ReadonlySet<string> = new Set(['moment', 'premature', 'first-minute']);

/** Sum of the timing factors' points in a response (0 when there are none). */
export function timingPoints(factors: readonly Factor[]): number {
  let sum = 0;
  for (const f of factors) if (TIMING_FACTORS.has(f.id)) sum += f.points;
  return sum;
}

const MOMENT_WORDS = {
  opening: 'in the opening minutes',
  middle: 'mid-interview',
  closing: 'in the closing minutes',
};

/**
 * The headline verdict on the close's timing. It follows the sign of the timing factors of the
 * decisive answer, so it never praises a moment the factors below it charge for.
 */
export function headline(decisive: Response | null, moment: string | undefined): DebriefHeadline {
  if (decisive?.kind !== 'close') {
    return {
      verdict: 'no-close',
      text: 'You never asked: they decided on what they heard in the interview alone.',
      timingPoints: 0,
    };
  }
  const points = timingPoints(decisive.factors);
  const when = MOMENT_WORDS[moment as keyof typeof MOMENT_WORDS] ?? '';
  if (points < -0.5) {
    return {
      verdict: 'early',
      text: `You asked ${when ? `${when}, ` : ''}before they were ready: the timing cost you ${Math.round(-points)} points of the chance.`,
      timingPoints: points,
    };
  }
  return {
    verdict: 'well-timed',
    text: `You asked ${when ? `${when}, ` : ''}when they were ready to decide: the timing cost you nothing.`,
    timingPoints: points,
  };
}

/** A sum of money in the scenario's currency, without pence. */
export function money(amount: number, currency: string): string {
  let format = CURRENCY_FORMATS.get(currency);
  if (format === undefined) {
    try {
      format = new Intl.NumberFormat('en-GB', { style: 'currency', currency, maximumFractionDigits: 0 });
    } catch {
      format = null;
    }
    CURRENCY_FORMATS.set(currency, format);
  }
  return format ? format.format(amount) : `${GROUPED.format(Math.round(amount))} ${currency}`;
}

/**
 * Formatters by currency, built once (building one costs more than a whole engine step; the
 * negotiation words a sum on every move). `null`: a code Intl does not know.
 */
const CURRENCY_FORMATS = new Map<string, Intl.NumberFormat | null>();
const GROUPED = new Intl.NumberFormat('en-GB');

/**
 * The negotiation told move by move — what each counter won or cost — and, when the candidate
 * promised to accept on the spot, what that promise cost in salary as a sum.
 */
export function negotiationStory(compiled: Compiled, steps: readonly PlayStep[]): string[] {
  const scenario = compiled.scenario;
  const dm = scenario.decisionMakers[compiled.lead]!;
  const cur = dm.salary.currency;
  const target = scenario.candidate.targetSalary;
  const out: string[] = [];
  let offer: number | null = null;
  for (const s of steps) {
    const a = s.action;
    if (a.type !== 'negotiate') {
      if (s.after.offer !== null && offer === null) offer = s.after.offer;
      continue;
    }
    const move = scenario.negotiation?.moves.find((m) => m.id === a.move);
    if (!move || offer === null) continue;
    const at = money(offer, cur);
    const r = s.trace.response;
    if (move.kind === 'accept') {
      const gap = offer - target;
      out.push(
        `You accepted ${at}${
          Math.abs(gap) < 1
            ? ', the figure you hoped for.'
            : gap > 0
              ? `, ${money(gap, cur)} above the ${money(target, cur)} you hoped for.`
              : `, ${money(-gap, cur)} short of the ${money(target, cur)} you hoped for.`
        }`,
      );
    } else if (move.kind === 'walk-away') {
      out.push(`You walked away from ${at}.`);
    } else if (r) {
      const citing = move.kind === 'counter-with-leverage' ? ', citing your other option,' : '';
      const seen = r.bluffExposed ? ' They saw through the option you cited, and it hardened them.' : '';
      if (r.result === 'raise' && s.after.offer !== null) {
        out.push(
          `You countered at ${at}${citing} and they raised it to ${money(s.after.offer, cur)}: ${money(s.after.offer - offer, cur)} more.${seen}`,
        );
        offer = s.after.offer;
      } else if (r.result === 'rescind') {
        out.push(`You countered at ${at}${citing} and they withdrew the offer.${seen}`);
      } else {
        out.push(`You countered at ${at}${citing} and they held at ${at}: it won nothing.${seen}`);
      }
    }
  }
  const cost = commitmentCost(compiled, steps);
  if (cost)
    out.push(
      `Promising to accept on the spot cost you about ${money(cost.cost, cur)}: the offer of ${money(cost.committed, cur)} was final. Without the promise you could have negotiated, and negotiating typically gains about ${Math.round(weight('negotiationGain') * 100)}%: about ${money(cost.free, cur)} here.`,
    );
  return out;
}

/**
 * What a promise to accept on the spot cost (C3): the offer it brought was final, so the
 * negotiation that typically follows an offer (`forgoneNegotiation`) was given up.
 */
export function commitmentCost(
  compiled: Compiled,
  steps: readonly PlayStep[],
): { cost: number; committed: number; free: number } | null {
  const i = steps.findIndex((s) => s.action.type === 'close');
  if (i < 0) return null;
  const s = steps[i]!;
  if (
    !s.after.committed &&
    !(s.after.phase === 'ended' && s.after.offer !== null && closeCommitted(s.action))
  )
    return null;
  if (s.after.offer === null) return null;
  const band = compiled.scenario.decisionMakers[compiled.lead]!.salary;
  const committed = s.after.offer;
  const cost = forgoneNegotiation(band, committed);
  const free = committed + cost;
  return cost >= 1 ? { cost, committed, free } : null;
}

function closeCommitted(a: Action): boolean {
  return a.type === 'close' && a.close.commit;
}

/** Coaching chosen from the play: a choice's feedback only when what it refers to happened. */
export function coachingFrom(
  compiled: Compiled,
  steps: readonly PlayStep[],
  facts: PlayFacts,
): { actionIndex: number; choice: string; quality?: string; text: string }[] {
  const scenario = compiled.scenario;
  const out: { actionIndex: number; choice: string; quality?: string; text: string }[] = [];
  steps.forEach((s, i) => {
    const k = s.trace.coaching;
    if (!k) return;
    const a = s.action;
    if (a.type === 'choose') {
      const choice = findChoice(scenario, a.choice);
      if (choice && !refersHold(choice.feedbackRefers, facts)) return;
    } else if (a.type === 'persist' || a.type === 'let-go') {
      const followUp = scenario.followUp;
      const act = a.type === 'persist' ? followUp?.acts.find((x) => x.id === a.act) : undefined;
      const feedback = a.type === 'persist' ? act?.feedback : followUp?.letGoFeedback;
      if (Array.isArray(feedback) && feedback.some((f) => !refersHold(f.refers, facts))) {
        // Variants about acts that did not happen drop out; the engine's own sentence fills in.
        const held = feedback.filter((f) => refersHold(f.refers, facts));
        const spec = held.length > 0 ? held : undefined;
        const redone =
          a.type === 'persist' && act
            ? persistenceCoaching(
                compiled,
                s.after,
                { ...act, feedback: spec },
                s.trace.response?.result ?? '',
              )
            : letGoCoaching(compiled, i > 0 ? steps[i - 1]!.after : s.after, spec);
        out.push({ actionIndex: i, choice: k.choice, quality: k.quality, text: redone.text });
        return;
      }
    }
    out.push({ actionIndex: i, choice: k.choice, quality: k.quality, text: k.text });
  });
  return out;
}

function findChoice(scenario: Scenario, id: string) {
  for (const n of scenario.nodes) for (const c of n.choices) if (c.id === id) return c;
  return undefined;
}

/** A response with the persona's own words about their authority in place of the generic sentence. */
export function withPersona(scenario: Scenario, lead: number, r: Response): Response {
  const note = scenario.decisionMakers[lead]?.authorityNote;
  if (!note || !r.factors.some((f) => f.id === 'authority')) return r;
  return { ...r, factors: r.factors.map((f) => (f.id === 'authority' ? { ...f, text: note } : f)) };
}

/** Results of a close that move the candidate forward: an offer now or later, or the next stage. */
const FORWARD: ReadonlySet<string> = new Set(['offer-now', 'offer-later', 'next-stage']);

/**
 * Alternatives that change the kind of ask (the job against the next stage): their chance is of
 * another outcome than the one the player asked for, so the debrief says so beside the numbers.
 */
export const OTHER_ASK: ReadonlySet<string> = new Set(['next-stage', 'statement']);

/**
 * The "What if…" list of a debrief, chosen so that the advice follows the play and never turns
 * against itself across replays. The engine's alternatives each change one thing; the smaller
 * ask ("the next stage instead") is shown only when the player's ask got nothing (a no or no
 * decision): after an ask for the job that won the job or moved the candidate on, recommending a
 * smaller ask would advise against what worked, while the play that asked for the next stage is
 * told the job was there to be had. Two plays that differ only in the kind of ask compare the
 * same two chances, each against its own outcome, so when both asks fall short they point the
 * same way. The engine's order is kept, so the same play always gets the same list.
 */
export function whatIf(decisive: Response | null): Counterfactual[] {
  if (decisive?.kind !== 'close') return decisive?.counterfactuals ?? [];
  const forward = FORWARD.has(decisive.result);
  return decisive.counterfactuals.filter((cf) => cf.id !== 'next-stage' || !forward);
}
