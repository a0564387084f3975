/**
 * The decision-maker model. Every judgement is a sum of named terms on the log-odds of the
 * outcome the candidate is after, starting from where the decision-maker stood; gates (no
 * authority, the stage, a shut door, the top of the band) then cap the chance. Each term keeps
 * a sentence, so the explanation is data the model produces, not text the interface assembles.
 * One attribution method serves every kind of response (`explain`).
 */
import type { CloseFormName, Scenario, Situation } from '../format/schema';
import type { CloseSpec, Counterfactual, Distribution, Factor, HiddenState } from '../types';
import type { ResolvedTraits } from './traits';
import { WORDS, weight } from './weights';

export const sigmoid = (z: number): number => 1 / (1 + Math.exp(-z));
export const clamp = (x: number, lo = 0, hi = 1): number => Math.min(hi, Math.max(lo, x));

const TOL = weight('tolerance');
const PCT = weight('percent');
const FLOOR = weight('chanceFloor');
const CEILING = weight('chanceCeiling');

/** A sentence, or the recipe for one: built only when a factor is displayed. */
type Text = string | (() => string);
const textOf = (t: Text): string => (typeof t === 'string' ? t : t());

/** What the model reads about the moment, apart from the decision-maker's own state. */
export interface DecisionContext {
  traits: ResolvedTraits;
  hidden: HiddenState;
  situation: Situation;
  commercial: number;
  moment: 'opening' | 'middle' | 'closing';
  /** The decision-maker's state before the interview began (defaults to `hidden`). */
  initial?: HiddenState;
}

/** A signed term on the log-odds, with the sentence for each sign. */
interface Term {
  id: string;
  group: Factor['group'];
  z: number;
  /** Sentence for the term as displayed: `points` is its signed share in percentage points. */
  say: (points: number) => string;
}

/** A gate multiplies the chance by `value` (0–1); its factor says why. */
interface Gate {
  id: string;
  value: number;
  text: Text;
}

/** A fixed change in chance added after the gates (a bluff's risk), with its sentence. */
interface Adjustment {
  id: string;
  group: Factor['group'];
  chance: number;
  text: Text;
}

const pct = (x: number) => `${Math.round(x * PCT)}%`;
/** The sentence for the sign of the displayed points; built only when a factor is displayed. */
const signed = (up: () => string, down: () => string) => (points: number) => (points >= 0 ? up() : down());
const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** Keenness in the one vocabulary: keen, lukewarm or undecided. */
export function keenWord(k: number): string {
  return k >= WORDS.keen ? 'keen' : k <= WORDS.lukewarm ? 'lukewarm' : 'undecided';
}

// ---------------------------------------------------------------------------- circumstances

/** Vacancies against the candidates still to see: 1 when there are more jobs than candidates. */
export function openness(s: Situation): number {
  return clamp(s.vacancies / (s.candidatesRemaining + 1));
}

/** How far the hiring process lets the decision-maker decide now: 0 (just begun) to 1 (everyone seen). */
export function readiness(s: Situation): number {
  const pool = s.candidatesSeen + s.candidatesRemaining;
  const progress = pool === 0 ? 1 : s.candidatesSeen / pool;
  const stageProgress =
    s.candidatesRemaining === 0 ? 1 : progress * (isFinal(s) ? 1 : weight('earlyStageProgress'));
  return Math.max(stageProgress, openness(s));
}

/** The final stage: a favourable answer here is an offer. */
export function isFinal(s: Situation): boolean {
  return s.stage === 'final' || s.nextStage === 'offer';
}

/**
 * Candidate scarcity for persistence, from the pool: those still to see and the share of those
 * seen still in the running, per vacancy. 1 when nobody else competes, ½ at `scarcityHalf`.
 */
export function scarcity(s: Situation): number {
  const competing = s.candidatesRemaining + weight('seenStillInRunning') * s.candidatesSeen;
  return 1 / (1 + competing / s.vacancies / weight('scarcityHalf'));
}

/**
 * The share of the time a decision-maker still considers a candidate who comes back after a no:
 * 1 while the pool is no larger than `scarcityHalf` real alternatives per place, else the neutral
 * pool over the competitors per place (the odds of scarcity). The rest of the time they simply
 * hire one of the others.
 */
export function poolShare(s: Situation): number {
  const sc = scarcity(s);
  return clamp(sc / Math.max(1 - sc, weight('tolerance')));
}

/**
 * How coming back reads (C7), from the pool: as loyalty, in proportion to scarcity, for the
 * share of the time they still consider the candidate; as pressure (−1) for the rest. Equal to
 * scarcity while the pool is neutral or scarce; negative once candidates are plentiful.
 */
export function persistReading(s: Situation): number {
  const share = poolShare(s);
  return scarcity(s) * share - (1 - share);
}

/** How far the stage lets anyone offer on the spot: 1 at the final stage, else openness. */
export function stageGate(s: Situation): number {
  return isFinal(s) ? 1 : openness(s);
}

/** How much the decision-maker is free to offer on the spot. */
export function canOfferNow(ctx: DecisionContext): number {
  return clamp(ctx.traits.authority * stageGate(ctx.situation));
}

const DIRECTNESS: Record<CloseFormName, number> = {
  'statement-of-intent': weight('directnessStatement'),
  'outright-ask': weight('directnessOutright'),
  'next-stage': weight('directnessNextStage'),
  shortlist: weight('directnessNextStage'),
  tentative: weight('directnessTentative'),
};

