/**
 * The decision-maker model. Every judgement is a sum of named terms on the log-odds of the
 * outcome the candidate is after; each term keeps a sentence, so the explanation is data the
 * model produces, not text the interface assembles.
 */
import type { CloseFormName, Scenario, Situation } from '../format/schema';
import type { CloseSpec, Counterfactual, Distribution, Factor, HiddenState } from '../types';
import type { ResolvedTraits } from './traits';
import { weight } from './weights';

export const sigmoid = (z: number): number => 1 / (1 + Math.exp(-z));
export const clamp = (x: number, lo = 0, hi = 1): number => Math.min(hi, Math.max(lo, x));

/** What the model reads about the moment, apart from the decision-maker's own state. */
export interface DecisionContext {
  traits: ResolvedTraits;
  hidden: HiddenState;
  situation: Situation;
  commercial: number;
  moment: 'opening' | 'middle' | 'closing';
}

interface Term {
  id: string;
  group: Factor['group'];
  z: number;
  text: string;
}

const pct = (x: number) => `${Math.round(x * 100)}%`;

/** How far the hiring process lets the decision-maker decide now: 0 (just begun) to 1 (everyone seen). */
export function readiness(s: Situation): number {
  const pool = s.candidatesSeen + s.candidatesRemaining;
  const progress = pool === 0 ? 1 : s.candidatesSeen / pool;
  const stageProgress = s.candidatesRemaining === 0 ? 1 : progress * (s.stage === 'final' ? 1 : 0.6);
  return Math.max(stageProgress, openness(s));
}

/** Vacancies against the candidates still to see: 1 when there are more jobs than candidates. */
export function openness(s: Situation): number {
  return clamp(s.vacancies / (s.candidatesRemaining + 1));
}

/** Candidate scarcity for persistence: 1 when nobody else is waiting. */
export function scarcity(s: Situation): number {
  return clamp(1 - s.candidatesRemaining / (4 * s.vacancies));
}

/** How much the decision-maker is free to offer on the spot. */
export function canOfferNow(ctx: DecisionContext): number {
  const s = ctx.situation;
  const stage = s.stage === 'final' ? 1 : s.stage === 'second-round' ? 0.6 : 0.3;
  const stageFactor = Math.max(stage, openness(s), s.candidatesRemaining === 0 ? 0.8 : 0);
  return clamp(ctx.traits.authority * stageFactor);
}

const DIRECTNESS: Record<CloseFormName, number> = {
  'statement-of-intent': 1,
  'outright-ask': 0.9,
  'next-stage': 0.6,
  shortlist: 0.6,
  tentative: 0.25,
};

export const asksForOffer = (form: CloseFormName) =>
  form === 'statement-of-intent' || form === 'outright-ask';

export interface LeverageUse {
  kind: 'offer' | 'interview';
  real: boolean;
  exposed: boolean;
}

/** Terms shared by closes and by the decision after the interview: the state of the decision-maker and the circumstances. */
function stateTerms(ctx: DecisionContext, doubtRemaining: number): Term[] {
  const { hidden, situation: s } = ctx;
  const terms: Term[] = [
    {
      id: 'keenness',
      group: 'choices',
      z: weight('keenness') * (hidden.keenness - 0.5),
      text:
        hidden.keenness >= 0.5
          ? `Your answers left them keen on you (keenness ${pct(hidden.keenness)}).`
          : `Your answers left them lukewarm (keenness ${pct(hidden.keenness)}).`,
    },
    {
      id: 'doubt',
      group: 'choices',
      z: -weight('doubt') * doubtRemaining,
      text:
        doubtRemaining > 0.15
          ? `They doubted you really want this job (doubt ${pct(doubtRemaining)}).`
          : 'They had little doubt that you really want this job.',
    },
    {
      id: 'irritation',
      group: 'choices',
      z: -weight('irritation') * hidden.irritation,
      text:
        hidden.irritation > 0.2
          ? `You irritated them (irritation ${pct(hidden.irritation)}): annoyed people are harder to persuade.`
          : 'They were not irritated.',
    },
    {
      id: 'rapport',
      group: 'choices',
      z: weight('rapport') * (hidden.rapport - 0.3),
      text: hidden.rapport >= 0.3 ? 'You built rapport with them.' : 'You built little rapport with them.',
    },
    {
      id: 'readiness',
      group: 'circumstances',
      z: weight('readiness') * (readiness(s) - 0.5),
      text:
        s.candidatesRemaining === 0
          ? 'They had seen every candidate, so they could decide.'
          : `They still had ${s.candidatesRemaining} candidate${s.candidatesRemaining === 1 ? '' : 's'} to see.`,
    },
  ];
  if (s.previousCandidate && s.previousCandidate !== 'average') {
    const strong = s.previousCandidate === 'strong';
    terms.push({
      id: 'previous-candidate',
      group: 'circumstances',
      z: strong ? -weight('previousCandidate') : weight('previousCandidate'),
      text: strong
        ? 'The candidate just before you was strong, and you were measured against them.'
        : 'The candidate just before you was weak, which flattered you by contrast.',
    });
  }
  if (s.vacancies > 1 && openness(s) >= 0.5) {
    terms.push({
      id: 'vacancies',
      group: 'circumstances',
      z: weight('vacancies') * openness(s),
      text: `They have ${s.vacancies} places to fill and not enough candidates, so they want to say yes.`,
    });
  }
  if (s.deadlineDays !== undefined && s.deadlineDays <= 14) {
    terms.push({
      id: 'deadline',
      group: 'circumstances',
      z: weight('deadline'),
      text: `They must hire within ${s.deadlineDays} days.`,
    });
  }
  return terms;
}

