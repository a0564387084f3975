/**
 * What a close or a counter does to the decision-maker and to the candidate's professionalism,
 * after the decision: doubt cleared, pressure felt, options believed, a lie caught, a promise
 * broken. Every number is a weight in `weights.ts`.
 */
import type { CloseSpec, HiddenState } from '../types';
import { type LeverageUse, pressureIrritation } from './decision';
import type { ResolvedTraits } from './traits';
import { weight } from './weights';

// Weights read on every judgement, looked up once when the module loads (not a Map lookup per read).
const W_PREPARED_KEENNESS = weight('preparedKeenness');
const W_EXPOSED_IRRITATION = weight('exposedIrritation');
const W_EXPOSED_DOUBT = weight('exposedDoubt');
const W_EXPOSED_KEENNESS = weight('exposedKeenness');
const W_BELIEVED_OFFER = weight('believedOffer');
const W_BELIEVED_INTERVIEW = weight('believedInterview');
const W_SUCCESS_WARMTH = weight('successWarmth');
const W_PROF_FIRM = weight('profFirm');
const W_PROF_TENTATIVE = weight('profTentative');
const W_PROF_PUSHY = weight('profPushy');
const W_PROF_DESPERATE = weight('profDesperate');
const W_PROF_PUSHY_PROCESS = weight('profPushyProcess');
const W_PROF_BLUFF = weight('profBluff');
const W_PROF_BLUFF_EXPOSED = weight('profBluffExposed');
const W_PROF_STRONG = weight('profStrong');
const W_PROF_WEAK = weight('profWeak');
const W_BROKEN_PROMISE_IRRITATION = weight('brokenPromiseIrritation');
const W_BROKEN_PROMISE_DOUBT = weight('brokenPromiseDoubt');
const W_PROF_BROKEN_PROMISE = weight('profBrokenPromise');

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
  h.keenness += W_PREPARED_KEENNESS * heard * ((points.whyUs > 0 ? 1 : 0) + (points.reasons > 0 ? 1 : 0));
  if (pressing(spec)) {
    h.irritation += pressureIrritation(traits);
  }
  if (exposed) {
    h.irritation += W_EXPOSED_IRRITATION;
    h.doubt += W_EXPOSED_DOUBT;
    h.keenness += W_EXPOSED_KEENNESS;
    h.believesOptions = 0;
  } else if (leverage) {
    h.believesOptions = Math.max(
      h.believesOptions,
      leverage.kind === 'offer' ? W_BELIEVED_OFFER : W_BELIEVED_INTERVIEW,
    );
  }
  if (favourable) h.keenness += W_SUCCESS_WARMTH;
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
      ? W_PROF_FIRM
      : d === 'tentative'
        ? W_PROF_TENTATIVE
        : (d === 'pushy' ? W_PROF_PUSHY : W_PROF_DESPERATE) +
          W_PROF_PUSHY_PROCESS * traits.processOrientation;
  const honesty = leverage && !leverage.real ? W_PROF_BLUFF + (exposed ? W_PROF_BLUFF_EXPOSED : 0) : 0;
  return delivery + honesty;
}

/** Change in professionalism from an answer marked strong, fair or weak. */
export function answerProfessionalism(quality: string | undefined): number {
  return quality === 'strong' ? W_PROF_STRONG : quality === 'weak' ? W_PROF_WEAK : 0;
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
    h.irritation += W_BROKEN_PROMISE_IRRITATION;
    h.doubt += W_BROKEN_PROMISE_DOUBT;
    penalty -= W_PROF_BROKEN_PROMISE;
  }
  if (bluffed) penalty -= W_PROF_BLUFF;
  if (exposed) {
    h.irritation += W_EXPOSED_IRRITATION;
    h.doubt += W_EXPOSED_DOUBT;
    h.keenness += W_EXPOSED_KEENNESS;
    h.believesOptions = 0;
    penalty -= W_PROF_BLUFF_EXPOSED;
  }
  return { hidden: h, penalty };
}

/** What a decision-maker says on seeing through a bluff, when the scenario has no line for it. */
export const BLUFF_SEEN =
  'I know the people there, and I happen to know there is no such offer. Let’s not play games.';
