/**
 * One cell of an export: its findings and, when a redacted copy is asked for,
 * the rewritten text. Pure work on the linter, so it runs in worker threads too.
 */
import type { Linter } from '../engine/lint.ts';
import type { Finding, LocaleOption } from '../engine/types.ts';
import { redactText, type RedactOptions } from './redact.ts';

export interface CellResult {
  findings: Finding[];
  redacted?: string;
}

export interface CellOptions {
  locale: LocaleOption;
  redact?: RedactOptions;
}

export interface CellTask extends CellOptions {
  /** One entry per row × text column; null for cells that are not audited. */
  texts: (string | null)[];
}

export function auditCell(linter: Linter, text: string, o: CellOptions): CellResult {
  const findings = linter.lint(text, { locale: o.locale });
  if (!o.redact) return { findings };
  return { findings, redacted: findings.length ? redactText(linter, text, o.redact, findings).text : text };
}
