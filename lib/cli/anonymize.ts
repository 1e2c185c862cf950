import type { Io } from './main.ts';
/** `crm-note-lint anonymize`: not written yet (issue 7). */
export async function anonymizeCommand(_args: string[], io: Io): Promise<number> {
  io.stderr.write('crm-note-lint anonymize: not available yet\n');
  return 2;
}
