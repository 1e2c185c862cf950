/**
 * Schemas of dictionary sources (what authors write in YAML/JSON) and of
 * compiled packs (what the matcher loads). Everything that reads a dictionary
 * validates it here, so the CLI, the options page and the background refuse the
 * same mistakes with the same messages.
 */
import { z } from 'zod';
import { CATEGORY_IDS, LOCALES, SEVERITIES } from '../categories.ts';
import { decodePack, isCompactPack, PackEncodingError } from './pack-encoding.ts';
import { ContextJudge, JudgeError } from '../engine/judge.ts';

export const categorySchema = z.enum(CATEGORY_IDS);
export const severitySchema = z.enum(SEVERITIES as ['suggestion', 'warning', 'error']);
export const localeSchema = z.enum(LOCALES as ['fr', 'en']);

// YAML reads `115` or `2024` as numbers: in a phrase list they mean the words.
const phrase = z.preprocess(
  (v) => (typeof v === 'number' ? String(v) : v),
  z.string().trim().min(1, 'must not be empty').max(120, 'is longer than 120 characters'),
);

/** A neutral rewrite, or `{ remove: true }`: delete the wording (and its dangling space). */
export const sourceSuggestionSchema = z.union([
  phrase,
  z.object({ remove: z.literal(true) }).strict(),
]);

export const contextSchema = z.object({
  /** The match only counts when one of these words is within `window` words. */
  require: z.array(phrase).min(1).optional(),
  /** The match is cancelled when one of these words is within `window` words. */
  exclude: z.array(phrase).min(1).optional(),
  window: z.number().int().min(1).max(20).default(5),
  /**
   * The match must fill a whole segment between punctuation or the ends of the note
   * ("Mr Nguyen, vietnamien, …"): a word standing alone between commas is said of the
   * person, the same word inside a phrase mostly of a product ("vin italien").
   */
  standalone: z.boolean().optional(),
  /**
   * true: a match that stands alone before the first comma of its sentence counts
   * ("Nigerian, very direct": a hurried note labels the person); without `require`, only
   * such a match counts.
   */
  label: z.literal(true).optional(),
  /**
   * The match is dropped when it modifies one of these nouns: one follows within two
   * words, with no punctuation in between ("hearing aid retailer", "IVF clinic software").
   */
  modifies: z.array(phrase).min(1).optional(),
}).strict();

/**
 * Generated vocabulary (lib/compiler/vocab/): forms built at compile time from data
 * packages or curated lists, added to the entry's own terms. Patterns use `(a|b)` for
 * alternatives and `{slot}` for the generated words (docs/dictionary-format.md).
 */
/** A vocabulary pattern: alternatives make it longer than a phrase. */
const pattern = z.string().trim().min(1, 'must not be empty').max(600, 'is longer than 600 characters');

export const vocabSchema = z.object({
  /** Patterns with {demonym} (fr: {demonym.ms|fs|mp|fp}; en: {demonym.plural}), from world-countries. */
  demonyms: z.array(pattern).min(1).optional(),
  /** Patterns with {country}: country names (i18n-iso-countries, world-countries). */
  countries: z.array(pattern).min(1).optional(),
  /** Idioms starting with a verb ("péter les plombs", "se faire serrer"): every tense and person. */
  idioms: z.array(pattern).min(1).optional(),
  /** Fixed phrases with alternatives and no slot ("(Unite|GMB|RMT) (member|rep)"). */
  phrases: z.array(pattern).min(1).optional(),
  /** A curated list under the pack's `vocab/` folder: its file name and the classes taken from it. */
  list: z.object({ file: z.string().regex(/^[a-z0-9-]+\.tsv$/, 'a file name like "medications.tsv"'), classes: z.array(z.string().min(1)).min(1).optional() }).strict().optional(),
  /** Words whose masked spellings are generated ("con" → "c*n"): reps star out profanity. */
  masked: z.array(phrase).min(1).optional(),
  /** Generated words left out (folded comparison): "français", "polish". */
  except: z.array(phrase).optional(),
}).strict().refine((v) => v.demonyms || v.countries || v.idioms || v.phrases || v.list || v.masked, { message: 'names no vocabulary: use demonyms, countries, idioms, phrases, list or masked' });

