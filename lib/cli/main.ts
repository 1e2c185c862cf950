/**
 * The `crm-note-lint` command. Subcommands:
 *   check [files…] [--jsonl]     lint notes (text report, JSON, or the JSONL machine interface)
 *   dict validate|build|test P   dictionary author's tools
 */
import { parseArgs } from 'node:util';
import { Linter } from '../engine/lint.ts';
import { DictionaryError } from '../compiler/errors.ts';
import type { CompiledPack } from '../schema/dictionary.ts';
import { checkFiles, checkJsonl, type CheckOptions } from './check.ts';
import { dictCommand, dictKeyCommand, DICT_KEY_ACTIONS } from './dict.ts';
import { loadBuiltinPack, loadPackArgument } from './builtin.ts';
import { SEVERITIES, type Severity } from '../categories.ts';

export const USAGE = `Usage: crm-note-lint <command> [options]

Commands:
  check [FILE…]            Lint text files (stdin when none): file:line:col  category  wording → suggestion
      --jsonl              Machine interface: stdin {"id","text"} lines → {"id","findings":[…]} lines
      --format text|json   Report format (default text)
      --locale fr|en|auto  Language of the notes (default auto)
      --dictionary PATH    Extra pack: compiled .json, a YAML file or a pack folder (repeatable)
      --no-builtin         Use only the --dictionary packs
      --fail-on LEVEL      suggestion|warning|error|none: exit 1 when a finding reaches it (default error)
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

Exit codes: 0 clean, 1 findings at --fail-on (anonymize: output below --k), 2 bad input (reported on stderr; the rest is processed).
`;

export interface Io {
  stdin: NodeJS.ReadableStream;
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
}

const defaultIo: Io = { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr };

/**
 * The linter for the packs asked for. With `onBadPack`, an invalid --dictionary is
 * reported and skipped (`check` goes on with the rest); without it, it throws.
 */
export function buildLinter(dictionaries: string[], builtin: boolean, onBadPack?: (e: DictionaryError, path: string) => void): Linter {
  const packs: CompiledPack[] = [];
  if (builtin) packs.push(loadBuiltinPack());
  for (const d of dictionaries) {
    try {
      packs.push(loadPackArgument(d));
    } catch (e) {
      if (!(e instanceof DictionaryError) || !onBadPack) throw e;
      onBadPack(e, d);
    }
  }
  return new Linter(packs);
}

export async function main(argv: string[], io: Io = defaultIo): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'check': {
        const { values, positionals } = parseArgs({
          args: rest,
          allowPositionals: true,
          options: {
            jsonl: { type: 'boolean', default: false },
            format: { type: 'string', default: 'text' },
            locale: { type: 'string', default: 'auto' },
            dictionary: { type: 'string', multiple: true, default: [] },
            'no-builtin': { type: 'boolean', default: false },
            'fail-on': { type: 'string', default: 'error' },
          },
        });
        if (!['fr', 'en', 'auto'].includes(values.locale!)) return usageError(io, `--locale must be fr, en or auto (got "${values.locale}")`);
        if (![...SEVERITIES, 'none'].includes(values['fail-on']!)) return usageError(io, `--fail-on must be suggestion, warning, error or none`);
        if (!['text', 'json'].includes(values.format!)) return usageError(io, `--format must be text or json`);
        let badPack = false;
        const linter = buildLinter(values.dictionary!, !values['no-builtin'], (e, path) => {
          badPack = true;
          io.stderr.write(`${e.message}\n${path}: invalid dictionary, skipped; the notes are checked with the other packs\n`);
        });
        const opts: CheckOptions = {
          locale: values.locale as CheckOptions['locale'],
          failOn: values['fail-on'] as Severity | 'none',
          format: values.format as 'text' | 'json',
        };
        const code = values.jsonl
          ? await checkJsonl(linter, opts, io.stdin, io.stdout, io.stderr)
          : await checkFiles(linter, positionals, opts, io.stdout, io.stderr);
        return badPack ? 2 : code;
      }
      case 'dict': {
        if (rest[0] && DICT_KEY_ACTIONS.includes(rest[0])) return await dictKeyCommand(rest, { stdout: io.stdout, stderr: io.stderr });
        const { values, positionals } = parseArgs({
          args: rest,
          allowPositionals: true,
          options: { out: { type: 'string' } },
        });
        const [action, path] = positionals;
        if (!action || !path) return usageError(io, 'dict needs an action and a PATH');
        return dictCommand(action, path, values.out, { out: io.stdout, err: io.stderr });
      }
      case 'audit':
        return await (await import('./audit.ts')).auditCommand(rest, io);
      case 'anonymize':
        return await (await import('./anonymize.ts')).anonymizeCommand(rest, io);
      case 'serve':
        return await (await import('./serve.ts')).serveCommand(rest, io);
      case undefined:
      case '-h':
      case '--help':
      case 'help':
        io.stdout.write(USAGE);
        return command ? 0 : 2;
      default:
        return usageError(io, `unknown command "${command}"`);
    }
  } catch (e) {
    if (e instanceof DictionaryError) {
      io.stderr.write(`${e.message}\n`);
      return 2;
    }
    if ((e as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) return usageError(io, (e as Error).message);
    throw e;
  }
}

function usageError(io: Io, message: string): number {
  io.stderr.write(`crm-note-lint: ${message}\n\n${USAGE}`);
  return 2;
}

const invokedDirectly = process.argv[1] && import.meta.url.endsWith(process.argv[1].replace(/\\/g, '/').split('/').pop()!);
if (invokedDirectly) {
  main(process.argv.slice(2)).then((code) => { process.exitCode = code; });
}