export const asksForOffer = (form: CloseFormName) =>
  form === 'statement-of-intent' || form === 'outright-ask';

export interface LeverageUse {
  kind: 'offer' | 'interview';
  real: boolean;
  /** For a bluff: the chance it is seen through (never below `minExposeChance`). */
  exposeChance: number;
}

/** The exposure chance the model uses for a bluffed option. */
export function exposeChanceOf(option: { real: boolean; exposeChance?: number }): number {
  if (option.real) return 0;
  return Math.max(weight('minExposeChance'), option.exposeChance ?? weight('defaultExposeChance'));
}

// ---------------------------------------------------------------------------- attribution

export interface Judgement {
  distribution: Distribution;
  /** Chance of the favourable result the player was after. */
  chance: number;
  chanceOf: string;
  factors: Factor[];
  doubtRemaining: number;
  /** For a bluff: the chance of exposure and the outcomes in each case (`distribution` mixes them). */
  exposure?: { chance: number; believed: Distribution; exposed: Distribution };
}

interface Explained {
  /** Chance after clamp, gates and adjustments. */
  chance: number;
  /** Chance before gates (the favourable answer), clamped to the floor and ceiling. */
  favour: number;
  /** The log-odds behind `favour` (start plus every term). */
  z: number;
  factors: Factor[];
}

/**
 * The one attribution method. The start is shown as its own factor (the chance the decision-
 * maker's starting lean gives); the change from it to the unclamped chance is shared among the
 * terms in proportion to their log-odds; the clamp to 3–97%, each gate and each adjustment are
 * factors of their own. Contributions are rounded by largest remainder to whole percentage
 * points, so they add up exactly to the chance shown.
 */
function explain(
  start: { z: number; text: Text },
  terms: Term[],
  gates: Gate[] = [],
  adjustments: Adjustment[] = [],
  detail = true,
): Explained {
  let z = start.z;
  for (const t of terms) z += t.z;
  const raw = sigmoid(z);
  // Squeezed into floor–ceiling (not cut off), so it stays strictly monotone in every term.
  const favour = FLOOR + (CEILING - FLOOR) * raw;
  if (!detail) {
    // The analyzer's search needs only the numbers: the same chance, no factors, no sentences.
    let chance = favour;
    for (const g of gates) if (g.value <= 1 - TOL) chance *= g.value;
    for (const a of adjustments) if (Math.abs(a.chance) > TOL) chance += a.chance;
    return { chance, favour, z, factors: [] };
  }
  const p0 = sigmoid(start.z);
  const slope = Math.abs(z - start.z) < TOL ? p0 * (1 - p0) : (raw - p0) / (z - start.z);
  const parts: { id: string; group: Factor['group']; value: number; say: (p: number) => string }[] = [
    { id: 'start', group: 'circumstances', value: p0, say: () => textOf(start.text) },
  ];
  for (const t of terms) if (Math.abs(t.z) > TOL) parts.push({ ...t, value: t.z * slope });
  if (Math.abs(favour - raw) > TOL) {
    parts.push({
      id: 'certainty',
      group: 'circumstances',
      value: favour - raw,
      say: () =>
        `No answer is ever certain: the model keeps every chance between ${pct(weight('chanceFloor'))} and ${pct(weight('chanceCeiling'))} unless something rules it out.`,
    });
  }
  let chance = favour;
  for (const g of gates) {
    if (g.value > 1 - TOL) continue;
    const next = chance * g.value;
    parts.push({ id: g.id, group: 'circumstances', value: next - chance, say: () => textOf(g.text) });
    chance = next;
  }
  for (const a of adjustments) {
    if (Math.abs(a.chance) <= TOL) continue;
    parts.push({ id: a.id, group: a.group, value: a.chance, say: () => textOf(a.text) });
    chance += a.chance;
  }
  const points = largestRemainder(
    parts.map((p) => p.value * PCT),
    Math.round(chance * PCT),
  );
  const factors: Factor[] = [];
  parts.forEach((p, i) => {
    const pts = points[i]!;
    if (pts === 0 && p.id !== 'start') return;
    factors.push({ id: p.id, group: p.group, points: pts, text: p.say(pts) });
  });
  const [first, ...rest] = factors;
  rest.sort((a, b) => Math.abs(b.points) - Math.abs(a.points));
  return { chance, favour, z, factors: first ? [first, ...rest] : rest };
}

/** Rounds values to integers that sum to `target`: floors, then units to the largest remainders. */
export function largestRemainder(values: number[], target: number): number[] {
  const floors = values.map((v) => Math.floor(v + TOL));
  let missing = target - floors.reduce((a, b) => a + b, 0);
  const order = values.map((v, i) => ({ i, r: v - floors[i]! })).sort((a, b) => b.r - a.r || a.i - b.i);
  const out = floors.slice();
  for (let k = 0; missing > 0 && order.length > 0; k = (k + 1) % order.length, missing--) out[order[k]!.i]!++;
  for (
    let k = order.length - 1;
    missing < 0 && order.length > 0;
    k = (k - 1 + order.length) % order.length, missing++
  )
    out[order[k]!.i]!--;
  return out;
}

