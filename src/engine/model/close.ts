/**
 * Judging a close: its moment, its fit with the process, its form, delivery, points, cited
 * option and promise, limited by how keen the decision-maker is.
 */
import type { CloseFormName } from '../format/schema';
import type { CloseSpec, Distribution, HiddenState } from '../types';
import { explain, type Judgement, mix, normalise } from './attribution';
import { BLUFF_LIMIT, honestyLimit, withBluff } from './honesty';
import { rejectShare, startOf, stateTerms } from './lean';
import { forgoneNegotiation, money, offerFromBand } from './salary';
import {
  asksForOffer,
  DIRECTNESS,
  isComplete,
  isFinal,
  type LeverageUse,
  readiness,
  stageGate,
} from './situation';
import {
  type Adjustment,
  clamp,
  type DecisionContext,
  type Gate,
  keenWord,
  PCT,
  pct,
  plural,
  reachOf,
  sigmoid,
  signed,
  type Term,
  TOL,
} from './terms';
import type { ResolvedTraits } from './traits';
import { WORDS, weight } from './weights';

// Weights read on every judgement, looked up once when the module loads (not a Map lookup per read).
const W_MOMENT_FIRST_MINUTE = weight('momentFirstMinute');
const W_MOMENT_OPENING = weight('momentOpening');
const W_MOMENT_MIDDLE = weight('momentMiddle');
const W_MOMENT_CLOSING = weight('momentClosing');
const W_MOMENT_SMALL_ASK = weight('momentSmallAsk');
const W_COMMERCIAL = weight('commercial');
const W_PREMATURE = weight('premature');
const W_PREMATURE_PROCESS_BASE = weight('prematureProcessBase');
const W_READY_ASK = weight('readyAsk');
const W_TENTATIVE_FORM = weight('tentativeForm');
const W_NEXT_STAGE_FIT = weight('nextStageFit');
const W_NEXT_STAGE_NONE = weight('nextStageNone');
const W_TIMING_BASE = weight('timingBase');
const W_TIMING_STEP = weight('timingStep');
const W_TIMING_SCALE = weight('timingScale');
const W_PUSHY_IRRITATION = weight('pushyIrritation');
const W_PUSHY_IRRITATION_PROCESS = weight('pushyIrritationProcess');
const W_PATIENCE_SLACK = weight('patienceSlack');
const W_KEENNESS_PIVOT = weight('keennessPivot');
const W_BELIEVED_OPTIONS = weight('believedOptions');
const W_BELIEVED_OPTIONS_PIVOT = weight('believedOptionsPivot');
const W_DOUBT_REMOVED_BY_ASK = weight('doubtRemovedByAsk');
const W_DOUBT = weight('doubt');
const W_STATEMENT_OF_INTENT = weight('statementOfIntent');
const W_DELIVERY_FIRM = weight('deliveryFirm');
const W_DELIVERY_FIRM_ATTUNED = weight('deliveryFirmAttuned');
const W_DELIVERY_TENTATIVE = weight('deliveryTentative');
const W_DELIVERY_PUSHY = weight('deliveryPushy');
const W_DELIVERY_PUSHY_PROCESS = weight('deliveryPushyProcess');
const W_DELIVERY_PUSHY_ATTUNED = weight('deliveryPushyAttuned');
const W_DELIVERY_DESPERATE = weight('deliveryDesperate');
const W_DELIVERY_DESPERATE_PROCESS = weight('deliveryDesperateProcess');
const W_IRRITATION = weight('irritation');
const W_POINT_SCALE_BASE = weight('pointScaleBase');
const W_POINT_SCALE_DIRECT = weight('pointScaleDirect');
const W_POINTS_COUNTED = weight('pointsCounted');
const W_POINT_WHY_US = weight('pointWhyUs');
const W_POINT_REASON = weight('pointReason');
const W_BLUFF_EXPOSED = weight('bluffExposed');
const W_LEVERAGE_INTERVIEW = weight('leverageInterview');
const W_LEVERAGE = weight('leverage');
const W_LEVERAGE_PIVOT = weight('leveragePivot');
const W_COMMIT = weight('commit');
const W_NEGOTIATION_GAIN = weight('negotiationGain');
const W_FIRST_MINUTE_DECIDED = weight('firstMinuteDecided');
const W_BASE = weight('base');

// ---------------------------------------------------------------------------- closes

