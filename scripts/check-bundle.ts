// The Worker bundle that `wrangler deploy --dry-run --outdir DIR` wrote must fit
// the Workers Free plan's limit of 3 MiB after gzip (Paid: 10 MiB); prints the
// size and its share of the limit, exits 1 past it.
// Usage: node scripts/check-bundle.ts [DIR]
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

export const FREE_PLAN_LIMIT_BYTES = 3 * 2 ** 20;

const dir = process.argv[2] ?? '.wrangler/dry-run';
const modules = (await readdir(dir)).filter((name) => /\.(m?js|wasm)$/.test(name));
if (modules.length === 0) {
  process.stderr.write(`check-bundle: no Worker modules in ${dir} (run wrangler deploy --dry-run --outdir ${dir})\n`);
  process.exit(1);
}
let raw = 0;
let gzipped = 0;
for (const name of modules) {
  const bytes = await readFile(join(dir, name));
  raw += bytes.byteLength;
  gzipped += gzipSync(bytes, { level: 9 }).byteLength;
}
const kib = (n: number) => `${(n / 1024).toFixed(0)} KiB`;
const line = `Worker bundle: ${kib(raw)}, ${kib(gzipped)} gzip = ${((gzipped / FREE_PLAN_LIMIT_BYTES) * 100).toFixed(1)}% of the Free plan's ${kib(FREE_PLAN_LIMIT_BYTES)}`;
if (gzipped > FREE_PLAN_LIMIT_BYTES) {
  process.stderr.write(`check-bundle: ${line}: too large\n`);
  process.exit(1);
}
process.stdout.write(`${line}\n`);
