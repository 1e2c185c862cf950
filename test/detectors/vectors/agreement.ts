/**
 * Runs the public validator vectors (python-stdnum, ibantools, validator.js, presidio, the
 * Assurance Maladie's NIR validator…) through the detectors and measures how often the
 * detector decides as the validator does. Validators test a bare value; the detector finds
 * identifiers inside note text, so each value is decided bare, inside a French sentence as
 * written, and (when its layout is not what the vector is about) inside an English and a
 * French sentence in the usual grouping with spaces, dashes or dots.
 */
import { readFileSync } from 'node:fs';
import { runDetectors } from '../../../lib/detectors/index.ts';
import { luhnValid } from '../../../lib/detectors/card.ts';

export const VECTOR_TYPES = ['iban', 'card', 'nir', 'ssn', 'luhn'] as const;
export type VectorType = (typeof VECTOR_TYPES)[number];

interface ValueVector { input: string; valid: boolean; source: string; note?: string }
interface TextVector { text: string; spans: Array<[number, number]>; source: string; note?: string }
type Vector = ValueVector | TextVector;
interface VectorFile { type: VectorType; sources: Record<string, unknown>; vectors: Vector[] }

export interface Decision { type: VectorType; source: string; form: string; input: string; expected: string; got: string; note?: string }
export interface Agreement { type: VectorType; decisions: number; agreed: number; ratio: number; mismatches: Decision[] }

export function loadVectors(type: VectorType): VectorFile {
  return JSON.parse(readFileSync(new URL(`./${type}.json`, import.meta.url), 'utf8')) as VectorFile;
}

const RULE: Record<Exclude<VectorType, 'luhn'>, string> = {
  iban: 'identifier.iban', card: 'identifier.card', nir: 'identifier.nir', ssn: 'identifier.ssn',
};

/** Spans the detector of that type finds in a text. */
function spansOf(type: Exclude<VectorType, 'luhn'>, text: string): Array<[number, number]> {
  return runDetectors(text).filter((h) => h.rule === RULE[type]).map((h) => [h.start, h.end]);
}

/** Whether the detector flags exactly `value` where it sits in `text`. */
function flagsExactly(type: Exclude<VectorType, 'luhn'>, text: string, value: string): boolean {
  const at = text.indexOf(value);
  return spansOf(type, text).some(([s, e]) => s === at && e === at + value.length);
}

const groupBy = (s: string, sizes: number[], sep: string): string => {
  const out: string[] = [];
  let i = 0;
  for (const n of sizes) { if (i < s.length) out.push(s.slice(i, i + n)); i += n; }
  if (i < s.length) out.push(s.slice(i));
  return out.join(sep);
};
const fours = (s: string) => Array(Math.ceil(s.length / 4)).fill(4) as number[];

/** The value in its usual printed grouping, or undefined when it has no such layout (wrong length). */
function regroup(type: Exclude<VectorType, 'luhn'>, compact: string, sep: string): string | undefined {
  switch (type) {
    case 'iban': return compact.length >= 8 ? groupBy(compact, fours(compact), sep) : undefined;
    case 'card':
      if (compact.length === 15 && /^3[47]/.test(compact)) return groupBy(compact, [4, 6, 5], sep);
      if (compact.length === 14) return groupBy(compact, [4, 6, 4], sep);
      return groupBy(compact, fours(compact), sep);
    case 'nir': return compact.length === 15 ? groupBy(compact, [1, 2, 2, 2, 3, 3, 2], sep) : undefined;
    case 'ssn': return compact.length === 9 ? groupBy(compact, [3, 2, 4], sep) : undefined;
  }
}

const SECOND_SEPARATOR: Record<Exclude<VectorType, 'luhn'>, string> = { iban: '-', card: '-', nir: '.', ssn: '.' };

function valueDecisions(type: Exclude<VectorType, 'luhn'>, v: ValueVector): Decision[] {
  const forms: Array<[string, string, string]> = [
    ['bare', v.input, v.input],
    ['in French text', `Le client m'a dicté ${v.input} au téléphone, à saisir.`, v.input],
  ];
  // Regrouping keeps the decision only when the vector is not about the layout itself:
  // a valid value, or an invalid one written without separators.
  const compact = /^[A-Za-z0-9]+$/.test(v.input);
  if (v.valid || compact) {
    const raw = v.input.replace(/[^A-Za-z0-9]/g, '');
    const spaced = regroup(type, raw, ' ');
    const other = regroup(type, raw, SECOND_SEPARATOR[type]);
    if (spaced) forms.push(['in English text, spaced', `Customer read out ${spaced} on the call.`, spaced]);
    if (other) forms.push([`in French text, "${SECOND_SEPARATOR[type]}"`, `Noté : ${other} (à retirer).`, other]);
  }
  return forms.map(([form, text, value]) => {
    const got = flagsExactly(type, text, value);
    return { type, source: v.source, form, input: text, expected: v.valid ? 'valid' : 'invalid', got: got ? 'valid' : 'invalid', note: v.note };
  });
}

function textDecision(type: Exclude<VectorType, 'luhn'>, v: TextVector): Decision {
  const fmt = (spans: Array<[number, number]>) => JSON.stringify(spans);
  return { type, source: v.source, form: 'text with spans', input: v.text, expected: fmt(v.spans), got: fmt(spansOf(type, v.text)), note: v.note };
}

/** validator.js and stdnum accept digits with spaces or dashes; anything else is not a Luhn number. */
function luhnDecision(v: ValueVector): Decision {
  const got = /^\d[\d -]*$/.test(v.input) && luhnValid(v.input.replace(/[ -]/g, ''));
  return { type: 'luhn', source: v.source, form: 'bare', input: v.input, expected: v.valid ? 'valid' : 'invalid', got: got ? 'valid' : 'invalid' };
}

export function decide(type: VectorType): Decision[] {
  const file = loadVectors(type);
  const out: Decision[] = [];
  for (const v of file.vectors) {
    if (type === 'luhn') { if ('input' in v) out.push(luhnDecision(v)); continue; }
    if ('input' in v) out.push(...valueDecisions(type, v));
    else out.push(textDecision(type, v));
  }
  return out;
}

export function agreement(type: VectorType): Agreement {
  const decisions = decide(type);
  const mismatches = decisions.filter((d) => d.expected !== d.got);
  const agreed = decisions.length - mismatches.length;
  return { type, decisions: decisions.length, agreed, ratio: agreed / decisions.length, mismatches };
}

export function formatMismatch(d: Decision): string {
  return `  ${d.type} [${d.source}, ${d.form}] ${JSON.stringify(d.input)}: validator ${d.expected}, detector ${d.got}${d.note ? ` (${d.note})` : ''}`;
}
