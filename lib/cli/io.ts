/** The streams a command writes to: the process's by default, captured ones in tests. */
export interface Io {
  stdin: NodeJS.ReadableStream;
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
}

export const defaultIo: Io = { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr };
