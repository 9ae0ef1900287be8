import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Strapi in a forked worker passes its tests and then fails the run with EPIPE: use threads.
    pool: 'threads',
    maxWorkers: 2,
    globalSetup: ['test/setup/global.ts'],
    testTimeout: 60_000,
    hookTimeout: 180_000,
    teardownTimeout: 60_000,
    env: { STRAPI_LOG_LEVEL: process.env.STRAPI_LOG_LEVEL ?? 'error', STRAPI_TELEMETRY_DISABLED: 'true' },
  },
});
