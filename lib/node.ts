/**
 * The Node library: the engine plus the built-in pack.
 *   import { lint, Linter, loadBuiltinPack } from 'crm-note-lint';
 * `lint(text)` uses one shared linter on the built-in pack; build a `Linter`
 * yourself to add packs or policy options.
 */
import { Linter, type LintOptions } from './engine/lint.ts';
import type { Finding } from './engine/types.ts';
import { loadBuiltinPack } from './cli/pack-loader.ts';

export * from './index.ts';
export { loadBuiltinPack } from './cli/pack-loader.ts';

let shared: Linter | undefined;

/** Lints one note with the built-in pack. */
export function lint(text: string, options?: LintOptions): Finding[] {
  shared ??= new Linter([loadBuiltinPack()]);
  return shared.lint(text, options);
}
