/**
 * The built-in pack as the background reads it: its own file, validated once, a failed read
 * retried (a transient failure must not leave the extension without dictionaries for the session).
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { builtinPackLoader, builtinStamp, gunzippedJson, settledPacks } from '../../lib/background/policy/builtin-pack.ts';
import { packStamp } from '../../lib/prebuilt-index-file.ts';
import { compiledPackSchema } from '../../lib/schema/dictionary.ts';
import { BUILTIN_PACK_PATH, loadBuiltinPack } from '../support/builtin-pack.ts';

describe('built-in pack loader', () => {
  it('reads the compiled pack once and hands the same validated object to every caller', async () => {
    let reads = 0;
    const real = await loadBuiltinPack();
    const load = builtinPackLoader(async () => { reads++; return structuredClone(real); });
    const [a, b] = await Promise.all([load(), load()]);
    expect(a).toBe(b);
    expect(await load()).toBe(a);
    expect(reads).toBe(1);
    expect(a.rules.length).toBe(real.rules.length);
  });

  it('leaves the background as plain data once settled: Firefox clones a message without calling getters', async () => {
    const pack = await builtinPackLoader(async () => JSON.parse(readFileSync(BUILTIN_PACK_PATH, 'utf8')))();
    const accessors = (o: object) => Object.entries(Object.getOwnPropertyDescriptors(o)).filter(([, d]) => !('value' in d)).map(([k]) => k);
    // Lazy as read: a getter-blind clone (Firefox's) would drop these three.
    expect(accessors(pack).sort()).toEqual(['phrases', 'typos', 'unless']);
    expect(settledPacks([pack])[0]).toBe(pack);
    expect(accessors(pack)).toEqual([]);
    expect(pack.phrases.length).toBeGreaterThan(1000);
  });

  it('refuses a file that does not validate with a message naming it, and reads again next time', async () => {
    const real = await loadBuiltinPack();
    let reads = 0;
    const load = builtinPackLoader(async () => (++reads === 1 ? { rules: 'not a list' } : real));
    await expect(load()).rejects.toThrow(/builtin-pack\.json.*does not validate/);
    expect((await load()).id).toBe(real.id);
    expect(reads).toBe(2);
  });

  it('passes a failed read on (e.g. the file missing from a broken build) and retries it', async () => {
    let reads = 0;
    const load = builtinPackLoader(async () => { if (++reads === 1) throw new Error('HTTP 404'); return loadBuiltinPack(); });
    await expect(load()).rejects.toThrow('HTTP 404');
    await expect(load()).resolves.toBeTruthy();
  });
});

describe('the gzipped file the extension ships', () => {
  it('needs no schema pass at load: the file dict build wrote, expanded, is exactly what the schema would give back', async () => {
    const raw = JSON.parse(readFileSync(BUILTIN_PACK_PATH, 'utf8'));
    expect(await loadBuiltinPack()).toEqual(compiledPackSchema.parse(raw));
  });

  it('refuses a broken compact encoding with the place the schema would name (its phrases when first read)', async () => {
    const raw = JSON.parse(readFileSync(BUILTIN_PACK_PATH, 'utf8'));
    expect(raw.phrases.width).toBeGreaterThan(1);
    raw.phrases.codes = raw.phrases.codes.slice(0, -raw.phrases.width); // one code fewer than keys
    const pack = await builtinPackLoader(async () => raw)();
    expect(() => pack.phrases).toThrow(/builtin-pack\.json\.gz\) does not validate: .*codes/);
    raw.phrases.codes = raw.phrases.codes.slice(0, -1); // not a whole number of codes: refused at once
    await expect(builtinPackLoader(async () => raw)()).rejects.toThrow(/builtin-pack\.json\.gz\) does not validate: phrases\.codes/);
  });

  it('knows the counts of its phrases and cancels without expanding them (the prebuilt index files are checked against them)', async () => {
    const raw = JSON.parse(readFileSync(BUILTIN_PACK_PATH, 'utf8'));
    const pack = await builtinPackLoader(async () => raw)();
    const stamp = builtinStamp(pack);
    expect(Object.getOwnPropertyDescriptor(pack, 'phrases')!.get).toBeTypeOf('function'); // still to be expanded
    expect(stamp).toEqual(packStamp(await loadBuiltinPack()));
  });

  it('decodes to the very pack the dictionaries compile to', async () => {
    const raw = readFileSync(BUILTIN_PACK_PATH);
    expect(await gunzippedJson(new Response(gzipSync(raw)))).toEqual(JSON.parse(raw.toString('utf8')));
  });

  it('also reads the bytes already decoded on the way (Firefox serves a .gz file with Content-Encoding gzip)', async () => {
    const raw = readFileSync(BUILTIN_PACK_PATH);
    expect(await gunzippedJson(new Response(raw))).toEqual(JSON.parse(raw.toString('utf8')));
  });

  it('says which file and status when the file cannot be read', async () => {
    await expect(gunzippedJson(new Response('', { status: 404 }))).rejects.toThrow('builtin-pack.json.gz: HTTP 404');
  });
});
