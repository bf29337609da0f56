#!/usr/bin/env node
// The `concord` command. The TypeScript sources are compiled to dist/ by `npm run build`
// (which `npm ci` runs through the root `prepare` script).
import { existsSync } from 'node:fs';

const entry = new URL('../dist/bin.js', import.meta.url);
if (!existsSync(entry)) {
  console.error(
    'concord: the CLI is not built yet. Run `npm run build` at the repository root, then try again.',
  );
  process.exit(2);
}
await import(entry.href);
