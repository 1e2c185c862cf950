// The import graph the build enforces (README "Architecture"): no cycles, pure folders
// stay pure, the in-page side never reaches into the background. Syntax-only parsing
// (no type information) keeps `npm run lint` fast.
import tseslint from 'typescript-eslint';
import importX, { createNodeResolver } from 'eslint-plugin-import-x';

const PURE = ['lib/engine', 'lib/detectors', 'lib/compiler', 'lib/schema', 'lib/fields'];
const RUNTIMES = ['lib/background', 'lib/content', 'lib/pages', 'lib/cli', 'entrypoints'];

export default tseslint.config(
  { ignores: ['.output/**', '.wxt/**', 'node_modules/**', 'lib/generated/**', 'demo/**', 'profiles/**'] },
  {
    files: ['**/*.{ts,tsx}'],
    languageOptions: { parser: tseslint.parser },
    plugins: { 'import-x': importX },
    settings: {
      'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.tsx', '.js'] })],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts', '.tsx'] },
      'import-x/extensions': ['.ts', '.tsx', '.js'],
    },
    rules: {
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
      'import-x/no-self-import': 'error',
      'import-x/no-restricted-paths': ['error', {
        zones: [
          ...PURE.map((target) => ({
            target,
            from: RUNTIMES,
            message: 'Pure code (engine, detectors, compiler, schema, fields) runs everywhere: it imports no runtime folder.',
          })),
          {
            target: 'lib/content',
            from: 'lib/background',
            message: 'The content script talks to the background through messages (lib/messages.ts), never by import.',
          },
          {
            target: 'lib/content/dom',
            from: ['lib/messages.ts', 'lib/config.ts', 'lib/schema', 'lib/content/lint', 'lib/content/save-guard', 'lib/content/sensitive-fields'],
            message: 'The DOM layer knows fields, ranges, offsets and editors: no policy, no counting, no drawing.',
          },
          {
            target: ['lib/background', 'lib/pages'],
            from: 'lib/content',
            message: 'The in-page side is the content script\'s alone.',
          },
          {
            target: ['lib/audit', 'lib/anonymize', 'lib/csv'],
            from: 'lib/cli',
            message: 'The command line wires audit, anonymize and csv; they do not import it back.',
          },
        ],
      }],
    },
  },
);
