import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/e2e/**/*.test.ts'],
    environment: 'node',
    testTimeout: 300000,
    hookTimeout: 180000,
    fileParallelism: false,
  },
});
