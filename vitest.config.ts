import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.{ts,tsx}'],
    // koffi and real /proc readings want their own process; forks is vitest's default.
    pool: 'forks',
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
