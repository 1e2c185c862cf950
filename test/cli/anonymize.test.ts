import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import iconv from 'iconv-lite';
import { main } from '../../lib/cli/main.ts';
import { captureIo } from './audit-io.ts';

const FX = 'test/fixtures/anonymize';
const PACK = ['--no-builtin', '--dictionary', 'test/fixtures/csv/test-pack.yaml'];
let dir: string;
beforeAll(() => { dir = mkdtempSync(join(tmpdir(), 'anon-test-')); });
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function anonymize(args: string[], stdin = '') {
  const io = captureIo(stdin);
  const code = await main(['anonymize', ...args], io);
  return { code, out: io.out(), err: io.err() };
}
const rowsOf = (path: string, delimiter = ';') => parse(readFileSync(path, 'utf8'), { columns: true, delimiter, bom: true }) as Record<string, string>[];

describe('anonymize: the seed profile', () => {
  it('reproduces the expected output byte for byte (BOM, ";", CRLF kept; deterministic with --seed)', async () => {
    const out = join(dir, 'seed.csv');
    const r = await anonymize([`${FX}/seed-export.csv`, '--profile', 'profiles/seed-crm.yaml', '--seed', 'fixture', '--out', out]);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(readFileSync(out).equals(readFileSync(`${FX}/seed-expected.csv`))).toBe(true);
    expect(r.out).toContain('columns dropped: employeur, num_ss, groupe_sanguin, id_site_web, nom, email, date_demande, lat, lon');
    expect(r.out).toMatch(/smallest class\s+1/);
  });

  it('the profile follows the seed table: every seed column is listed, with the prescribed outputs', () => {
    const text = readFileSync('profiles/seed-crm.yaml', 'utf8');
    for (const c of ['employeur', 'num_ss', 'groupe_sanguin', 'id_site_web', 'nom', 'email', 'date_naissance', 'id_client', 'nombre_enfants', 'revenus', 'valeur_residuelle_prin', 'date_demande', 'tarif_devis', 'adresse', 'lat', 'lon']) {
      expect(text).toMatch(new RegExp(`^  ${c}:`, 'm'));
    }
    const header = readFileSync(`${FX}/seed-expected.csv`, 'utf8').split('\r\n')[0]!.replace('\uFEFF', '');
    expect(header).toBe('Annee_naissance;Index_rd;Enfant(s)?;Tranche_revenus;Tranche_valeur_residuelle_prin;Tranche_tarif_devis;Code_postal');
  });

  it('without --seed the index is a fresh random permutation of 1..N and the rows are shuffled', async () => {
    const a = join(dir, 'a.csv');
    const b = join(dir, 'b.csv');
    await anonymize([`${FX}/seed-export.csv`, '--profile', 'profiles/seed-crm.yaml', '--out', a]);
    await anonymize([`${FX}/seed-export.csv`, '--profile', 'profiles/seed-crm.yaml', '--out', b]);
    const ra = rowsOf(a);
    expect(ra.map((r) => r.Index_rd)).toEqual(['1', '2', '3', '4', '5', '6', '7', '8', '9', '10']);
    const key = (r: Record<string, string>) => Object.entries(r).filter(([k]) => k !== 'Index_rd').join('|');
    expect(ra.map(key).sort()).toEqual(rowsOf(b).map(key).sort());
    // 10! orders: two runs agreeing on the whole order is a 1-in-3.6-million event.
    expect(ra.map(key)).not.toEqual(rowsOf(b).map(key));
  });
});

