/**
 * Dictionary compiler: validated sources → compact, deterministic compiled pack.
 * NLP (compromise, fr-compromise) runs here, once, so the keystroke path only
 * does token lookups. Same input, same bytes out: packs can be diffed and signed.
 */
import { CATEGORIES, LOCALES, type Locale } from '../categories.ts';
import {
  COMPILED_FORMAT, compiledPackSchema,
  type CompiledPack, type CompiledRule, type CompiledSuggestion, type PackMeta, type SourceEntry,
} from '../schema/dictionary.ts';
import { formKeys } from './form-keys.ts';
import { apostropheFreeVariants } from './contractions-en.ts';
import { fieldKey } from '../fields/field-words.ts';
import type { CompiledField, FieldEntry } from '../schema/dictionary.ts';
import * as fr from './inflect-fr.ts';
import * as en from './inflect-en.ts';
import type { ParsedMessages, ParsedSource } from './load-sources.ts';
import type { SourceProblem } from './errors.ts';
import { typoSections, TypoWords, type Lexicon } from './typo-guard.ts';
import { generatedForms } from './vocab/generated.ts';

export interface CompileOptions {
  /**
   * Real words of the languages (lib/compiler/lexicon.ts, Node only): with it the pack
   * gets typo tolerance; without it (the options page) the pack matches exact forms only.
   */
  lexicon?: Lexicon;
  /**
   * The pack folder's translation files. When given, every entry and field gets its message
   * in each other UI language from them, and each one still missing is a warning.
   */
  messages?: ParsedMessages[];
}

export interface CompileResult {
  pack?: CompiledPack;
  /** Errors: the pack is not produced. */
  problems: SourceProblem[];
  /** Conflicts and oddities worth a look; the pack is still produced. */
  warnings: SourceProblem[];
  /** Where each rule came from, for `dict test` and error messages. */
  origins: Map<string, { file: string; line: number; entry: SourceEntry; locale: Locale }>;
  /** Where each sensitive-field rule came from. */
  fieldOrigins: Map<string, { file: string; field: FieldEntry; locale: Locale }>;
}

interface Inflector {
  /** `secondary`: unless/context phrases, inflected by rules only where NLP is costly. */
  phraseForms(p: string, secondary?: boolean): fr.Forms;
  verbForms(v: string): fr.Forms;
  suggestionPlural(s: string): string | undefined;
}

const INFLECTORS: Record<Locale, Inflector> = {
  fr: { phraseForms: fr.phraseForms, verbForms: fr.verbForms, suggestionPlural: frSuggestionPlural },
  en: { phraseForms: (p, secondary) => en.phraseForms(p, !secondary), verbForms: en.verbForms, suggestionPlural: en.suggestionPlural },
};

function frSuggestionPlural(s: string): string | undefined {
  const words = s.split(' ');
  let inHead = true;
  const out = words.map((w, i) => {
    const lw = w.toLowerCase();
    // A preposition ends the inflected head, even as the first word ("en difficulté").
    if (/^\p{L}{1,2}['’]/u.test(w) || ['de', 'du', 'des', 'à', 'au', 'en', 'pour', 'avec', 'sans', 'sur', 'par', 'jusqu\'au', 'chez', 'sous'].includes(lw)) inHead = false;
    if (!inHead || /\d|…/.test(w) || (i > 0 && /ment$/.test(lw)) || ['le', 'la', 'les', 'un', 'une', 'et', 'ou'].includes(lw)) return w;
    return fr.pluralFr(w)[0]!;
  });
  const p = out.join(' ');
  return p === s ? undefined : p;
}