export const sourceEntrySchema = z.object({
  id: z.string().regex(/^[a-z]{2}\.[a-z]+\.[a-z0-9_-]+$/, 'must look like "<locale>.<category>.<name>" in lower case'),
  category: categorySchema.optional(),
  /** Several categories, primary first (an ageist insult is `[age, insult]`); the id names the first. */
  categories: z.array(categorySchema).min(1).optional()
    .refine((c) => !c || new Set(c).size === c.length, 'lists a category twice'),
  severity: severitySchema.optional(),
  /** Lemmas and phrases, inflected at compile time (gender, number, plurals). */
  terms: z.array(phrase).default([]),
  /** Verb lemmas, conjugated at compile time ("hospitaliser" → "hospitalisé", "hospitalisée"…). */
  verbs: z.array(phrase).optional(),
  /** Extra exact forms, taken as written (no inflection). */
  forms: z.array(phrase).optional(),
  /** false: take `terms` as written (brand names, acronyms, fixed phrases). */
  inflect: z.boolean().optional(),
  /** "strict": accents must match too ("mémé" is not "même"; folding would confuse them). */
  accents: z.literal('strict').optional(),
  /** false: never match this entry's words through a typo (typos are on by default, for words of 6+ letters). */
  typos: z.literal(false).optional(),
  suggestions: z.array(sourceSuggestionSchema).min(1, 'needs a neutral rewrite or { remove: true }'),
  message: z.string().trim().min(8, 'must be one short sentence').max(240, 'must be one short sentence (240 characters at most)'),
  source: z.string().trim().min(3, 'must name the legal basis'),
  /** Longer phrases that cancel a match ("enceinte Bluetooth" cancels "enceinte"). */
  unless: z.array(phrase).optional(),
  context: contextSchema.optional(),
  vocab: vocabSchema.optional(),
  examples: z.object({
    flag: z.array(z.string().min(1)).min(1, 'needs at least one note that must be flagged'),
    pass: z.array(z.string().min(1)).default([]),
  }).strict(),
}).strict().refine((e) => e.terms.length > 0 || e.vocab, { message: 'needs at least one term', path: ['terms'] });

export const packMetaSchema = z.object({
  id: z.string().regex(/^[a-z0-9][a-z0-9._-]*$/, 'lower case letters, digits, ".", "_" and "-"'),
  version: z.string().regex(/^\d+\.\d+\.\d+$/, 'must be a semantic version like 1.2.0'),
  description: z.string().trim().min(1),
  locales: z.array(localeSchema).min(1).optional(),
  /**
   * Per locale, business nouns every entry of that locale may modify without speaking of a
   * person ("hearing aid retailer", "Ramadan campaign"): added to each entry's `context.modifies`.
   */
  modifies: z.object({ fr: z.array(phrase).min(1).optional(), en: z.array(phrase).min(1).optional() }).strict().optional(),
}).strict();

export const FIELD_CLASSES = ['do-not-collect', 'protect', 'restricted'] as const;
export type FieldClass = (typeof FIELD_CLASSES)[number];

/**
 * A kind of form field that collects sensitive data, recognised by its label,
 * name, id, placeholder or aria-label (never by its value).
 */
export const fieldEntrySchema = z.object({
  id: z.string().regex(/^[a-z]{2}\.fields\.[a-z0-9_-]+$/, 'must look like "<locale>.fields.<name>" in lower case'),
  class: z.enum(FIELD_CLASSES),
  category: categorySchema.optional(),
  /** Words that name the field: "groupe sanguin", "groupe_sanguin", "bloodType" all match "groupe sanguin" / "blood type". */
  names: z.array(phrase).min(1, 'needs at least one name'),
  message: z.string().trim().min(8, 'must be one short sentence').max(240, 'must be one short sentence (240 characters at most)'),
  source: z.string().trim().min(3, 'must name the legal basis'),
  examples: z.object({
    match: z.array(z.string().min(1)).min(1, 'needs at least one field label or name that must match'),
    pass: z.array(z.string().min(1)).default([]),
  }).strict(),
}).strict();

/** One source file: `dictionaries/<locale>/<category>.yaml`, or a stand-alone pack with `pack:`. */
export const sourceFileSchema = z.object({
  pack: packMetaSchema.optional(),
  locale: localeSchema,
  category: categorySchema.optional(),
  entries: z.array(sourceEntrySchema).default([]),
  fields: z.array(fieldEntrySchema).default([]),
}).strict().refine((f) => f.entries.length > 0 || f.fields.length > 0, { message: 'needs at least one entry (or one field)', path: ['entries'] });

/**
 * `dictionaries/<locale>/messages.<lang>.yaml`: the entries' messages in the other UI
 * language (entry or field id → message), kept apart from the entries so translators and
 * dictionary authors never edit the same file.
 */
export const MESSAGES_FILE = /(?:^|\/)messages\.(fr|en)\.ya?ml$/;
export const messagesFileSchema = z.object({
  /** The language the messages are written in. */
  locale: localeSchema,
  messages: z.record(
    z.string().regex(/^[a-z]{2}\.[a-z]+\.[a-z0-9_-]+$/, 'must be an entry id like "fr.health.diagnostic"'),
    z.string().trim().min(8, 'must be one short sentence').max(240, 'must be one short sentence (240 characters at most)'),
  ),
  /**
   * The entries' legal bases (`source`, as written in the entries' language) in this file's
   * language. When present, every entry's source must be listed, so a card never shows
   * a legal basis in the other language.
   */
  sources: z.record(z.string().trim().min(3), z.string().trim().min(3, 'must name the legal basis')).optional(),
}).strict();
export type MessagesFile = z.infer<typeof messagesFileSchema>;

