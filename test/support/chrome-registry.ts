/**
 * Reads a .reg file the way Chrome's Windows policy loader reads the registry it writes
 * (Chromium components/policy/core/common/registry_dict.cc, read for this test, not
 * copied): names ordered case-insensitively as strings, REG_SZ and REG_DWORD only, a
 * list from the numbered sub-keys then the numbered values, booleans and integers
 * converted from DWORDs or numeric strings, objects and lists also from a JSON REG_SZ,
 * and a value that cannot be converted dropped. There is no Windows machine in CI:
 * this is the check that an exported .reg file means the policy it was made from.
 */
type Scalar = string | number;
interface RegKey {
  values: Map<string, Scalar>;
  keys: Map<string, RegKey>;
}
interface JsonSchema {
  type?: string;
  properties?: Record<string, JsonSchema>;
  additionalProperties?: JsonSchema;
  items?: JsonSchema;
}

const newKey = (): RegKey => ({ values: new Map(), keys: new Map() });

function unquote(s: string): string {
  if (!s.startsWith('"') || !s.endsWith('"')) throw new Error(`not a quoted .reg string: ${s}`);
  return s.slice(1, -1).replace(/\\(.)/g, '$1');
}

function parseData(data: string): Scalar {
  if (data.startsWith('"')) return unquote(data);
  const dword = /^dword:([0-9a-f]{8})$/.exec(data);
  if (dword) return parseInt(dword[1]!, 16) | 0;
  const sz = /^hex\(1\):((?:[0-9a-f]{2},?)*)$/.exec(data);
  if (sz) {
    const b = sz[1]!.split(',').filter(Boolean).map((h) => parseInt(h, 16));
    let s = '';
    for (let i = 0; i + 1 < b.length; i += 2) s += String.fromCharCode(b[i]! | (b[i + 1]! << 8));
    return s.replace(/\0$/, '');
  }
  throw new Error(`unsupported .reg data: ${data}`);
}

/** The key at `root` of a .reg file, with everything under it. */
export function readReg(text: string, root: string): RegKey {
  const tree = newKey();
  let current: RegKey | null = null;
  for (const raw of text.replace(/^\ufeff/, '').split(/\r\n/)) {
    const line = raw.trim();
    if (!line || line.startsWith('Windows Registry Editor')) continue;
    const section = /^\[(-?)(.*)\]$/.exec(line);
    if (section) {
      if (section[1]) {
        current = null; // a deletion: the key starts empty
        continue;
      }
      const path = section[2]!;
      if (path !== root && !path.startsWith(`${root}\\`)) throw new Error(`key outside the policy root: ${path}`);
      current = tree;
      for (const part of path.slice(root.length).split('\\').filter(Boolean)) {
        if (!current.keys.has(part)) current.keys.set(part, newKey());
        current = current.keys.get(part)!;
      }
      continue;
    }
    const m = /^("(?:[^"\\]|\\.)*")=(.*)$/.exec(line);
    if (!m || !current) throw new Error(`unexpected .reg line: ${line}`);
    current.values.set(unquote(m[1]!), parseData(m[2]!));
  }
  return tree;
}

const byName = <T>(m: Map<string, T>): [string, T][] => [...m].sort(([a], [b]) => (a.toLowerCase() < b.toLowerCase() ? -1 : a.toLowerCase() > b.toLowerCase() ? 1 : 0));
const numeric = (s: string) => /^[+-]?\d+$/.test(s);

function convertValue(v: Scalar, schema: JsonSchema | undefined): unknown {
  if (!schema?.type) return v;
  const t = schema.type;
  if (t === 'string') return typeof v === 'string' ? v : undefined;
  if (t === 'integer') return typeof v === 'number' ? v : numeric(v) ? parseInt(v, 10) : undefined;
  if (t === 'number') return typeof v === 'number' ? v : Number.isFinite(Number(v)) && v.trim() ? Number(v) : undefined;
  if (t === 'boolean') return typeof v === 'number' ? v !== 0 : numeric(v) ? parseInt(v, 10) !== 0 : undefined;
  if ((t === 'object' || t === 'array') && typeof v === 'string') {
    try {
      const parsed = JSON.parse(v);
      return (t === 'array') === Array.isArray(parsed) && typeof parsed === 'object' && parsed !== null ? parsed : undefined;
    } catch {
      return undefined;
    }
  }
  return undefined;
}

const propertySchema = (schema: JsonSchema | undefined, name: string) => schema?.properties?.[name] ?? schema?.additionalProperties;

/** The key as the JSON value Chrome hands to storage.managed, by the extension's schema. */
export function registryToJson(key: RegKey, schema: JsonSchema | undefined): unknown {
  if (schema?.type === 'array') {
    const out: unknown[] = [];
    for (const [name, sub] of byName(key.keys)) if (numeric(name)) out.push(registryToJson(sub, schema.items));
    for (const [name, v] of byName(key.values)) {
      if (!numeric(name)) continue;
      const c = convertValue(v, schema.items);
      if (c !== undefined) out.push(c);
    }
    return out;
  }
  const out: Record<string, unknown> = {};
  for (const [name, v] of byName(key.values)) {
    const c = convertValue(v, propertySchema(schema, name));
    if (c !== undefined) out[name] = c;
  }
  for (const [name, sub] of byName(key.keys)) out[name] = registryToJson(sub, propertySchema(schema, name));
  return out;
}
