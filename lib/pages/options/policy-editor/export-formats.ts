/**
 * The files an administrator deploys, written from one policy object (the keys of
 * lib/schema/policy.ts). Pure: no browser API, so unit tests check every format.
 * Structures follow docs/admin.md: Chrome/Edge read `3rdparty → extensions → <id>`
 * (Linux JSON, Windows registry `…\3rdparty\extensions\<id>\policy`, macOS domain
 * `com.google.Chrome.extensions.<id>`); the Google Admin console takes each key as
 * `{ "Value": … }`; Firefox reads `policies → 3rdparty → Extensions → <id>`.
 */
import { POLICY_KEYS, type Policy } from '../../../schema/policy.ts';

export const EXPORT_FORMATS = ['chrome-linux', 'google-admin', 'windows-chrome', 'windows-edge', 'macos', 'firefox'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export interface ExportIds {
  /** Chrome / Edge extension id (32 letters a–p). */
  chrome: string;
  edge: string;
  /** Firefox add-on id (browser_specific_settings.gecko.id). */
  firefox: string;
}

export interface ExportFile {
  filename: string;
  mime: string;
  /** What the file holds, as text (the preview). */
  text: string;
  /** The bytes to save when they differ from UTF-8 text (.reg is UTF-16LE with a BOM). */
  bytes?: Uint8Array<ArrayBuffer>;
}

type Json = string | number | boolean | null | Json[] | { [k: string]: Json };

/**
 * The policy as managed storage carries it: keys in schema order, inline packs as
 * JSON text (Chrome's managed schema declares them as strings).
 */
export function managedValue(policy: Policy): Record<string, Json> {
  const out: Record<string, Json> = {};
  for (const k of POLICY_KEYS) {
    const v = policy[k];
    if (v === undefined) continue;
    out[k] = k === 'packs' ? (v as unknown[]).map((p) => (typeof p === 'string' ? p : JSON.stringify(p))) : (v as Json);
  }
  return out;
}

const json = (v: unknown) => JSON.stringify(v, null, 2) + '\n';

export function chromeLinuxJson(policy: Policy, ids: ExportIds): string {
  return json({ '3rdparty': { extensions: { [ids.chrome]: managedValue(policy) } } });
}

export function googleAdminJson(policy: Policy): string {
  return json(Object.fromEntries(Object.entries(managedValue(policy)).map(([k, v]) => [k, { Value: v }])));
}

export function firefoxPoliciesJson(policy: Policy, ids: ExportIds): string {
  return json({ policies: { '3rdparty': { Extensions: { [ids.firefox]: managedValue(policy) } } } });
}

// ---- Windows registry (.reg, "Windows Registry Editor Version 5.00") ----

const regString = (s: string) => `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
const dword = (n: number) => `dword:${(n >>> 0).toString(16).padStart(8, '0')}`;

/** A value as one registry line, or null when it needs a sub-key. */
function regScalar(v: Json): string | null {
  if (typeof v === 'boolean') return dword(v ? 1 : 0);
  if (typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= 0xffffffff) return dword(v);
  if (typeof v === 'number') return regString(String(v));
  // A quoted .reg string cannot hold a line break; hex(1) is the same REG_SZ written as its UTF-16LE bytes.
  if (typeof v === 'string') return /[\r\n]/.test(v) ? regSzBytes(v) : regString(v);
  return null;
}

/** `hex(1):` + the string's UTF-16LE bytes and the terminating NUL: a REG_SZ of any content. */
function regSzBytes(s: string): string {
  const bytes: string[] = [];
  for (const c of `${s}\0`) {
    const u = c.charCodeAt(0);
    bytes.push((u & 0xff).toString(16).padStart(2, '0'), (u >> 8).toString(16).padStart(2, '0'));
  }
  return `hex(1):${bytes.join(',')}`;
}

/**
 * Arrays are sub-keys with numbered values, objects are sub-keys (Chrome's registry policy
 * loader reads both). Chrome orders a key's names as strings ("10" before "2"), so the numbers
 * are zero-padded to one width: a list of twelve sites keeps its order.
 */
function regKey(path: string, value: Record<string, Json> | Json[], out: string[]): void {
  const width = Array.isArray(value) ? String(value.length).length : 0;
  const entries: [string, Json][] = Array.isArray(value) ? value.map((v, i) => [String(i + 1).padStart(width, '0'), v]) : Object.entries(value);
  const lines: string[] = [];
  const nested: [string, Record<string, Json> | Json[]][] = [];
  for (const [name, v] of entries) {
    if (v === null) continue;
    const line = regScalar(v);
    if (line !== null) lines.push(`${regString(name)}=${line}`);
    else nested.push([name, v as Record<string, Json> | Json[]]);
  }
  out.push(`[${path}]`, ...lines, '');
  for (const [name, v] of nested) regKey(`${path}\\${name}`, v, out);
}

export function windowsReg(policy: Policy, vendorPath: 'Google\\Chrome' | 'Microsoft\\Edge', id: string): string {
  const root = `HKEY_LOCAL_MACHINE\\Software\\Policies\\${vendorPath}\\3rdparty\\extensions\\${id}\\policy`;
  // Delete the key first, so a value removed from the policy does not linger on the machine.
  const out = ['Windows Registry Editor Version 5.00', '', `[-${root}]`, ''];
  regKey(root, managedValue(policy), out);
  return out.join('\r\n');
}

/** UTF-16LE with a byte-order mark: what regedit writes, and the only way accents survive import. */
export function utf16le(text: string): Uint8Array<ArrayBuffer> {
  const bytes = new Uint8Array(2 + text.length * 2);
  bytes[0] = 0xff;
  bytes[1] = 0xfe;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    bytes[2 + i * 2] = c & 0xff;
    bytes[3 + i * 2] = c >> 8;
  }
  return bytes;
}

// ---- macOS configuration profile (.mobileconfig) ----

const xml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function plistValue(v: Json, indent: string): string {
  if (v === null) return `${indent}<string></string>`;
  if (typeof v === 'boolean') return `${indent}<${v}/>`;
  if (typeof v === 'number') return Number.isInteger(v) ? `${indent}<integer>${v}</integer>` : `${indent}<real>${v}</real>`;
  if (typeof v === 'string') return `${indent}<string>${xml(v)}</string>`;
  if (Array.isArray(v)) return v.length ? `${indent}<array>\n${v.map((x) => plistValue(x, indent + '  ')).join('\n')}\n${indent}</array>` : `${indent}<array/>`;
  return `${indent}<dict>\n${plistEntries(v, indent + '  ')}\n${indent}</dict>`;
}

const plistEntries = (o: Record<string, Json>, indent: string) =>
  Object.entries(o).map(([k, v]) => `${indent}<key>${xml(k)}</key>\n${plistValue(v, indent)}`).join('\n');

/** `uuid` is injectable so tests are deterministic; profiles need a fresh UUID per payload. */
export function macMobileconfig(policy: Policy, ids: ExportIds, uuid: () => string = () => crypto.randomUUID()): string {
  const value = managedValue(policy);
  const payload = (domain: string, suffix: string): Record<string, Json> => ({
    PayloadType: domain,
    PayloadIdentifier: `crm-note-lint.policy.${suffix}`,
    PayloadUUID: uuid().toUpperCase(),
    PayloadVersion: 1,
    PayloadDisplayName: `CRM Note Lint (${suffix === 'chrome' ? 'Google Chrome' : 'Microsoft Edge'})`,
    ...value,
  });
  const profile: Record<string, Json> = {
    PayloadType: 'Configuration',
    PayloadIdentifier: 'crm-note-lint.policy',
    PayloadUUID: uuid().toUpperCase(),
    PayloadVersion: 1,
    PayloadDisplayName: 'CRM Note Lint policy',
    PayloadScope: 'System',
    PayloadContent: [
      payload(`com.google.Chrome.extensions.${ids.chrome}`, 'chrome'),
      payload(`com.microsoft.Edge.extensions.${ids.edge}`, 'edge'),
    ],
  };
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">',
    '<plist version="1.0">',
    plistValue(profile, ''),
    '</plist>',
    '',
  ].join('\n');
}

/** The file of one format, ready to download. */
export function exportFile(format: ExportFormat, policy: Policy, ids: ExportIds): ExportFile {
  switch (format) {
    case 'chrome-linux':
      return { filename: 'crm-note-lint.json', mime: 'application/json', text: chromeLinuxJson(policy, ids) };
    case 'google-admin':
      return { filename: 'crm-note-lint-admin-console.json', mime: 'application/json', text: googleAdminJson(policy) };
    case 'windows-chrome':
    case 'windows-edge': {
      const edge = format === 'windows-edge';
      const text = windowsReg(policy, edge ? 'Microsoft\\Edge' : 'Google\\Chrome', edge ? ids.edge : ids.chrome);
      return { filename: `crm-note-lint-${edge ? 'edge' : 'chrome'}.reg`, mime: 'text/plain', text, bytes: utf16le(text) };
    }
    case 'macos':
      return { filename: 'crm-note-lint.mobileconfig', mime: 'application/x-apple-aspen-config', text: macMobileconfig(policy, ids) };
    case 'firefox':
      return { filename: 'policies.json', mime: 'application/json', text: firefoxPoliciesJson(policy, ids) };
  }
}
