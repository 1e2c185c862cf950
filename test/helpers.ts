import { Linter } from '../lib/engine/lint.ts';
import { loadBuiltinPack } from '../lib/cli/builtin.ts';

let linter: Linter | undefined;
/** The built-in pack's linter, compiled once per test file. */
export function builtinLinter(): Linter {
  return (linter ??= new Linter([loadBuiltinPack()]));
}
