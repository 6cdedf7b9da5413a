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

/** Collects [hash, count] pairs one at a time into bucket texts keyed by the bucket's 3 hex digits. */
export class RangeBucketBuilder {
  private readonly lines = new Map<string, string[]>();

  add(hash: string, count: number): void {
    const bucket = hash.slice(0, RANGE_BUCKET_LENGTH);
    let list = this.lines.get(bucket);
    if (!list) this.lines.set(bucket, (list = []));
    list.push(`${hash.slice(RANGE_BUCKET_LENGTH)}:${count}`);
  }

  /** The buckets in order, each sorted; the builder is empty afterwards. */
  finish(): Map<string, string> {
    const buckets = new Map<string, string>();
    for (const bucket of [...this.lines.keys()].sort()) {
      buckets.set(bucket, this.lines.get(bucket)!.sort().join('\n') + '\n');
      this.lines.delete(bucket);
    }
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
