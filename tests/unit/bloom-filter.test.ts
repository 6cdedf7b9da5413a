import { BloomFilter as ReferenceBloomFilter } from 'bloom-filters';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { BloomFilter, FilterFormatError, optimalShape } from '../../worker/core/bloom-filter.ts';
import { MAX_SHARD_BYTES, shardCount, shardOf } from '../../worker/core/filter-shards.ts';

const keys = (n: number, prefix = 'tel:+62812') => Array.from({ length: n }, (_, i) => `${prefix}${String(i).padStart(8, '0')}`);

describe('Bloom filter', () => {
  test('a key that was added always tests positive (no false negatives)', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.string({ maxLength: 40 }), { minLength: 1, maxLength: 500 }), (added) => {
        const filter = BloomFilter.forCapacity(added.length, 0.01);
        for (const key of added) filter.add(key);
        return added.every((key) => filter.has(key));
      }),
    );
  });

  test('the measured false-positive rate stays near the target', () => {
    const filter = BloomFilter.forCapacity(50_000, 0.001);
    for (const key of keys(50_000)) filter.add(key);
    let hits = 0;
    const probes = keys(200_000, 'bank:014:');
    for (const key of probes) if (filter.has(key)) hits++;
    const rate = hits / probes.length;
    expect(rate).toBeLessThan(0.002);
    expect(rate).toBeGreaterThan(0.0002);
  });

  test('its size matches the Bloom optimum that bloom-filters computes for the same rate', () => {
    for (const [n, p] of [[1_000, 0.01], [100_000, 0.001], [1_000_000, 0.001]] as const) {
      const reference = ReferenceBloomFilter.create(n, p);
      const ours = optimalShape(n, p);
      expect(ours.bits / reference.size).toBeGreaterThan(0.99);
      expect(ours.bits / reference.size).toBeLessThan(1.01);
      expect(Math.abs(ours.hashes - reference._nbHashes)).toBeLessThanOrEqual(1);
    }
  });

  test('bytes round-trip exactly, also from an unaligned buffer', () => {
    const filter = BloomFilter.forCapacity(1_000, 0.001);
    for (const key of keys(1_000)) filter.add(key);
    const bytes = filter.toBytes();
    const copy = BloomFilter.fromBytes(bytes);
    expect(copy.toBytes()).toEqual(bytes);
    expect(copy.size).toBe(1_000);
    const shifted = new Uint8Array(bytes.byteLength + 1);
    shifted.set(bytes, 1);
    const unaligned = BloomFilter.fromBytes(shifted.subarray(1));
    expect(keys(1_000).every((key) => unaligned.has(key))).toBe(true);
  });

  test('malformed payloads are refused', () => {
    const bytes = BloomFilter.forCapacity(100, 0.01).toBytes();
    expect(() => BloomFilter.fromBytes(bytes.subarray(0, 8))).toThrow(FilterFormatError);
    expect(() => BloomFilter.fromBytes(bytes.subarray(0, bytes.length - 4))).toThrow(/header says/);
    const badMagic = bytes.slice();
    badMagic[0] = 0;
    expect(() => BloomFilter.fromBytes(badMagic)).toThrow(/magic/);
    const badVersion = bytes.slice();
    badVersion[4] = 9;
    expect(() => BloomFilter.fromBytes(badVersion)).toThrow(/format 9/);
    const badHashes = bytes.slice();
    badHashes[5] = 0;
    expect(() => BloomFilter.fromBytes(badHashes)).toThrow(/hash count/);
  });

  test('an empty filter answers false for everything', () => {
    const filter = BloomFilter.forCapacity(0, 0.001);
    expect(filter.has('tel:+6281234567890')).toBe(false);
  });
});

describe('filter shards', () => {
  test('one shard for small snapshots, more as the filter grows, none above the size limit', () => {
    expect(shardCount(5_000, 0.001)).toBe(1);
    expect(shardCount(548_226, 0.001)).toBe(4);
    expect(shardCount(5_500_000, 0.001)).toBe(64);
    for (const n of [1, 1_000, 145_000, 146_000, 2_000_000, 10_000_000]) {
      const shards = shardCount(n, 0.001);
      expect(Math.log2(shards) % 1).toBe(0);
      expect(optimalShape(n, 0.001).bits / 8 / shards).toBeLessThanOrEqual(MAX_SHARD_BYTES);
    }
  });

  test('keys spread evenly over the shards', () => {
    const shards = 16;
    const counts = new Array<number>(shards).fill(0);
    for (let i = 0; i < 160_000; i++) counts[shardOf(`tel:+62812${String(i).padStart(8, '0')}`, shards)]!++;
    for (const count of counts) expect(Math.abs(count - 10_000)).toBeLessThan(500);
    expect(shardOf('anything', 1)).toBe(0);
  });
});
