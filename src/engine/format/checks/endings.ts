/** Rules on endings: those no path can reach (conservative), and outcomes the engine can reach that no ending covers. */
import { formatPath } from '../parse';
import type { Scenario } from '../schema';
import { closeSomewhere } from './close-moments';
import type { CheckContext } from './context';

export function checkUnreachableEndings(ctx: CheckContext): void {
  const { scenario } = ctx;
  const negotiation = scenario.negotiation;
  const walkAway = negotiation?.moves.some((m) => m.kind === 'walk-away') ?? false;
  const closes = closeSomewhere(ctx);
  scenario.endings.forEach((ending, i) => {
    if (ctx.directEndings.has(ending.id)) return;
    let why: string | undefined;
    if (ending.outcome === 'withdrawn' && !walkAway) {
      why = 'nothing leads to it: no choice or node names it and the negotiation has no walk-away move';
    } else if (ending.outcome === 'offer-rescinded' && !negotiation) {
      why = 'an offer can only be rescinded during a negotiation, and this scenario has none';
    } else if (ending.outcome === 'offer-now' && !closes) {
      why = 'an offer on the spot needs a close, and no reachable node allows one';
    }
    if (why) {
      ctx.warn(
        'unreachable-ending',
        ['endings', i, 'outcome'],
        `ending "${ending.id}" (${ending.outcome}) can never happen: ${why}`,
        'Point a choice at this ending, add what produces the outcome, or remove the ending.',
      );
    }
  });
}

/** The ending the engine falls back on when no ending has an outcome. */
const SIBLING: Record<string, string> = {
  'offer-now': 'offer-later',
  'offer-later': 'offer-now',
  'next-stage': 'shortlisted',
  shortlisted: 'next-stage',
  'no-decision': 'rejection',
  rejection: 'no-decision',
  withdrawn: 'rejection',
  'offer-rescinded': 'rejection',
};

/**
 * The engine picks an ending by outcome, then by its sibling (offer-now/offer-later,
 * next-stage/shortlisted, no-decision/rejection); with neither it would silently take another.
 */
export function checkOutcomesCovered(ctx: CheckContext): void {
  const outcomesCovered = new Set(ctx.scenario.endings.map((e) => e.outcome));
  for (const { outcome, why } of producibleOutcomes(ctx)) {
    const sibling = SIBLING[outcome]!;
    if (outcomesCovered.has(outcome) || outcomesCovered.has(sibling as typeof outcome)) continue;
    ctx.error(
      'missing-outcome-ending',
      ['endings'],
      `no ending has the outcome "${outcome}" (or "${sibling}"), but ${why}: the game would end on an unrelated ending`,
      `Add an ending with "outcome": "${outcome}", its title and debrief text.`,
    );
  }
}

type Outcome = Scenario['endings'][number]['outcome'];

/** The outcomes the engine can decide in this scenario, each with the reason. */
function producibleOutcomes(ctx: CheckContext): { outcome: Outcome; why: string }[] {
  const { scenario, reached } = ctx;
  const negotiation = scenario.negotiation;
  const closes = closeSomewhere(ctx);
  const decides =
    closes ||
    scenario.nodes.some(
      (node, i) =>
        reached[i] &&
        (node.endsInterview ||
          node.choices.some((c) => c.endsInterview) ||
          (node.choices.length > 0 &&
            node.next === undefined &&
            node.ending === undefined &&
            !!node.choices.some((c) => c.condition))),
    );
  const producible: { outcome: Scenario['endings'][number]['outcome']; why: string }[] = [];
  if (decides) {
    const stage = scenario.situation.nextStage === 'shortlist' ? 'shortlisted' : 'next-stage';
    producible.push(
      { outcome: 'rejection', why: 'a decision can turn the candidate down' },
      { outcome: 'no-decision', why: 'a decision can be left open' },
      { outcome: 'offer-later', why: 'the decision after the interview can be an offer' },
    );
    // At the final stage a favourable answer is an offer: there is no next stage to move on to.
    const final = scenario.situation.stage === 'final' || scenario.situation.nextStage === 'offer';
    if (!final) producible.push({ outcome: stage, why: 'a decision can move the candidate on' });
    if (closes) producible.push({ outcome: 'offer-now', why: 'a close can win an offer on the spot' });
  }
  if (negotiation) {
    if (negotiation.moves.some((m) => m.kind === 'counter' || m.kind === 'counter-with-leverage'))
      producible.push({
        outcome: 'offer-rescinded',
        why: 'a counter-offer can make them withdraw the offer',
      });
    if (negotiation.moves.some((m) => m.kind === 'walk-away'))
      producible.push({ outcome: 'withdrawn', why: 'the negotiation has a walk-away move' });
  }
  return producible;
}

