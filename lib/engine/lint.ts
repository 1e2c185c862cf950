/**
 * The engine's entry point: compiled packs + text → findings. Pure TypeScript,
 * no DOM, no browser API, no NLP library: the CLI, the tests, the content script
 * and workers all run this very code.
 */
import { CATEGORIES, isCategoryId, type Locale, type Severity, SEVERITIES } from '../categories.ts';
import type { CompiledPack, CompiledRule } from '../schema/dictionary.ts';
import { runDetectors } from '../detectors/index.ts';
import { DETECTOR_WORDING } from '../detectors/wording.ts';
import { isTraitOnly, saidOfNonPerson } from './animal-subject.ts';
import { insideQuotedName, mayBeAName } from './quoted-name.ts';
import { ContextJudge, SECOND_STAGE_BY_DEFAULT, type JudgedMatch, type JudgeVerdict } from './judge.ts';
import { guessLocale } from './locale.ts';
import { prepareContext, resolveOverlaps, scan, type Candidate, type LocaleTrie, type Match, type PreparedContext } from './matcher.ts';
import { localeTrie, localeTypos, trieLocales, typoLocales, type PackAt } from './pack-index.ts';
import { buildSuggestions, identifierSuggestions } from './suggest.ts';
import { tokenize, type Token } from './tokenize.ts';
import type { TypoIndex } from './typos.ts';
import type { Finding, LocaleOption } from './types.ts';

export interface LinterOptions {
  /** Rule ids (or category ids) switched off. */
  disabledRules?: readonly string[];
  /** Severity per rule id or category id (rule id wins). */
  severityOverrides?: Readonly<Record<string, Severity>>;
  /** Findings below this severity are dropped. */
  minSeverity?: Severity;
  /**
   * Let the packs' context judges (lib/engine/judge.ts) veto findings of ambiguous rules
   * in their context. Default: SECOND_STAGE_BY_DEFAULT; packs without a judge are unaffected.
   */
  secondStage?: boolean;
}

export interface LintOptions {
  locale?: LocaleOption;
  /**
   * The text is being typed (the extension): a word that ends the text may be
   * unfinished ("diabét…" on the way to "diabétique"), so it is never read as a typo.
   */
  openTail?: boolean;
  /**
   * Language of the messages (the reader's UI language): a rule's translated message
   * when the pack has one, else its own. Default: the language of each rule.
   */
  messageLocale?: Locale;
}

const rank = (s: Severity) => SEVERITIES.indexOf(s);

/** A finding of a judged rule, what the judge made of it and why (Linter.explainJudge). */
export type JudgeExplanation = { start: number; end: number; text: string; rule: string } & JudgeVerdict;

export class Linter {
  readonly rules: CompiledRule[] = [];
  /**
   * Tries and typo indexes are built (or wrapped, when prebuilt) the first time a note
   * of their locale is linted, so a one-note run of the CLI prepares one locale, not all.
   */
  private readonly trieSources: Partial<Record<Locale, PackAt[]>> = {};
  private readonly tries: Partial<Record<Locale, LocaleTrie>> = {};
  private readonly typoSources: Partial<Record<Locale, CompiledPack[]>> = {};
  private readonly typos: Partial<Record<Locale, TypoIndex>> = {};
  private readonly active: boolean[] = [];
  /** The rules as their packs wrote them, beside `rules` (which have overrides applied). */
  private readonly sourceRules: CompiledRule[] = [];
  /** Per rule, its pack's shared business nouns for the rule's locale (pack-level `modifies`). */
  private readonly sharedModifies: Array<readonly string[] | undefined> = [];
  /** Context words prepared when a rule first matches (null: it has none); most rules never do in a short run. */
  private readonly contexts: Array<PreparedContext | null | undefined> = [];
  private readonly minRank: number;
  private readonly disabled: Set<string>;
  /** Per rule, its pack (whose context judge may decide on it); judges are decoded when first needed. */
  private readonly packOfRule: CompiledPack[] = [];
  private readonly secondStage: boolean;
  /** Per rule, its judge once looked up (null: none decides on it). */
  private readonly judgeOfRule: Array<ContextJudge | null | undefined> = [];
  private readonly judgesByPack = new Map<CompiledPack, Partial<Record<Locale, ContextJudge | null>>>();

  /** Packs in increasing precedence: a later pack's rule replaces an earlier one with the same id. */
  constructor(packs: readonly CompiledPack[], private readonly options: LinterOptions = {}) {
    this.disabled = new Set(options.disabledRules ?? []);
    this.minRank = rank(options.minSeverity ?? 'suggestion');
    this.secondStage = options.secondStage ?? SECOND_STAGE_BY_DEFAULT;
    const byId = new Map<string, number>();
    for (const pack of packs) {
      const base = this.rules.length;
      for (const rule of pack.rules) {
        const previous = byId.get(rule.id);
        if (previous !== undefined) this.active[previous] = false;
        const effective = this.applyOverrides(rule);
        byId.set(rule.id, this.rules.length);
        this.rules.push(effective ?? rule);
        this.sourceRules.push(rule);
        this.sharedModifies.push(pack.modifies?.[rule.locale]);
        this.packOfRule.push(pack);
        this.active.push(effective !== undefined);
      }
      for (const locale of trieLocales(pack)) (this.trieSources[locale] ??= []).push({ pack, base });
      for (const locale of typoLocales(pack)) (this.typoSources[locale] ??= []).push(pack);
    }
  }