export type SourceEntry = z.infer<typeof sourceEntrySchema>;
export type FieldEntry = z.infer<typeof fieldEntrySchema>;
export type SourceFile = z.infer<typeof sourceFileSchema>;
export type PackMeta = z.infer<typeof packMetaSchema>;

// ---- compiled pack: compact, deterministic, loadable without any NLP library ----

/** A suggestion in a compiled pack: singular and plural forms, or removal. */
export const compiledSuggestionSchema = z.union([
  z.object({ t: z.string().min(1), p: z.string().min(1).optional() }).strict(),
  z.object({ remove: z.literal(true) }).strict(),
]);

export const compiledRuleSchema = z.object({
  id: z.string().min(1),
  category: categorySchema,
  /** Present when the entry has several categories: all of them, `category` first. */
  categories: z.array(categorySchema).min(2).optional(),
  severity: severitySchema,
  locale: localeSchema,
  message: z.string().min(1),
  /** The message in the other UI languages (the rule's own is `message`). */
  translations: z.partialRecord(localeSchema, z.string().min(1)).optional(),
  source: z.string().min(1),
  /** The legal basis in the other UI languages (the rule's own is `source`). */
  sourceTranslations: z.partialRecord(localeSchema, z.string().min(1)).optional(),
  suggestions: z.array(compiledSuggestionSchema).min(1),
  context: z.object({
    require: z.array(z.string()).optional(),
    exclude: z.array(z.string()).optional(),
    window: z.number().int(),
    standalone: z.literal(true).optional(),
    label: z.literal(true).optional(),
    modifies: z.array(z.string()).optional(),
  }).strict().optional(),
}).strict();

/**
 * Version of the compiled pack format. 2 added the pack-level `modifies`; a pack of
 * format 1 (each rule carrying the shared nouns itself) still loads and lints the same.
 * 3 added the compact encoding of files (pack-encoding.ts: front-coded phrases, cancels
 * and known words); in memory a pack of format 3 has the expanded shape of format 2.
 */
export const COMPILED_FORMAT = 3;
export const COMPILED_FORMATS: readonly number[] = [1, 2, COMPILED_FORMAT];

type PhraseTuple = [phrase: string, rule: number, plural: 0 | 1] | [phrase: string, rule: number, plural: 0 | 1, exact: string];
type CancelTuple = [phrase: string, rule: number];
const isPhraseKey = (v: unknown): boolean => typeof v === 'string' && v !== '';
const isRuleIndex = (v: unknown): boolean => Number.isInteger(v) && (v as number) >= 0;
// Checked by hand, not as zod tuples: a pack has some 150,000 of them, and zod took 0.3 s to walk them.
const isPhrase = (v: unknown): v is PhraseTuple => Array.isArray(v) && (v.length === 3 || (v.length === 4 && isPhraseKey(v[3])))
  && isPhraseKey(v[0]) && isRuleIndex(v[1]) && (v[2] === 0 || v[2] === 1);
const isCancel = (v: unknown): v is CancelTuple => Array.isArray(v) && v.length === 2 && isPhraseKey(v[0]) && isRuleIndex(v[1]);

const spacedWords = z.string().regex(/^(?:[^\s]+(?: [^\s]+)*)?$/, 'must be words separated by single spaces');
export const typoSectionSchema = z.object({ words: spacedWords, known: spacedWords }).strict();

/** One locale's context judge (lib/engine/judge.ts): hashed, quantized weights of a linear model. */
const judgeSectionSchema = z.object({
  bits: z.number().int(),
  window: z.number().int(),
  threshold: z.number(),
  bias: z.number(),
  scale: z.number(),
  weights: z.string(),
  rules: z.array(z.string().min(1)),
}).strict().superRefine((section, ctx) => {
  try {
    new ContextJudge(section);
  } catch (e) {
    if (!(e instanceof JudgeError)) throw e;
    ctx.addIssue({ code: 'custom', message: e.message });
  }
});

