import {
  asksForOffer,
  type DecisionContext,
  judgeAfterInterview,
  judgeClose,
  type LeverageUse,
} from '../model/decision';
import { weight } from '../model/weights';
import type { CloseSpec, Counterfactual } from '../types';

// Weights read on every judgement, looked up once when the module loads (not a Map lookup per read).
const W_COUNTERFACTUAL_MINIMUM = weight('counterfactualMinimum');
const W_COUNTERFACTUALS_SHOWN = weight('counterfactualsShown');

type Points = { whyUs: number; reasons: number };

/**
 * What would have happened with one thing changed. Each alternative changes a single factor,
 * so a trainee can see which one mattered.
 */
export function closeCounterfactuals(
  ctx: DecisionContext,
  spec: CloseSpec,
  leverage: LeverageUse | null,
  points: Points,
  available: Points,
  actual: number,
): Counterfactual[] {
  const out: Counterfactual[] = [];
  const add = (id: string, text: string, chance: number) => {
    if (Math.abs(chance - actual) >= W_COUNTERFACTUAL_MINIMUM) out.push({ id, text, chance, actual });
  };
  const s = ctx.situation;
  const chanceOf = (c: DecisionContext, sp: CloseSpec, lev = leverage, pts = points) => {
    // Only the chance is read: no factor list (detail off), which is most of a judgement's cost.
    return judgeClose(c, sp, lev, pts, false).chance;
  };
  if (s.candidatesRemaining > 0) {
    add(
      'all-seen',
      'The same close after every candidate had been seen',
      chanceOf(
        {
          ...ctx,
          situation: {
            ...s,
            candidatesRemaining: 0,
            candidatesSeen: s.candidatesSeen + s.candidatesRemaining,
            stage: 'final',
          },
        },
        spec,
      ),
    );
  }
  if (spec.delivery !== 'firm')
    add(
      'firm',
      'The same close said firmly and professionally',
      chanceOf(ctx, { ...spec, delivery: 'firm' }),
    );
  if (points.whyUs + points.reasons < available.whyUs + available.reasons) {
    add(
      'points',
      'The same close with every supporting point you had',
      chanceOf(ctx, spec, leverage, available),
    );
  }
  if (ctx.moment !== 'closing')
    add('later', 'The same close at the end of the interview', chanceOf({ ...ctx, moment: 'closing' }, spec));
  if (leverage)
    add('no-leverage', 'The same close without mentioning another option', chanceOf(ctx, spec, null));
  if (asksForOffer(spec.form) && s.stage !== 'final') {
    const alt = judgeClose(ctx, { ...spec, form: 'next-stage' }, leverage, points, false);
    add('next-stage', 'Asking for the next stage instead (chance of moving on)', alt.chance);
  }
  if (!asksForOffer(spec.form) && s.candidatesRemaining === 0) {
    const alt = judgeClose(ctx, { ...spec, form: 'statement-of-intent' }, leverage, points, false);
    add('statement', 'A statement of intent instead (chance of an offer on the spot)', alt.chance);
  }
  add(
    'never',
    'Not asking at all (chance of a positive decision later)',
    judgeAfterInterview(ctx, false).chance,
  );
  return out.slice(0, W_COUNTERFACTUALS_SHOWN);
}

/** For an interview that ended without a close: what a well-made close would have done. */
export function noCloseCounterfactuals(
  ctx: DecisionContext,
  available: Points,
  actual: number,
  canCommit: boolean,
): Counterfactual[] {
  const ready = ctx.situation.candidatesRemaining === 0 || ctx.situation.stage === 'final';
  const spec: CloseSpec = {
    form: ready ? 'statement-of-intent' : 'next-stage',
    delivery: 'firm',
    points: [],
    leverage: null,
    commit: ready && canCommit,
  };
  const j = judgeClose({ ...ctx, moment: 'closing' }, spec, null, available, false);
  const text = ready
    ? 'A firm statement of intent with your supporting points at the end'
    : 'A firm request for the next stage with your supporting points at the end';
  return [{ id: 'close', text, chance: j.chance, actual }];
}
