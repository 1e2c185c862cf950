/**
 * Same findings, byte for byte? Lints every note the tuners may read (test/corpus/ but
 * the held-out splits), every example of the dictionaries, and a typo-ridden copy of
 * each (the typo path), with the compiled pack(s) given, and prints the SHA-256 of all
 * findings. Two packs that print the same line find the same things: run it on the pack
 * before and after a change to the compiler or the pack encoding.
 *   npx tsx scripts/pack-findings.ts lib/generated/builtin-pack.json [other-pack.json]
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { Linter } from '../lib/engine/lint.ts';
import { compiledPackSchema } from '../lib/schema/dictionary.ts';

const ROOT = join(import.meta.dirname, '..');
const HELD_OUT = /^(heldout|cold)-/;

function notes(): string[] {
  const out: string[] = [];
  const corpus = join(ROOT, 'test', 'corpus');
  for (const f of readdirSync(corpus).sort()) {
    if (!f.endsWith('.jsonl') || HELD_OUT.test(f)) continue;
    for (const line of readFileSync(join(corpus, f), 'utf8').split('\n')) if (line.trim()) out.push((JSON.parse(line) as { text: string }).text);
  }
  for (const locale of ['fr', 'en']) {
    const dir = join(ROOT, 'dictionaries', locale);
    for (const f of readdirSync(dir).sort()) {
      if (!/\.ya?ml$/.test(f) || f.startsWith('messages.')) continue;
      const doc = parse(readFileSync(join(dir, f), 'utf8')) as { entries?: Array<{ examples?: { flag?: string[]; pass?: string[] } }> };
      for (const e of doc.entries ?? []) out.push(...(e.examples?.flag ?? []), ...(e.examples?.pass ?? []));
    }
  }
  // One letter of every word of 5+ letters replaced, deterministically: most tokens go through the typo index.
  let seed = 11;
  const rnd = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
  const typos = out.map((n) => n.replace(/\p{L}{5,}/gu, (w) => {
    const i = Math.floor(rnd() * w.length);
    return w.slice(0, i) + String.fromCharCode(97 + Math.floor(rnd() * 26)) + w.slice(i + 1);
  }));
  return [...out, ...typos];
}

const all = notes();
for (const file of process.argv.slice(2)) {
  const pack = compiledPackSchema.parse(JSON.parse(readFileSync(file, 'utf8')));
  const linter = new Linter([pack]);
  const hash = createHash('sha256');
  let findings = 0;
  for (const note of all) {
    for (const opts of [{}, { openTail: true, messageLocale: 'en' as const }]) {
      const f = linter.lint(note, opts);
      findings += f.length;
      hash.update(JSON.stringify(f)).update('\n');
    }
  }
  console.log(`${hash.digest('hex')}  ${findings} findings in ${all.length} notes  ${file}`);
}
