/**
 * Identifier detectors against the public vectors of established validators (issue 11 target:
 * ≥ 0.99 of them decided as the validators decide). Prints the agreement per identifier type
 * and every mismatch. Run: npx tsx bench/identifiers.ts
 */
import { VECTOR_TYPES, agreement, formatMismatch } from '../test/detectors/vectors/agreement.ts';

let decisions = 0;
let agreed = 0;
for (const type of VECTOR_TYPES) {
  const a = agreement(type);
  decisions += a.decisions;
  agreed += a.agreed;
  console.log(`${type.padEnd(5)} ${a.agreed}/${a.decisions} decisions agree = ${a.ratio.toFixed(4)}${a.ratio >= 0.99 ? '' : '  (below 0.99)'}`);
  for (const m of a.mismatches) console.log(formatMismatch(m));
}
console.log(`all   ${agreed}/${decisions} = ${(agreed / decisions).toFixed(4)}`);
