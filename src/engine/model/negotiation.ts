/**
 * Negotiation: what a counter asks for, what it wins, and its chance.
 */
import { explain, type Judgement, mix, normalise } from './attribution';
import { BLUFF_LIMIT, honestyLimit, withBluff } from './honesty';
import { clampSalary } from './salary';
import { type Adjustment, clamp, type DecisionContext, keenWord, pct, signed, type Term, TOL } from './terms';
import { weight } from './weights';

// Weights read on every judgement, looked up once when the module loads (not a Map lookup per read).
const W_NEGOTIATION_GAIN = weight('negotiationGain');
const W_COUNTER_STEP = weight('counterStep');
const W_COUNTER_LEVERAGE_STEP = weight('counterLeverageStep');
const W_COUNTER_KEEN = weight('counterKeen');
const W_KEENNESS_PIVOT = weight('keennessPivot');
const W_COUNTER_IRRITATION = weight('counterIrritation');
const W_COUNTER_GAP = weight('counterGap');
const W_COUNTER_ROUND = weight('counterRound');
const W_COUNTER_LEVERAGE = weight('counterLeverage');
const W_BLUFF_EXPOSED = weight('bluffExposed');
const W_BROKEN_PROMISE = weight('brokenPromise');
const W_RESCIND = weight('rescind');
const W_RESCIND_IRRITATION = weight('rescindIrritation');
const W_RESCIND_LUKEWARM_LEVERAGE = weight('rescindLukewarmLeverage');
const W_RESCIND_BROKEN_PROMISE = weight('rescindBrokenPromise');
const W_RESCIND_BLUFF_EXPOSED = weight('rescindBluffExposed');
const W_COUNTER_BASE = weight('counterBase');

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
    c.offer * W_NEGOTIATION_GAIN * W_COUNTER_STEP * (c.leverage?.real ? W_COUNTER_LEVERAGE_STEP : 1);
  const ask = counterAsk(c);
  return clampSalary(Math.min(ask, c.offer + step), c.band);
}

/** A counter-offer in negotiation. */
export function judgeCounter(ctx: DecisionContext, c: CounterContext, detail = true): Judgement {
  if (!c.leverage || c.leverage.real) return judgeCounterBranch(ctx, c, false, [], detail).judgement;
  const e = c.leverage.exposeChance;
  const exposed = judgeCounterBranch(ctx, c, true, [], false);
  const first = judgeCounterBranch(ctx, c, false, [], false);
  const honest = judgeCounterBranch(ctx, { ...c, leverage: null }, false, [], detail);
  const limit = honestyLimit(
    first,
    exposed,
    honest,
    e,
    { believed: first.keep, exposed: exposed.keep, honest: honest.keep },
    BLUFF_LIMIT('claimed option'),
  );
  const believed = judgeCounterBranch(ctx, c, false, [], false, limit).judgement;
  const chance = believed.chance + e * (exposed.judgement.chance - believed.chance);
  // One factor for the bluff, against the same counter citing nothing: never shown as a help.
  const factors = detail
    ? withBluff(
        honest.judgement.factors,
        chance,
        () =>
          `The other option you cited does not exist: with a ${pct(e)} chance they would see through it, and a caught bluff able to end the negotiation, it cost more than it could win.`,
      )
    : [];
  return {
    ...believed,
    chance,
    factors,
    distribution: mix(believed.distribution, exposed.judgement.distribution, e),
    exposure: { chance: e, believed: believed.distribution, exposed: exposed.judgement.distribution },
  };
}

export function judgeCounterBranch(
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
      z: W_COUNTER_KEEN * (hidden.keenness - W_KEENNESS_PIVOT),
      say: signed(
        () => `They want you (keenness ${pct(hidden.keenness)}), so they have room to move.`,
        () =>
          `They are ${keenWord(hidden.keenness) === 'keen' ? 'not keen enough' : keenWord(hidden.keenness)} about you (keenness ${pct(hidden.keenness)}), so they will not stretch far.`,
      ),
    },
    {
      id: 'irritation',
      group: 'choices',
      z: W_COUNTER_IRRITATION * hidden.irritation,
      say: () => `Irritation makes them dig in (irritation ${pct(hidden.irritation)}).`,
    },
    {
      id: 'ask',
      group: 'choices',
      z: W_COUNTER_GAP * ((ask - c.offer) / span),
      say: () =>
        `You asked for ${Math.round(ask).toLocaleString('en-GB')}, ${pct((ask - c.offer) / span)} of their band above the offer.`,
    },
    {
      id: 'round',
      group: 'circumstances',
      z: W_COUNTER_ROUND * c.round,
      say: () => `Each counter meets more resistance: this was counter number ${c.round + 1}.`,
    },
  ];
  if (citing) {
    terms.push({
      id: 'leverage',
      group: 'choices',
      z: W_COUNTER_LEVERAGE,
      say: () => 'Citing another option gave them a reason to pay more.',
    });
  }
  if (exposed) {
    terms.push({
      id: 'leverage',
      group: 'choices',
      z: W_BLUFF_EXPOSED,
      say: () => 'They saw through the other option you cited.',
    });
  }
  if (c.committed) {
    terms.push({
      id: 'broken-promise',
      group: 'choices',
      z: W_BROKEN_PROMISE,
      say: () => 'You had promised to accept on the spot; haggling now breaks that promise.',
    });
  }
  const rescind = clamp(
    W_RESCIND +
      W_RESCIND_IRRITATION * hidden.irritation * hidden.irritation +
      (c.leverage !== null && hidden.keenness < W_KEENNESS_PIVOT ? W_RESCIND_LUKEWARM_LEVERAGE : 0) +
      (c.committed ? W_RESCIND_BROKEN_PROMISE : 0) +
      (exposed ? W_RESCIND_BLUFF_EXPOSED : 0),
  );
  const atCeiling = c.offer >= c.band.max;
  const ex = explain(
    {
      z: W_COUNTER_BASE,
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
