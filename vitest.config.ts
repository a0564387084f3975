import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/unit/**/*.test.ts', 'tests/server/**/*.test.ts', 'src/**/*.test.ts'],
    environment: 'node',
    // fast-check from a fixed seed in the test tier (FC_SEED=random to explore): tests/support/runs.ts
    setupFiles: ['tests/support/runs.ts'],
    testTimeout: 30000,
    // Vitest's default on a 2-core machine is one worker (cores - 1); the main process only
    // collects results, so two workers keep both cores busy and halve the wall time.
    maxWorkers: 2,
  },
});
