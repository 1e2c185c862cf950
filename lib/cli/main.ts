/**
 * The `crm-note-lint` command. Subcommands:
 *   check [files…] [--jsonl]     lint notes (text report, JSON, or the JSONL machine interface)
 *   dict validate|build|test P   dictionary author's tools
 */
import { parseArgs } from 'node:util';
import { DictionaryError } from '../compiler/errors.ts';
import { checkFiles, checkJsonl, type CheckOptions } from './check.ts';
import { buildLinter } from './build-linter.ts';
import { defaultIo, stdinFileSize, type Io } from './io.ts';
import { packageVersion } from './version.ts';
import { exitWith } from './exit.ts';
import { cliLang, isCliLang } from './lang.ts';
import { SEVERITIES, type Severity } from '../categories.ts';

export type { Io } from './io.ts';

export const USAGE = `Usage: crm-note-lint <command> [options]

Commands:
  check [FILE…]            Lint text files (stdin when none): file:line:col  category  wording → suggestion
      --jsonl              Machine interface: stdin {"id","text"} lines → {"id","findings":[…]} lines
      --format text|json   Report format (default text)
      --locale fr|en|auto  Language of the notes (default auto)
      --lang fr|en         Language of the messages and summary (default: LANG when French or English)
      --dictionary PATH    Extra pack: compiled .json, a YAML file or a pack folder (repeatable)
      --no-builtin         Use only the --dictionary packs
      --fail-on LEVEL      suggestion|warning|error|none: exit 1 when a finding reaches it (default error)
      --jobs N             Worker threads for large --jsonl input (default: one per core)
  audit FILE|-             Audit a CRM export (CSV: BOM, ; , tab, CRLF, multi-line cells, UTF-8/Windows-1252; or JSONL)
      --column NAME        Text column (repeatable; default: a column named like "Notes"); --id-column NAME
      --out F.csv          One row per finding; --redact F.csv [--redact-mode suggest|remove|mask]: cleaned copy
      --html F.html        Self-contained report (no note text unless --include-text)
      --encoding, --delimiter, --format csv|jsonl, --locale, --dictionary, --no-builtin, --fail-on
      (crm-note-lint audit --help for details)
  anonymize FILE|- --profile P.yaml [--out F.csv]   Rework an export column by column (drop, keep, year,
                           band, boolean, postal_code, random_index, pseudonym, lint) + k-anonymity report
      --k N [--suppress]   Fail below k, or drop the rows below k; --allow-unlisted drop; --key-file F
      (crm-note-lint anonymize --help for details; profiles/seed-crm.yaml is the seed's table)
  serve [--data DIR | --database URL] [--port N] [--host H] [--min-group N]
                           Collector for the extension's counts + org dashboard (crm-note-lint serve --help)
  dict validate PATH       Check dictionary sources (errors name file, line, entry and field)
  dict build PATH [--out FILE]   Compile sources into a pack (JSON)
  dict test PATH           Run every entry's flag/pass examples
  dict keygen [--out DIR]  ECDSA P-256 key pair for signed remote packs (pack-signing.key.pem, pack-signing.pub)
  dict sign PACK --key KEY [--out FILE] [--expires-days N]
                           Sign a pack (compiled .json, YAML file or folder) for packUrl (docs/admin.md)

  --version                Print the version; COMMAND --help for one command's options

Exit codes: 0 clean, 1 findings at --fail-on (anonymize: output below --k), 2 bad input (reported on stderr; the rest is processed).
A non-zero exit says why on the last line of stderr. NO_COLOR / FORCE_COLOR are honoured.
`;

export const CHECK_USAGE = `Usage: crm-note-lint check [FILE…] [options]
  Lint text files (stdin when none): file:line:col  severity  category  "wording" → suggestion
  --jsonl                Machine interface: stdin {"id","text"[,"locale"]} lines → {"id","findings":[…]} lines, in order
  --format text|json     Report format for files (default text)
  --locale fr|en|auto    Language of the notes (default auto; a JSONL line may carry its own "locale")
  --lang fr|en           Language of the messages and the summary line of file checks (default: LANG when French or English; JSONL keeps each rule's own)
  --dictionary PATH      Extra pack: compiled .json, a YAML file or a pack folder (repeatable)
  --no-builtin           Use only the --dictionary packs
  --fail-on LEVEL        suggestion|warning|error|none: exit 1 when a finding reaches it (default error)
  --jobs N               Worker threads for large --jsonl input (default: one per core; 1 = this thread)
Exit codes: 0 clean, 1 a finding reached --fail-on, 2 bad input (named on stderr; the rest is processed).
`;

export const DICT_USAGE = `Usage: crm-note-lint dict <action> PATH [options]
  validate PATH          Check dictionary sources (errors name file, line, entry and field)
  build PATH [--out F]   Compile sources into a pack (JSON)
  test PATH              Run every entry's flag/pass examples
  keygen [--out DIR]     ECDSA P-256 key pair for signed remote packs
  sign PACK --key KEY [--out FILE] [--expires-days N]   Sign a pack for packUrl (docs/admin.md)
Exit codes: 0 fine, 2 problems in the sources (each named file:line: entry field: message).
`;

const COMMAND_HELP: Record<string, string> = {
  check: CHECK_USAGE,
  dict: DICT_USAGE,
};


