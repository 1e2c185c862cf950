/**
 * The built-in pack ships as its own gzipped file next to the manifest (builtin-pack.json.gz,
 * written by wxt.config.ts), not inlined in background.js: Firefox's add-on linter refuses to
 * parse a script (or JSON file) over 5 MB, the pack is several times smaller on disk, and
 * JSON.parse of a file is faster than evaluating the same object as a script literal.
 * Not validated again here: `dict build` validates every pack it writes (lib/compiler/compile.ts)
 * and the file travels inside the signed extension, while the full schema check costs more than
 * the parse itself at every background start (jitless zod, 5 MB). Only its shape is checked, so
 * a stale or broken build fails with a clear message. Read once; a failed read is retried.
 * The phrases, cancels and typo lists are expanded when first read (readPack).
 */
import { COMPILED_FORMATS, type CompiledPack } from '../../schema/dictionary.ts';
import { decodePack, isCompactPack } from '../../schema/pack-encoding.ts';
import { packStamp, type PackStamp } from '../../prebuilt-index-file.ts';

/** Its path in the built extension (wxt.config.ts gzips lib/generated/builtin-pack.json there). */
export const BUILTIN_PACK_FILE = 'builtin-pack.json.gz';

/** Where the pack's JSON comes from: the extension's own file in the browser, the disk in tests. */
export type BuiltinPackSource = () => Promise<unknown>;

/**
 * The JSON of the pack file's response. Firefox decodes a `.gz` extension file itself on the way
 * (it serves it with Content-Encoding gzip), Chrome hands the bytes over as they are: the gzip
 * magic number says which (DecompressionStream: Chrome 80+, Firefox 113+, Node 18+).
 */
export async function gunzippedJson(res: Response): Promise<unknown> {
  if (!res.ok) throw new Error(`${BUILTIN_PACK_FILE}: HTTP ${res.status}`);
  const bytes = new Uint8Array(await res.arrayBuffer());
  const gzipped = bytes[0] === 0x1f && bytes[1] === 0x8b;
  const text = gzipped
    ? await new Response(new Response(bytes).body!.pipeThrough(new DecompressionStream('gzip'))).text()
    : new TextDecoder().decode(bytes);
  return JSON.parse(text);
}

export function builtinPackLoader(source: BuiltinPackSource): () => Promise<CompiledPack> {
  let loaded: Promise<CompiledPack> | undefined;
  return () => (loaded ??= source().then(readPack).catch((e: unknown) => {
    loaded = undefined;
    throw e instanceof Error ? e : new Error(String(e));
  }));
}

/** The counts a compact pack's phrases and cancels hold, read off their code strings (no decoding). */
const stamps = new WeakMap<CompiledPack, PackStamp>();

/** The stamp of the built-in pack (lib/prebuilt-index-file.ts), known without expanding its phrases. */
export const builtinStamp = (pack: CompiledPack): PackStamp => stamps.get(pack) ?? packStamp(pack);

const EXPANDED = ['phrases', 'unless', 'typos'] as const;

/**
 * The pack in memory: dict build writes the compact encoding (format 3), expanded here as the
 * schema would. Its phrases, cancels and typo lists are expanded on first read only: a tab gets
 * the prebuilt index instead (pack-delivery.ts), so a worker woken by a tab's request answers
 * without the decoding (the longest step of a start after the parse).
 */
function readPack(json: unknown): CompiledPack {
  const refused = (why: string) => new Error(`the built-in pack (${BUILTIN_PACK_FILE}) does not validate: ${why}`);
  const problem = shapeProblem(json);
  if (problem) throw refused(problem);
  if (!isCompactPack(json)) {
    if (!Array.isArray((json as { phrases?: unknown }).phrases)) throw refused('phrases are neither a list nor the compact encoding');
    return json as unknown as CompiledPack;
  }
  const count = (member: unknown, what: string): number => {
    const m = member as { codes?: unknown; width?: unknown } | null;
    const width = Number(m?.width);
    if (typeof m?.codes !== 'string' || !(width >= 1) || m.codes.length % width) throw refused(`${what}.codes must hold codes of ${String(m?.width)} base-62 digits`);
    return m.codes.length / width;
  };
  const stamp: PackStamp = {
    id: json.id as string, version: String(json.version), rules: (json.rules as unknown[]).length,
    phrases: count(json.phrases, 'phrases'), unless: count(json.unless, 'unless'),
  };
  const pack: Record<string, unknown> = {};
  let expanded: Record<string, unknown> | undefined;
  const expand = () => {
    try {
      return (expanded ??= decodePack(json));
    } catch (e) {
      throw refused((e as Error).message);
    }
  };
  for (const key of Object.keys(json)) {
    if (!(EXPANDED as readonly string[]).includes(key)) {
      pack[key] = json[key];
      continue;
    }
    Object.defineProperty(pack, key, {
      enumerable: true, configurable: true,
      get() {
        const value = expand()[key];
        Object.defineProperty(pack, key, { value, enumerable: true, configurable: true, writable: true });
        return value;
      },
      set(value: unknown) {
        Object.defineProperty(pack, key, { value, enumerable: true, configurable: true, writable: true });
      },
    });
  }
  stamps.set(pack as unknown as CompiledPack, stamp);
  return pack as unknown as CompiledPack;
}

/**
 * `packs` with their lazy members expanded into plain data, for a message that carries them out
 * of the background whole (the options page's state, a tab that asked for every phrase).
 * Firefox clones a message without calling getters: a pack still lazy arrives without phrases.
 */
export function settledPacks<T extends readonly CompiledPack[]>(packs: T): T {
  for (const pack of packs) for (const key of EXPANDED) void pack[key];
  return packs;
}

/** What makes `json` no compiled pack this version reads, or null: the checks that cost nothing. */
function shapeProblem(json: unknown): string | null {
  if (typeof json !== 'object' || json === null) return 'not an object';
  const p = json as Record<string, unknown>;
  if (!(COMPILED_FORMATS as readonly unknown[]).includes(p.format)) return `unknown compiled pack format ${String(p.format)} (rebuild: npm run build)`;
  if (typeof p.id !== 'string' || !Array.isArray(p.rules) || typeof p.phrases !== 'object' || p.phrases === null) return 'id, rules or phrases missing';
  return null;
}