export function compilePack(meta: PackMeta, sources: ParsedSource[], options: CompileOptions = {}): CompileResult {
  const problems: SourceProblem[] = [];
  const warnings: SourceProblem[] = [];
  const origins: CompileResult['origins'] = new Map();
  const fieldOrigins: CompileResult['fieldOrigins'] = new Map();
  const fields: CompiledField[] = [];
  const rules: CompiledRule[] = [];
  const phrases: CompiledPack['phrases'] = [];
  const unlessSet = new Map<string, [string, number]>();
  // Per locale (French and English rules live in separate tries: only same-locale sharing is a conflict),
  // the rule owning each phrase key, an array only once a second rule claims it.
  const ownerOfKey = new Map<Locale, Map<string, number | number[]>>(LOCALES.map((l) => [l, new Map()]));
  const typoWords = new TypoWords();

  const sharedModifies = meta.modifies ?? {};
  const ordered = [...sources].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  // One fr-compromise parse for every French word the pack will inflect.
  fr.prewarmFr(ordered.filter((s) => s.data.locale === 'fr').flatMap((s) => s.data.entries.flatMap((e) =>
    [...e.terms, ...(e.unless ?? []), ...(e.context?.require ?? []), ...(e.context?.exclude ?? [])].flatMap((t) => t.split(/\s+/)))));
  en.prewarmEn(ordered.filter((s) => s.data.locale === 'en').flatMap((s) => s.data.entries.flatMap((e) =>
    [...e.terms, ...e.suggestions.filter((x): x is string => typeof x === 'string')])));
  for (const src of ordered) {
    const { locale } = src.data;
    const inf = INFLECTORS[locale];
    const localeOwners = ownerOfKey.get(locale)!;
    src.data.entries.forEach((entry, idx) => {
      const line = src.entryLines[idx] ?? 0;
      const at = (field: string | undefined, message: string): SourceProblem => ({ file: src.file, line, entry: entry.id, field, message });
      const category = entry.categories?.[0] ?? entry.category ?? src.data.category;
      if (!category) return void problems.push(at('category', 'no category: set it on the entry or at the top of the file'));
      if (entry.category && entry.categories && entry.category !== entry.categories[0]) {
        problems.push(at('categories', `starts with "${entry.categories[0]}" but category is "${entry.category}": list the primary category first`));
      }
      const [idLocale, idCategory] = entry.id.split('.');
      if (idLocale !== locale) problems.push(at('id', `starts with "${idLocale}" but the file's locale is "${locale}"`));
      if (idCategory !== category) problems.push(at('id', `names category "${idCategory}" but the entry's category is "${category}"`));
      if (origins.has(entry.id)) {
        const first = origins.get(entry.id)!;
        return void problems.push(at('id', `duplicate id, first defined at ${first.file}:${first.line}`));
      }
      const ruleIndex = rules.length;
      origins.set(entry.id, { file: src.file, line, entry, locale });
      rules.push({
        id: entry.id,
        category,
        ...(entry.categories && entry.categories.length > 1 ? { categories: entry.categories } : {}),
        severity: entry.severity ?? CATEGORIES[category].defaultSeverity,
        locale,
        message: entry.message,
        source: entry.source,
        suggestions: entry.suggestions.map((s): CompiledSuggestion => {
          if (typeof s !== 'string') return { remove: true };
          const p = inf.suggestionPlural(s);
          return p ? { t: s, p } : { t: s };
        }),
        ...(entry.context ? { context: compileContext(entry.context, inf) } : {}),
      });

      const ruleForms = new Map<string, CompiledPack['phrases'][number]>();
      const addForm = (form: string, plural: 0 | 1, field: string) => {
        addOneForm(form, plural, field);
        // English typed fast drops apostrophes: "cant make ends meet", "shes expecting".
        if (locale === 'en') for (const bare of apostropheFreeVariants(form)) addOneForm(bare, plural, field);
      };
      const addOneForm = (form: string, plural: 0 | 1, field: string) => {
        const keys = formKeys(form);
        const key = keys.key;
        if (!key) return void problems.push(at(field, `"${form}" has no letters or digits to match`));
        const exact = entry.accents === 'strict' ? keys.accent : undefined;
        // One map per rule: its forms never collide with another rule's, and small maps are fast.
        const k = exact ? `${key}\u0000${exact}` : key;
        const prev = ruleForms.get(k);
        if (prev) { if (prev[2] === 1 && plural === 0) prev[2] = 0; return; }
        const phrase: CompiledPack['phrases'][number] = exact ? [key, ruleIndex, plural, exact] : [key, ruleIndex, plural];
        ruleForms.set(k, phrase);
        phrases.push(phrase);
        if (!exact && entry.typos !== false) typoWords.add(locale, key, keys.accent, keys.cased);
        else typoWords.noteWords(key);
        const owners = localeOwners.get(key);
        if (owners === undefined) localeOwners.set(key, ruleIndex);
        else if (typeof owners === 'number') { if (owners !== ruleIndex) localeOwners.set(key, [owners, ruleIndex]); }
        else if (!owners.includes(ruleIndex)) owners.push(ruleIndex);
      };
      const inflect = entry.inflect !== false;
      entry.terms.forEach((term, i) => {
        if (!inflect) return addForm(term, 0, `terms[${i}]`);
        const f = inf.phraseForms(term);
        for (const s of f.singular) addForm(s, 0, `terms[${i}]`);
        for (const p of f.plural) addForm(p, 1, `terms[${i}]`);
      });
      entry.verbs?.forEach((verb, i) => {
        const f = inf.verbForms(verb);
        for (const s of f.singular) addForm(s, 0, `verbs[${i}]`);
        for (const p of f.plural) addForm(p, 1, `verbs[${i}]`);
      });
      entry.forms?.forEach((form, i) => addForm(form, 0, `forms[${i}]`));
      if (entry.vocab) {
        const generated = generatedForms(entry);
        if (!generated) problems.push(at('vocab', 'generated vocabularies are built from data packages by the Node compiler (crm-note-lint dict build)'));
        else for (const form of generated) addForm(form, 0, 'vocab');
      }
      entry.unless?.forEach((u) => {
        const f = inf.phraseForms(u, true);
        const all = [...f.singular, ...f.plural];
        for (const form of locale === 'en' ? [...all, ...all.flatMap(apostropheFreeVariants)] : all) {
          const { key, accent } = formKeys(form);
          if (key) unlessSet.set(`${key}\u0000${ruleIndex}`, [key, ruleIndex]);
          // A typo in "enceinte bluetoth" must still cancel "enceinte".
          if (key) typoWords.add(locale, key, accent);
        }
      });
      for (const w of [...(entry.context?.require ?? []), ...(entry.context?.exclude ?? []), ...(entry.context?.modifies ?? []), ...(sharedModifies[locale] ?? [])]) { const { key, accent } = formKeys(w); typoWords.add(locale, key, accent); }
    });
  }

  for (const src of ordered) {
    for (const field of src.data.fields) {
      const at = (f: string, message: string): SourceProblem => ({ file: src.file, entry: field.id, field: f, message });
      if (!field.id.startsWith(`${src.data.locale}.`)) problems.push(at('id', `must start with "${src.data.locale}." like the file's locale`));
      if (fieldOrigins.has(field.id)) { problems.push(at('id', 'duplicate field id')); continue; }
      fieldOrigins.set(field.id, { file: src.file, field, locale: src.data.locale });
      const keys = [...new Set(field.names.map(fieldKey).filter(Boolean))].sort();
      if (!keys.length) { problems.push(at('names', 'no name has letters or digits to match')); continue; }
      fields.push({
        id: field.id, class: field.class, ...(field.category ? { category: field.category } : {}),
        locale: src.data.locale, message: field.message, source: field.source, keys,
      });
    }
  }

  if (options.messages?.length) {
    const t = attachTranslations(options.messages, rules, fields, origins, fieldOrigins);
    problems.push(...t.missing);
    warnings.push(...t.orphans);
  }

  // Conflicts: phrases claimed by several rules, reported once per group of rules.
  const shared = new Map<string, string[]>();
  for (const owned of ownerOfKey.values()) {
    for (const [key, owners] of owned) {
      if (typeof owners === 'number') continue;
      const group = owners.join(',');
      const keys = shared.get(group);
      if (keys) keys.push(key);
      else shared.set(group, [key]);
    }
  }
  for (const [group, keys] of shared) {
    const owners = group.split(',').map(Number);
    const cats = new Set(owners.map((o) => rules[o]!.category));
    const first = origins.get(rules[owners[0]!]!.id)!;
    const sample = keys.slice(0, 3).map((k) => `"${k}"`).join(', ') + (keys.length > 3 ? `, … (${keys.length} forms)` : '');
    warnings.push({
      file: first.file, line: first.line, entry: rules[owners[0]!]!.id,
      message: `conflict: ${sample} matched by ${owners.map((o) => rules[o]!.id).join(' and ')}${cats.size > 1 ? ' (different categories: one finding carries them all, the first listed is primary)' : '; the first listed wins'}`,
    });
  }

  if (problems.length) return { problems, warnings, origins, fieldOrigins };
  const byKey = <T extends [string, number, ...unknown[]]>(a: T, b: T) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] - b[1]);
  const pack: CompiledPack = {
    format: COMPILED_FORMAT,
    id: meta.id,
    version: meta.version,
    description: meta.description,
    locales: meta.locales ?? [...new Set(rules.map((r) => r.locale))].sort(),
    rules,
    phrases: phrases.sort(byKey),
    unless: [...unlessSet.values()].sort(byKey),
    ...(options.lexicon && typoWords.locales.length ? { typos: typoSections(typoWords, options.lexicon) } : {}),
    ...(fields.length ? { fields } : {}),
    ...(Object.keys(sharedModifies).length ? { modifies: compileShared(sharedModifies) } : {}),
  };
  const check = compiledPackSchema.safeParse(pack);
  if (!check.success) {
    return { problems: check.error.issues.map((i) => ({ file: '(compiled pack)', message: `${i.path.join('.')}: ${i.message}` })), warnings, origins, fieldOrigins };
  }
  return { pack, problems, warnings, origins, fieldOrigins };
}

