import { fstatSync } from 'node:fs';

/** The streams a command writes to: the process's by default, captured ones in tests. */
export interface Io {
  stdin: NodeJS.ReadableStream;
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
}

/** The process's streams, each opened when first used: `check note.txt` never builds a stdin stream (about 6 ms at start). */
export const defaultIo: Io = {
  get stdin() { return process.stdin; },
  get stdout() { return process.stdout; },
  get stderr() { return process.stderr; },
};

/** Size of stdin when it is a regular file (`< notes.jsonl`), so a big input can start its workers at once. */
export function stdinFileSize(io: Io): number | undefined {
  if (io.stdin !== process.stdin) return undefined;
  try {
    const st = fstatSync(0);
    return st.isFile() ? st.size : undefined;
  } catch {
    return undefined;
  }
}
