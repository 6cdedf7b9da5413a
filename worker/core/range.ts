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
//
// Answers are padded, as Pwned Passwords pads them, to ONE size for every
// prefix of a version: RANGE_ANSWER_ENTRIES entries, the real ones plus count-0
// entries with random-looking suffixes, each entry serialised to the same
// number of bytes (rangeAnswerJson: the count right-aligned in the width of the
// largest count a bucket line can hold). An answer's length in bytes therefore
// says nothing about its prefix, nor about how many reported keys share it: an
// observer who sees only sizes learns nothing. (A size drawn per prefix, as
// before, was computable by anyone from the public version and prefix, and so
// named the prefix.) At a million identifiers a prefix holds about one reported
// key, at 10 million about ten (the fullest of the 1,048,576 prefixes ~30), so
// RANGE_ANSWER_ENTRIES = 128 leaves room to about 50 million identifiers. Past
// that the nightly job writes the version's size in its manifest
// (`rangeEntries`: the next multiple of 128 above its fullest prefix), and
// every answer of that version has that size: still one size per version.
// The padding is drawn from a PRNG seeded with one SHA-256 of (version, prefix):
// the same answer for the whole version, so the ETag and every cache stay
// valid, and no per-night storage (padding buckets at build time would be 256
// prefixes × ~125 entries per bucket, GBs). The seed needs no secret: count 0
// already tells a reader which entries are padding; what padding hides is the
// size seen by someone who cannot read it.

import type { RangeResponse, RangeSuffix } from './api-types.ts';
import { sha256Hex } from './sha256.ts';

export const RANGE_PREFIX_LENGTH = 5;
export const RANGE_BUCKET_LENGTH = 3;
/** Buckets a snapshot can have: every value of the bucket's hex digits. */
export const RANGE_BUCKETS = 16 ** RANGE_BUCKET_LENGTH;
export const RANGE_PREFIX_PATTERN = /^[0-9a-fA-F]{5}$/;
/** Hex digits of a suffix in an answer: SHA-256's 64 less the prefix. */
export const RANGE_SUFFIX_LENGTH = 64 - RANGE_PREFIX_LENGTH;
/** Entries in every answer of a version whose manifest names no other size (rangeEntries). */
export const RANGE_ANSWER_ENTRIES = 128;
/** Characters of an entry's count: the digits of the largest u32, the widest count a bucket holds. */
const COUNT_WIDTH = 10;
const SPACES = Array.from({ length: COUNT_WIDTH }, (_, n) => ' '.repeat(n));

const ENTRY_BYTES = 36; // 32 bytes of SHA-256, then the count as a little-endian u32
/** Hex digit → value, by character code; two-digit text of each byte value. */
const NIBBLE = new Uint8Array(128).map((_, code) => (code >= 97 ? code - 87 : code >= 65 ? code - 55 : code - 48) & 15);
const BYTE_HEX = Array.from({ length: 256 }, (_, byte) => byte.toString(16).padStart(2, '0'));
/** Character codes of the 16 lowercase hex digits. */
const HEX_CODES = new TextEncoder().encode('0123456789abcdef');

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
  /** After finish(): the most reported keys sharing one 5-digit prefix (rangeAnswerEntries). */
  fullestPrefix = 0;

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
      lines.sort();
      // Sorted, so the keys of one prefix (the bucket's digits and the next two) are adjacent.
      for (let i = 0, run = 0; i < lines.length; i++) {
        run = i > 0 && lines[i]!.startsWith(lines[i - 1]!.slice(0, RANGE_PREFIX_LENGTH - RANGE_BUCKET_LENGTH)) ? run + 1 : 1;
        if (run > this.fullestPrefix) this.fullestPrefix = run;
      }
      buckets.set(b.toString(16).padStart(RANGE_BUCKET_LENGTH, '0'), lines.join('\n') + '\n');
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

/**
 * How many entries every answer of a version has, given its fullest prefix:
 * RANGE_ANSWER_ENTRIES, or the next multiple of it that holds that prefix.
 */
export function rangeAnswerEntries(fullestPrefix: number): number {
  return Math.max(1, Math.ceil(fullestPrefix / RANGE_ANSWER_ENTRIES)) * RANGE_ANSWER_ENTRIES;
}

