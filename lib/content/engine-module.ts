/**
 * The content script's lazy half: what linting a note needs (the engine, the detectors, the
 * built-in pack's prebuilt index), built as a module file of its own (wxt.config.ts,
 * ENGINE_FILE) that the content script imports on the first focused notes field of a page
 * where the extension is on (lib/content/engine-file.ts). Every page gets only the in-page
 * half; pages without a notes field never load this one.
 *
 * Nothing here reads module state set by the in-page half: that half has its own copies of
 * the modules both use (lib/i18n, lib/categories), so whatever the engine needs comes in as
 * an argument: the packs and options from the configuration, the message language
 * (`messageLocale`, the UI's), the reader of the extension's files.
 */
export { Linter } from '../engine/lint.ts';
export { attachBuiltinIndex, dropBuiltinIndex } from './builtin-index.ts';
