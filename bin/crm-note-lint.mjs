#!/usr/bin/env node
// Runs the compiled CLI from dist/ (the package ships it built; in a checkout,
// `npm install` builds it and `npm run build:lib` rebuilds it).
import { existsSync } from 'node:fs';

const entry = new URL('../dist/cli.js', import.meta.url);
if (!existsSync(entry)) {
  process.stderr.write('crm-note-lint: dist/cli.js is missing; run `npm run build:lib` in this checkout\nexit 2: not built\n');
  process.exit(2);
}
const { main } = await import(entry.href);
process.exitCode = await main(process.argv.slice(2));