  /** The locale's trie, built from its packs on first use. */
  private trieFor(locale: Locale): LocaleTrie | undefined {
    const sources = this.trieSources[locale];
    return sources && (this.tries[locale] ??= localeTrie(sources, locale));
  }

  /** The locale's typo index when its packs carry typo data (undefined when they carry none). */
  private typosFor(locale: Locale): TypoIndex | undefined {
    const sources = this.typoSources[locale];
    return sources && (this.typos[locale] ??= localeTypos(sources, locale));
  }

  /**
   * The rule as this linter runs it: severity overrides applied, categories switched
   * off by policy removed (undefined when the rule is off altogether).
   */
  private applyOverrides(rule: CompiledRule): CompiledRule | undefined {
    if (this.disabled.has(rule.id)) return undefined;
    const all = rule.categories ?? [rule.category];
    const on = all.filter((c) => !this.disabled.has(c));
    if (!on.length) return undefined;
    const o = this.options.severityOverrides;
    const sev = o?.[rule.id] ?? on.map((c) => o?.[c]).find(Boolean);
    let out = sev && sev !== rule.severity ? { ...rule, severity: sev } : rule;
    if (on.length !== all.length) {
      const { categories: _dropped, ...rest } = out;
      out = { ...rest, category: on[0]!, ...(on.length > 1 ? { categories: on } : {}) };
    }
    return out;
  }

  /** Context words come from the rule as written: overrides change severity and categories, never context. */
  private contextOf = (rule: number): PreparedContext | undefined => {
    let ctx = this.contexts[rule];
    if (ctx === undefined) ctx = this.contexts[rule] = prepareContext(this.sourceRules[rule]!, this.sharedModifies[rule]) ?? null;
    return ctx ?? undefined;
  };

  private enabled = (rule: number): boolean => this.active[rule]! && rank(this.rules[rule]!.severity) >= this.minRank;

  /** Locales the tries cover. */
  get locales(): Locale[] {
    return Object.keys(this.trieSources) as Locale[];
  }

  lint(text: string, opts: LintOptions = {}): Finding[] {
    const tokens = tokenize(text);
    const { matches, guessed } = this.match(text, tokens, opts);
    const messageLocale: Locale = opts.messageLocale ?? guessed ?? 'fr';
    const judged = this.secondStage ? matches.filter((m) => !this.judgeOf(m.cand.rule)?.vetoes(this.judgedMatch(tokens, m))) : matches;
    // Dropped: a trait said of an animal or a plant ("le chien est aveugle", "her dog is diabetic"),
    // and a product's or a shop's name in quotes (the wine "Cuvée du Vieux Garçon").
    const kept = judged.filter((m) => !(isTraitOnly(m.categories) && saidOfNonPerson(text, tokens, m.cand.first, m.cand.last, this.rules[m.cand.rule]!.locale))
      && !(mayBeAName(m.categories) && insideQuotedName(text, tokens[m.cand.first]!.start, tokens[m.cand.last - 1]!.end)));
    const findings = kept.map((m) => this.toFinding(text, tokens, m, opts.messageLocale));
    this.addDetectorFindings(text, findings, messageLocale, tokens);
    return findings;
  }

  /** The dictionary matches of a note, overlaps resolved, and the locale guessed for it. */
  private match(text: string, tokens: readonly Token[], opts: LintOptions): { matches: Match[]; guessed: Locale | undefined } {
    const requested = opts.locale ?? 'auto';
    const guessed = requested === 'auto' ? guessLocale(tokens).locale : requested;
    const locales: Locale[] = guessed ? [guessed] : this.locales;
    const cands: Candidate[] = [];
    for (const loc of locales) {
      const trie = this.trieFor(loc);
      const typos = this.typosFor(loc);
      if (trie) scan(trie, { text, tokens, contextOf: this.contextOf, enabled: this.enabled, typos: typos?.size ? typos : undefined, openTail: opts.openTail }, this.rules, cands);
    }
    return { matches: resolveOverlaps(cands, tokens, this.rules), guessed: guessed ?? undefined };
  }

  /** The context judge of the rule's pack and locale, when the rule is one it decides on. */
  private judgeOf(rule: number): ContextJudge | undefined {
    const known = this.judgeOfRule[rule];
    if (known !== undefined) return known ?? undefined;
    const judge = this.findJudge(rule);
    this.judgeOfRule[rule] = judge ?? null;
    return judge;
  }