function closeTerms(
  ctx: DecisionContext,
  close: CloseSpec,
  leverage: LeverageUse | null,
  points: { whyUs: number; reasons: number },
): Term[] {
  const { traits: t, hidden, situation: s } = ctx;
  const directness = DIRECTNESS[close.form];
  const commercialScale = 1 - weight('commercial') * (1 - ctx.commercial);
  const ready = readiness(s);
  const doubtRemaining = hidden.doubt * (1 - weight('doubtRemovedByAsk') * directness);
  const terms = stateTerms(ctx, hidden.doubt);
  const removed = hidden.doubt - doubtRemaining;
  if (removed > 0.01) {
    terms.push({
      id: 'doubt-removed',
      group: 'choices',
      z: weight('doubt') * removed * commercialScale,
      text: `Asking showed you are serious: it cleared ${pct(removed)} of their doubt about your commitment.`,
    });
  }
  const momentWeight =
    ctx.moment === 'opening'
      ? weight('momentOpening')
      : ctx.moment === 'middle'
        ? weight('momentMiddle')
        : weight('momentClosing');
  terms.push({
    id: 'moment',
    group: 'choices',
    z: momentWeight * (asksForOffer(close.form) ? 1 : 0.5),
    text:
      ctx.moment === 'opening'
        ? 'You closed in the opening minutes, before they had formed a view.'
        : ctx.moment === 'middle'
          ? 'You closed mid-interview, before they had heard all they wanted.'
          : 'You closed at the end of the interview, when most interviewers have decided.',
  });
  if (asksForOffer(close.form)) {
    if (ready < 0.99) {
      terms.push({
        id: 'premature',
        group: 'choices',
        z: -weight('premature') * (1 - ready) * (0.5 + t.processOrientation),
        text: `Asking for the job with the process ${pct(1 - ready)} from complete was premature${t.processOrientation > 0.6 ? ' for a decision-maker who follows a process' : ''}.`,
      });
    }
    terms.push({
      id: 'ready-ask',
      group: 'choices',
      z: weight('readyAsk') * ready * t.attunement * commercialScale,
      text:
        t.attunement > 0.6
          ? 'They like candidates who ask for the job.'
          : 'They do not especially reward candidates who ask for the job.',
    });
    if (close.form === 'statement-of-intent') {
      terms.push({
        id: 'statement',
        group: 'choices',
        z: weight('statementOfIntent') * t.attunement * commercialScale,
        text: 'A statement of intent, not a question, left them a simple yes to give.',
      });
    }
  } else if (close.form === 'tentative') {
    terms.push({
      id: 'form',
      group: 'choices',
      z: weight('tentativeForm'),
      text: 'A tentative question about next steps asked for very little.',
    });
  } else if (s.stage !== 'final') {
    terms.push({
      id: 'form',
      group: 'choices',
      z: weight('nextStageFit'),
      text: `Asking for the ${close.form === 'shortlist' ? 'shortlist' : 'next stage'} fitted where the process stood.`,
    });
  } else {
    terms.push({
      id: 'form',
      group: 'choices',
      z: weight('nextStageNone'),
      text: 'This was the final stage: there was no next stage to ask for.',
    });
  }
  const d = close.delivery;
  const p = t.processOrientation;
  const deliveryZ =
    d === 'firm'
      ? weight('deliveryFirm') + weight('deliveryFirmAttuned') * t.attunement * commercialScale
      : d === 'tentative'
        ? weight('deliveryTentative')
        : d === 'pushy'
          ? weight('deliveryPushy') + weight('deliveryPushyProcess') * p + 0.3 * t.attunement
          : weight('deliveryDesperate') + weight('deliveryDesperateProcess') * p;
  terms.push({
    id: 'delivery',
    group: 'choices',
    z: deliveryZ,
    text:
      d === 'firm'
        ? 'You said it firmly and professionally.'
        : d === 'tentative'
          ? 'You said it tentatively, which undersold it.'
          : d === 'pushy'
            ? `You pushed, and pressure makes people push back${p > 0.6 ? ', most of all people who follow a process' : ''}.`
            : 'You sounded desperate, which suggests you have nowhere else to go.',
  });
  const scale = 0.6 + 0.4 * directness;
  if (points.whyUs > 0) {
    terms.push({
      id: 'why-us',
      group: 'choices',
      z: weight('pointWhyUs') * Math.min(2, points.whyUs) * scale,
      text: 'You said why you want this organisation and not just any job.',
    });
  }
  if (points.reasons > 0) {
    terms.push({
      id: 'reasons',
      group: 'choices',
      z: weight('pointReason') * Math.min(2, points.reasons) * scale,
      text: 'You gave compelling reasons you will do the job well.',
    });
  }
  if (leverage) {
    if (leverage.exposed) {
      terms.push({
        id: 'leverage',
        group: 'choices',
        z: weight('bluffExposed'),
        text: 'They saw through the other offer you claimed to have.',
      });
    } else {
      const share = leverage.kind === 'offer' ? 1 : weight('leverageInterview');
      const z = weight('leverage') * 2 * (hidden.keenness - 0.55) * share;
      terms.push({
        id: 'leverage',
        group: 'choices',
        z,
        text:
          z >= 0
            ? `Mentioning your other ${leverage.kind === 'offer' ? 'offer' : 'interviews'} to a keen decision-maker added urgency.`
            : `Mentioning your other ${leverage.kind === 'offer' ? 'offer' : 'interviews'} to a lukewarm decision-maker sounded like pressure.`,
      });
    }
  } else if (hidden.believesOptions > 0.3 && hidden.keenness > 0.5) {
    terms.push({
      id: 'believed-options',
      group: 'choices',
      z: weight('believedOptions') * (hidden.believesOptions - 0.3),
      text: 'They believe you have other options, which makes them want to secure you.',
    });
  }
  if (close.commit && asksForOffer(close.form)) {
    terms.push({
      id: 'commit',
      group: 'choices',
      z: weight('commit'),
      text: 'You promised to accept on the spot, so an offer carried no risk of a no.',
    });
  }
  return terms;
}

