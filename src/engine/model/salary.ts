/**
 * Salary: rounding to the step, staying in the band, and the first offer.
 */
import type { Scenario } from '../format/schema';
import type { HiddenState } from '../types';
import { clamp } from './terms';
import { weight } from './weights';

// Weights read on every judgement, looked up once when the module loads (not a Map lookup per read).
const W_SALARY_STEP = weight('salaryStep');
const W_OPENING_SHARE = weight('openingShare');
const W_OPENING_KEEN = weight('openingKeen');
const W_NEGOTIATION_GAIN = weight('negotiationGain');

// ---------------------------------------------------------------------------- salary

export function roundSalary(x: number): number {
  const step = W_SALARY_STEP;
  return Math.round(x / step) * step;
}

/** Rounds to the salary step while staying inside the band. */
export function clampSalary(x: number, band: { min: number; max: number }): number {
  return clamp(roundSalary(x), band.min, band.max);
}

/**
 * The salary of a first offer from a band: a share of the band that grows with keenness. The
 * first offer is the same whether or not the candidate promised to accept; what a promise gives
 * up is the negotiation after it (C3, ordering 4: see `forgoneNegotiation`).
 */
export function offerFromBand(band: { min: number; max: number }, keenness: number): number {
  const span = band.max - band.min;
  return clampSalary(band.min + span * (W_OPENING_SHARE + W_OPENING_KEEN * keenness), band);
}

/**
 * What a promise to accept on the spot gives up on an offer (C3): the negotiation after it,
 * worth what negotiating typically gains (negotiationGain, Marks & Harold 2011), as far as the
 * band leaves room for it. Ordering 4: a promised offer is lower than one negotiated later.
 */
export function forgoneNegotiation(band: { min: number; max: number }, offer: number): number {
  return Math.max(0, clampSalary(offer * (1 + W_NEGOTIATION_GAIN), band) - offer);
}

/** A sum of money in the band's currency, as the debrief writes it. */
export const money = (sum: number, currency: string): string =>
  `${currency} ${GROUPED.format(Math.round(sum))}`;

/** One formatter for every sum: `toLocaleString` builds a new one on each call. */
const GROUPED = new Intl.NumberFormat('en-GB');

/**
 * The salary of a first offer from the lead decision-maker of a scenario (`offerFromBand`). The
 * promise (`committed`, kept for callers) does not change the figure: it makes it final.
 */
export function openingOffer(
  scenario: Scenario,
  dmIndex: number,
  hidden: HiddenState,
  _committed?: boolean,
): number {
  return offerFromBand(scenario.decisionMakers[dmIndex]!.salary, hidden.keenness);
}
