/**
 * Anonymization profiles (`crm-note-lint anonymize --profile P.yaml`): for each
 * column of the export, `drop`, `keep`, or a substitution that writes a new
 * column. Validated with zod so every mistake names its key
 * (`columns.revenus.width: …`). The format is documented in docs/anonymize.md.
 */
import { z } from 'zod';

const outName = z.string({ error: (iss) => (iss.input === undefined ? 'is required (the name of the output column)' : 'must be a string') }).trim().min(1, 'must not be empty').max(128, 'is longer than 128 characters');

const drop = z.object({ action: z.literal('drop'), reason: z.string().optional() }).strict();
const keep = z.object({ action: z.literal('keep'), as: outName.optional() }).strict();
const year = z.object({
  action: z.literal('year'),
  as: outName,
  /** Years per class: 1 (default) gives "1985", 5 gives "1985-1989". */
  width: z.number().int().min(1).max(100).default(1),
}).strict();
const band = z.object({
  action: z.literal('band'),
  as: outName,
  /** Width of a band in the column's unit (20000 for 20 k€). */
  width: z.number().positive('must be a positive number'),
  /** Where bands start (default 0): bands are [origin + i·width, origin + (i+1)·width). */
  origin: z.number().default(0),
  /** Label template: {min}, {max} (exclusive upper bound), {last} (max − step) after dividing by `divide`. */
  label: z.string().min(1).default('{min}-{max}'),
  divide: z.number().positive().default(1),
}).strict();
const boolean = z.object({
  action: z.literal('boolean'),
  as: outName,
  /** Written when the count is > 0. */
  yes: z.string().default('oui'),
  /** Written when the count is 0. */
  no: z.string().default('non'),
}).strict();
const postalCode = z.object({
  action: z.literal('postal_code'),
  as: outName,
  /** 5: the postal code; 2: the département ("75"); 3: "751" (DOM: "971"). */
  digits: z.union([z.literal(2), z.literal(3), z.literal(5)]).default(5),
}).strict();
const randomIndex = z.object({
  action: z.literal('random_index'),
  as: outName,
}).strict();
const pseudonym = z.object({
  action: z.literal('pseudonym'),
  as: outName,
  /** Hex characters of the HMAC-SHA256 kept (16 = 64 bits). */
  length: z.number().int().min(8).max(64).default(16),
  prefix: z.string().max(16).default(''),
  /** How the value is normalised before hashing, so "Dupont " and "dupont" agree. */
  normalize: z.enum(['none', 'trim', 'lower']).default('lower'),
}).strict();
const lint = z.object({
  action: z.literal('lint'),
  as: outName.optional(),
  mode: z.enum(['suggest', 'remove', 'mask']).default('suggest'),
  mask: z.string().optional(),
}).strict();

export const ACTIONS = ['drop', 'keep', 'year', 'band', 'boolean', 'postal_code', 'random_index', 'pseudonym', 'lint'] as const;

export const columnRuleSchema = z.preprocess(
  (v) => (typeof v === 'string' ? { action: v } : v),
  z.discriminatedUnion('action', [drop, keep, year, band, boolean, postalCode, randomIndex, pseudonym, lint], {
    error: (iss) => (iss.code === 'invalid_union' ? `action must be one of ${ACTIONS.join(', ')}` : undefined),
  }),
);

export const profileSchema = z.object({
  name: z.string().optional(),
  description: z.string().optional(),
  /** One entry per input column, in output order. */
  columns: z.record(z.string().min(1), columnRuleSchema).refine((c) => Object.keys(c).length > 0, 'needs at least one column'),
  /** Output columns whose combination could single a customer out (k-anonymity is computed over them). */
  quasi_identifiers: z.array(outName).default([]),
  /** Minimum equivalence class size; the run fails below it (like --k). */
  k: z.number().int().min(2).optional(),
  /** Environment variable holding the pseudonym key (default CRM_NOTE_LINT_KEY). */
  key_env: z.string().regex(/^[A-Z_][A-Z0-9_]*$/, 'must be an environment variable name').optional(),
}).strict().superRefine((p, ctx) => {
  const outputs = new Map<string, string>();
  for (const [col, rule] of Object.entries(p.columns)) {
    if (rule.action === 'drop') continue;
    const name = ('as' in rule && rule.as) || col;
    const prev = outputs.get(name);
    if (prev !== undefined) ctx.addIssue({ code: 'custom', path: ['columns', col, 'as'], message: `output column "${name}" is already written by "${prev}"` });
    outputs.set(name, col);
  }
  if (Object.values(p.columns).filter((r) => r.action === 'random_index').length > 1) {
    ctx.addIssue({ code: 'custom', path: ['columns'], message: 'at most one random_index column' });
  }
  p.quasi_identifiers.forEach((q, i) => {
    if (!outputs.has(q)) ctx.addIssue({ code: 'custom', path: ['quasi_identifiers', i], message: `"${q}" is not an output column (outputs: ${[...outputs.keys()].join(', ')})` });
  });
});

export type ColumnRule = z.infer<typeof columnRuleSchema>;
export type Profile = z.infer<typeof profileSchema>;
