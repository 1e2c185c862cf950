/** The package version: baked in by the build, read from package.json in a source checkout. */
import { readFileSync } from 'node:fs';

declare const __CNL_VERSION__: string | undefined;

export function packageVersion(): string {
  if (typeof __CNL_VERSION__ === 'string') return __CNL_VERSION__;
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}
