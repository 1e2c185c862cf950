/**
 * The organisation's policy: ONE schema (zod) for every way a policy arrives —
 * Chrome/Edge managed storage, Firefox `policies.json` (3rdparty), a policy file
 * imported in the options page — plus the signed remote-pack envelope.
 *
 * `managedStorageSchema()` derives the Chrome managed-storage JSON schema
 * (public/managed_schema.json, referenced by manifest `storage.managed_schema`)
 * from the same list of keys; test/policy/managed-schema.test.ts keeps both in sync.
 * Every key is documented in docs/admin.md.
 */
import { z } from 'zod';
import { CATEGORY_IDS, LOCALES, SEVERITIES } from '../categories.ts';
import { compiledPackSchema, type CompiledPack } from './dictionary.ts';

export const MODES = ['suggest', 'warn', 'block'] as const;
export const modeSchema = z.enum(MODES);
const severity = z.enum(SEVERITIES as ['suggestion', 'warning', 'error']);
const locale = z.enum(LOCALES as ['fr', 'en']);
const category = z.enum(CATEGORY_IDS);

/** Rule ids (`fr.diet.menu-hallal`), category ids (`diet`) or detector ids (`identifier.iban`). */
const ruleKey = z.string().trim().min(1).max(120).regex(/^[a-z0-9][a-z0-9._-]*$/, 'must be a rule id ("fr.diet.menu-hallal") or a category id ("diet")');

/**
 * A match pattern (Chrome's syntax): `<all_urls>`, `*://*.example.com/*`,
 * `https://crm.example.com/notes/*`; a bare host (`crm.example.com`,
 * `*.example.com`) is accepted and means "any scheme, any path".
 */
