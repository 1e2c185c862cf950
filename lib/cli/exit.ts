/** The last line of stderr of a non-zero exit says why ("exit 1: 9 error findings reached --fail-on error"). */
import type { Io } from './io.ts';

export function exitWith(io: Pick<Io, 'stderr'>, code: number, reason: string | undefined): number {
  if (code !== 0) io.stderr.write(`exit ${code}: ${reason ?? (code === 2 ? 'bad input, named above' : 'findings reached --fail-on')}\n`);
  return code;
}