export interface Judgement {
  distribution: Distribution;
  /** Chance of the favourable result the player was after. */
  chance: number;
  chanceOf: string;
  factors: Factor[];
  doubtRemaining: number;
}

/** Attributes the change in chance from the base to each term in proportion to its log-odds, so contributions sum exactly. */
function attribute(
  terms: Term[],
  gate: number,
  gateFactor: Term | null,
): { chance: number; factors: Factor[]; favour: number } {
  const z0 = weight('base');
  const z = terms.reduce((sum, term) => sum + term.z, z0);
  const p0 = sigmoid(z0);
  const favour = sigmoid(z);
  const slope = Math.abs(z - z0) < 1e-9 ? p0 * (1 - p0) : (favour - p0) / (z - z0);
  const factors: Factor[] = terms
    .filter((term) => Math.abs(term.z) > 1e-6)
    .map((term) => ({
      id: term.id,
      group: term.group,
      points: round1(term.z * slope * 100),
      text: term.text,
    }));
  if (gateFactor && gate < 0.999) {
    factors.push({
      id: gateFactor.id,
      group: gateFactor.group,
      points: round1(favour * (gate - 1) * 100),
      text: gateFactor.text,
    });
  }
  factors.sort((a, b) => Math.abs(b.points) - Math.abs(a.points));
  return { chance: favour * gate, factors, favour };
}

const round1 = (x: number) => Math.round(x * 10) / 10;

function rejectShare(hidden: HiddenState): number {
  return sigmoid(-1 + 3 * hidden.irritation + 2 * (0.4 - hidden.keenness));
}