export const MATCH_PATTERN = /^(?:<all_urls>|(?:(\*|https?|file):\/\/)?(\*|\*\.[^/*:\s]+|[^/*:\s]+)(?::\d+)?(\/.*)?)$/;
const matchPattern = z.string().trim().min(1).max(300).regex(MATCH_PATTERN, 'must be a match pattern like "https://*.example.com/*" or a host like "crm.example.com"');

/** Public key for remote-pack signatures: ECDSA P-256, base64 SPKI (DER), or the same in PEM. */
export const publicKeyText = z.string().trim().min(1).max(2000).refine((s) => {
  const b64 = stripPem(s);
  return /^[A-Za-z0-9+/]+={0,2}$/.test(b64) && b64.length >= 80 && b64.length <= 200;
}, 'must be an ECDSA P-256 public key: base64 SPKI (as written by `crm-note-lint dict keygen`), or its PEM form');

export function stripPem(s: string): string {
  return s.replace(/-----(BEGIN|END) PUBLIC KEY-----/g, '').replace(/\s+/g, '');
}

/**
 * A pack inline in the policy: the compiled pack object, or its JSON text
 * (Chrome's managed-storage schema cannot describe the pack's tuples, so the
 * managed schema declares strings; a policy file may use either).
 */
export const inlinePackSchema = z.unknown().transform((v, ctx): CompiledPack => {
  let raw = v;
  if (typeof v === 'string') {
    try {
      raw = JSON.parse(v);
    } catch (e) {
      ctx.addIssue({ code: 'custom', message: `is not valid JSON (${(e as Error).message})` });
      return z.NEVER;
    }
  }
  const r = compiledPackSchema.safeParse(raw);
  if (!r.success) {
    for (const i of r.error.issues) ctx.addIssue({ code: 'custom', message: i.message, path: i.path as (string | number)[] });
    return z.NEVER;
  }
  return r.data;
});

export const extraTermSchema = z.object({
  /** The wording to flag, as written (case and accents are folded; a simple plural is added). */
  term: z.string().trim().min(1).max(120),
  category,
  severity: severity.optional(),
  /** Neutral rewrite; omitted or "" offers removal. */
  suggestion: z.string().trim().max(120).optional(),
  message: z.string().trim().min(1).max(240).optional(),
  locale,
}).strict();

export const sitesSchema = z.object({
  /** When non-empty, lint only pages matching one of these. */
  allow: z.array(matchPattern).max(500).optional(),
  /** Never lint pages matching one of these (wins over `allow`). */
  deny: z.array(matchPattern).max(500).optional(),
  /** Extra CSS selectors of notes fields, per match pattern. */
  selectors: z.record(matchPattern, z.array(z.string().trim().min(1).max(500)).max(50)).optional(),
}).strict();

/** Compliance reporting (validated here, implemented by the stats service). */
export const reportingSchema = z.object({
  endpoint: z.string().trim().url().regex(/^https:\/\/|^http:\/\/(127\.0\.0\.1|localhost)(:\d+)?\//, 'must be an https:// URL').optional(),
  intervalMinutes: z.number().int().min(15).max(60 * 24 * 31).optional(),
  /** Counts below this are not sent (k-anonymity). */
  minCount: z.number().int().min(1).max(1000).optional(),
  teamLabel: z.string().trim().min(1).max(80).optional(),
  /** The collector's ingest token, sent as `Authorization: Bearer …` (crm-note-lint serve: CRM_NOTE_LINT_INGEST_TOKEN). */
  token: z.string().trim().regex(/^[A-Za-z0-9._~+/=-]{8,256}$/, 'must be 8 to 256 token characters (letters, digits, . _ ~ + / = -)').optional(),
}).strict();

const packUrl = z.string().trim().url().regex(/^https:\/\/|^http:\/\/(127\.0\.0\.1|localhost|\[::1\])(:\d+)?\//, 'must be an https:// URL (http only for 127.0.0.1/localhost)');

export const policySchema = z.object({
  /** suggest (default): underline only; warn: dialog before save; block: no save with unresolved errors. */
  mode: modeSchema.optional(),
  /** Languages of the notes; one locale skips detection. */
  locales: z.array(locale).min(1).optional(),
  /** Compiled packs inline (objects or JSON text), highest precedence. */
  packs: z.array(inlinePackSchema).max(20).optional(),
  /** Signed remote pack (see docs/admin.md "Signed packs"). Needs `packPublicKey`. */
  packUrl: packUrl.optional(),
  packPublicKey: publicKeyText.optional(),
  disabledRules: z.array(ruleKey).max(1000).optional(),
  severityOverrides: z.record(ruleKey, severity).optional(),
  extraTerms: z.array(extraTermSchema).max(2000).optional(),
  sites: sitesSchema.optional(),
  /** May a rep pause a site or ignore a finding? (default true) */
  allowUserOverrides: z.boolean().optional(),
  /** Block mode: may the rep save after choosing a justification category? (default false) */
  allowJustification: z.boolean().optional(),
  /** Mark sensitive form fields next to their label (default false). */
  markSensitiveFields: z.boolean().optional(),
  reporting: reportingSchema.optional(),
  /**
   * The top-level keys this policy sets. Chromium drops a key whose value does not
   * fit managed_schema.json before the extension sees it; a listed key that did not
   * arrive is named in the options page (lib/background/policy/dropped-keys.ts).
   */
  policyKeys: z.array(z.string().trim().min(1).max(40)).max(40).optional(),
}).strict().superRefine((p, ctx) => {
  if (p.packUrl && !p.packPublicKey) ctx.addIssue({ code: 'custom', path: ['packPublicKey'], message: 'is required with packUrl (remote packs are always signed)' });
  if (p.packPublicKey && !p.packUrl) ctx.addIssue({ code: 'custom', path: ['packUrl'], message: 'is required with packPublicKey' });
  p.policyKeys?.forEach((k, i) => {
    if (!(POLICY_KEY_NAMES as readonly string[]).includes(k)) ctx.addIssue({ code: 'custom', path: ['policyKeys', i], message: `"${k}" is not a policy key` });
  });
});

/** Every top-level key, spelled out for policyKeys' check (the schema cannot name its own shape while it is built). */
const POLICY_KEY_NAMES = [
  'mode', 'locales', 'packs', 'packUrl', 'packPublicKey', 'disabledRules', 'severityOverrides', 'extraTerms', 'sites',
  'allowUserOverrides', 'allowJustification', 'markSensitiveFields', 'reporting', 'policyKeys',
] as const;

export type Policy = z.infer<typeof policySchema>;
export type ExtraTerm = z.infer<typeof extraTermSchema>;
export type PolicyKey = keyof Policy;
export const POLICY_KEYS = Object.keys(policySchema.shape) as PolicyKey[];

// ---- signed pack envelope (remote packs, `crm-note-lint dict sign`) ----

export const ENVELOPE_FORMAT = 'crm-note-lint/signed-pack';
/** Domain separation: the bytes signed are this prefix followed by the `payload` string (ASCII). */
export const SIGNATURE_CONTEXT = 'crm-note-lint signed pack v1\n';

export const envelopeSchema = z.object({
  format: z.literal(ENVELOPE_FORMAT, { error: `"format" must be "${ENVELOPE_FORMAT}"` }),
  version: z.literal(1, { error: 'unsupported envelope version (this extension reads version 1)' }),
  alg: z.literal('ES256', { error: '"alg" must be "ES256" (ECDSA P-256 with SHA-256)' }),
  /** First 16 hex digits of SHA-256(SPKI) of the signing key: helps find the wrong key. */
  keyId: z.string().regex(/^[0-9a-f]{16}$/).optional(),
  /** base64 of the UTF-8 JSON of a SignedPayload. */
  payload: z.string().min(1).regex(/^[A-Za-z0-9+/]+={0,2}$/, 'is not base64'),
  /** base64 of the 64-byte IEEE P1363 (r‖s) ECDSA signature. */
  signature: z.string({ error: 'missing "signature"' }).min(1, 'missing "signature"').regex(/^[A-Za-z0-9+/]+={0,2}$/, 'is not base64'),
}).strict();

export const signedPayloadSchema = z.object({
  pack: compiledPackSchema,
  /** ISO date the pack was signed. */
  issuedAt: z.iso.datetime(),
  /** ISO date after which the pack is refused (optional). */
  expiresAt: z.iso.datetime().optional(),
}).strict();

export type Envelope = z.infer<typeof envelopeSchema>;
export type SignedPayload = z.infer<typeof signedPayloadSchema>;

// ---- Chrome managed-storage schema (draft-03 subset that Chrome accepts) ----

type JsonSchema = Record<string, unknown>;
const str = (description: string, extra: JsonSchema = {}): JsonSchema => ({ type: 'string', description, ...extra });
const arr = (description: string, items: JsonSchema): JsonSchema => ({ type: 'array', description, items });
const bool = (description: string): JsonSchema => ({ type: 'boolean', description });
const int = (description: string): JsonSchema => ({ type: 'integer', description });
const obj = (description: string, properties: Record<string, JsonSchema>, extra: JsonSchema = {}): JsonSchema =>
  ({ type: 'object', description, properties, ...extra });

/**
 * The managed-storage schema (public/managed_schema.json is this, serialized).
 * Chromium silently drops a key whose value fails it, so it only says what
 * Chromium must know to store a value (its JSON type): enum members and ranges
 * are left to the extension's own check (policySchema), which refuses the
 * policy as a whole and says why. `policyKeys` lets the extension tell when a
 * key was dropped for its type anyway.
 */
export function managedStorageSchema(): JsonSchema {
  const sev = str(`${SEVERITIES.join(' | ')} (checked by the extension)`);
  const properties: Record<PolicyKey, JsonSchema> = {
    mode: str(`${MODES.join(' | ')}: suggest (underline only, default), warn (dialog before save, "save anyway"), block (no save while an error finding is unresolved). Checked by the extension.`),
    locales: arr('Languages of the notes (fr, en). One locale skips language detection.', str(`${LOCALES.join(' | ')} (checked by the extension)`)),
    packs: arr('Compiled packs inline, each as its JSON text (output of `crm-note-lint dict build`). Highest precedence.', str('A compiled pack, JSON text')),
    packUrl: str('https:// URL of a signed pack (output of `crm-note-lint dict sign`), fetched on install and every 6 hours.'),
    packPublicKey: str('ECDSA P-256 public key (base64 SPKI from `crm-note-lint dict keygen`) that must have signed the pack at packUrl.'),
    disabledRules: arr('Rule ids (fr.diet.menu-hallal) or category ids (diet) switched off.', str('Rule or category id')),
    severityOverrides: obj('Severity per rule id or category id.', {}, { additionalProperties: sev }),
    extraTerms: arr('Organisation terms, compiled into a small pack.', obj('One term', {
      term: str('The wording to flag'),
      category: str(`Category id: ${CATEGORY_IDS.join(', ')} (checked by the extension)`),
      severity: sev,
      suggestion: str('Neutral rewrite ("" or omitted: offer removal)'),
      message: str('Why it is flagged'),
      locale: str(`${LOCALES.join(' | ')} (checked by the extension)`),
    })),
    sites: obj('Where linting runs.', {
      allow: arr('When set, lint only pages matching one of these match patterns.', str('Match pattern, e.g. https://*.my.salesforce.com/*')),
      deny: arr('Never lint pages matching these match patterns (wins over allow).', str('Match pattern')),
      selectors: obj('Extra CSS selectors of notes fields, per match pattern.', {}, { additionalProperties: arr('CSS selectors', str('CSS selector')) }),
    }),
    allowUserOverrides: bool('May a rep pause a site or ignore a finding? (default true)'),
    allowJustification: bool('Block mode: may the rep save after choosing a justification category? (default false)'),
    markSensitiveFields: bool('Mark sensitive form fields next to their label (default false).'),
    reporting: obj('Anonymous compliance counts.', {
      endpoint: str('https:// URL receiving the counts'),
      intervalMinutes: int('Minutes between reports, 15 to 44640 (checked by the extension)'),
      minCount: int('Counts below this are not sent, 1 to 1000 (checked by the extension)'),
      teamLabel: str('Team label sent with the counts'),
      token: str('Ingest token of the collector, sent as Authorization: Bearer'),
    }),
    policyKeys: arr('The top-level keys this policy sets: the extension names any the browser dropped for its type.', str('A policy key, e.g. mode')),
  };
  return { type: 'object', properties };
}
