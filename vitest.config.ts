import { defineConfig } from 'vitest/config';

// Tests run from TypeScript sources: every workspace package exports a `source` condition that points
// at src/, so no build is needed between an edit and a test run.
export default defineConfig({
  resolve: { conditions: ['source'] },
  ssr: { resolve: { conditions: ['source'] } },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['{core,cli,hardware-db,plugins/*,presets/*,converters/*}/src/**/*.test.ts', 'examples/**/*.test.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['tests/**/*.test.ts'],
          testTimeout: 120_000,
        },
      },
    ],
    testTimeout: 30_000,
    pool: 'forks',
  },
});
