// The private way to check (k-anonymity, as Pwned Passwords' range API): a
// client sends only the first 5 hex digits of the SHA-256 of the canonical
// lookup key (identifiers.ts lookupKey, e.g. "tel:+6281234567890") and gets
// back the rest of every reported hash with that prefix, with counts; it then
// compares locally, so the service never learns what was looked up.
//
// Stored per snapshot in buckets of the first 3 hex digits (4,096 KV keys at
// most, whatever the number of identifiers), one line per reported key:
// "<61 hex digits after the bucket>:<verified reports>\n", sorted. Few keys keep
// publishing cheap; a bucket stays small enough to scan (about 17 KB per bucket
// at a million identifiers).

import type { RangeSuffix } from './api-types.ts';

export const RANGE_PREFIX_LENGTH = 5;
export const RANGE_BUCKET_LENGTH = 3;
export const RANGE_PREFIX_PATTERN = /^[0-9a-fA-F]{5}$/;

const ENTRY_BYTES = 36; // 32 bytes of SHA-256, then the count as a little-endian u32
/** Hex digit → value, by character code; two-digit text of each byte value. */
const NIBBLE = new Uint8Array(128).map((_, code) => (code >= 97 ? code - 87 : code >= 65 ? code - 55 : code - 48) & 15);
const BYTE_HEX = Array.from({ length: 256 }, (_, byte) => byte.toString(16).padStart(2, '0'));

/**
 * Collects [hash, count] pairs one at a time into bucket texts keyed by the
 * bucket's 3 hex digits. The pairs wait as bytes in one typed array (36 bytes
 * each) rather than as millions of small strings, which the garbage collector
 * would otherwise walk through for the whole build.
 */
export class RangeBucketBuilder {
  private bytes = new Uint8Array(ENTRY_BYTES * 1024);
  private view = new DataView(this.bytes.buffer);
  private entries = 0;

  add(hash: string, count: number): void {
    if ((this.entries + 1) * ENTRY_BYTES > this.bytes.length) {
      const wider = new Uint8Array(this.bytes.length * 2);
      wider.set(this.bytes);
      this.bytes = wider;
      this.view = new DataView(wider.buffer);
    }
    const at = this.entries++ * ENTRY_BYTES;
    for (let i = 0; i < 32; i++) {
      this.bytes[at + i] = (NIBBLE[hash.charCodeAt(2 * i)]! << 4) | NIBBLE[hash.charCodeAt(2 * i + 1)]!;
    }
    this.view.setUint32(at + 32, count, true);
  }

  /** The buckets in order, each sorted; the builder is empty afterwards. */
  finish(): Map<string, string> {
    // Group entry numbers by bucket (the first 12 bits of the hash), in one counting pass.
    const bucketOf = (entry: number) => (this.bytes[entry * ENTRY_BYTES]! << 4) | (this.bytes[entry * ENTRY_BYTES + 1]! >> 4);
    const starts = new Uint32Array(4097);
    for (let e = 0; e < this.entries; e++) starts[bucketOf(e) + 1]!++;
    for (let b = 0; b < 4096; b++) starts[b + 1]! += starts[b]!;
    const order = new Uint32Array(this.entries);
    const fill = starts.slice(0, 4096);
    for (let e = 0; e < this.entries; e++) order[fill[bucketOf(e)]!++] = e;

    const buckets = new Map<string, string>();
    for (let b = 0; b < 4096; b++) {
      if (starts[b] === starts[b + 1]) continue;
      const lines: string[] = [];
      for (let i = starts[b]!; i < starts[b + 1]!; i++) {
        const at = order[i]! * ENTRY_BYTES;
        let hex = '';
        for (let j = 0; j < 32; j++) hex += BYTE_HEX[this.bytes[at + j]!];
        lines.push(`${hex.slice(RANGE_BUCKET_LENGTH)}:${this.view.getUint32(at + 32, true)}`);
      }
      buckets.set(b.toString(16).padStart(RANGE_BUCKET_LENGTH, '0'), lines.sort().join('\n') + '\n');
    }
    this.bytes = new Uint8Array(0);
    this.view = new DataView(this.bytes.buffer);
    this.entries = 0;
    return buckets;
  }
}

/** The entries of one bucket's text whose hash starts with the 5-digit prefix. */
export function suffixesFor(bucketText: string | null, prefix: string): RangeSuffix[] {
  if (!bucketText) return [];
  const rest = prefix.toLowerCase().slice(RANGE_BUCKET_LENGTH);
  const out: RangeSuffix[] = [];
  for (const line of bucketText.split('\n')) {
    if (!line.startsWith(rest)) continue;
    const [tail = '', count = '0'] = line.split(':');
    out.push({ suffix: tail.slice(rest.length), count: Number(count) });
  }
  return out;
}
