import { defineConfig } from 'vitest/config';

// Two projects: ordinary tests run in parallel; anything that drives a pty or
// measures time runs in "serial" without file parallelism.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['test/**/*.test.ts'],
          exclude: ['test/serial/**'],
          testTimeout: 20_000,
        },
      },
      {
        test: {
          name: 'serial',
          include: ['test/serial/**/*.test.ts'],
          fileParallelism: false,
          testTimeout: 60_000,
        },
      },
    ],
  },
});