export function momentZ(ctx: DecisionContext, form: CloseFormName): number {
  const m = ctx.firstMinute
    ? W_MOMENT_FIRST_MINUTE
    : ctx.moment === 'opening'
      ? W_MOMENT_OPENING
      : ctx.moment === 'middle'
        ? W_MOMENT_MIDDLE
        : W_MOMENT_CLOSING;
  return m * (asksForOffer(form) ? 1 : W_MOMENT_SMALL_ASK);
}

/** The fit of the form with where the process stands (premature, ready, next stage). */
export function fitTerms(ctx: DecisionContext, form: CloseFormName, withTraits: boolean): Term[] {
  const { traits: t, situation: s } = ctx;
  const ready = readiness(s);
  const commercialScale = 1 - W_COMMERCIAL * (1 - ctx.commercial);
  const terms: Term[] = [];
  if (asksForOffer(form)) {
    if (ready < 1 - TOL) {
      terms.push({
        id: 'premature',
        group: 'choices',
        z: -W_PREMATURE * (1 - ready) * (W_PREMATURE_PROCESS_BASE + t.processOrientation),
        say: () =>
          `Asking for the job with ${plural(s.candidatesRemaining, 'candidate', 'candidates')} still to see was premature${t.processOrientation >= WORDS.processBound ? ' for a decision-maker who follows a process' : ''}.`,
      });
    }
    terms.push({
      id: 'ready-ask',
      group: 'choices',
      reach: true,
      z: W_READY_ASK * ready * (withTraits ? t.attunement * commercialScale : 1),
      say: () =>
        t.attunement >= WORDS.attuned
          ? 'They like candidates who ask for the job once they can decide.'
          : 'Asking for the job when they could decide helped a little, though they do not especially look for it.',
    });
  } else if (form === 'tentative') {
    terms.push({
      id: 'form',
      group: 'choices',
      reach: true,
      z: W_TENTATIVE_FORM,
      say: () => 'A tentative question about next steps asked for very little.',
    });
  } else if (!isFinal(s)) {
    terms.push({
      id: 'form',
      group: 'choices',
      reach: true,
      z: W_NEXT_STAGE_FIT,
      say: () =>
        `Asking for the ${form === 'shortlist' ? 'shortlist' : 'next stage'} fitted where the process stood.`,
    });
  } else {
    terms.push({
      id: 'form',
      group: 'choices',
      reach: true,
      z: W_NEXT_STAGE_NONE,
      say: () => 'This was the final stage: there was no next stage to ask for.',
    });
  }
  return terms;
}

export function momentTerm(ctx: DecisionContext, form: CloseFormName): Term {
  return {
    id: 'moment',
    group: 'choices',
    z: momentZ(ctx, form),
    say: () =>
      ctx.moment === 'opening'
        ? 'You closed in the opening minutes, before most interviewers have formed a view.'
        : 'You closed mid-interview, before they had heard all they wanted.',
  };
}

/**
 * Timing judgement of a close, 0–100, from the timing terms alone: the moment in the
 * interview and the fit of the form with the process (readiness, vacancies against
 * candidates). The decision-maker's keenness never enters, so better answers never lower it.
 */
export function timingGrade(ctx: DecisionContext, form: CloseFormName): number {
  const z = W_TIMING_BASE + momentZ(ctx, form) + fitTerms(ctx, form, false).reduce((a, t) => a + t.z, 0);
  const step = W_TIMING_STEP;
  return Math.round((PCT * sigmoid(W_TIMING_SCALE * z)) / step) * step;
}

/** Irritation a pushy or desperate close causes at once (reactance: pressure raises anger, r = .21). */
export function pressureIrritation(t: ResolvedTraits): number {
  return (
    (W_PUSHY_IRRITATION + W_PUSHY_IRRITATION_PROCESS * t.processOrientation) * (W_PATIENCE_SLACK - t.patience)
  );
}

/** What a keen decision-maker's certainty that the candidate has another option adds (null if not keen). */
export function confirmedOptionsZ(hidden: HiddenState): number | null {
  if (hidden.keenness <= W_KEENNESS_PIVOT) return null;
  return W_BELIEVED_OPTIONS * (1 - W_BELIEVED_OPTIONS_PIVOT);
}

