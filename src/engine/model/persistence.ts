/**
 * Persistence after a no: irritation, the door, and the chance they change their mind.
 */
import { explain, type Judgement, normalise } from './attribution';
import { canOfferNow, isComplete, persistReading, poolShare, scarcity } from './situation';
import {
  clamp,
  type DecisionContext,
  keenWord,
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
const W_PERSIST_IRRITATION_GAIN = weight('persistIrritationGain');
const W_PERSIST_REPEAT_GROWTH = weight('persistRepeatGrowth');
const W_PATIENCE_SLACK = weight('patienceSlack');
const W_PERSIST_PROCESS_IRRITATION = weight('persistProcessIrritation');
const W_PERSIST_SCARCITY_CALM = weight('persistScarcityCalm');
const W_DOOR_THRESHOLD = weight('doorThreshold');
const W_DOOR_PATIENCE = weight('doorPatience');
const W_DOOR_SLOPE = weight('doorSlope');
const W_COMMERCIAL = weight('commercial');
const W_PERSIST_ATTUNEMENT = weight('persistAttunement');
const W_PERSIST_SCARCITY = weight('persistScarcity');
const W_PERSIST_CUMULATIVE = weight('persistCumulative');
const W_PERSIST_SATURATION = weight('persistSaturation');
const W_PERSIST_PROCESS = weight('persistProcess');
const W_PERSIST_IRRITATION = weight('persistIrritation');
const W_KEENNESS = weight('keenness');
const W_KEENNESS_PIVOT = weight('keennessPivot');
const W_PERSIST_BASE = weight('persistBase');
const W_PERSIST_DOUBT_REACH = weight('persistDoubtReach');
const W_PERSIST_DOUBT_CLEARED = weight('persistDoubtCleared');

// ---------------------------------------------------------------------------- persistence

/** Irritation one act of persistence adds: more for bolder acts, for each repetition, for the impatient. */
export function persistIrritationGain(ctx: DecisionContext, count: number, intensity: number): number {
  const t = ctx.traits;
  return clamp(
    W_PERSIST_IRRITATION_GAIN *
      (intensity * intensity + W_PERSIST_REPEAT_GROWTH * count) *
      (W_PATIENCE_SLACK - t.patience) *
      (W_PERSIST_PROCESS_IRRITATION + t.processOrientation) *
      (1 + W_PERSIST_SCARCITY_CALM * (1 - scarcity(ctx.situation))),
  );
}

/** The chance a decision-maker shuts the door at this irritation. */
export function doorChance(traits: ResolvedTraits, irritation: number): number {
  const threshold = W_DOOR_THRESHOLD + W_DOOR_PATIENCE * traits.patience;
  return sigmoid(W_DOOR_SLOPE * (irritation - threshold));
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
  // C6: persistence is valued most in sales; outside it the same acts count for less.
  const commercialScale = 1 - W_COMMERCIAL * (1 - ctx.commercial);
  const terms: Term[] = [
    {
      id: 'attunement',
      group: 'circumstances',
      reach: true,
      z: W_PERSIST_ATTUNEMENT * t.attunement * commercialScale,
      say: () =>
        t.attunement >= WORDS.attuned
          ? 'They are the kind of decision-maker who reads persistence as commitment.'
          : 'They give persistence a little credit, though it is not what they look for.',
    },
    {
      id: 'scarcity',
      group: 'circumstances',
      reach: true,
      z: W_PERSIST_SCARCITY * reading,
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
      reach: true,
      z:
        (W_PERSIST_CUMULATIVE * count * t.attunement * reading * commercialScale) /
        (1 + count / W_PERSIST_SATURATION),
      say: signed(
        () => `You had come back ${count + 1} times, which showed how much you want it.`,
        () => `Each time you came back (${count + 1} so far) added to that pressure.`,
      ),
    },
    {
      id: 'process',
      group: 'circumstances',
      z: W_PERSIST_PROCESS * t.processOrientation,
      say: () =>
        t.processOrientation >= WORDS.processBound
          ? 'Their process does not bend for persistence.'
          : 'Their process leaves only some room to change their mind.',
    },
    {
      id: 'irritation',
      group: 'choices',
      z: W_PERSIST_IRRITATION * irritationAfter,
      say: () =>
        irritationAfter >= WORDS.irritated
          ? `Your persistence has become an irritation (irritation ${pct(irritationAfter)}).`
          : `Even polite persistence costs a little patience (irritation ${pct(irritationAfter)}).`,
    },
    {
      id: 'keenness',
      group: 'choices',
      z: W_KEENNESS * (hidden.keenness - W_KEENNESS_PIVOT),
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
      z: W_PERSIST_BASE,
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
    // What a run of persistence can do is bounded like a close: by how much they want the
    // candidate, less what they still doubt, and (C6) by how much the role values persistence.
    reachOf(hidden.keenness) * (1 - W_PERSIST_DOUBT_REACH * hidden.doubt) * commercialScale,
    // A change of mind needs a reason: no floor, so with nothing pulling it stays near zero.
    0,
  );
  const concede = ex.favour * pool * (1 - closed);
  // Changing their mind wins what a yes to a close would: an offer at the final stage (after
  // the interview), before it mostly the next stage (an offer only as far as the stage and
  // their authority allow, as for a close).
  const offerShare = isComplete(s) ? 1 : canOfferNow(ctx);
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
    doubtRemaining: clamp(hidden.doubt - W_PERSIST_DOUBT_CLEARED * t.attunement * pool),
    irritationGain,
  };
}
