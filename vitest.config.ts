import { defineConfig } from 'vitest/config';
import { fileURLToPath } from 'node:url';

const src = (p: string) => fileURLToPath(new URL(p, import.meta.url));

// Tests import workspace packages by their public names; here those names resolve to
// the TypeScript sources so `npm test` needs no prior build.
export default defineConfig({
  resolve: {
    alias: [
      { find: /^@concord\/core$/, replacement: src('./packages/core/src/index.ts') },
      { find: /^@concord\/core\/(.*)$/, replacement: src('./packages/core/src/$1/index.ts') },
      { find: /^@concord\/server$/, replacement: src('./packages/server/src/index.ts') },
      { find: /^@concord\/cli$/, replacement: src('./packages/cli/src/index.ts') },
    ],
  },
  test: {
    globals: true,
    environment: 'node',
    include: ['packages/*/src/**/*.test.{ts,tsx}', 'e2e/**/*.test.ts', 'bench/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    allowOnly: !process.env.CI,
    pool: 'forks',
  },
});
