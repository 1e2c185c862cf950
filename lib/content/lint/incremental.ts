/**
 * Incremental, time-sliced linting: the text is cut into paragraphs (long ones at
 * sentence or word boundaries); a paragraph whose text did not change reuses its
 * cached findings, so a keystroke re-lints one paragraph. Uncached work yields to
 * the page every `sliceMs`, so a 1 MB paste never holds the main thread long.
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

  constructor(private readonly lint: LintFn, private readonly maxChunk = 2000) {}

  /** Findings of `text`, or null when the run went stale. */
  async run(text: string, opts: RunOptions = {}): Promise<Finding[] | null> {
    const sliceMs = opts.sliceMs ?? 8;
    const now = opts.now ?? (() => performance.now());
    const yieldToPage = opts.yieldToPage ?? (() => new Promise<void>((r) => setTimeout(r, 0)));
    const next = new Map<string, Finding[]>();
    const out: Finding[] = [];
    let t0 = now();
    let linted = 0;
    for (const [s, e] of splitChunks(text, this.maxChunk)) {
      const piece = text.slice(s, e);
      let found = next.get(piece) ?? this.cache.get(piece);
      if (!found) {
        if (now() - t0 > sliceMs) {
          await yieldToPage();
          if (opts.stale?.()) return null;
          t0 = now();
        }
        found = this.lint(piece);
        linted++;
      }
      next.set(piece, found);
      for (const f of found) out.push(shift(f, s));
    }
    this.cache = next;
    this.lastLinted = linted;
    return out;
  }

  clear(): void {
    this.cache.clear();
  }
}