/** The outcomes the engine tries, in order, when it picks the ending for an outcome. */
const FALLBACK: Record<Outcome, Outcome[]> = {
  'offer-now': ['offer-now', 'offer-later'],
  'offer-later': ['offer-later', 'offer-now'],
  'next-stage': ['next-stage', 'shortlisted'],
  shortlisted: ['shortlisted', 'next-stage'],
  'no-decision': ['no-decision', 'rejection'],
  rejection: ['rejection', 'no-decision'],
  withdrawn: ['withdrawn', 'rejection'],
  'offer-rescinded': ['offer-rescinded', 'rejection'],
};

/**
 * Endings the engine never picks, as the analyzer finds them: no reachable node or choice names
 * them, and for every outcome play can reach, the engine settles on another ending first (one
 * without a condition, earlier in the list or for an outcome it tries first), or the ending's
 * outcome is one play never reaches. Conservative: an ending that might be picked is not flagged.
 */
export function checkEndingsPicked(ctx: CheckContext): void {
  const { scenario } = ctx;
  const endings = scenario.endings;
  const outcomes = producibleOutcomes(ctx).map((p) => p.outcome);
  // A close in the form of a next-stage or shortlist ask moves the candidate on at any stage.
  if (outcomes.length > 0) outcomes.push('next-stage', 'shortlisted');
  const named = new Set<string>();
  scenario.nodes.forEach((node, i) => {
    if (!ctx.reached[i]) return;
    if (node.ending !== undefined) named.add(node.ending);
    for (const choice of node.choices) if (choice.ending !== undefined) named.add(choice.ending);
  });
  const picked = new Set<string>();
  for (const outcome of outcomes) {
    let settled = false;
    for (const wanted of FALLBACK[outcome]) {
      for (const e of endings) {
        if (e.outcome !== wanted) continue;
        picked.add(e.id);
        if (!e.condition) {
          settled = true;
          break;
        }
      }
      if (settled) break;
    }
    // With no ending that holds, the engine takes the first of the outcome, or the first of all.
    if (!settled) picked.add((endings.find((e) => e.outcome === outcome) ?? endings[0])?.id ?? '');
  }
  endings.forEach((ending, i) => {
    if (named.has(ending.id) || picked.has(ending.id)) return;
    // Already explained by `checkUnreachableEndings`, with its reason.
    const explained = formatPath(['endings', i, 'outcome']);
    if (ctx.problems.some((p) => p.code === 'unreachable-ending' && p.path === explained)) return;
    const first = endings.find((e) => e.id !== ending.id && e.outcome === ending.outcome && !e.condition);
    const why = first
      ? `the engine always picks ending "${first.id}" for the outcome "${ending.outcome}" first (it has no condition), and no reachable node or choice names "${ending.id}"`
      : `no way of playing reaches the outcome "${ending.outcome}" with this ending picked, and no reachable node or choice names it`;
    ctx.warn(
      'unreachable-ending',
      ['endings', i, 'id'],
      `ending "${ending.id}" (${ending.outcome}) can never happen: ${why}`,
      first
        ? `Give "${first.id}" a condition, point a choice at "${ending.id}", or remove "${ending.id}".`
        : 'Point a choice at this ending, add what produces the outcome, or remove the ending.',
    );
  });
}
