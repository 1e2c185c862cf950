/**
 * `crm-note-lint anonymize FILE --profile P.yaml --out OUT.csv`: reworks a CRM
 * export column by column as a declarative profile says (drop, keep, year,
 * band, boolean, postal_code, random_index, pseudonym, lint), then reports
 * k-anonymity over the profile's quasi-identifiers. See docs/anonymize.md.
 */
import { parseArgs } from 'node:util';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { normalizeDelimiter, normalizeEncoding } from '../csv/dialect.ts';
import { loadProfile, ProfileError } from '../anonymize/profile.ts';
import { KEY_ENV, runAnonymize } from '../anonymize/run.ts';
import { buildLinter } from './linter.ts';
import type { Io } from './io.ts';
import { EXPORT_INPUT_OPTIONS } from './export-options.ts';

export const ANONYMIZE_USAGE = `Usage: crm-note-lint anonymize FILE|- --profile PROFILE.yaml [--out OUT.csv] [options]
  --profile FILE         Declarative profile (YAML/JSON): drop, keep or a substitution per column
  --out FILE             Anonymized export, same dialect as the input (default: stdout)
  --allow-unlisted drop  Drop file columns the profile does not name (default: error)
  --k N                  Fail (exit 1, nothing written) when the output is not N-anonymous
  --suppress             Drop the rows whose equivalence class is below k instead
  --report FILE          k-anonymity report as JSON
  --key-file FILE        Key of the pseudonym columns (or $${KEY_ENV}); keep it secret and stable
  --generate-key FILE    Write a new random 256-bit key to FILE (mode 600) and exit
  --seed TEXT            Deterministic random index and shuffle (tests and demos only)
  --encoding ENC, --delimiter C, --format csv|jsonl   Input dialect (default: detected)
  --dictionary PATH, --no-builtin, --locale fr|en|auto   Dictionaries of the lint columns
  --progress / --no-progress
Exit codes: 0 done, 1 below --k, 2 bad input or profile (named on stderr).
`;

export function readKeyFile(path: string): Buffer {
  const raw = readFileSync(path);
  const text = raw.toString('utf8').trim();
  return /^[0-9a-f]{32,}$/i.test(text) && text.length % 2 === 0 ? Buffer.from(text, 'hex') : raw;
}

export async function anonymizeCommand(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      ...EXPORT_INPUT_OPTIONS,
      profile: { type: 'string' },
      out: { type: 'string' },
      'allow-unlisted': { type: 'string' },
      k: { type: 'string' },
      suppress: { type: 'boolean', default: false },
      report: { type: 'string' },
      'key-file': { type: 'string' },
      'generate-key': { type: 'string' },
      seed: { type: 'string' },
    },
  });
  const bad = (m: string) => {
    io.stderr.write(`crm-note-lint anonymize: ${m}\n\n${ANONYMIZE_USAGE}`);
    return 2;
  };
  if (values.help) {
    io.stdout.write(ANONYMIZE_USAGE);
    return 0;
  }
  if (values['generate-key']) {
    const path = values['generate-key'];
    if (existsSync(path)) return bad(`${path} exists: a key is never overwritten (losing it breaks pseudonym continuity)`);
    writeFileSync(path, randomBytes(32).toString('hex') + '\n', { mode: 0o600 });
    io.stdout.write(`new pseudonym key written to ${path} (keep it secret, and keep it: the same key gives the same pseudonyms)\n`);
    return 0;
  }
  if (!values.profile) return bad('--profile is required');
  if (positionals.length !== 1) return bad(positionals.length ? 'one input file at a time' : 'give the export to anonymize (a file, or - for stdin)');
  if (values['allow-unlisted'] !== undefined && values['allow-unlisted'] !== 'drop') return bad('--allow-unlisted takes one value: drop');
  let k: number | undefined;
  if (values.k !== undefined) {
    k = Number(values.k);
    if (!Number.isInteger(k) || k < 2) return bad(`--k must be a whole number ≥ 2 (got "${values.k}")`);
  }
  if (!['fr', 'en', 'auto'].includes(values.locale!)) return bad(`--locale must be fr, en or auto (got "${values.locale}")`);
  const encoding = values.encoding === undefined ? undefined : normalizeEncoding(values.encoding);
  if (values.encoding !== undefined && !encoding) return bad(`--encoding must be utf-8, windows-1252, utf-16le or utf-16be (got "${values.encoding}")`);
  const delimiter = values.delimiter === undefined ? undefined : normalizeDelimiter(values.delimiter);
  if (values.delimiter !== undefined && !delimiter) return bad(`--delimiter must be one character or tab/semicolon/comma/pipe (got "${values.delimiter}")`);
  if (values.format !== undefined && !['csv', 'jsonl'].includes(values.format)) return bad('--format must be csv or jsonl');
  const input = positionals[0]!;
  if (values.out && values.out === input) return bad('--out would overwrite the input file');

  let profile;
  try {
    profile = loadProfile(values.profile);
  } catch (e) {
    if (e instanceof ProfileError) {
      io.stderr.write(`${e.message}\n`);
      return 2;
    }
    throw e;
  }
  let key: Buffer | undefined;
  const envName = profile.key_env ?? KEY_ENV;
  try {
    if (values['key-file']) key = readKeyFile(values['key-file']);
    else if (process.env[envName]) key = /^[0-9a-f]+$/i.test(process.env[envName]!) && process.env[envName]!.length % 2 === 0 ? Buffer.from(process.env[envName]!, 'hex') : Buffer.from(process.env[envName]!, 'utf8');
  } catch (e) {
    return bad(`cannot read the key file: ${(e as Error).message}`);
  }
  const needsLinter = Object.values(profile.columns).some((r) => r.action === 'lint');
  const result = await runAnonymize({
    input: input === '-' ? io.stdin : input,
    name: input === '-' ? '<stdin>' : input,
    profile,
    out: values.out,
    allowUnlisted: values['allow-unlisted'] === 'drop' ? 'drop' : 'error',
    k,
    suppress: values.suppress!,
    seed: values.seed,
    key,
    linter: needsLinter ? buildLinter(values.dictionary!, !values['no-builtin']) : undefined,
    locale: values.locale as 'fr' | 'en' | 'auto',
    encoding,
    delimiter,
    format: values.format as 'csv' | 'jsonl' | undefined,
    stdout: io.stdout,
    stderr: io.stderr,
    progress: values['no-progress'] ? false : values.progress,
  });
  if (values.report && result.report) {
    writeFileSync(values.report, JSON.stringify({
      rowsIn: result.rowsIn, rowsOut: result.rowsOut, suppressed: result.suppressed,
      columns: result.outputColumns, dropped: result.dropped, kAnonymity: result.report, afterSuppression: result.afterSuppression,
    }, null, 2) + '\n');
  }
  return result.exitCode;
}
