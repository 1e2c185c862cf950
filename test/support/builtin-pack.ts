/** The built-in pack read from disk (lib/generated, npm run build:dict), as the background reads its own file. */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { builtinPackLoader } from '../../lib/background/policy/builtin-pack.ts';

export const BUILTIN_PACK_PATH = resolve(import.meta.dirname, '../../lib/generated/builtin-pack.json');

export const loadBuiltinPack = builtinPackLoader(async () => JSON.parse(await readFile(BUILTIN_PACK_PATH, 'utf8')));