function normalise(d: Distribution): Distribution {
  const total = Object.values(d).reduce((a, b) => a + (b ?? 0), 0);
  const out: Distribution = {};
  for (const [k, v] of Object.entries(d)) {
    if ((v ?? 0) > TOL) out[k as keyof Distribution] = (v ?? 0) / total;
  }
  return out;
}

function mix(a: Distribution, b: Distribution, share: number): Distribution {
  const out: Distribution = {};
  for (const k of new Set([...Object.keys(a), ...Object.keys(b)]) as Set<keyof Distribution>) {
    out[k] = (a[k] ?? 0) * (1 - share) + (b[k] ?? 0) * share;
  }
  return normalise(out);
}

/** Key of an outcome reached with the bluff seen through, in a joint distribution. */
export const EXPOSED = '!exposed';

/**
 * The distribution to resolve for a judgement and the order to resolve it in: a bluff's
 * outcomes come in two kinds (believed, seen through), each right after the same outcome
 * believed, so expected mode takes the median of the mixture.
 */
export function jointOf(
  j: Judgement,
  order: readonly string[],
): { distribution: Distribution; order: string[] } {
  if (!j.exposure) return { distribution: j.distribution, order: [...order] };
  const e = j.exposure.chance;
  const out: Record<string, number> = {};
  const keys: string[] = [];
  for (const k of order) {
    const b = (j.exposure.believed[k as keyof Distribution] ?? 0) * (1 - e);
    const x = (j.exposure.exposed[k as keyof Distribution] ?? 0) * e;
    if (b > TOL) out[k] = b;
    if (x > TOL) out[k + EXPOSED] = x;
    keys.push(k, k + EXPOSED);
  }
  return { distribution: out as Distribution, order: keys };
}

// ---------------------------------------------------------------------------- the lean

function startOf(ctx: DecisionContext, base: number): { z: number; text: Text } {
  const h0 = ctx.initial ?? ctx.hidden;
  const z =
    base +
    weight('keenness') * (h0.keenness - weight('keennessPivot')) -
    weight('doubt') * h0.doubt +
    weight('irritation') * h0.irritation +
    weight('rapport') * (h0.rapport - weight('rapportPivot'));
  return {
    z,
    text: () => {
      const doubt = h0.doubt >= WORDS.doubting ? ` and doubted your commitment (doubt ${pct(h0.doubt)})` : '';
      return `Where they started: before the interview they were ${keenWord(h0.keenness)} about you (keenness ${pct(h0.keenness)})${doubt}.`;
    },
  };
}

/** How the interview moved them from where they started, and the circumstances. */
function stateTerms(ctx: DecisionContext, doubtNow: number): Term[] {
  const { hidden: h, situation: s } = ctx;
  const h0 = ctx.initial ?? ctx.hidden;
  const terms: Term[] = [
    {
      id: 'keenness',
      group: 'choices',
      z: weight('keenness') * (h.keenness - h0.keenness),
      say: signed(
        () => `Your answers made them keener (keenness ${pct(h0.keenness)} → ${pct(h.keenness)}).`,
        () => `Your answers cooled them (keenness ${pct(h0.keenness)} → ${pct(h.keenness)}).`,
      ),
    },
    {
      id: 'doubt',
      group: 'choices',
      z: -weight('doubt') * (doubtNow - h0.doubt),
      say: signed(
        () =>
          `The interview eased their doubt about your commitment (doubt ${pct(h0.doubt)} → ${pct(doubtNow)}).`,
        () =>
          `The interview raised their doubt about your commitment (doubt ${pct(h0.doubt)} → ${pct(doubtNow)}).`,
      ),
    },
    {
      id: 'irritation',
      group: 'choices',
      z: weight('irritation') * (h.irritation - h0.irritation),
      say: signed(
        () => `They calmed down (irritation ${pct(h0.irritation)} → ${pct(h.irritation)}).`,
        () =>
          `You irritated them (irritation ${pct(h0.irritation)} → ${pct(h.irritation)}): annoyed people are harder to persuade.`,
      ),
    },
    {
      id: 'rapport',
      group: 'choices',
      z: weight('rapport') * (h.rapport - h0.rapport),
      say: signed(
        () => `You built rapport with them (rapport ${pct(h0.rapport)} → ${pct(h.rapport)}).`,
        () => `Rapport slipped (rapport ${pct(h0.rapport)} → ${pct(h.rapport)}).`,
      ),
    },
    {
      id: 'readiness',
      group: 'circumstances',
      z: weight('readiness') * (readiness(s) - weight('readinessPivot')),
      say: signed(
        () =>
          s.candidatesRemaining === 0
            ? 'They had seen every candidate, so they were ready to decide.'
            : `Their process was far enough along to decide, with ${plural(s.candidatesRemaining, 'candidate', 'candidates')} still to see.`,
        () =>
          `They still had ${plural(s.candidatesRemaining, 'candidate', 'candidates')} to see, so they were not ready to decide.`,
      ),
    },
  ];
  if (s.previousCandidate && s.previousCandidate !== 'average') {
    const strong = s.previousCandidate === 'strong';
    terms.push({
      id: 'previous-candidate',
      group: 'circumstances',
      z: strong ? -weight('previousCandidate') : weight('previousCandidate'),
      say: signed(
        () => 'The candidate just before you was weak, which flattered you by contrast.',
        () => 'The candidate just before you was strong, and you were measured against them.',
      ),
    });
  }
  if (s.vacancies > 1 && openness(s) >= weight('opennessShown')) {
    terms.push({
      id: 'vacancies',
      group: 'circumstances',
      z: weight('vacancies') * openness(s),
      say: () =>
        `They have ${s.vacancies} places to fill and not enough candidates, so they want to say yes.`,
    });
  }
  if (s.deadlineDays !== undefined && s.deadlineDays <= weight('deadlineDays')) {
    terms.push({
      id: 'deadline',
      group: 'circumstances',
      z: weight('deadline'),
      say: () => `They must hire within ${s.deadlineDays} days.`,
    });
  }
  return terms;
}