  private findJudge(rule: number): ContextJudge | undefined {
    const pack = this.packOfRule[rule]!;
    if (!pack.judge) return undefined;
    const { id, locale } = this.sourceRules[rule]!;
    const decoded = this.judgesByPack.get(pack) ?? {};
    this.judgesByPack.set(pack, decoded);
    let judge = decoded[locale];
    if (judge === undefined) {
      const section = pack.judge[locale];
      judge = decoded[locale] = section ? new ContextJudge(section, `judge.${locale}`) : null;
    }
    return judge?.judges(id) ? judge : undefined;
  }

  private judgedMatch(tokens: readonly Token[], { cand }: Match): JudgedMatch {
    const rule = this.sourceRules[cand.rule]!;
    return { tokens, first: cand.first, last: cand.last, rule: rule.id, category: rule.category, typo: !!cand.typos };
  }

  /**
   * What the context judge makes of each dictionary finding of a note (stage on or off):
   * its probability and the features that drove it. For debugging a veto, never shown to reps.
   */
  explainJudge(text: string, opts: LintOptions = {}): JudgeExplanation[] {
    const tokens = tokenize(text);
    const out: JudgeExplanation[] = [];
    for (const m of this.match(text, tokens, opts).matches) {
      const judge = this.judgeOf(m.cand.rule);
      if (!judge) continue;
      const start = tokens[m.cand.first]!.start, end = tokens[m.cand.last - 1]!.end;
      out.push({ start, end, text: text.slice(start, end), rule: this.sourceRules[m.cand.rule]!.id, ...judge.explain(this.judgedMatch(tokens, m)) });
    }
    return out;
  }

  private toFinding(text: string, tokens: readonly Token[], { cand: c, categories, severity }: Match, messageLocale?: Locale): Finding {
    const rule = this.rules[c.rule]!;
    const start = tokens[c.first]!.start;
    const end = tokens[c.last - 1]!.end;
    const { suggestions, fixes } = buildSuggestions(text, start, end, c.plural, rule.suggestions, { tokens, locale: rule.locale, category: categories[0]! });
    const finding: Finding = {
      start, end, text: text.slice(start, end), category: categories[0]!, rule: rule.id,
      severity: SEVERITIES[severity]!, message: (messageLocale && rule.translations?.[messageLocale]) || rule.message, suggestions, source: (messageLocale && rule.sourceTranslations?.[messageLocale]) || rule.source, locale: rule.locale, fixes, categories,
    };
    if (c.typos) {
      const index = this.typosFor(rule.locale)!;
      // One edit in a short word is weaker evidence than one edit in a long one.
      finding.confidence = Math.round(c.typos.reduce((p, [, w]) => p * (1 - 2 / w.length), 1) * 100) / 100;
      let typoOf = '';
      let at = start;
      for (const [t, w] of c.typos) {
        typoOf += text.slice(at, tokens[t]!.start) + shownAsTyped(index.shown(w), text[tokens[t]!.start]!, rule.locale);
        at = tokens[t]!.end;
      }
      finding.typoOf = typoOf + text.slice(at, end);
    }
    return finding;
  }

  private addDetectorFindings(text: string, findings: Finding[], locale: Locale, tokens: readonly Token[]): void {
    const idSev = this.options.severityOverrides?.['identifier'];
    if (this.disabled.has('identifier')) return;
    const hits = runDetectors(text);
    if (!hits.length) return;
    for (const h of hits) {
      if (this.disabled.has(h.rule)) continue;
      const severity = this.options.severityOverrides?.[h.rule] ?? idSev ?? CATEGORIES.identifier.defaultSeverity;
      if (rank(severity) < this.minRank) continue;
      // A checksum-proven identifier beats any dictionary wording it overlaps.
      for (let i = findings.length - 1; i >= 0; i--) if (findings[i]!.start < h.end && h.start < findings[i]!.end) findings.splice(i, 1);
      findings.push({
        start: h.start, end: h.end, text: text.slice(h.start, h.end), category: 'identifier', rule: h.rule,
        severity, message: h.message[locale], source: h.source[locale], locale, ...identifierSuggestions(text, h.start, h.end, locale, tokens),
        categories: ['identifier'],
      });
    }
    findings.sort((a, b) => a.start - b.start);
  }
}

/**
 * French writes a demonym capitalised as a noun and in lower case as an adjective ("une
 * Malienne", "une cliente malienne"), and the dictionaries keep the noun's capital: the
 * correction follows the case the rep typed.
 */
function shownAsTyped(shown: string, typedFirst: string, locale: Locale): string {
  if (locale !== 'fr' || typedFirst !== typedFirst.toLowerCase()) return shown;
  return shown.charAt(0).toLowerCase() + shown.slice(1);
}

/** Validates the options an outside caller (policy, CLI) passes in. */
export function unknownRuleKeys(linter: Linter, keys: readonly string[]): string[] {
  const ids = new Set(linter.rules.map((r) => r.id));
  return keys.filter((k) => !ids.has(k) && !isCategoryId(k) && !Object.hasOwn(DETECTOR_WORDING, k));
}
