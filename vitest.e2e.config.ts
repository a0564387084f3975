import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/e2e/**/*.test.ts'],
    environment: 'node',
    testTimeout: 300000,
    hookTimeout: 180000,
    fileParallelism: false,
    // Browser tests on a shared 2-core machine see rare timing flakes (a page slow to load);
    // a test that fails twice in a row is a real failure.
    retry: 1,
    // …and every test that needed its retry is listed at the end of the run.
    reporters: ['default', './tests/e2e/retry-reporter.ts'],
  },
});