/** What a keen decision-maker's belief that the candidate has other options adds (null if none). */
export function believedOptionsZ(hidden: HiddenState): number | null {
  if (hidden.believesOptions <= W_BELIEVED_OPTIONS_PIVOT || hidden.keenness <= W_KEENNESS_PIVOT) return null;
  return W_BELIEVED_OPTIONS * (hidden.believesOptions - W_BELIEVED_OPTIONS_PIVOT);
}
export function closeTerms(
  ctx: DecisionContext,
  close: CloseSpec,
  leverage: (LeverageUse & { exposed: boolean }) | null,
  points: { whyUs: number; reasons: number },
): Term[] {
  const { traits: t, hidden } = ctx;
  const directness = DIRECTNESS[close.form];
  const commercialScale = 1 - W_COMMERCIAL * (1 - ctx.commercial);
  const own: Term[] = [];
  const removed = hidden.doubt * W_DOUBT_REMOVED_BY_ASK * directness;
  if (removed > TOL) {
    own.push({
      id: 'doubt-removed',
      group: 'choices',
      reach: true,
      z: W_DOUBT * removed * commercialScale,
      say: () => `Asking showed you are serious: it cleared ${pct(removed)} of doubt about your commitment.`,
    });
  }
  // Before any answer the first-minute gate measures the moment (judgeCloseBranch), not a term.
  if (!ctx.firstMinute) own.push(momentTerm(ctx, close.form));
  own.push(...fitTerms(ctx, close.form, true));
  if (close.form === 'statement-of-intent') {
    own.push({
      id: 'statement',
      group: 'choices',
      reach: true,
      z: W_STATEMENT_OF_INTENT * t.attunement * commercialScale,
      say: () => 'A statement of intent, not a question, left them a simple yes to give.',
    });
  }
  const d = close.delivery;
  const p = t.processOrientation;
  const deliveryZ =
    d === 'firm'
      ? W_DELIVERY_FIRM + W_DELIVERY_FIRM_ATTUNED * t.attunement * commercialScale
      : d === 'tentative'
        ? W_DELIVERY_TENTATIVE
        : d === 'pushy'
          ? W_DELIVERY_PUSHY + W_DELIVERY_PUSHY_PROCESS * p + W_DELIVERY_PUSHY_ATTUNED * t.attunement
          : W_DELIVERY_DESPERATE + W_DELIVERY_DESPERATE_PROCESS * p;
  own.push({
    id: 'delivery',
    group: 'choices',
    z: deliveryZ,
    say: () =>
      d === 'firm'
        ? 'You said it firmly and professionally.'
        : d === 'tentative'
          ? 'You said it tentatively, which undersold it.'
          : d === 'pushy'
            ? `You pushed, and pressure makes people push back${p >= WORDS.processBound ? ', most of all people who follow a process' : ''}.`
            : 'You sounded desperate, which suggests you have nowhere else to go.',
  });
  if (d === 'pushy' || d === 'desperate') {
    own.push({
      id: 'pressure',
      group: 'choices',
      z: W_IRRITATION * pressureIrritation(t),
      say: () => 'The pressure annoyed them on the spot, and annoyed people are harder to persuade.',
    });
  }
  const scale = W_POINT_SCALE_BASE + W_POINT_SCALE_DIRECT * directness;
  const counted = W_POINTS_COUNTED;
  if (points.whyUs > 0) {
    own.push({
      id: 'why-us',
      group: 'choices',
      reach: true,
      z: W_POINT_WHY_US * Math.min(counted, points.whyUs) * scale,
      say: () => 'You said why you want this organisation and not just any job.',
    });
  }
  if (points.reasons > 0) {
    own.push({
      id: 'reasons',
      group: 'choices',
      reach: true,
      z: W_POINT_REASON * Math.min(counted, points.reasons) * scale,
      say: () => 'You gave compelling reasons you will do the job well.',
    });
  }
  if (leverage) {
    const what = leverage.kind === 'offer' ? 'offer' : 'interviews';
    if (leverage.exposed) {
      own.push({
        id: 'leverage',
        group: 'choices',
        z: W_BLUFF_EXPOSED,
        say: () => `They saw through the other ${what} you claimed to have.`,
      });
    } else {
      const share = leverage.kind === 'offer' ? 1 : W_LEVERAGE_INTERVIEW;
      const z = W_LEVERAGE * (hidden.keenness - W_LEVERAGE_PIVOT) * share;
      // Naming a real option to a keen decision-maker makes their belief in it certain: it never
      // counts for less than that belief (ordering 7, whatever they believed before).
      const already = confirmedOptionsZ(hidden);
      if (already !== null && already > z) {
        own.push({
          id: 'leverage',
          group: 'choices',
          reach: true,
          z: already,
          say: () =>
            `Mentioning your other ${what} confirmed what they already believed: you have options, and they want to secure you.`,
        });
      } else
        own.push({
          id: 'leverage',
          group: 'choices',
          reach: true,
          z,
          say: signed(
            () => `Mentioning your other ${what} to a decision-maker who wanted you added urgency.`,
            () =>
              `Mentioning your other ${what} to a ${keenWord(hidden.keenness) === 'keen' ? 'decision-maker not keen enough' : `${keenWord(hidden.keenness)} decision-maker`} sounded like pressure.`,
          ),
        });
    }
  } else if (believedOptionsZ(hidden) !== null) {
    own.push({
      id: 'believed-options',
      group: 'choices',
      reach: true,
      z: believedOptionsZ(hidden)!,
      say: () => 'They believe you have other options, which makes them want to secure you.',
    });
  }
  if (close.commit && asksForOffer(close.form)) {
    // The promise takes away the risk of a no to the offer and, with it, the doubt about their
    // commitment that the ask itself left (C2, C8, C13).
    const left = hidden.doubt * (1 - W_DOUBT_REMOVED_BY_ASK * directness);
    own.push({
      id: 'commit',
      group: 'choices',
      // Outside the reach: the promise creates no interest, it takes away the risk of offering.
      z: W_COMMIT + W_DOUBT * left * commercialScale,
      say: () => {
        // Worded only when a view asks for the factors (it formats money, which is not cheap).
        const cost = promiseCost(ctx);
        return `You promised to accept on the spot, so an offer carried no risk of a no${left >= TOL ? ' and the last of their doubt about your commitment went' : ''}.${cost ? ` It has a price: ${cost}.` : ''}`;
      },
    });
  }
  return own;
}