// ---------------------------------------------------------------------------- closes

function momentZ(ctx: DecisionContext, form: CloseFormName): number {
  const m =
    ctx.moment === 'opening'
      ? weight('momentOpening')
      : ctx.moment === 'middle'
        ? weight('momentMiddle')
        : weight('momentClosing');
  return m * (asksForOffer(form) ? 1 : weight('momentSmallAsk'));
}

/** The fit of the form with where the process stands (premature, ready, next stage). */
function fitTerms(ctx: DecisionContext, form: CloseFormName, withTraits: boolean): Term[] {
  const { traits: t, situation: s } = ctx;
  const ready = readiness(s);
  const commercialScale = 1 - weight('commercial') * (1 - ctx.commercial);
  const terms: Term[] = [];
  if (asksForOffer(form)) {
    if (ready < 1 - TOL) {
      terms.push({
        id: 'premature',
        group: 'choices',
        z: -weight('premature') * (1 - ready) * (weight('prematureProcessBase') + t.processOrientation),
        say: () =>
          `Asking for the job with ${plural(s.candidatesRemaining, 'candidate', 'candidates')} still to see was premature${t.processOrientation >= WORDS.processBound ? ' for a decision-maker who follows a process' : ''}.`,
      });
    }
    terms.push({
      id: 'ready-ask',
      group: 'choices',
      z: weight('readyAsk') * ready * (withTraits ? t.attunement * commercialScale : 1),
      say: () =>
        t.attunement >= WORDS.attuned
          ? 'They like candidates who ask for the job once they can decide.'
          : 'Asking for the job when they could decide helped a little, though they do not especially look for it.',
    });
  } else if (form === 'tentative') {
    terms.push({
      id: 'form',
      group: 'choices',
      z: weight('tentativeForm'),
      say: () => 'A tentative question about next steps asked for very little.',
    });
  } else if (!isFinal(s)) {
    terms.push({
      id: 'form',
      group: 'choices',
      z: weight('nextStageFit'),
      say: () =>
        `Asking for the ${form === 'shortlist' ? 'shortlist' : 'next stage'} fitted where the process stood.`,
    });
  } else {
    terms.push({
      id: 'form',
      group: 'choices',
      z: weight('nextStageNone'),
      say: () => 'This was the final stage: there was no next stage to ask for.',
    });
  }
  return terms;
}

function momentTerm(ctx: DecisionContext, form: CloseFormName): Term {
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
  const z =
    weight('timingBase') + momentZ(ctx, form) + fitTerms(ctx, form, false).reduce((a, t) => a + t.z, 0);
  const step = weight('timingStep');
  return Math.round((PCT * sigmoid(weight('timingScale') * z)) / step) * step;
}

/** Irritation a pushy or desperate close causes at once (reactance: pressure raises anger, r = .21). */
export function pressureIrritation(t: ResolvedTraits): number {
  return (
    (weight('pushyIrritation') + weight('pushyIrritationProcess') * t.processOrientation) *
    (weight('patienceSlack') - t.patience)
  );
}

/** What a keen decision-maker's certainty that the candidate has another option adds (null if not keen). */
function confirmedOptionsZ(hidden: HiddenState): number | null {
  if (hidden.keenness <= weight('keennessPivot')) return null;
  return weight('believedOptions') * (1 - weight('believedOptionsPivot'));
}

