/**
 * French social security number (NIR): 13 characters + 2-digit key,
 * key = 97 − (N mod 97), with Corsica's 2A → 19 and 2B → 18 for the computation.
 * Groups may be separated by spaces, dots or dashes. A failing key is not a NIR.
 */
import { NOT_AFTER_WORD, NOT_BEFORE_WORD, SEP, type DetectorHit } from './types.ts';

const NIR = new RegExp(
  `${NOT_AFTER_WORD}([12378])${SEP}(\\d{2})${SEP}(\\d{2})${SEP}(\\d{2}|2[AaBb])${SEP}(\\d{3})${SEP}(\\d{3})${SEP}(\\d{2})${NOT_BEFORE_WORD}`,
  'gu',
);

export function nirKeyValid(body13: string, key: number): boolean {
  const numeric = body13.replace(/2A/i, '19').replace(/2B/i, '18');
  if (!/^\d{13}$/.test(numeric)) return false;
  return 97 - (Number(numeric) % 97) === key;
}

export function detectNir(text: string): DetectorHit[] {
  const hits: DetectorHit[] = [];
  NIR.lastIndex = 0;
  for (let m; (m = NIR.exec(text)); ) {
    const [whole, sex, yy, mm, dept, commune, order, key] = m;
    const month = Number(mm);
    if (!((month >= 1 && month <= 12) || (month >= 20 && month <= 42) || (month >= 50 && month <= 99))) continue;
    const body = `${sex}${yy}${mm}${dept!.toUpperCase()}${commune}${order}`;
    if (!nirKeyValid(body, Number(key))) continue;
    hits.push({
      start: m.index,
      end: m.index + whole.length,
      rule: 'identifier.nir',
      message: {
        fr: 'Un numéro de sécurité sociale ne doit pas figurer dans une note : il a son champ protégé.',
        en: 'A French social security number must not sit in a note: it belongs in its protected field.',
      },
      source: 'RGPD art. 32 ; décret 2019-341 (usage du NIR encadré)',
    });
  }
  return hits;
}
