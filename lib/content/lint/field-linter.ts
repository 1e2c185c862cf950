/**
 * One field's linter, incremental: the text is cut into paragraphs (long ones at
 * sentence or word boundaries); a paragraph whose text did not change reuses its
 * cached findings, so a keystroke re-lints one paragraph. `run` is time-sliced (uncached
 * work yields to the page every `sliceMs`, so a 1 MB paste never holds the main thread
 * long); `runSync` does the same at once, for a save that must not slip past a keystroke.
 * Each run supersedes the ones before it: a time-sliced run overtaken by a newer `run`
 * or by `runSync` returns null, so its caller never takes an older text's findings.
 */
import type { Finding } from '../../engine/types.ts';

export type LintFn = (text: string) => Finding[];

/** [start, end) pieces covering `text` (separators included in no piece). */
export function splitChunks(text: string, max = 2000): [number, number][] {
  const out: [number, number][] = [];
  let pos = 0;
  const n = text.length;
  while (pos <= n) {
    let nl = text.indexOf('\n', pos);
    if (nl < 0) nl = n;
    let s = pos;
    while (nl - s > max) {
      // Cut a long paragraph after a sentence end, else at a space.
      const window = text.slice(s, s + max);
      let cut = -1;
      const re = /[.!?;]\s+/g;
      for (let m = re.exec(window); m; m = re.exec(window)) cut = m.index + m[0].length;
      if (cut < max / 4) {
        const sp = window.lastIndexOf(' ');
        cut = sp > max / 4 ? sp + 1 : max;
      }
      out.push([s, s + cut]);
      s += cut;
    }
    if (nl > s) out.push([s, nl]);
    pos = nl + 1;
  }
  return out;
}

function shift(f: Finding, by: number): Finding {
  if (!by) return f;
  return { ...f, start: f.start + by, end: f.end + by, fixes: f.fixes.map((x) => ({ ...x, start: x.start + by, end: x.end + by })) };
}

export interface RunOptions {
  sliceMs?: number;
  /** Gives the page a turn (a macrotask); defaults to setTimeout(0). */
  yieldToPage?: () => Promise<void>;
  /** Checked after each yield: true drops the run (a newer text arrived). */
  stale?: () => boolean;
  now?: () => number;
}

export class IncrementalLinter {
  private cache = new Map<string, Finding[]>();
  /** Chunks linted (not reused) by the last run: for tests and benchmarks. */
  lastLinted = 0;
  /** Runs started so far; a run is current while no other started after it. */
  private runs = 0;
  private inFlight = 0;

  constructor(private readonly lint: LintFn, private readonly maxChunk = 2000) {}

  /** A time-sliced run is in flight. */
  get busy(): boolean {
    return this.inFlight !== 0;
  }

  /** Findings of `text`, or null when the run went stale (`opts.stale`, or a newer run started). */
  async run(text: string, opts: RunOptions = {}): Promise<Finding[] | null> {
    const sliceMs = opts.sliceMs ?? 8;
    const now = opts.now ?? (() => performance.now());
    const yieldToPage = opts.yieldToPage ?? (() => new Promise<void>((r) => setTimeout(r, 0)));
    const id = ++this.runs;
    this.inFlight = id;
    try {
      const pass = this.pass(text);
      let t0 = now();
      let step = pass.next();
      while (!step.done) {
        // Paused before an uncached piece: give the page a turn when the slice is used up.
        if (now() - t0 > sliceMs) {
          await yieldToPage();
          if (this.runs !== id || opts.stale?.()) return null;
          t0 = now();
        }
        step = pass.next();
      }
      return this.keep(step.value);
    } finally {
      if (this.inFlight === id) this.inFlight = 0;
    }
  }

  /**
   * Findings of `text` at once; a time-sliced run in flight is dropped. The engine's
   * errors propagate (the cache stays as it was).
   */
  runSync(text: string): Finding[] {
    this.runs++;
    this.inFlight = 0;
    const pass = this.pass(text);
    let step = pass.next();
    while (!step.done) step = pass.next();
    return this.keep(step.value);
  }

  /** Walks the pieces, pausing before each uncached one (so `run` can yield first). */
  private *pass(text: string): Generator<void, Pass, void> {
    const done: Pass = { cache: new Map(), out: [], linted: 0 };
    for (const [s, e] of splitChunks(text, this.maxChunk)) {
      const piece = text.slice(s, e);
      let found = done.cache.get(piece) ?? this.cache.get(piece);
      if (!found) {
        yield;
        found = this.lint(piece);
        done.linted++;
      }
      done.cache.set(piece, found);
      for (const f of found) done.out.push(shift(f, s));
    }
    return done;
  }

  private keep(done: Pass): Finding[] {
    this.cache = done.cache;
    this.lastLinted = done.linted;
    return done.out;
  }
}

interface Pass { cache: Map<string, Finding[]>; out: Finding[]; linted: number }
