/**
 * What a close or a counter does to the decision-maker and to the candidate's professionalism,
 * after the decision: doubt cleared, pressure felt, options believed, a lie caught, a promise
 * broken. Every number is a weight in `weights.ts`.
 */
import type { CloseSpec, HiddenState } from '../types';
import { type LeverageUse, pressureIrritation } from './decision';
import type { ResolvedTraits } from './traits';
import { weight } from './weights';

const pressing = (spec: CloseSpec) => spec.delivery === 'pushy' || spec.delivery === 'desperate';

/** The decision-maker after a close (before rounding). */
export function afterClose(
  traits: ResolvedTraits,
  hidden: HiddenState,
  spec: CloseSpec,
  leverage: LeverageUse | null,
  exposed: boolean,
  favourable: boolean,
  doubtRemaining: number,
  points: { whyUs: number; reasons: number } = { whyUs: 0, reasons: 0 },
  heard = 1,
): HiddenState {
  const h = { ...hidden, doubt: doubtRemaining };
  // C12: a prepared close leaves them wanting the candidate more, whatever they answer: why this
  // organisation and reasons they will do the job well are things learned about the candidate.
  // Before any answer they carry only as far as a view has formed (`heard`, as for doubt).
  h.keenness +=
    weight('preparedKeenness') * heard * ((points.whyUs > 0 ? 1 : 0) + (points.reasons > 0 ? 1 : 0));
  if (pressing(spec)) {
    h.irritation += pressureIrritation(traits);
  }
  if (exposed) {
    h.irritation += weight('exposedIrritation');
    h.doubt += weight('exposedDoubt');
    h.keenness += weight('exposedKeenness');
    h.believesOptions = 0;
  } else if (leverage) {
    h.believesOptions = Math.max(
      h.believesOptions,
      leverage.kind === 'offer' ? weight('believedOffer') : weight('believedInterview'),
    );
  }
  if (favourable) h.keenness += weight('successWarmth');
  return h;
}

/** Change in professionalism from a close: its delivery and its honesty. */
export function closeProfessionalism(
  traits: ResolvedTraits,
  spec: CloseSpec,
  leverage: LeverageUse | null,
  exposed: boolean,
): number {
  const d = spec.delivery;
  const delivery =
    d === 'firm'
      ? weight('profFirm')
      : d === 'tentative'
        ? weight('profTentative')
        : (d === 'pushy' ? weight('profPushy') : weight('profDesperate')) +
          weight('profPushyProcess') * traits.processOrientation;
  const honesty =
    leverage && !leverage.real ? weight('profBluff') + (exposed ? weight('profBluffExposed') : 0) : 0;
  return delivery + honesty;
}

/** Change in professionalism from an answer marked strong, fair or weak. */
export function answerProfessionalism(quality: string | undefined): number {
  return quality === 'strong' ? weight('profStrong') : quality === 'weak' ? weight('profWeak') : 0;
}

/** The decision-maker after a counter: a broken promise and a caught bluff cost trust. */
export function afterCounter(
  hidden: HiddenState,
  committed: boolean,
  bluffed: boolean,
  exposed: boolean,
): { hidden: HiddenState; penalty: number } {
  const h = { ...hidden };
  let penalty = 0;
  if (committed) {
    h.irritation += weight('brokenPromiseIrritation');
    h.doubt += weight('brokenPromiseDoubt');
    penalty -= weight('profBrokenPromise');
  }
  if (bluffed) penalty -= weight('profBluff');
  if (exposed) {
    h.irritation += weight('exposedIrritation');
    h.doubt += weight('exposedDoubt');
    h.keenness += weight('exposedKeenness');
    h.believesOptions = 0;
    penalty -= weight('profBluffExposed');
  }
  return { hidden: h, penalty };
}

/** What a decision-maker says on seeing through a bluff, when the scenario has no line for it. */
export const BLUFF_SEEN =
  'I know the people there, and I happen to know there is no such offer. Let’s not play games.';
