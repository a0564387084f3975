/** Rules on endings: those no path can reach (conservative), and outcomes the engine can reach that no ending covers. */
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
  const outcomesCovered = new Set(scenario.endings.map((e) => e.outcome));
  for (const { outcome, why } of producible) {
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
