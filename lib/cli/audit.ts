import type { Io } from './main.ts';
/** `crm-note-lint audit`: not written yet (issue 6). */
export async function auditCommand(_args: string[], io: Io): Promise<number> {
  io.stderr.write('crm-note-lint audit: not available yet\n');
  return 2;
}
