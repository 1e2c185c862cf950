/**
 * The reader's language for terminal and report output: `--lang`, else the first of
 * LC_ALL / LC_MESSAGES / LANG that names French or English; undefined when none does
 * (C, POSIX, another language): then each rule speaks its own language.
 */
import type { Locale } from '../categories.ts';

export function cliLang(explicit: string | undefined, env: NodeJS.ProcessEnv = process.env): Locale | undefined {
  if (explicit === 'fr' || explicit === 'en') return explicit;
  const tag = [env.LC_ALL, env.LC_MESSAGES, env.LANG].find((v) => v && v !== 'C' && !/^C\./.test(v) && v !== 'POSIX') ?? '';
  return /^fr/i.test(tag) ? 'fr' : /^en/i.test(tag) ? 'en' : undefined;
}

/** `--lang` is checked before use: fr or en only. */
export const isCliLang = (v: string | undefined): boolean => v === undefined || v === 'fr' || v === 'en';