/**
 * The reported entries of one prefix, padded with count-0 entries to `entries`
 * (the version's size: its manifest's rangeEntries), in suffix order so the
 * real ones do not stand out by place. The padding suffixes depend only on
 * (version, prefix): one SHA-256 seeds the PRNG. Should a prefix ever hold more
 * real entries than `entries` (a manifest that under-counts; never from the
 * nightly job), it gets the next multiple of RANGE_ANSWER_ENTRIES. `real` comes
 * sorted (bucket order).
 */
export async function paddedSuffixes(
  real: readonly RangeSuffix[],
  version: string,
  prefix: string,
  entries = RANGE_ANSWER_ENTRIES,
): Promise<RangeSuffix[]> {
  const next = seededRandom(await sha256Hex(`cekdulu range padding\0${version}\0${prefix}`));
  const padding = (real.length <= entries ? entries : rangeAnswerEntries(real.length)) - real.length;
  // Generated in order, so no string sort (about half the cost otherwise): each
  // suffix's first 8 digits are a sorted random word, the other 51 random.
  const heads = new Uint32Array(padding);
  for (let i = 0; i < padding; i++) heads[i] = next();
  heads.sort();
  const digits = new Uint8Array(padding * RANGE_SUFFIX_LENGTH);
  for (let i = 0; i < padding; i++) {
    const at = i * RANGE_SUFFIX_LENGTH;
    let word = heads[i]!;
    for (let j = 7; j >= 0; j--, word >>>= 4) digits[at + j] = HEX_CODES[word & 15]!;
    for (let j = 8; j < RANGE_SUFFIX_LENGTH; j++, word >>>= 4) {
      if ((j & 7) === 0) word = next();
      digits[at + j] = HEX_CODES[word & 15]!;
    }
  }
  const text = new TextDecoder().decode(digits);
  const out: RangeSuffix[] = [];
  let r = 0;
  for (let at = 0; at < text.length; at += RANGE_SUFFIX_LENGTH) {
    const suffix = text.slice(at, at + RANGE_SUFFIX_LENGTH);
    while (r < real.length && real[r]!.suffix < suffix) out.push(real[r++]!);
    out.push({ suffix, count: 0 });
  }
  while (r < real.length) out.push(real[r++]!);
  return out;
}

/**
 * A range answer as sent: JSON, with every entry the same number of bytes (the
 * count right-aligned in COUNT_WIDTH characters; JSON allows the spaces), so
 * that all answers of a version, padding included, have one length. Built as
 * one string: no intermediate objects for JSON.stringify to walk.
 */
export function rangeAnswerJson({ prefix, suffixes, snapshot }: RangeResponse): string {
  let text = `{"prefix":${JSON.stringify(prefix)},"suffixes":[`;
  for (let i = 0; i < suffixes.length; i++) {
    const { suffix, count } = suffixes[i]!;
    const digits = String(count);
    text += `${i === 0 ? '' : ','}{"suffix":"${suffix}","count":${SPACES[COUNT_WIDTH - digits.length] ?? ''}${digits}}`;
  }
  return `${text}],"snapshot":${JSON.stringify(snapshot)}}`;
}

/**
 * The verified reports behind a full SHA-256 (hex) in a range answer for its
 * prefix: 0 when it is not there, or when what matches is padding (count 0).
 */
export function reportsIn(suffixes: readonly RangeSuffix[], hash: string): number {
  const tail = hash.toLowerCase().slice(RANGE_PREFIX_LENGTH);
  for (const entry of suffixes) if (entry.count > 0 && entry.suffix === tail) return entry.count;
  return 0;
}

/**
 * xoshiro128** (Blackman and Vigna) seeded with the first 128 bits of a hex
 * digest: uniform 32-bit words, fast and synchronous. Not a secret generator,
 * and it need not be one (see the header): it only makes padding look like hashes.
 */
function seededRandom(seedHex: string): () => number {
  let a = parseInt(seedHex.slice(0, 8), 16) | 0;
  let b = parseInt(seedHex.slice(8, 16), 16) | 0;
  let c = parseInt(seedHex.slice(16, 24), 16) | 0;
  let d = parseInt(seedHex.slice(24, 32), 16) | 0;
  if ((a | b | c | d) === 0) a = 1; // the one state it cannot leave
  return () => {
    const t = b << 9;
    let r = Math.imul(b, 5);
    r = Math.imul((r << 7) | (r >>> 25), 9);
    c ^= a;
    d ^= b;
    b ^= c;
    a ^= d;
    c ^= t;
    d = (d << 11) | (d >>> 21);
    return r >>> 0;
  };
}
