// npm run bench -- filter [KEYS]: the Worker's Bloom filter next to bloom-filters'
// `has` on the same keys (half present, half absent), and its size next to the
// Bloom optimum for the configured rate. Both measured in this run.
import bloomFilters from 'bloom-filters';
import { BloomFilter, optimalShape } from '../../worker/core/bloom-filter.ts';

// bloom-filters is CommonJS: Node's ESM loader exposes it as a default export.
const ReferenceBloomFilter = bloomFilters.BloomFilter;
const n = Number(process.argv[2] ?? 1_000_000);
const rate = 0.001;
const present = Array.from({ length: n }, (_, i) => `tel:+62812${String(i).padStart(8, '0')}`);
const absent = Array.from({ length: n }, (_, i) => `bank:014:${String(i).padStart(10, '0')}`);
const probes = present.map((key, i) => (i % 2 ? key : absent[i]!));

function nsPerOp(has: (key: string) => boolean, keys: string[], rounds: number): number {
  let sink = 0;
  for (const key of keys.slice(0, 10_000)) if (has(key)) sink++; // warm up
  const started = process.hrtime.bigint();
  for (let r = 0; r < rounds; r++) for (const key of keys) if (has(key)) sink++;
  const ns = Number(process.hrtime.bigint() - started) / (rounds * keys.length);
  if (sink < 0) console.log(sink);
  return ns;
}

const ours = BloomFilter.forCapacity(n, rate);
for (const key of present) ours.add(key);
const reference = ReferenceBloomFilter.create(n, rate);
for (const key of present) reference.add(key);

const oursNs = nsPerOp((k) => ours.has(k), probes, 3);
const referenceNs = nsPerOp((k) => reference.has(k), probes, 1);
const optimumBits = optimalShape(n, rate).bits;
const idealBits = (-n * Math.log(rate)) / Math.LN2 ** 2;

console.log(`\nFilter lookups, ${n.toLocaleString('en-US')} keys, target false-positive rate ${rate}, Node ${process.version}\n`);
console.log('| filter | ns per has | vs bloom-filters | bits per key | vs Bloom optimum |\n|---|---|---|---|---|');
console.log(`| bloom-filters 3.0.4 (reference) | ${referenceNs.toFixed(0)} | 1.0x | ${(reference.size / n).toFixed(2)} | ${(reference.size / idealBits).toFixed(3)} |`);
console.log(`| worker/core/bloom-filter.ts | ${oursNs.toFixed(0)} | ${(referenceNs / oursNs).toFixed(1)}x faster | ${(ours.bits / n).toFixed(2)} | ${(ours.bits / idealBits).toFixed(3)} |`);
console.log(`\nBloom optimum for this rate: ${(idealBits / n).toFixed(2)} bits per key (${optimumBits} bits rounded to 32-bit words).`);
