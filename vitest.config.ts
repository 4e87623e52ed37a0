import { defineConfig } from 'vitest/config';

// Engine tests spawn real Python processes; they are slow-ish and must not fight for the 2 cores.
export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    fileParallelism: false,
    reporters: ['default'],
  },
});
