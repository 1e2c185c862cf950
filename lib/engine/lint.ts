/**
 * The engine's entry point: compiled packs + text → findings. Pure TypeScript,
 * no DOM, no browser API, no NLP library: the CLI, the tests, the content script
 * and workers all run this very code.
 */
import { CATEGORIES, isCategoryId, type Locale, type Severity, SEVERITIES } from '../categories.ts';
import type { CompiledPack, CompiledRule } from '../schema/dictionary.ts';
import { runDetectors } from '../detectors/index.ts';
import { guessLocale } from './locale.ts';
import { insert, newTrie, prepareContext, resolveOverlaps, scan, type Candidate, type PreparedContext, type Tries } from './matcher.ts';
import { buildSuggestions, identifierSuggestions } from './suggest.ts';
import { tokenize } from './tokenize.ts';
import type { Finding, LocaleOption } from './types.ts';

export interface LinterOptions {
  /** Rule ids (or category ids) switched off. */
  disabledRules?: readonly string[];
  /** Severity per rule id or category id (rule id wins). */
  severityOverrides?: Readonly<Record<string, Severity>>;
  /** Findings below this severity are dropped. */
  minSeverity?: Severity;
}

export interface LintOptions {
  locale?: LocaleOption;
}

const rank = (s: Severity) => SEVERITIES.indexOf(s);

export class Linter {
  readonly rules: CompiledRule[] = [];
  private readonly tries: Tries = {};
  private readonly active: boolean[] = [];
  private readonly contexts: Array<PreparedContext | undefined> = [];
  private readonly minRank: number;
  private readonly disabled: Set<string>;

  /** Packs in increasing precedence: a later pack's rule replaces an earlier one with the same id. */
  constructor(packs: readonly CompiledPack[], private readonly options: LinterOptions = {}) {
    this.disabled = new Set(options.disabledRules ?? []);
    this.minRank = rank(options.minSeverity ?? 'suggestion');
    const byId = new Map<string, number>();
    for (const pack of packs) {
      const local = pack.rules.map((rule) => {
        const previous = byId.get(rule.id);
        if (previous !== undefined) this.active[previous] = false;
        const idx = this.rules.length;
        this.rules.push(this.applyOverrides(rule));
        this.contexts.push(prepareContext(rule));
        this.active.push(!this.disabled.has(rule.id) && !this.disabled.has(rule.category));
        byId.set(rule.id, idx);
        return idx;
      });
      for (const [key, r, plural, exact] of pack.phrases) {
        const g = local[r]!;
        const trie = (this.tries[this.rules[g]!.locale] ??= newTrie());
        const leaf = insert(trie, key);
        (leaf.hits ??= []).push(exact ? { rule: g, plural: plural === 1, exact: exact.split(' ') } : { rule: g, plural: plural === 1 });
      }
      for (const [key, r] of pack.unless) {
        const g = local[r]!;
        const trie = (this.tries[this.rules[g]!.locale] ??= newTrie());
        const leaf = insert(trie, key);
        (leaf.unless ??= []).push(g);
      }
    }
  }

  private applyOverrides(rule: CompiledRule): CompiledRule {
    const o = this.options.severityOverrides;
    const sev = o?.[rule.id] ?? o?.[rule.category];
    return sev && sev !== rule.severity ? { ...rule, severity: sev } : rule;
  }

  private enabled = (rule: number): boolean => this.active[rule]! && rank(this.rules[rule]!.severity) >= this.minRank;

  /** Locales the tries cover. */
  get locales(): Locale[] {
    return Object.keys(this.tries) as Locale[];
  }

  lint(text: string, opts: LintOptions = {}): Finding[] {
    const tokens = tokenize(text);
    const requested = opts.locale ?? 'auto';
    const guessed = requested === 'auto' ? guessLocale(tokens).locale : requested;
    const locales: Locale[] = guessed ? [guessed] : this.locales;
    const messageLocale: Locale = guessed ?? 'fr';

    const cands: Candidate[] = [];
    for (const loc of locales) {
      const trie = this.tries[loc];
      if (trie) scan(trie, text, tokens, this.contexts, this.enabled, cands);
    }
    const findings: Finding[] = [];
    for (const c of resolveOverlaps(cands, tokens)) {
      const rule = this.rules[c.rule]!;
      const start = tokens[c.first]!.start;
      const end = tokens[c.last - 1]!.end;
      const { suggestions, fixes } = buildSuggestions(text, start, end, c.plural, rule.suggestions, { tokens, locale: rule.locale, category: rule.category });
      findings.push({
        start, end, text: text.slice(start, end), category: rule.category, rule: rule.id,
        severity: rule.severity, message: rule.message, suggestions, source: rule.source, locale: rule.locale, fixes,
      });
    }
    this.addDetectorFindings(text, findings, messageLocale, tokens);
    return findings;
  }

  private addDetectorFindings(text: string, findings: Finding[], locale: Locale, tokens: ReturnType<typeof tokenize>): void {
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
        severity, message: h.message[locale], source: h.source, locale, ...identifierSuggestions(text, h.start, h.end, locale, tokens),
      });
    }
    findings.sort((a, b) => a.start - b.start);
  }
}

/** Validates the options an outside caller (policy, CLI) passes in. */
export function unknownRuleKeys(linter: Linter, keys: readonly string[]): string[] {
  const ids = new Set(linter.rules.map((r) => r.id));
  return keys.filter((k) => !ids.has(k) && !isCategoryId(k) && !/^identifier\.(nir|iban|card|credential)$/.test(k));
}
