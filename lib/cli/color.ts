/**
 * Terminal colours, following the usual conventions: NO_COLOR (any value) turns
 * them off, FORCE_COLOR (not "0") turns them on, otherwise only on a terminal.
 */
import type { Severity } from '../categories.ts';

export function colorEnabled(stream: NodeJS.WritableStream, env: NodeJS.ProcessEnv = process.env): boolean {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.FORCE_COLOR !== undefined) return env.FORCE_COLOR !== '0' && env.FORCE_COLOR !== 'false';
  return Boolean((stream as { isTTY?: boolean }).isTTY);
}

const SEVERITY_SGR: Record<Severity, string> = { error: '31', warning: '33', suggestion: '36' };

export function paintSeverity(s: Severity, text: string, on: boolean): string {
  return on ? `\x1b[${SEVERITY_SGR[s]}m${text}\x1b[39m` : text;
}

export function dim(text: string, on: boolean): string {
  return on ? `\x1b[2m${text}\x1b[22m` : text;
}
