/** Public API of the engine (Node, content script and workers alike). */
export { Linter, type LinterOptions, type LintOptions } from './engine/lint.ts';
export type { Finding, Fix, LocaleOption } from './engine/types.ts';
export { tokenize, phraseKey } from './engine/tokenize.ts';
export { fold } from './engine/fold.ts';
export { applyFix } from './engine/apply.ts';
export { CATEGORIES, CATEGORY_IDS, type CategoryId, type Severity, type Locale } from './categories.ts';
export { compiledPackSchema, type CompiledPack } from './schema/dictionary.ts';
