/**
 * Curated vocabulary files: tab-separated, under the pack's `vocab/` folder.
 * Lines starting with `#` are comments (each file says where its list came from);
 * the first non-comment line names the columns.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface Table {
  rows: Array<Record<string, string>>;
  problems: string[];
}

export function readTable(dir: string, file: string, required: readonly string[]): Table {
  const path = join(dir, file);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    return { rows: [], problems: [`cannot read ${path}: ${(e as Error).message}`] };
  }
  const lines = text.split(/\r?\n/).map((l, i) => [l, i + 1] as const).filter(([l]) => l.trim() && !l.startsWith('#'));
  const header = lines.shift()?.[0].split('\t').map((h) => h.trim()) ?? [];
  const missing = required.filter((c) => !header.includes(c));
  if (missing.length) return { rows: [], problems: [`${path}: missing column(s) ${missing.join(', ')}`] };
  const rows: Array<Record<string, string>> = [];
  const problems: string[] = [];
  for (const [line, n] of lines) {
    const cells = line.split('\t').map((c) => c.trim());
    const row = Object.fromEntries(header.map((h, i) => [h, cells[i] ?? '']));
    const empty = required.filter((c) => !row[c]);
    if (empty.length) problems.push(`${path}:${n}: empty ${empty.join(', ')}`);
    else rows.push(row);
  }
  return { rows, problems };
}
