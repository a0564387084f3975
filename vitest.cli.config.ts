import { defineConfig } from 'vitest/config';

// Command-line round trips (validate, analyze) start a Node process each: they live in their own
// tier with room for a loaded machine, so the unit tier stays fast and in-process.
export default defineConfig({
  test: {
    include: ['tests/cli/**/*.test.ts'],
    environment: 'node',
    testTimeout: 180_000,
    // Two at a time on a 2-core machine (Vitest's default there is one).
    maxWorkers: 2,
  },
});