/** Judges a close. */
export function judgeClose(
  ctx: DecisionContext,
  close: CloseSpec,
  leverage: LeverageUse | null,
  points: { whyUs: number; reasons: number },
): Judgement {
  const terms = closeTerms(ctx, close, leverage, points);
  const offerGate = canOfferNow(ctx);
  const asksOffer = asksForOffer(close.form);
  const gateTerm: Term = {
    id: 'authority',
    group: 'circumstances',
    z: 0,
    text:
      ctx.traits.authority < 0.5
        ? 'They are not free to offer on the spot: the decision goes through others.'
        : 'Where the process stood, an offer on the spot was hard for them to make.',
  };
  const { chance, factors, favour } = attribute(
    terms,
    asksOffer ? offerGate : 1,
    asksOffer ? gateTerm : null,
  );
  const reject = rejectShare(ctx.hidden);
  let distribution: Distribution;
  if (asksOffer) {
    distribution = {
      'offer-now': favour * offerGate,
      'next-stage': favour * (1 - offerGate),
      'no-decision': (1 - favour) * (1 - reject),
      rejection: (1 - favour) * reject,
    };
  } else if (close.form === 'tentative') {
    distribution = {
      'next-stage': favour * 0.7,
      'no-decision': favour * 0.3 + (1 - favour) * (1 - reject),
      rejection: (1 - favour) * reject,
    };
  } else {
    const offer = favour * offerGate * 0.25 * ctx.hidden.keenness;
    distribution = {
      'offer-now': offer,
      'next-stage': favour - offer,
      'no-decision': (1 - favour) * (1 - reject),
      rejection: (1 - favour) * reject,
    };
  }
  const doubtRemaining = ctx.hidden.doubt * (1 - weight('doubtRemovedByAsk') * DIRECTNESS[close.form]);
  return {
    distribution: normalise(distribution),
    chance: asksOffer ? chance : (distribution['next-stage'] ?? 0) + (distribution['offer-now'] ?? 0),
    chanceOf: asksOffer
      ? 'an offer on the spot'
      : close.form === 'tentative'
        ? 'a step forward'
        : `the ${close.form === 'shortlist' ? 'shortlist' : 'next stage'}`,
    factors: asksOffer
      ? factors
      : rescaleFactors(factors, favour, (distribution['next-stage'] ?? 0) + (distribution['offer-now'] ?? 0)),
    doubtRemaining,
  };
}

function rescaleFactors(factors: Factor[], from: number, to: number): Factor[] {
  if (from <= 0) return factors;
  const k = to / from;
  return factors.map((f) => ({ ...f, points: round1(f.points * k) }));
}

function normalise(d: Distribution): Distribution {
  const total = Object.values(d).reduce((a, b) => a + (b ?? 0), 0);
  const out: Distribution = {};
  for (const [k, v] of Object.entries(d)) {
    if ((v ?? 0) > 1e-9) out[k as keyof Distribution] = (v ?? 0) / total;
  }
  return out;
}

/** The decision a decision-maker makes alone when the interview ends without a close. */
export function judgeAfterInterview(ctx: DecisionContext): Judgement {
  const terms = stateTerms(ctx, ctx.hidden.doubt);
  const { factors, favour } = attribute(terms, 1, null);
  const reject = rejectShare(ctx.hidden);
  const complete = readiness(ctx.situation) >= 0.99;
  const distribution = normalise(
    complete
      ? {
          'offer-later': favour,
          'no-decision': (1 - favour) * (1 - reject) * 0.5,
          rejection: (1 - favour) * (1 - (1 - reject) * 0.5),
        }
      : {
          'next-stage': favour,
          'no-decision': (1 - favour) * (1 - reject) * 0.5,
          rejection: (1 - favour) * (1 - (1 - reject) * 0.5),
        },
  );
  return {
    distribution,
    chance: favour,
    chanceOf: complete ? 'an offer after the interview' : 'the next stage',
    factors,
    doubtRemaining: ctx.hidden.doubt,
  };
}

