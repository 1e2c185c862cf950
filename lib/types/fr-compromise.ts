/**
 * fr-compromise ships raw .ts typings that fail under `strict`, so tsc and tsx
 * are pointed here (tsconfig `paths`); bundlers resolve the package itself.
 * This is the narrow surface the dictionary compiler uses.
 */
// @ts-expect-error: no declaration file for the build itself, on purpose (see above)
import frNlp from '../../node_modules/fr-compromise/builds/fr-compromise.mjs';

export interface FrView {
  adjectives(): { conjugate(): unknown };
  verbs(): { conjugate(): unknown };
  text(): string;
}

const nlp = frNlp as (text: string) => FrView;
export default nlp;
