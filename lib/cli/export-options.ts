/**
 * Command-line options shared by the commands that read an export (`audit`,
 * `anonymize`): how to read the file, which packs lint it, the progress bar.
 */
export const EXPORT_INPUT_OPTIONS = {
  encoding: { type: 'string' },
  delimiter: { type: 'string' },
  format: { type: 'string' },
  locale: { type: 'string', default: 'auto' },
  dictionary: { type: 'string', multiple: true, default: [] as string[] },
  'no-builtin': { type: 'boolean', default: false },
  progress: { type: 'boolean' },
  'no-progress': { type: 'boolean', default: false },
  help: { type: 'boolean', short: 'h', default: false },
} as const;
