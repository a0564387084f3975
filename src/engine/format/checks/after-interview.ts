/** Rule: the close, the follow-up and the negotiation: unique ids, an accept move, ending conditions. */
import type { CheckContext } from './context';

export function checkAfterInterview(ctx: CheckContext): void {
  const { scenario } = ctx;
  const closing = scenario.closing;
  ctx.duplicates(
    'close form',
    closing.forms.map((f, i) => ({ id: f.form, path: ['closing', 'forms', i, 'form'] })),
  );
  ctx.duplicates(
    'delivery',
    closing.deliveries.map((d, i) => ({ id: d.delivery, path: ['closing', 'deliveries', i, 'delivery'] })),
  );
  ctx.duplicates(
    'point',
    closing.points.map((p, i) => ({ id: p.id, path: ['closing', 'points', i, 'id'] })),
  );
  closing.points.forEach((p, i) => {
    if (p.requires) ctx.walkCondition(p.requires, ['closing', 'points', i, 'requires']);
  });
  ctx.duplicates(
    'option',
    scenario.candidate.otherOptions.map((o, i) => ({
      id: o.id,
      path: ['candidate', 'otherOptions', i, 'id'],
    })),
  );
  if (scenario.followUp) {
    ctx.duplicates(
      'act',
      scenario.followUp.acts.map((a, i) => ({ id: a.id, path: ['followUp', 'acts', i, 'id'] })),
    );
  }
  const negotiation = scenario.negotiation;
  if (negotiation) {
    ctx.duplicates(
      'move',
      negotiation.moves.map((m, i) => ({ id: m.id, path: ['negotiation', 'moves', i, 'id'] })),
    );
    if (!negotiation.moves.some((m) => m.kind === 'accept')) {
      ctx.error(
        'no-accept-move',
        ['negotiation', 'moves'],
        'the negotiation has no "accept" move, so the player could never take the offer',
        'Add a move with "kind": "accept".',
      );
    }
  }
  scenario.endings.forEach((ending, i) => {
    if (ending.condition) ctx.walkCondition(ending.condition, ['endings', i, 'condition']);
  });
}
