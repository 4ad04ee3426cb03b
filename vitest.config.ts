import { defineConfig } from 'vitest/config';

// CI asks for a JSON report too, to print one plain "N passed, N failed" line.
const report = process.env.VENDORWATCH_TEST_REPORT;

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx', 'test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // Integration tests start real servers and databases; two workers fit a 2-core machine.
    maxWorkers: 2,
    reporters: report ? ['default', ['json', { outputFile: report }]] : ['default'],
  },
});