describe('anonymize: k-anonymity on a hand-computed file', () => {
  it('reports the classes, the smallest one, the rows below k and the column to coarsen', async () => {
    const out = join(dir, 'k.csv');
    const rep = join(dir, 'k.json');
    const r = await anonymize([`${FX}/k-small.csv`, '--profile', `${FX}/k-small.yaml`, '--out', out, '--report', rep, '--seed', 'k', ...PACK]);
    expect(r.code).toBe(0);
    const json = JSON.parse(readFileSync(rep, 'utf8'));
    expect(json.kAnonymity).toMatchObject({ k: 5, rows: 7, classes: 4, smallestClass: 1, rowsBelowK: 7, classesBelowK: 4 });
    const r3 = await anonymize([`${FX}/k-small.csv`, '--profile', `${FX}/k-small.yaml`, '--out', join(dir, 'k3.csv'), '--k', '3', '--suppress', '--report', rep, '--seed', 'k', ...PACK]);
    expect(r3.code).toBe(0);
    const j3 = JSON.parse(readFileSync(rep, 'utf8'));
    expect(j3.kAnonymity).toMatchObject({ k: 3, rows: 7, classes: 4, smallestClass: 1, rowsBelowK: 4, classesBelowK: 3 });
    // Without CP: 1980×3, 1990×3, 1985×1 → 1 row below 3; without Annee: 75001×5, 69001, 13001 → 2.
    expect(j3.kAnonymity.advice).toEqual([
      { column: 'CP', distinct: 3, rowsBelowKWithout: 1 },
      { column: 'Annee', distinct: 3, rowsBelowKWithout: 2 },
    ]);
    expect(r3.out).toMatch(/CP\s+3 distinct values → 1 rows below k/);
    // --suppress keeps only the (1980, 75001) class.
    expect(j3).toMatchObject({ rowsIn: 7, rowsOut: 3, suppressed: 4, afterSuppression: { rows: 3, classes: 1, smallestClass: 3, rowsBelowK: 0 } });
    const kept = rowsOf(join(dir, 'k3.csv'));
    expect(kept.map((x) => [x.Annee, x.CP])).toEqual([['1980', '75001'], ['1980', '75001'], ['1980', '75001']]);
    expect(kept.map((x) => x.Index_rd)).toEqual(['1', '2', '3']);
    // The lint column rewrote the health wording.
    expect(kept.map((x) => x.Notes).sort()).toEqual(['Client', 'RAS', 'RAS']);
  });

  it('--k fails below k and writes nothing; --k 2 --suppress drops the 2 singletons', async () => {
    const out = join(dir, 'k-fail.csv');
    const r = await anonymize([`${FX}/k-small.csv`, '--profile', `${FX}/k-small.yaml`, '--out', out, '--k', '3', ...PACK]);
    expect(r.code).toBe(1);
    expect(r.err).toContain('not 3-anonymous (smallest class: 1); nothing written. Coarsen CP');
    expect(existsSync(out)).toBe(false);
    const r2 = await anonymize([`${FX}/k-small.csv`, '--profile', `${FX}/k-small.yaml`, '--out', out, '--k', '2', '--suppress', ...PACK]);
    expect(r2.code).toBe(0);
    expect(r2.out).toContain('rows read 7, written 5, suppressed 2');
    expect(rowsOf(out)).toHaveLength(5);
  });

  it('lint columns use the dictionaries (Prévoir 6 menus hallal → menus spéciaux)', async () => {
    const out = join(dir, 'lint.csv');
    await anonymize([`${FX}/k-small.csv`, '--profile', `${FX}/k-small.yaml`, '--out', out, ...PACK]);
    expect(rowsOf(out).map((r) => r.Notes)).toContain('Prévoir 6 menus spéciaux');
  });
});

describe('anonymize: nothing leaks silently', () => {
  const csv = 'id;nom;email;ville\n1;Dupont;a@b.fr;Paris\n2;Durand;c@d.fr;Lyon\n';
  it('a file column the profile does not name is an error; --allow-unlisted drop drops it', async () => {
    const src = join(dir, 'u.csv');
    writeFileSync(src, csv);
    const prof = join(dir, 'u.yaml');
    writeFileSync(prof, 'columns:\n  id: drop\n  ville: keep\n');
    const r = await anonymize([src, '--profile', prof, '--out', join(dir, 'u-out.csv')]);
    expect(r.code).toBe(2);
    expect(r.err).toContain('columns "nom", "email" not in the profile');
    expect(existsSync(join(dir, 'u-out.csv'))).toBe(false);
    const r2 = await anonymize([src, '--profile', prof, '--out', join(dir, 'u-out.csv'), '--allow-unlisted', 'drop']);
    expect(r2.code).toBe(0);
    expect(r2.err).toContain('dropped (--allow-unlisted drop): "nom", "email"');
    expect(readFileSync(join(dir, 'u-out.csv'), 'utf8')).toBe('ville\nParis\nLyon\n');
  });

  it('a profile column missing from the file is an error listing the available columns', async () => {
    const src = join(dir, 'm.csv');
    writeFileSync(src, csv);
    const r = await anonymize([src, '--profile', 'profiles/seed-crm.yaml', '--allow-unlisted', 'drop']);
    expect(r.code).toBe(2);
    expect(r.err).toContain('profile columns "employeur", "num_ss"');
    expect(r.err).toContain('available columns: "id", "nom", "email", "ville"');
  });

  it('profile errors name the file, the line and the key', async () => {
    const prof = join(dir, 'bad.yaml');
    writeFileSync(prof, 'columns:\n  id: drop\n  revenus: { action: band, as: T, width: -5 }\n  x: { action: blur }\n  y: { action: year }\n');
    const r = await anonymize(['whatever.csv', '--profile', prof]);
    expect(r.code).toBe(2);
    expect(r.err).toContain(`${prof}:3: columns.revenus.width: must be a positive number`);
    expect(r.err).toMatch(new RegExp(`${prof}:4: columns\\.x(\\.action)?: action must be one of drop, keep, year`));
    expect(r.err).toContain(`${prof}:5: columns.y.as: is required (the name of the output column)`);
    writeFileSync(prof, 'columns:\n  id: drop\n  d: { action: year, as: Annee }\nquasi_identifiers: [Annee, Nope]\n');
    const r2 = await anonymize(['whatever.csv', '--profile', prof]);
    expect(r2.err).toContain(`${prof}:4: quasi_identifiers[1]: "Nope" is not an output column (outputs: Annee)`);
  });

  it('values that cannot be converted name the line and the column, never the value; exit 2', async () => {
    const src = join(dir, 'v.csv');
    writeFileSync(src, 'd;n;a\n1985-02-30;2;1 rue X 75001 Paris\nhier;deux;Corse\n');
    const prof = join(dir, 'v.yaml');
    writeFileSync(prof, 'columns:\n  d: { action: year, as: Y }\n  n: { action: boolean, as: B }\n  a: { action: postal_code, as: CP, digits: 2 }\n');
    const r = await anonymize([src, '--profile', prof, '--out', join(dir, 'v-out.csv')]);
    expect(r.code).toBe(2);
    expect(r.err).toContain(':3: column "d": not a valid date; "Y" left empty');
    expect(r.err).toContain(':3: column "n": not a valid count');
    expect(r.err).toContain(':3: column "a": not a valid French address');
    expect(r.err).not.toContain('hier');
    expect(readFileSync(join(dir, 'v-out.csv'), 'utf8')).toBe('Y;B;CP\n1985;oui;75\n;;\n');
  });
});

