/**
 * The checksum of the compact pack's parts: CRC-32, as 8 hex digits. It guards
 * against a damaged or truncated install, not against tampering (whoever can
 * change the pack can change the code beside it), and it is cheap where SHA-256
 * is not: a French note reads 9 MB of tables, which SHA-256 took 25–60 ms to hash
 * and zlib's CRC-32 hashes in 2–3 ms. Node ≥ 20.15 has `zlib.crc32`; before that,
 * a table-driven version in JavaScript (slower, same result).
 */
import * as zlib from 'node:zlib';

let table: Int32Array | undefined;

function crc32Js(bytes: Uint8Array): number {
  if (!table) {
    table = new Int32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      table[n] = c;
    }
  }
  let crc = -1;
  for (let i = 0; i < bytes.length; i++) crc = table[(crc ^ bytes[i]!) & 0xff]! ^ (crc >>> 8);
  return (crc ^ -1) >>> 0;
}

const native = (zlib as { crc32?: (data: Uint8Array) => number }).crc32;

/** CRC-32 (the zlib / PNG polynomial) of `bytes`, as 8 lower-case hex digits. */
export function checksum(bytes: Uint8Array): string {
  return (native ? native(bytes) : crc32Js(bytes)).toString(16).padStart(8, '0');
}

/** The JavaScript fallback, exported for its test. */
export const checksumWithoutZlib = (bytes: Uint8Array): string => crc32Js(bytes).toString(16).padStart(8, '0');
