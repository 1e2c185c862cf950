#!/usr/bin/env node
// `npm start`: the main job. Until the extension demo lands, lint the sample notes.
import { spawnSync } from 'node:child_process';
const r = spawnSync(process.execPath, ['bin/crm-note-lint.mjs', 'check', 'demo/notes-sample.txt', '--fail-on', 'none'], { stdio: 'inherit' });
process.exit(r.status ?? 1);