/** Context words with their inflected forms, as phrase keys, sorted. */
function expandWords(words: readonly string[] | undefined, inf: Inflector): string[] | undefined {
  if (!words) return undefined;
  const out = new Set<string>();
  for (const w of words) {
    const f = inf.phraseForms(w, true);
    for (const form of [...f.singular, ...f.plural]) out.add(formKeys(form).key);
  }
  return [...out].filter(Boolean).sort();
}

/**
 * The pack's business nouns per locale, stored once in the pack: the engine adds them to
 * the `context.modifies` of every rule of that locale (copied into each rule, they made
 * most of the pack's weight).
 */
function compileShared(shared: NonNullable<PackMeta['modifies']>): NonNullable<CompiledPack['modifies']> {
  const out: NonNullable<CompiledPack['modifies']> = {};
  for (const locale of LOCALES) {
    const forms = expandWords(shared[locale], INFLECTORS[locale]);
    if (forms?.length) out[locale] = forms;
  }
  return out;
}

function compileContext(ctx: NonNullable<SourceEntry['context']>, inf: Inflector): NonNullable<CompiledRule['context']> {
  const expand = (words: string[] | undefined) => expandWords(words, inf);
  const require = expand(ctx.require);
  const exclude = expand(ctx.exclude);
  const modifies = expand(ctx.modifies);
  return { ...(require ? { require } : {}), ...(exclude ? { exclude } : {}), window: ctx.window, ...(ctx.standalone ? { standalone: true as const } : {}), ...(ctx.label ? { label: true as const } : {}), ...(modifies ? { modifies } : {}) };
}

