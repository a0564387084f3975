/**
 * fast-check arbitraries for the decision-maker model's property tests: generated situations,
 * kinds and hidden states for the fixture (`fixture.ts`), and close compositions. Shared by the
 * model and honesty properties so both are checked over the same space.
 */
import fc from 'fast-check';
import { type CloseSpec, KIND_TRAITS } from '../../src/engine';
import type { FixtureOptions } from './fixture';

export const KINDS = Object.keys(KIND_TRAITS) as (keyof typeof KIND_TRAITS)[];

/** A 0–1 state or trait away from the extremes. */
export const unit = fc.double({ min: 0.05, max: 0.95, noNaN: true });

/** A situation, a kind and a starting state, including a bluff's exposure chance. */
export const fixtureOptions: fc.Arbitrary<FixtureOptions> = fc.record({
  kind: fc.constantFrom(...KINDS),
  commercial: unit,
  stage: fc.constantFrom('first-round', 'second-round', 'final' as const),
  candidatesSeen: fc.integer({ min: 0, max: 40 }),
  candidatesRemaining: fc.integer({ min: 0, max: 30 }),
  vacancies: fc.integer({ min: 1, max: 20 }),
  exposeChance: fc.double({ min: 0.001, max: 1, noNaN: true }),
  initial: fc.record({
    keenness: unit,
    doubt: unit,
    irritation: fc.double({ min: 0, max: 0.5, noNaN: true }),
    rapport: unit,
    believesOptions: unit,
  }),
});

/** Any close the fixture offers: every form, delivery, set of points, leverage and commitment. */
export const closeSpec: fc.Arbitrary<CloseSpec> = fc.record({
  form: fc.constantFrom(
    'statement-of-intent',
    'outright-ask',
    'next-stage',
    'shortlist',
    'tentative' as const,
  ),
  delivery: fc.constantFrom('firm', 'tentative', 'pushy', 'desperate' as const),
  points: fc.subarray(['why', 'reason']),
  leverage: fc.constantFrom(null, 'offer', 'bluff'),
  commit: fc.boolean(),
});

/** Factors that gate a chance: only these may take it outside 3–97%. */
export const GATE_FACTORS: readonly string[] = ['authority', 'stage', 'pool', 'door', 'ceiling', 'rescind'];

/** A number in [min, max]. */
export const within = (min: number, max: number): fc.Arbitrary<number> =>
  fc.double({ min, max, noNaN: true });

/** How far a generated trait may stray from its kind's default (a scenario's plausible override). */
export const TRAIT_SPREAD = 0.15;

/**
 * A kind of decision-maker and its four traits, each within `TRAIT_SPREAD` of the kind's default
 * (kept inside 0.02–1), optionally filtered by a premise on the traits.
 */
export function persona(
  kinds: readonly (keyof typeof KIND_TRAITS)[] = KINDS,
  keep: (t: (typeof KIND_TRAITS)[keyof typeof KIND_TRAITS]) => boolean = () => true,
): fc.Arbitrary<Required<Pick<FixtureOptions, 'kind' | 'traits'>>> {
  return fc
    .constantFrom(...kinds)
    .chain((kind) => {
      const d = KIND_TRAITS[kind];
      const around = (x: number) => within(Math.max(0.02, x - TRAIT_SPREAD), Math.min(1, x + TRAIT_SPREAD));
      return fc
        .record({
          attunement: around(d.attunement),
          processOrientation: around(d.processOrientation),
          patience: around(d.patience),
          authority: around(d.authority),
        })
        .map((traits) => ({ kind, traits }));
    })
    .filter((p) => keep(p.traits as (typeof KIND_TRAITS)[keyof typeof KIND_TRAITS]));
}
