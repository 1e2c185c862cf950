/**
 * Collects input problems (bad rows, undecodable bytes, values that cannot be
 * converted) and prints them on stderr as `file:line: message`, capping the
 * flood at `limit` lines with a final count, so a broken 1M-row file stays
 * readable. The count decides the exit code (2).
 */
import type { InputProblem } from './reader.ts';

export class ProblemReporter {
  count = 0;
  /** The first problems, kept for reports (line numbers and messages only, never cell text). */
  readonly kept: InputProblem[] = [];

  constructor(private readonly err: NodeJS.WritableStream, private readonly name: string, private readonly limit = 50, private readonly keep = 200) {}

  readonly report = (p: InputProblem): void => {
    this.count++;
    if (this.kept.length < this.keep) this.kept.push(p);
    if (this.count <= this.limit) this.err.write(`${this.name}:${p.line ? `${p.line}:` : ''} ${p.message}\n`);
  };

  /** Prints the "… and N more" line when the cap was hit. */
  finish(): void {
    if (this.count > this.limit) this.err.write(`${this.name}: … and ${this.count - this.limit} more problem(s) not shown (${this.count} in all)\n`);
  }
}