/**
 * Copies each translated message onto its rule or field. A pack that ships translation
 * files promises both UI languages, so an entry without one is an error (missing); a
 * translation of an id that no longer exists is only a warning (orphans).
 */
function attachTranslations(
  files: ParsedMessages[], rules: CompiledRule[], fields: CompiledField[],
  origins: CompileResult['origins'], fieldOrigins: CompileResult['fieldOrigins'],
): { missing: SourceProblem[]; orphans: SourceProblem[] } {
  const warnings: SourceProblem[] = [];
  const missing: SourceProblem[] = [];
  const targets = new Map<string, CompiledRule | CompiledField>([...rules, ...fields].map((r) => [r.id, r]));
  for (const f of files) {
    for (const [id, message] of Object.entries(f.data.messages)) {
      const target = targets.get(id);
      const at = { file: f.file, line: f.lines.get(id), entry: id };
      if (!target) warnings.push({ ...at, message: 'translates no entry of the pack (renamed or removed?)' });
      else if (target.locale === f.data.locale) warnings.push({ ...at, message: `is already in ${f.data.locale}: its own message is the one in the entry` });
      else target.translations = { ...target.translations, [f.data.locale]: message };
    }
    if (f.data.sources) attachSources(f, [...rules, ...fields], missing);
  }
  for (const r of [...rules, ...fields]) {
    for (const lang of LOCALES) {
      if (lang === r.locale || r.translations?.[lang]) continue;
      const origin = origins.get(r.id) ?? fieldOrigins.get(r.id);
      missing.push({
        file: origin?.file ?? '(pack)', line: (origin as { line?: number } | undefined)?.line, entry: r.id,
        message: `no ${lang === 'en' ? 'English' : 'French'} message: add it to ${r.locale}/messages.${lang}.yaml`,
      });
    }
  }
  return { missing, orphans: warnings };
}

/** Copies the translated legal basis onto each rule of the other locale; a source not listed is missing. */
function attachSources(f: ParsedMessages, rules: Array<CompiledRule | CompiledField>, missing: SourceProblem[]): void {
  const sources = f.data.sources!;
  const unlisted = new Set<string>();
  for (const r of rules) {
    if (r.locale === f.data.locale) continue;
    const translated = sources[r.source.trim()];
    if (translated) r.sourceTranslations = { ...r.sourceTranslations, [f.data.locale]: translated };
    else unlisted.add(r.source);
  }
  for (const source of unlisted) {
    missing.push({ file: f.file, entry: 'sources', message: `no ${f.data.locale === 'en' ? 'English' : 'French'} legal basis for "${source}": add it under sources:` });
  }
}