describe('anonymize: pseudonyms', () => {
  const csv = 'client;montant\nDupont;10\n dupont ;20\nDurand;30\n';
  it('HMAC-SHA256 with a key file: stable across runs, different under another key; no key is an error', async () => {
    const src = join(dir, 'p.csv');
    writeFileSync(src, csv);
    const prof = join(dir, 'p.yaml');
    writeFileSync(prof, 'columns:\n  client: { action: pseudonym, as: Client, prefix: "C-" }\n  montant: keep\n');
    const key1 = join(dir, 'k1.key');
    const key2 = join(dir, 'k2.key');
    expect((await anonymize(['--generate-key', key1])).code).toBe(0);
    expect((await anonymize(['--generate-key', key2])).code).toBe(0);
    expect((await anonymize(['--generate-key', key2])).code).toBe(2); // never overwritten
    expect(readFileSync(key1, 'utf8')).toMatch(/^[0-9a-f]{64}\n$/);
    const run = async (key: string) => {
      const r = await anonymize([src, '--profile', prof, '--key-file', key]);
      expect(r.code).toBe(0);
      return parse(r.out, { columns: true, delimiter: ';' }) as Record<string, string>[];
    };
    const a = await run(key1);
    const again = await run(key1);
    const b = await run(key2);
    expect(a).toEqual(again);
    expect(a[0]!.Client).toMatch(/^C-[0-9a-f]{16}$/);
    expect(a[0]!.Client).toBe(a[1]!.Client); // trimmed and lower-cased before hashing
    expect(a[0]!.Client).not.toBe(a[2]!.Client);
    expect(b[0]!.Client).not.toBe(a[0]!.Client);
    expect(a.map((r) => r.montant)).toEqual(['10', '20', '30']);
    const none = await anonymize([src, '--profile', prof]);
    expect(none.code).toBe(2);
    expect(none.err).toContain('--key-file FILE or $CRM_NOTE_LINT_KEY');
  });
});

describe('anonymize: dialects', () => {
  it('Windows-1252 with ";" in, Windows-1252 with ";" out', async () => {
    const src = join(dir, 'w.csv');
    writeFileSync(src, iconv.encode('nom;ville;revenus\r\nLefèvre;Orléans;45 000\r\n', 'windows-1252'));
    const prof = join(dir, 'w.yaml');
    writeFileSync(prof, 'columns:\n  nom: drop\n  ville: keep\n  revenus: { action: band, as: Tranche, width: 20000, label: "{min}-{max} €" }\n');
    const out = join(dir, 'w-out.csv');
    expect((await anonymize([src, '--profile', prof, '--out', out])).code).toBe(0);
    expect(readFileSync(out).equals(iconv.encode('ville;Tranche\r\nOrléans;40000-60000 €\r\n', 'windows-1252'))).toBe(true);
  });

  it('JSON Lines in, JSON Lines out; stdin to stdout with the report on stderr', async () => {
    const prof = join(dir, 'j.yaml');
    writeFileSync(prof, 'columns:\n  id: drop\n  naissance: { action: year, as: annee, width: 10 }\n');
    const r = await anonymize(['-', '--profile', prof], '{"id":"1","naissance":"1985-03-14"}\n{"id":"2","naissance":"14/03/1979"}\n');
    expect(r.code).toBe(0);
    expect(r.out).toBe('{"annee":"1980-1989"}\n{"annee":"1970-1979"}\n');
    expect(r.err).toContain('Anonymized <stdin> → <stdout>');
  });
});
