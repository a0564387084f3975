import { defineConfig } from 'vitest/config';
import LongestFirst from './tests/e2e/sequencer';

export default defineConfig({
  test: {
    include: ['tests/e2e/**/*.test.ts'],
    environment: 'node',
    testTimeout: 300000,
    hookTimeout: 180000,
    // One build shared by every file; the files (each with its own browser and server on its own
    // port) run two at a time, which keeps both cores busy while a page waits on the other.
    globalSetup: ['tests/e2e/global-setup.ts'],
    fileParallelism: true,
    maxWorkers: 2,
    // Longest file first (a fresh clone has no durations cached: see the sequencer).
    sequence: { sequencer: LongestFirst },
    // Browser tests on a shared 2-core machine see rare timing flakes (a page slow to load);
    // a test that fails twice in a row is a real failure.
    retry: 1,
    // …and every test that needed its retry is listed at the end of the run.
    reporters: ['default', './tests/e2e/retry-reporter.ts'],
  },
});