/** What a keen decision-maker's belief that the candidate has other options adds (null if none). */
function believedOptionsZ(hidden: HiddenState): number | null {
  if (hidden.believesOptions <= weight('believedOptionsPivot') || hidden.keenness <= weight('keennessPivot'))
    return null;
  return weight('believedOptions') * (hidden.believesOptions - weight('believedOptionsPivot'));
}
function closeTerms(
  ctx: DecisionContext,
  close: CloseSpec,
  leverage: (LeverageUse & { exposed: boolean }) | null,
  points: { whyUs: number; reasons: number },
): Term[] {
  const { traits: t, hidden } = ctx;
  const directness = DIRECTNESS[close.form];
  const commercialScale = 1 - weight('commercial') * (1 - ctx.commercial);
  const own: Term[] = [];
  const removed = hidden.doubt * weight('doubtRemovedByAsk') * directness;
  if (removed > TOL) {
    own.push({
      id: 'doubt-removed',
      group: 'choices',
      z: weight('doubt') * removed * commercialScale,
      say: () => `Asking showed you are serious: it cleared ${pct(removed)} of doubt about your commitment.`,
    });
  }
  own.push(momentTerm(ctx, close.form));
  own.push(...fitTerms(ctx, close.form, true));
  if (close.form === 'statement-of-intent') {
    own.push({
      id: 'statement',
      group: 'choices',
      z: weight('statementOfIntent') * t.attunement * commercialScale,
      say: () => 'A statement of intent, not a question, left them a simple yes to give.',
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
          ? weight('deliveryPushy') +
            weight('deliveryPushyProcess') * p +
            weight('deliveryPushyAttuned') * t.attunement
          : weight('deliveryDesperate') + weight('deliveryDesperateProcess') * p;
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
      z: weight('irritation') * pressureIrritation(t),
      say: () => 'The pressure annoyed them on the spot, and annoyed people are harder to persuade.',
    });
  }
  const scale = weight('pointScaleBase') + weight('pointScaleDirect') * directness;
  const counted = weight('pointsCounted');
  if (points.whyUs > 0) {
    own.push({
      id: 'why-us',
      group: 'choices',
      z: weight('pointWhyUs') * Math.min(counted, points.whyUs) * scale,
      say: () => 'You said why you want this organisation and not just any job.',
    });
  }
  if (points.reasons > 0) {
    own.push({
      id: 'reasons',
      group: 'choices',
      z: weight('pointReason') * Math.min(counted, points.reasons) * scale,
      say: () => 'You gave compelling reasons you will do the job well.',
    });
  }
  if (leverage) {
    const what = leverage.kind === 'offer' ? 'offer' : 'interviews';
    if (leverage.exposed) {
      own.push({
        id: 'leverage',
        group: 'choices',
        z: weight('bluffExposed'),
        say: () => `They saw through the other ${what} you claimed to have.`,
      });
    } else {
      const share = leverage.kind === 'offer' ? 1 : weight('leverageInterview');
      const z = weight('leverage') * (hidden.keenness - weight('leveragePivot')) * share;
      // Naming a real option to a keen decision-maker makes their belief in it certain: it never
      // counts for less than that belief (ordering 7, whatever they believed before).
      const already = confirmedOptionsZ(hidden);
      if (already !== null && already > z) {
        own.push({
          id: 'leverage',
          group: 'choices',
          z: already,
          say: () =>
            `Mentioning your other ${what} confirmed what they already believed: you have options, and they want to secure you.`,
        });
      } else
        own.push({
          id: 'leverage',
          group: 'choices',
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
      z: believedOptionsZ(hidden)!,
      say: () => 'They believe you have other options, which makes them want to secure you.',
    });
  }
  if (close.commit && asksForOffer(close.form)) {
    own.push({
      id: 'commit',
      group: 'choices',
      z: weight('commit'),
      say: () => 'You promised to accept on the spot, so an offer carried no risk of a no.',
    });
  }
  // A close turns interest into a decision but cannot create it: its own terms together add
  // at most closeReach × keenness (a soft limit, so every addition still counts a little).
  const gain = own.reduce((a, term) => a + Math.max(0, term.z), 0);
  const reach = weight('closeReach') * hidden.keenness;
  if (gain > TOL) {
    const k = weight('reachSharpness');
    const limited = gain / (1 + (gain / Math.max(reach, TOL)) ** k) ** (1 / k);
    if (gain - limited > TOL) {
      own.push({
        id: 'reach',
        group: 'circumstances',
        z: limited - gain,
        say: () =>
          `One close can only do so much with a decision-maker who is ${keenWord(hidden.keenness)} about you (keenness ${pct(hidden.keenness)}).`,
      });
    }
  }
  return own;
}

/**
 * The honesty limit on a bluff believed. A claimed option is weighed like a real one when it is
 * believed, but a claim that cannot be checked never buys more than its risk costs: the believed
 * branch's favour is lowered, where needed, so that believed and seen-through together give no
 * more than `honest` (the same move citing nothing). Every outcome of a close or a counter is a
 * fixed split of the favour, so the bluff's outcomes are then never better than the honest ones:
 * over the model's own analysis a bluff cannot pay (issue #8, "honesty has weight").
 * `keep` is the share of the favour that turns into the good result (1 − a risk to the offer).
 */
function honestyLimit(
  believed: { favour: number; z: number },
  exposed: { favour: number },
  honest: { favour: number },
  e: number,
  keep: { believed: number; exposed: number; honest: number },
  say: (points: number) => string,
): Term[] {
  const good = (1 - e) * believed.favour * keep.believed + e * exposed.favour * keep.exposed;
  const allowed = honest.favour * keep.honest;
  if (good <= allowed + TOL || e >= 1 - TOL || keep.believed <= TOL) return [];
  const favour = (allowed - e * exposed.favour * keep.exposed) / ((1 - e) * keep.believed);
  const raw = clamp((favour - FLOOR) / (CEILING - FLOOR), TOL, 1 - TOL);
  const z = Math.log(raw / (1 - raw));
  return [{ id: 'honesty', group: 'choices', z: z - believed.z, say }];
}

const BLUFF_LIMIT = (what: string) => (): string =>
  `A ${what} they could not check counted for less: in this model a bluff never wins more than the same move without it.`;

/** Judges a close. */
export function judgeClose(
  ctx: DecisionContext,
  close: CloseSpec,
  leverage: LeverageUse | null,
  points: { whyUs: number; reasons: number },
  detail = true,
): Judgement {
  const doubtRemaining = ctx.hidden.doubt * (1 - weight('doubtRemovedByAsk') * DIRECTNESS[close.form]);
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
  const limit = honestyLimit(
    judgeCloseBranch(ctx, close, believedLeverage, points, [], false),
    exposed,
    judgeCloseBranch(ctx, close, null, points, [], false),
    e,
    { believed: 1, exposed: 1, honest: 1 },
    BLUFF_LIMIT(leverage.kind === 'offer' ? 'claimed offer' : 'claim of other interviews'),
  );
  const believed = judgeCloseBranch(ctx, close, believedLeverage, points, [], false, limit);
  const risk: Adjustment = {
    id: 'bluff-risk',
    group: 'choices',
    chance: e * (exposed.judgement.chance - believed.judgement.chance),
    text: () =>
      `${leverage.kind === 'offer' ? 'The other offer you mentioned does' : 'The other interviews you mentioned do'} not exist: there was a ${pct(e)} chance they would see through it, and that risk counts in the chance.`,
  };
  const withRisk = detail
    ? judgeCloseBranch(ctx, close, believedLeverage, points, [risk], detail, limit)
    : { judgement: { ...believed.judgement, chance: believed.judgement.chance + risk.chance } };
  return {
    ...withRisk.judgement,
    distribution: mix(believed.judgement.distribution, exposed.judgement.distribution, e),
    doubtRemaining,
    exposure: {
      chance: e,
      believed: believed.judgement.distribution,
      exposed: exposed.judgement.distribution,
    },
  };
}

function judgeCloseBranch(
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
  const final = isFinal(s);
  const authority = clamp(ctx.traits.authority);
  const stage = stageGate(s);
  const gates: Gate[] = asks
    ? [
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
    : [];
  const ex = explain(startOf(ctx, weight('base')), terms, gates, adjustments, detail);
  const f = ex.favour;
  const reject = rejectShare(ctx.hidden);
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

function rejectShare(hidden: HiddenState): number {
  return sigmoid(
    weight('rejectBase') +
      weight('rejectIrritation') * hidden.irritation +
      weight('rejectCool') * (weight('rejectPivot') - hidden.keenness),
  );
}

/** The decision a decision-maker makes alone when the interview ends without a close. */
export function judgeAfterInterview(ctx: DecisionContext, detail = true): Judgement {
  const ex = explain(startOf(ctx, weight('base')), stateTerms(ctx, ctx.hidden.doubt), [], [], detail);
  const f = ex.favour;
  const reject = rejectShare(ctx.hidden);
  const complete = isFinal(ctx.situation) || readiness(ctx.situation) >= 1 - TOL;
  const hold = (1 - f) * (1 - reject) * weight('silentHold');
  const distribution = normalise({
    [complete ? 'offer-later' : 'next-stage']: f,
    'no-decision': hold,
    rejection: 1 - f - hold,
  });
  return {
    distribution,
    chance: ex.chance,
    chanceOf: complete ? 'an offer after the interview' : 'the next stage',
    factors: ex.factors,
    doubtRemaining: ctx.hidden.doubt,
  };
}

// ---------------------------------------------------------------------------- persistence

/** Irritation one act of persistence adds: more for bolder acts, for each repetition, for the impatient. */
export function persistIrritationGain(ctx: DecisionContext, count: number, intensity: number): number {
  const t = ctx.traits;
  return clamp(
    weight('persistIrritationGain') *
      (intensity * intensity + weight('persistRepeatGrowth') * count) *
      (weight('patienceSlack') - t.patience) *
      (weight('persistProcessIrritation') + t.processOrientation) *
      (1 + weight('persistScarcityCalm') * (1 - scarcity(ctx.situation))),
  );
}

/** The chance a decision-maker shuts the door at this irritation. */
export function doorChance(traits: ResolvedTraits, irritation: number): number {
  const threshold = weight('doorThreshold') + weight('doorPatience') * traits.patience;
  return sigmoid(weight('doorSlope') * (irritation - threshold));
}

/** One act of persistence after a no (or no decision); `count` earlier acts. */
export function judgePersistence(
  ctx: DecisionContext,
  count: number,
  intensity: number,
  detail = true,
): Judgement & { irritationGain: number } {
  const { traits: t, hidden, situation: s } = ctx;
  const scarce = scarcity(s);
  const reading = persistReading(s);
  const pool = poolShare(s);
  const irritationGain = persistIrritationGain(ctx, count, intensity);
  const irritationAfter = clamp(hidden.irritation + irritationGain);
  const competing = s.candidatesRemaining + s.candidatesSeen;
  const terms: Term[] = [
    {
      id: 'attunement',
      group: 'circumstances',
      z: weight('persistAttunement') * t.attunement,
      say: () =>
        t.attunement >= WORDS.attuned
          ? 'They are the kind of decision-maker who reads persistence as commitment.'
          : 'They give persistence a little credit, though it is not what they look for.',
    },
    {
      id: 'scarcity',
      group: 'circumstances',
      z: weight('persistScarcity') * reading,
      say: signed(
        () =>
          scarce >= WORDS.scarce
            ? `Candidates were scarce (${plural(competing, 'other candidate', 'other candidates')} for ${plural(s.vacancies, 'place', 'places')}), so your determination stood out.`
            : `With ${plural(competing, 'other candidate', 'other candidates')} for ${plural(s.vacancies, 'place', 'places')}, your determination still counted for something.`,
        () =>
          `They had plenty of other candidates (${plural(competing, 'other candidate', 'other candidates')} for ${plural(s.vacancies, 'place', 'places')}): to them, coming back read as pressure rather than loyalty.`,
      ),
    },
    {
      id: 'determination',
      group: 'choices',
      z:
        (weight('persistCumulative') * count * t.attunement * reading) /
        (1 + count / weight('persistSaturation')),
      say: signed(
        () => `You had come back ${count + 1} times, which showed how much you want it.`,
        () => `Each time you came back (${count + 1} so far) added to that pressure.`,
      ),
    },
    {
      id: 'process',
      group: 'circumstances',
      z: weight('persistProcess') * t.processOrientation,
      say: () =>
        t.processOrientation >= WORDS.processBound
          ? 'Their process does not bend for persistence.'
          : 'Their process leaves only some room to change their mind.',
    },
    {
      id: 'irritation',
      group: 'choices',
      z: weight('persistIrritation') * irritationAfter,
      say: () =>
        irritationAfter >= WORDS.irritated
          ? `Your persistence has become an irritation (irritation ${pct(irritationAfter)}).`
          : `Even polite persistence costs a little patience (irritation ${pct(irritationAfter)}).`,
    },
    {
      id: 'keenness',
      group: 'choices',
      z: weight('persistKeenness') * (hidden.keenness - weight('keennessPivot')),
      say: signed(
        () => `They liked you at the interview (keenness ${pct(hidden.keenness)}).`,
        () =>
          `They were ${keenWord(hidden.keenness) === 'keen' ? 'not keen enough' : keenWord(hidden.keenness)} about you at the interview (keenness ${pct(hidden.keenness)}).`,
      ),
    },
  ];
  const closed = doorChance(t, irritationAfter);
  const ex = explain(
    {
      z: weight('persistBase'),
      text: 'Where they started: a typical decision-maker rarely reverses a decision for one follow-up.',
    },
    terms,
    [
      {
        id: 'pool',
        value: pool,
        text: () =>
          `With ${plural(competing, 'other candidate', 'other candidates')} for ${plural(s.vacancies, 'place', 'places')}, most of the time they would simply hire someone else, whatever you did.`,
      },
      {
        id: 'door',
        value: 1 - closed,
        text: () => `The risk that they shut the door for good had reached ${pct(closed)}.`,
      },
    ],
    [],
    detail,
  );
  const concede = ex.favour * pool * (1 - closed);
  // Changing their mind wins what a yes to a close would: an offer at the final stage (after
  // the interview), before it mostly the next stage (an offer only as far as the stage and
  // their authority allow, as for a close).
  const offerShare = isFinal(s) ? 1 : canOfferNow(ctx);
  return {
    distribution: normalise({
      'offer-later': concede * offerShare,
      'next-stage': concede * (1 - offerShare),
      holding: 1 - concede - closed,
      closed,
    }),
    chance: ex.chance,
    chanceOf:
      offerShare >= 1 - TOL
        ? 'them changing their mind'
        : offerShare <= TOL
          ? 'them changing their mind (a place in the next stage)'
          : offerShare < 1 - offerShare
            ? 'them changing their mind (mostly a place in the next stage)'
            : 'them changing their mind (an offer or the next stage)',
    factors: ex.factors,
    // Coming back shows commitment to an attuned decision-maker, as far as they are still
    // considering the candidate at all (the pool's share).
    doubtRemaining: clamp(hidden.doubt - weight('persistDoubtCleared') * t.attunement * pool),
    irritationGain,
  };
}

// ---------------------------------------------------------------------------- negotiation

export interface CounterContext {
  offer: number;
  band: { min: number; max: number };
  target: number;
  /** Earlier counters in this negotiation. */
  round: number;
  /** The candidate promised to accept on the spot earlier. */
  committed: boolean;
  /** What the counter cites: nothing, a real option, or a bluff (with its exposure chance). */
  leverage: null | { real: true } | { real: false; exposeChance: number };
}

/** What a counter asks for: the candidate's target when it is above the offer, else the top of the band. */
export function counterAsk(c: CounterContext): number {
  const anchor = c.target > c.offer ? c.target : c.band.max;
  return Math.min(c.band.max, Math.max(c.offer, anchor));
}

/** The offer after a counter that wins something: towards the ask, by at most one step. */
export function raisedOffer(c: CounterContext): number {
  const step =
    c.offer *
    weight('negotiationGain') *
    weight('counterStep') *
    (c.leverage?.real ? weight('counterLeverageStep') : 1);
  const ask = counterAsk(c);
  return clampSalary(Math.min(ask, c.offer + step), c.band);
}

/** A counter-offer in negotiation. */
export function judgeCounter(ctx: DecisionContext, c: CounterContext, detail = true): Judgement {
  if (!c.leverage || c.leverage.real) return judgeCounterBranch(ctx, c, false, [], detail).judgement;
  const e = c.leverage.exposeChance;
  const exposed = judgeCounterBranch(ctx, c, true, [], false);
  const first = judgeCounterBranch(ctx, c, false, [], false);
  const honest = judgeCounterBranch(ctx, { ...c, leverage: null }, false, [], false);
  const limit = honestyLimit(
    first,
    exposed,
    honest,
    e,
    { believed: first.keep, exposed: exposed.keep, honest: honest.keep },
    BLUFF_LIMIT('claimed option'),
  );
  const believed = judgeCounterBranch(ctx, c, false, [], false, limit).judgement;
  const risk: Adjustment = {
    id: 'bluff-risk',
    group: 'choices',
    chance: e * (exposed.judgement.chance - believed.chance),
    text: () =>
      `The other option you cited does not exist: there was a ${pct(e)} chance they would see through it, and a caught bluff can end the negotiation.`,
  };
  const withRisk = detail
    ? judgeCounterBranch(ctx, c, false, [risk], detail, limit).judgement
    : { ...believed, chance: believed.chance + risk.chance };
  return {
    ...withRisk,
    distribution: mix(believed.distribution, exposed.judgement.distribution, e),
    exposure: { chance: e, believed: believed.distribution, exposed: exposed.judgement.distribution },
  };
}

function judgeCounterBranch(
  ctx: DecisionContext,
  c: CounterContext,
  exposed: boolean,
  adjustments: Adjustment[] = [],
  detail = true,
  extra: Term[] = [],
): { judgement: Judgement; favour: number; z: number; keep: number } {
  const { hidden } = ctx;
  const span = Math.max(c.band.max - c.band.min, TOL);
  const ask = counterAsk(c);
  const citing = c.leverage !== null && !exposed;
  const terms: Term[] = [
    {
      id: 'keenness',
      group: 'choices',
      z: weight('counterKeen') * (hidden.keenness - weight('keennessPivot')),
      say: signed(
        () => `They want you (keenness ${pct(hidden.keenness)}), so they have room to move.`,
        () =>
          `They are ${keenWord(hidden.keenness) === 'keen' ? 'not keen enough' : keenWord(hidden.keenness)} about you (keenness ${pct(hidden.keenness)}), so they will not stretch far.`,
      ),
    },
    {
      id: 'irritation',
      group: 'choices',
      z: weight('counterIrritation') * hidden.irritation,
      say: () => `Irritation makes them dig in (irritation ${pct(hidden.irritation)}).`,
    },
    {
      id: 'ask',
      group: 'choices',
      z: weight('counterGap') * ((ask - c.offer) / span),
      say: () =>
        `You asked for ${Math.round(ask).toLocaleString('en-GB')}, ${pct((ask - c.offer) / span)} of their band above the offer.`,
    },
    {
      id: 'round',
      group: 'circumstances',
      z: weight('counterRound') * c.round,
      say: () => `Each counter meets more resistance: this was counter number ${c.round + 1}.`,
    },
  ];
  if (citing) {
    terms.push({
      id: 'leverage',
      group: 'choices',
      z: weight('counterLeverage'),
      say: () => 'Citing another option gave them a reason to pay more.',
    });
  }
  if (exposed) {
    terms.push({
      id: 'leverage',
      group: 'choices',
      z: weight('bluffExposed'),
      say: () => 'They saw through the other option you cited.',
    });
  }
  if (c.committed) {
    terms.push({
      id: 'broken-promise',
      group: 'choices',
      z: weight('brokenPromise'),
      say: () => 'You had promised to accept on the spot; haggling now breaks that promise.',
    });
  }
  const rescind = clamp(
    weight('rescind') +
      weight('rescindIrritation') * hidden.irritation * hidden.irritation +
      (c.leverage !== null && hidden.keenness < weight('keennessPivot')
        ? weight('rescindLukewarmLeverage')
        : 0) +
      (c.committed ? weight('rescindBrokenPromise') : 0) +
      (exposed ? weight('rescindBluffExposed') : 0),
  );
  const atCeiling = c.offer >= c.band.max;
  const ex = explain(
    {
      z: weight('counterBase'),
      text: 'Where they started: most employers have some room on a first counter.',
    },
    [...terms, ...extra],
    [
      { id: 'ceiling', value: atCeiling ? 0 : 1, text: 'The offer was already at the top of their band.' },
      {
        id: 'rescind',
        value: 1 - rescind,
        text: () => `Every counter risks the offer: the chance they withdrew it was ${pct(rescind)}.`,
      },
    ],
    adjustments,
    detail,
  );
  const keep = atCeiling ? 0 : 1 - rescind;
  const raise = ex.favour * keep;
  return {
    judgement: {
      distribution: normalise({ raise, hold: 1 - raise - rescind, rescind }),
      chance: ex.chance,
      chanceOf: 'a better offer',
      factors: ex.factors,
      doubtRemaining: hidden.doubt,
    },
    favour: ex.favour,
    z: ex.z,
    keep,
  };
}

// ---------------------------------------------------------------------------- salary

export function roundSalary(x: number): number {
  const step = weight('salaryStep');
  return Math.round(x / step) * step;
}

/** Rounds to the salary step while staying inside the band. */
export function clampSalary(x: number, band: { min: number; max: number }): number {
  return clamp(roundSalary(x), band.min, band.max);
}

/**
 * The salary of a first offer: a share of the band that grows with keenness. A candidate who
 * committed to accept on the spot gives up what negotiating typically gains (C3).
 */
export function openingOffer(
  scenario: Scenario,
  dmIndex: number,
  hidden: HiddenState,
  committed: boolean,
): number {
  const band = scenario.decisionMakers[dmIndex]!.salary;
  const span = band.max - band.min;
  const keen = band.min + span * (weight('openingShare') + weight('openingKeen') * hidden.keenness);
  const offer = committed ? keen * (1 - weight('negotiationGain')) : keen;
  return clampSalary(offer, band);
}

export type CounterfactualSpec = {
  id: string;
  text: string;
  ctx?: Partial<DecisionContext>;
  close?: Partial<CloseSpec>;
};

export type { Counterfactual };