/** One act of persistence after a no (or no decision). */
export function judgePersistence(
  ctx: DecisionContext,
  count: number,
  intensity: number,
): Judgement & { irritationGain: number } {
  const { traits: t, hidden, situation: s } = ctx;
  const scarce = scarcity(s);
  const irritationGain = clamp(
    weight('persistIrritationGain') *
      intensity *
      (1 + 0.5 * count) *
      (1.2 - t.patience) *
      (0.5 + t.processOrientation) *
      (1.5 - 0.5 * scarce),
  );
  const irritationAfter = clamp(hidden.irritation + irritationGain);
  const terms: Term[] = [
    {
      id: 'attunement',
      group: 'circumstances',
      z: weight('persistAttunement') * t.attunement,
      text:
        t.attunement > 0.6
          ? 'They are the kind of decision-maker who reads persistence as commitment.'
          : 'They are not the kind of decision-maker who rewards persistence.',
    },
    {
      id: 'scarcity',
      group: 'circumstances',
      z: weight('persistScarcity') * scarce,
      text:
        scarce > 0.5
          ? 'Few other candidates were waiting, so your determination stood out.'
          : `${s.candidatesRemaining} other candidates were waiting, so they did not need to reconsider.`,
    },
    {
      id: 'determination',
      group: 'choices',
      z: weight('persistCumulative') * count * t.attunement * scarce,
      text:
        count > 0
          ? `You had come back ${count + 1} times, which showed how much you want it.`
          : 'This was your first follow-up.',
    },
    {
      id: 'process',
      group: 'circumstances',
      z: weight('persistProcess') * t.processOrientation,
      text:
        t.processOrientation > 0.6
          ? 'Their process does not bend for persistence.'
          : 'Their process leaves room to change their mind.',
    },
    {
      id: 'irritation',
      group: 'choices',
      z: weight('persistIrritation') * irritationAfter,
      text:
        irritationAfter > 0.3
          ? `Your persistence has become an irritation (irritation ${pct(irritationAfter)}).`
          : 'Your persistence had not yet become an irritation.',
    },
    {
      id: 'keenness',
      group: 'choices',
      z: 1.2 * (hidden.keenness - 0.5),
      text:
        hidden.keenness >= 0.5
          ? 'They liked you at the interview.'
          : 'They were lukewarm about you at the interview.',
    },
  ];
  const z0 = weight('persistBase');
  const z = terms.reduce((a, term) => a + term.z, z0);
  const concedeRaw = sigmoid(z);
  const closed = sigmoid(-4 + weight('doorClosed') * irritationAfter - 2 * t.patience);
  const concede = (1 - closed) * concedeRaw;
  const p0 = sigmoid(z0);
  const slope = Math.abs(z - z0) < 1e-9 ? p0 * (1 - p0) : (concedeRaw - p0) / (z - z0);
  const factors = terms
    .filter((term) => Math.abs(term.z) > 1e-6)
    .map((term) => ({
      id: term.id,
      group: term.group,
      points: round1(term.z * slope * 100 * (1 - closed)),
      text: term.text,
    }));
  if (closed > 0.01) {
    factors.push({
      id: 'door',
      group: 'choices',
      points: round1(-concedeRaw * closed * 100),
      text: `The risk that they shut the door for good had reached ${pct(closed)}.`,
    });
  }
  factors.sort((a, b) => Math.abs(b.points) - Math.abs(a.points));
  return {
    distribution: normalise({ 'offer-later': concede, holding: 1 - concede - closed, closed }),
    chance: concede,
    chanceOf: 'them changing their mind',
    factors,
    doubtRemaining: clamp(hidden.doubt - 0.1 * t.attunement),
    irritationGain,
  };
}

/** A counter-offer in negotiation. */
export function judgeCounter(ctx: DecisionContext, withLeverage: boolean, atCeiling: boolean): Judgement {
  const { hidden } = ctx;
  const rescind = clamp(
    weight('rescind') +
      0.3 * hidden.irritation * hidden.irritation +
      (withLeverage && hidden.keenness < 0.5 ? 0.08 : 0),
  );
  const raiseRaw = atCeiling
    ? 0
    : sigmoid(1.2 + 3 * (hidden.keenness - 0.5) + (withLeverage ? 0.8 : 0) - 2 * hidden.irritation);
  const raise = (1 - rescind) * raiseRaw;
  return {
    distribution: normalise({ raise, hold: 1 - raise - rescind, rescind }),
    chance: raise,
    chanceOf: 'a better offer',
    factors: [
      {
        id: 'keenness',
        group: 'choices',
        points: round1((raise - 0.5) * 100),
        text: atCeiling
          ? 'The offer was already at the top of their band.'
          : hidden.keenness >= 0.5
            ? 'They want you, so they have room to move.'
            : 'They are lukewarm, so they will not stretch.',
      },
    ],
    doubtRemaining: hidden.doubt,
  };
}

/** The salary of a first offer: lower when the candidate committed to accept on the spot. */
export function openingOffer(
  scenario: Scenario,
  dmIndex: number,
  hidden: HiddenState,
  committed: boolean,
): number {
  const band = scenario.decisionMakers[dmIndex]!.salary;
  const span = band.max - band.min;
  const keenShare = 0.25 + 0.35 * hidden.keenness;
  const share = committed
    ? Math.max(0, keenShare - weight('commitSalaryShare') * (0.5 + hidden.keenness * 0.5))
    : keenShare;
  return roundSalary(band.min + span * share);
}

export function roundSalary(x: number): number {
  return Math.round(x / 250) * 250;
}

export type CounterfactualSpec = {
  id: string;
  text: string;
  ctx?: Partial<DecisionContext>;
  close?: Partial<CloseSpec>;
};

export type { Counterfactual };
