// A fast 64-bit fingerprint of a string (two MurmurHash3 32-bit mixes with
// different seeds), for equality checks where a cryptographic digest per item
// would dominate the run: report-id de-duplication and "did this record
// change since the last run". Runtime-neutral (the Worker tests build
// snapshots inside workerd).

/** MurmurHash3's 32-bit mixing over UTF-16 code units. */
export function hash32(text: string, seed: number): number {
  let h = seed;
  for (let i = 0; i < text.length; i++) {
    let k = Math.imul(text.charCodeAt(i), 0xcc9e2d51);
    k = (k << 15) | (k >>> 17);
    h ^= Math.imul(k, 0x1b873593);
    h = Math.imul((h << 13) | (h >>> 19), 5) + 0xe6546b64;
  }
  h ^= text.length;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

export const SEED_A = 0x9747b28c;
export const SEED_B = 0x85ebca6b;

/** 16 hex digits. */
export function hash64Hex(text: string): string {
  return hash32(text, SEED_A).toString(16).padStart(8, '0') + hash32(text, SEED_B).toString(16).padStart(8, '0');
}
