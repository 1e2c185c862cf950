/**
 * k-anonymity over the quasi-identifiers of a profile: equivalence classes
 * (rows sharing the same values of every quasi-identifier), the smallest one,
 * the rows in classes below k, and which column to coarsen first (the one whose
 * removal would leave the fewest rows below k). Memory grows with the number of
 * distinct combinations, never with the rows themselves.
 */
export const SEP = '\u001f';

export interface ColumnAdvice {
  column: string;
  distinct: number;
  /** Rows that would stay below k if this column were generalised away. */
  rowsBelowKWithout: number;
}

export interface KReport {
  quasiIdentifiers: string[];
  k: number;
  rows: number;
  classes: number;
  smallestClass: number;
  rowsBelowK: number;
  classesBelowK: number;
  advice: ColumnAdvice[];
}

export class KAnonymity {
  readonly classes = new Map<string, number>();
  rows = 0;

  constructor(readonly columns: readonly string[]) {}

  static key(values: readonly string[]): string {
    return values.join(SEP);
  }

  add(values: readonly string[]): void {
    this.rows++;
    const key = KAnonymity.key(values);
    this.classes.set(key, (this.classes.get(key) ?? 0) + 1);
  }

  /** Class sizes with column `i` generalised away, and its distinct values (derived from the classes). */
  private marginal(i: number, classes: Map<string, number>): { without: Map<string, number>; distinct: number } {
    const without = new Map<string, number>();
    const distinct = new Set<string>();
    for (const [key, n] of classes) {
      const v = key.split(SEP);
      distinct.add(v[i]!);
      v.splice(i, 1);
      const k = v.join(SEP);
      without.set(k, (without.get(k) ?? 0) + n);
    }
    return { without, distinct: distinct.size };
  }

  sizeOf(values: readonly string[]): number {
    return this.classes.get(KAnonymity.key(values)) ?? 0;
  }

  report(k: number, classes: Map<string, number> = this.classes): KReport {
    let smallest = Infinity;
    let rowsBelow = 0;
    let classesBelow = 0;
    let rows = 0;
    for (const n of classes.values()) {
      rows += n;
      smallest = Math.min(smallest, n);
      if (n < k) {
        rowsBelow += n;
        classesBelow++;
      }
    }
    const below = (m: Map<string, number>) => {
      let r = 0;
      for (const n of m.values()) if (n < k) r += n;
      return r;
    };
    const advice = this.columns.map((column, i) => {
      const m = this.marginal(i, this.classes);
      return { column, distinct: m.distinct, rowsBelowKWithout: this.columns.length > 1 ? below(m.without) : 0 };
    }).sort((a, b) => a.rowsBelowKWithout - b.rowsBelowKWithout || b.distinct - a.distinct);
    return {
      quasiIdentifiers: [...this.columns], k, rows, classes: classes.size,
      smallestClass: classes.size ? smallest : 0, rowsBelowK: rowsBelow, classesBelowK: classesBelow, advice,
    };
  }

  /** The classes left once rows in classes below k are suppressed. */
  afterSuppression(k: number): KReport {
    const kept = new Map([...this.classes].filter(([, n]) => n >= k));
    const r = this.report(k, kept);
    return { ...r, advice: [] };
  }
}