export async function main(argv: string[], io: Io = defaultIo): Promise<number> {
  const [command, ...rest] = argv;
  try {
    if (command && COMMAND_HELP[command] && (rest.includes('--help') || rest.includes('-h'))) {
      io.stdout.write(COMMAND_HELP[command]!);
      return 0;
    }
    switch (command) {
      case 'check': {
        const { values, positionals } = parseArgs({
          args: rest,
          allowPositionals: true,
          options: {
            jsonl: { type: 'boolean', default: false },
            format: { type: 'string', default: 'text' },
            locale: { type: 'string', default: 'auto' },
            lang: { type: 'string' },
            dictionary: { type: 'string', multiple: true, default: [] },
            'no-builtin': { type: 'boolean', default: false },
            'fail-on': { type: 'string', default: 'error' },
            jobs: { type: 'string' },
          },
        });
        if (!isCliLang(values.lang)) return usageError(io, `--lang must be fr or en (got "${values.lang}")`, CHECK_USAGE);
        if (!['fr', 'en', 'auto'].includes(values.locale!)) return usageError(io, `--locale must be fr, en or auto (got "${values.locale}")`, CHECK_USAGE);
        if (![...SEVERITIES, 'none'].includes(values['fail-on']!)) return usageError(io, `--fail-on must be suggestion, warning, error or none`, CHECK_USAGE);
        if (!['text', 'json'].includes(values.format!)) return usageError(io, `--format must be text or json`, CHECK_USAGE);
        const jobs = parseJobs(values.jobs);
        if (jobs === undefined) return usageError(io, `--jobs must be a whole number ≥ 1 (got "${values.jobs}")`, CHECK_USAGE);
        let badPack = false;
        const linter = await buildLinter(values.dictionary!, !values['no-builtin'], (e, path) => {
          badPack = true;
          io.stderr.write(`${e.message}\n${path}: invalid dictionary, skipped; the notes are checked with the other packs\n`);
        });
        const opts: CheckOptions = {
          locale: values.locale as CheckOptions['locale'],
          failOn: values['fail-on'] as Severity | 'none',
          format: values.format as 'text' | 'json',
          ...(cliLang(values.lang) ? { lang: cliLang(values.lang)! } : {}),
          jobs,
          packArgs: { dictionaries: values.dictionary!, builtin: !values['no-builtin'] },
          ...(values.jsonl ? { inputSize: stdinFileSize(io) } : {}),
        };
        const result = values.jsonl
          ? await checkJsonl(linter, opts, io.stdin, io.stdout, io.stderr)
          : await checkFiles(linter, positionals, opts, io.stdout, io.stderr);
        if (badPack) return exitWith(io, 2, 'an invalid --dictionary was skipped (named above)');
        return exitWith(io, result.code, result.reason);
      }
      case 'dict': {
        const { dictCommand, dictKeyCommand, DICT_KEY_ACTIONS } = await import('./dict.ts');
        if (rest[0] && DICT_KEY_ACTIONS.includes(rest[0])) return await dictKeyCommand(rest, { stdout: io.stdout, stderr: io.stderr });
        const { values, positionals } = parseArgs({
          args: rest,
          allowPositionals: true,
          options: { out: { type: 'string' }, help: { type: 'boolean', short: 'h', default: false } },
        });
        if (values.help) {
          io.stdout.write(DICT_USAGE);
          return 0;
        }
        const [action, path] = positionals;
        if (!action || !path) return usageError(io, 'dict needs an action and a PATH', DICT_USAGE);
        return exitWith(io, dictCommand(action, path, values.out, { out: io.stdout, err: io.stderr }), 'dictionary problems, named above');
      }
      case 'audit':
        return await (await import('./audit.ts')).auditCommand(rest, io);
      case 'anonymize':
        return await (await import('./anonymize.ts')).anonymizeCommand(rest, io);
      case 'serve':
        return await (await import('./serve.ts')).serveCommand(rest, io);
      case '-v':
      case '--version':
      case 'version':
        io.stdout.write(`crm-note-lint ${packageVersion()}\n`);
        return 0;
      case undefined:
      case '-h':
      case '--help':
      case 'help':
        if (command === 'help' && rest[0] && rest[0] !== command) return main([rest[0], '--help'], io);
        io.stdout.write(USAGE);
        return command ? 0 : exitWith(io, 2, 'no command given');
      default:
        return usageError(io, `unknown command "${command}"`);
    }
  } catch (e) {
    if (e instanceof DictionaryError) {
      io.stderr.write(`${e.message}\n`);
      return exitWith(io, 2, 'invalid dictionary');
    }
    if ((e as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) return usageError(io, (e as Error).message, command ? COMMAND_HELP[command] : undefined);
    throw e;
  }
}

/** `--jobs N`: undefined when invalid; absent means "as many as the machine has cores". */
function parseJobs(raw: string | undefined): number | undefined {
  if (raw === undefined) return 0;
  return /^[1-9]\d*$/.test(raw) ? Number(raw) : undefined;
}

function usageError(io: Io, message: string, usage = USAGE): number {
  io.stderr.write(`crm-note-lint: ${message}\n\n${usage}`);
  return exitWith(io, 2, message);
}

const invokedDirectly = process.argv[1] && import.meta.url.endsWith(process.argv[1].replace(/\\/g, '/').split('/').pop()!);
if (invokedDirectly) {
  main(process.argv.slice(2)).then((code) => { process.exitCode = code; });
}
