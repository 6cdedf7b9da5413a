// A snapshot's Bloom filter split by hash into shards of at most ~256 KiB, so a
// cold Worker loads (and checksums) only the shard a lookup needs, whatever the
// number of identifiers: one shard up to ~145,000 identifiers, 64 for ten
// million. Each shard is a classic Bloom filter sized for its own keys.
import { murmur32, optimalShape } from './bloom-filter.ts';

/** Shards stay at or under this size (bits of the filter alone). */
export const MAX_SHARD_BYTES = 256 * 1024;
/** Independent of the seeds the filter probes with, so a shard's keys spread over its bits. */
const SHARD_SEED = 0x2f1c3a5b;

/** The number of shards (a power of two) for n keys at a false-positive rate. */
export function shardCount(identifiers: number, falsePositiveRate: number, maxShardBytes = MAX_SHARD_BYTES): number {
  const { bits } = optimalShape(identifiers, falsePositiveRate);
  let shards = 1;
  while (bits / 8 / shards > maxShardBytes) shards *= 2;
  return shards;
}

/** Which shard holds a key: the top bits of a hash of it. */
export function shardOf(key: string, shards: number): number {
  return shards === 1 ? 0 : murmur32(key, SHARD_SEED) >>> (32 - Math.log2(shards));
}
