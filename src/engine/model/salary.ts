/**
 * Salary: rounding to the step, staying in the band, and the first offer.
 */
import type { Scenario } from '../format/schema';
import type { HiddenState } from '../types';
import { clamp } from './terms';
import { weight } from './weights';

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
 * The salary of a first offer from a band: a share of the band that grows with keenness. A
 * candidate who committed to accept on the spot gives up what negotiating typically gains (C3).
 */
export function offerFromBand(
  band: { min: number; max: number },
  keenness: number,
  committed: boolean,
): number {
  const span = band.max - band.min;
  const keen = band.min + span * (weight('openingShare') + weight('openingKeen') * keenness);
  const offer = committed ? keen * (1 - weight('negotiationGain') * weight('promiseDiscount')) : keen;
  return clampSalary(offer, band);
}

/** A sum of money in the band's currency, as the debrief writes it. */
export const money = (sum: number, currency: string): string =>
  `${currency} ${GROUPED.format(Math.round(sum))}`;

/** One formatter for every sum: `toLocaleString` builds a new one on each call. */
const GROUPED = new Intl.NumberFormat('en-GB');

/** The salary of a first offer from the lead decision-maker of a scenario (`offerFromBand`). */
export function openingOffer(
  scenario: Scenario,
  dmIndex: number,
  hidden: HiddenState,
  committed: boolean,
): number {
  return offerFromBand(scenario.decisionMakers[dmIndex]!.salary, hidden.keenness, committed);
}
