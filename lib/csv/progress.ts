/**
 * A one-line progress bar on stderr (rows, rows/s, percentage and ETA from the
 * bytes read), drawn only when stderr is a terminal and at most ten times a
 * second; silent in pipes, CI logs and tests.
 */
export interface ProgressSource {
  bytesRead(): number;
  totalBytes?: number;
}

export class Progress {
  private readonly enabled: boolean;
  private readonly started = Date.now();
  private last = 0;
  private drawn = false;

  constructor(private readonly stream: NodeJS.WritableStream, private readonly source: ProgressSource, private readonly label = 'rows', force?: boolean) {
    this.enabled = force ?? Boolean((stream as { isTTY?: boolean }).isTTY);
  }

  /** Call once per row; cheap when nothing is drawn. */
  tick(rows: number): void {
    if (!this.enabled || (rows & 255) !== 0) return;
    const now = Date.now();
    if (now - this.last < 100) return;
    this.last = now;
    this.stream.write('\r' + this.render(rows, now) + '\x1b[K');
    this.drawn = true;
  }

  render(rows: number, now = Date.now()): string {
    const secs = Math.max((now - this.started) / 1000, 0.001);
    const rate = rows / secs;
    let bar = '';
    let eta = '';
    const total = this.source.totalBytes;
    if (total) {
      const frac = Math.min(1, this.source.bytesRead() / total);
      const width = 24;
      const full = Math.round(frac * width);
      bar = ` [${'█'.repeat(full)}${'░'.repeat(width - full)}] ${(frac * 100).toFixed(0).padStart(3)}%`;
      if (frac > 0.001 && frac < 1) eta = `  ETA ${formatDuration(secs * (1 - frac) / frac)}`;
    }
    return `${formatInt(rows)} ${this.label}  ${formatInt(Math.round(rate))} ${this.label}/s${bar}${eta}`;
  }

  done(): void {
    if (this.drawn) this.stream.write('\r\x1b[K');
  }
}

export function formatDuration(s: number): string {
  const t = Math.round(s);
  const h = Math.floor(t / 3600);
  const m = Math.floor((t % 3600) / 60);
  const sec = t % 60;
  return h ? `${h}:${String(m).padStart(2, '0')}:${String(sec).padStart(2, '0')}` : `${m}:${String(sec).padStart(2, '0')}`;
}

/** 1234567 → "1 234 567" (thin, unambiguous in French and English reports). */
export function formatInt(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ' ');
}
