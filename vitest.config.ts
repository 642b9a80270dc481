import { defineConfig } from 'vitest/config';

// Unit and integration tests under Node: real SQLite files, real HTTP on 127.0.0.1.
export default defineConfig({
  test: {
    include: ['test/unit/**/*.test.ts', 'test/integration/**/*.test.ts', 'test/journeys/**/*.test.ts'],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: 'forks',
  },
});
