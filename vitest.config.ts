import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';

export default defineConfig({
  plugins: [WxtVitest()],
  test: {
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
    testTimeout: 30_000,
    hookTimeout: 120_000,
    // Browser suites start Chromium: run files one at a time on this 2-core machine.
    fileParallelism: false,
    // End-to-end waits poll the page: give a loaded 2-core CI machine time (default 1 s).
    expect: { poll: { timeout: 8_000, interval: 50 } },
  },
});
