/**
 * How many cases a property test generates, and from which seed.
 *
 * The test tier is a gate every commit must pass, so it runs from a fixed seed: a failure is a
 * real defect that reproduces, never a coin toss on the CI machine. Exploration is a separate,
 * deliberate run with fresh seeds and more cases:
 *
 *   FC_SEED=random FC_SCALE=20 npx vitest run tests/unit/engine   (or FC_SEED=<n> to replay one)
 *
 * fast-check prints the seed and the shrunk counterexample of any failure.
 */
import fc from 'fast-check';

/** The seed of the test tier (any fixed number; changed only on purpose). */
const TIER_SEED = 20261130;

const seedEnv = process.env.FC_SEED;
const seed = seedEnv === 'random' ? undefined : seedEnv ? Number(seedEnv) : TIER_SEED;
if (seed !== undefined && !Number.isInteger(seed))
  throw new Error(`FC_SEED must be an integer or "random", not "${seedEnv}"`);
const scale = Number(process.env.FC_SCALE ?? 1);
if (!(scale > 0)) throw new Error(`FC_SCALE must be a positive number, not "${process.env.FC_SCALE}"`);

fc.configureGlobal(seed === undefined ? {} : { seed });

/** fast-check parameters for `n` cases (times FC_SCALE). */
export const runs = (n: number): { numRuns: number } => ({ numRuns: Math.max(1, Math.round(n * scale)) });
