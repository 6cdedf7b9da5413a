// npm run bench [-- NAME [ARGS…]]: one entry for the benchmarks; the figures
// and what each measures are in docs/performance.md. ARGS go to the bench as
// they are. Without a NAME: the extraction figures, the lookup bench, then the 60 s soak. Each bench
// builds what it needs (the site, the Worker's bundle, its seeded data).
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { buildSite } from './bench/built-site.ts';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const script = (file: string) => (args: string[]) => run(process.execPath, [`scripts/bench/${file}`, ...args]);

const BENCHES: Record<string, { what: string; run: (args: string[]) => number }> = {
  lookup: { what: 'lookups against the Worker in workerd (1M seeded reports)', run: script('lookup.ts') },
  extract: { what: 'the paste box: precision and recall on the written corpus and on real messages (--before DIR: another checkout too)', run: script('extract.ts') },
  ocr: { what: 'chat screenshots of real messages read by Tesseract: recall from the picture against recall from the text', run: script('ocr.ts') },
  picture: { what: 'the paste box reading a 1080×2400 chat screenshot in Chromium, CPU 4x slower: first read, next, later visit; download size', run: script('picture.ts') },
  soak: {
    what: 'mixed lookups at 64 connections through wrangler dev, answers checked (SOAK_SECONDS, default 60)',
    run: (args) => {
      buildSite('if-missing'); // the e2e server serves dist/
      return run('npx', ['vitest', 'run', '--project', 'e2e', 'tests/e2e/soak.test.ts', ...args], { SOAK_SECONDS: process.env.SOAK_SECONDS ?? '60' });
    },
  },
  build: { what: 'the nightly job at 1M and 10M reports', run: script('snapshot-build.ts') },
  filter: { what: 'the Bloom filter next to bloom-filters', run: script('filter.ts') },
  cold: { what: 'the first lookup on a fresh isolate', run: script('cold-start.ts') },
  pages: { what: 'gzipped weight of each built page', run: script('pages.ts') },
  moderation: { what: 'the grouped moderation queue with 100,000 pending reports in local D1 (first and next page)', run: script('moderation.ts') },
  'range-client': { what: "the private check's cost on the phone: one padded range answer parsed and searched, Chromium with CPU 4x slower", run: script('range-client.ts') },
  profile: { what: "a CPU profile of the Worker under load (a tool, not a benchmark)", run: script('profile.ts') },
};

function run(command: string, args: string[], env: Record<string, string> = {}): number {
  const result = spawnSync(command, args, { cwd: ROOT, stdio: 'inherit', env: { ...process.env, ...env } });
  if (result.error) throw result.error;
  return result.status ?? 1;
}

const [name, ...args] = process.argv.slice(2);
if (name === undefined) {
  process.exitCode = BENCHES.extract!.run([]) || BENCHES.lookup!.run([]) || BENCHES.soak!.run([]);
} else if (BENCHES[name]) {
  process.exitCode = BENCHES[name].run(args);
} else {
  const help = name === 'help' || name === '--help';
  const list = Object.entries(BENCHES).map(([n, b]) => `  ${n.padEnd(8)}${b.what}`).join('\n');
  (help ? console.log : console.error)(`usage: npm run bench [-- NAME [ARGS…]]  (no NAME: extract, lookup, then soak)\n${list}`);
  process.exitCode = help ? 0 : 2;
}
