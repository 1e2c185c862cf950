import { PassThrough, Writable } from 'node:stream';
import type { Io } from '../../lib/cli/io.ts';

export interface Captured extends Io {
  out: () => string;
  err: () => string;
}

/** An Io whose stdout/stderr are captured as strings (stdin given as text). */
export function captureIo(stdinText = ''): Captured {
  let out = '';
  let err = '';
  const stdin = new PassThrough();
  stdin.end(stdinText);
  return {
    stdin,
    stdout: new Writable({ write(c, _e, cb) { out += c.toString(); cb(); } }),
    stderr: new Writable({ write(c, _e, cb) { err += c.toString(); cb(); } }),
    out: () => out,
    err: () => err,
  };
}