/**
 * What promising to accept costs in salary, as a sentence with the sum (C3): the offer it brings
 * is final, so the negotiation after it, worth what negotiating typically gains, is given up.
 */
function promiseCost(ctx: DecisionContext): string | null {
  const band = ctx.salary;
  if (!band) return null;
  const sum = forgoneNegotiation(band, offerFromBand(band, ctx.hidden.keenness));
  if (sum <= 0) return null;
  return `the offer it brings is final, so you give up the negotiation, which typically gains ${pct(W_NEGOTIATION_GAIN)}: about ${money(sum, band.currency)} on the offer they would make`;
}

/** Judges a close. */
export function judgeClose(
  ctx: DecisionContext,
  close: CloseSpec,
  leverage: LeverageUse | null,
  points: { whyUs: number; reasons: number },
  detail = true,
): Judgement {
  // A promise to accept clears what doubt the ask left (C8); otherwise the ask clears its share.
  // Before any answer, words about commitment carry only as far as a view has formed.
  const heard = ctx.firstMinute ? W_FIRST_MINUTE_DECIDED : 1;
  const cleared =
    close.commit && asksForOffer(close.form) ? 1 : W_DOUBT_REMOVED_BY_ASK * DIRECTNESS[close.form];
  const doubtRemaining = ctx.hidden.doubt * (1 - cleared * heard);
  if (!leverage || leverage.real) {
    const plain = judgeCloseBranch(
      ctx,
      close,
      leverage ? { ...leverage, exposed: false } : null,
      points,
      [],
      detail,
    );
    return { ...plain.judgement, doubtRemaining };
  }
  const e = leverage.exposeChance;
  const believedLeverage = { ...leverage, exposed: false };
  const exposed = judgeCloseBranch(ctx, close, { ...leverage, exposed: true }, points, [], false);
  const honest = judgeCloseBranch(ctx, close, null, points, [], detail);
  const limit = honestyLimit(
    judgeCloseBranch(ctx, close, believedLeverage, points, [], false),
    exposed,
    honest,
    e,
    { believed: 1, exposed: 1, honest: 1 },
    BLUFF_LIMIT(leverage.kind === 'offer' ? 'claimed offer' : 'claim of other interviews'),
  );
  const believed = judgeCloseBranch(ctx, close, believedLeverage, points, [], false, limit);
  const chance = believed.judgement.chance + e * (exposed.judgement.chance - believed.judgement.chance);
  // The bluff is shown as one factor, measured against the same close citing nothing: never as
  // a help (the honesty limit keeps it at or below the honest close).
  const factors = detail
    ? withBluff(
        honest.judgement.factors,
        chance,
        () =>
          `${leverage.kind === 'offer' ? 'The other offer you mentioned does' : 'The other interviews you mentioned do'} not exist: with a ${pct(e)} chance they would see through it, the claim cost more than it could win (against the same close without it).`,
      )
    : [];
  return {
    ...believed.judgement,
    chance,
    factors,
    distribution: mix(believed.judgement.distribution, exposed.judgement.distribution, e),
    doubtRemaining,
    exposure: {
      chance: e,
      believed: believed.judgement.distribution,
      exposed: exposed.judgement.distribution,
    },
  };
}

export function judgeCloseBranch(
  ctx: DecisionContext,
  close: CloseSpec,
  leverage: (LeverageUse & { exposed: boolean }) | null,
  points: { whyUs: number; reasons: number },
  adjustments: Adjustment[] = [],
  detail = true,
  extra: Term[] = [],
): { judgement: Judgement; favour: number; z: number } {
  const s = ctx.situation;
  const terms = [...stateTerms(ctx, ctx.hidden.doubt), ...closeTerms(ctx, close, leverage, points), ...extra];
  const asks = asksForOffer(close.form);
  // A complete process means the same here as after the interview: a yes is an offer.
  const final = isComplete(s);
  const authority = clamp(ctx.traits.authority);
  const stage = stageGate(s);
  // Before any answer only those who decide in the first minute have a view to act on; a small
  // ask needs less of one (momentSmallAsk), so the share is raised to that power.
  const first = ctx.firstMinute ? W_FIRST_MINUTE_DECIDED ** (asks ? 1 : W_MOMENT_SMALL_ASK) : 1;
  const firstGate: Gate = {
    id: 'first-minute',
    value: first,
    text: () =>
      'You closed before they had heard a single answer: only about one interviewer in twenty has a view that early, so almost any answer was "let us talk first".',
  };
  const gates: Gate[] = asks
    ? [
        firstGate,
        {
          id: 'authority',
          value: authority,
          text: () =>
            authority < WORDS.noAuthority
              ? `They are not free to offer on the spot: the decision goes through others${final ? ', so a yes becomes an offer after the interview' : ''}.`
              : `They need others’ agreement for some offers, so not every yes could be an offer on the spot${final ? ' (the rest become offers after the interview)' : ''}.`,
        },
        {
          id: 'stage',
          value: stage,
          text: () =>
            `This is an early round with ${plural(s.candidatesRemaining, 'candidate', 'candidates')} still to see: mostly, the best they could give on the spot was the next stage.`,
        },
      ]
    : [firstGate];
  const ex = explain(startOf(ctx, W_BASE), terms, gates, adjustments, detail, reachOf(ctx.hidden.keenness));
  const f = ex.favour * first;
  // Pressure irritates at once, so a pushy or desperate close that fails is more often a no.
  const pressed = close.delivery === 'pushy' || close.delivery === 'desperate';
  const reject = rejectShare(
    pressed
      ? { ...ctx.hidden, irritation: ctx.hidden.irritation + pressureIrritation(ctx.traits) }
      : ctx.hidden,
  );
  const fail = { 'no-decision': (1 - f) * (1 - reject), rejection: (1 - f) * reject };
  let distribution: Distribution;
  let chanceOf: string;
  if (asks) {
    const now = f * authority * stage;
    distribution = final
      ? { 'offer-now': now, 'offer-later': f - now, ...fail }
      : { 'offer-now': now, 'next-stage': f - now, ...fail };
    chanceOf = 'an offer on the spot';
  } else if (final) {
    distribution = { 'offer-later': f, ...fail };
    chanceOf = 'an offer after the interview';
  } else {
    distribution = { 'next-stage': f, ...fail };
    chanceOf =
      close.form === 'tentative'
        ? 'a step forward'
        : `the ${close.form === 'shortlist' ? 'shortlist' : 'next stage'}`;
  }
  return {
    judgement: {
      distribution: normalise(distribution),
      chance: ex.chance,
      chanceOf,
      factors: ex.factors,
      doubtRemaining: ctx.hidden.doubt,
    },
    favour: ex.favour,
    z: ex.z,
  };
}