/** The expanded pack, as it is in memory (and in files of formats 1 and 2). */
const expandedPackSchema = z.object({
  format: z.union([z.literal(1), z.literal(2), z.literal(COMPILED_FORMAT)], { error: `unknown compiled pack format: this version of crm-note-lint reads formats ${COMPILED_FORMATS.slice(0, -1).join(', ')} and ${COMPILED_FORMATS.at(-1)} (recompile the pack with \`crm-note-lint dict build\`, or update crm-note-lint)` }),
  id: packMetaSchema.shape.id,
  version: packMetaSchema.shape.version,
  description: z.string(),
  locales: z.array(localeSchema).min(1),
  rules: z.array(compiledRuleSchema),
  /**
   * [normalized phrase (tokens joined by one space), rule index, 1 when the form is plural,
   * and, for accent-strict entries, the lower-cased phrase with its accents].
   */
  phrases: z.array(z.custom<PhraseTuple>(isPhrase, { message: 'must be [phrase, rule index, 0 or 1] or [phrase, rule index, 0 or 1, accent-strict form]' })),
  /** [normalized phrase, rule index]: a match of that rule inside this phrase is cancelled. */
  unless: z.array(z.custom<CancelTuple>(isCancel, { message: 'must be [phrase, rule index]' })),
  /**
   * Typo tolerance per locale (absent when the pack was compiled without word lists):
   * `words`, the dictionary words (accents kept) a typo may stand for; `known`, the real
   * words (folded) one edit away from them, which are never taken for a typo. Both
   * space-separated, so the pack stays one compact message to the content script.
   */
  typos: z.object({
    fr: typoSectionSchema.optional(),
    en: typoSectionSchema.optional(),
  }).strict().optional(),
  /**
   * Per locale, the second stage that may veto a finding of an ambiguous rule in its
   * context (lib/engine/judge.ts); absent in packs compiled without a corpus. Optional:
   * packs without it load and lint as before.
   */
  judge: z.object({
    fr: judgeSectionSchema.optional(),
    en: judgeSectionSchema.optional(),
  }).strict().optional(),
  /** Sensitive form fields, by normalized name keys (absent when the pack has none). */
  fields: z.array(z.object({
    id: z.string().min(1),
    class: z.enum(FIELD_CLASSES),
    category: categorySchema.optional(),
    locale: localeSchema,
    message: z.string().min(1),
    translations: z.partialRecord(localeSchema, z.string().min(1)).optional(),
    source: z.string().min(1),
    sourceTranslations: z.partialRecord(localeSchema, z.string().min(1)).optional(),
    keys: z.array(z.string().min(1)).min(1),
  }).strict()).optional(),
  /**
   * Per locale, the business nouns (phrase keys, inflected) every rule of that locale may
   * modify without speaking of a person: they join each rule's own `context.modifies`.
   */
  modifies: z.object({
    fr: z.array(z.string().min(1)).min(1).optional(),
    en: z.array(z.string().min(1)).min(1).optional(),
  }).strict().optional(),
}).strict().superRefine((pack, ctx) => {
  if (pack.format === 1 && pack.modifies) ctx.addIssue({ code: 'custom', path: ['modifies'], message: 'a pack of format 1 has no pack-level modifies (it came with format 2)' });
  const n = pack.rules.length;
  pack.phrases.forEach((p, i) => {
    if (p[1] >= n) ctx.addIssue({ code: 'custom', path: ['phrases', i, 1], message: `rule index ${p[1]} does not exist` });
  });
  pack.unless.forEach((p, i) => {
    if (p[1] >= n) ctx.addIssue({ code: 'custom', path: ['unless', i, 1], message: `rule index ${p[1]} does not exist` });
  });
  const seen = new Set<string>();
  pack.rules.forEach((r, i) => {
    if (seen.has(r.id)) ctx.addIssue({ code: 'custom', path: ['rules', i, 'id'], message: `duplicate rule id "${r.id}"` });
    seen.add(r.id);
    if (r.categories && r.categories[0] !== r.category) ctx.addIssue({ code: 'custom', path: ['rules', i, 'categories'], message: 'must start with the rule\'s category' });
  });
});

/**
 * A compiled pack in either encoding: the compact one of files (format 3) is decoded,
 * then validated as the expanded one; what a parse returns is always expanded.
 */
export const compiledPackSchema = z.preprocess((raw, ctx) => {
  // An unknown format is left to the format check, whose message says what to do.
  if (!isCompactPack(raw) || !COMPILED_FORMATS.includes(raw.format as number)) return raw;
  try {
    return decodePack(raw);
  } catch (e) {
    if (!(e instanceof PackEncodingError)) throw e;
    ctx.addIssue({ code: 'custom', path: e.path, message: e.message, input: raw });
    return z.NEVER;
  }
}, expandedPackSchema);

export type CompiledSuggestion = z.infer<typeof compiledSuggestionSchema>;
export type CompiledRule = z.infer<typeof compiledRuleSchema>;
export type CompiledPack = z.infer<typeof compiledPackSchema>;
export type CompiledField = NonNullable<CompiledPack['fields']>[number];
