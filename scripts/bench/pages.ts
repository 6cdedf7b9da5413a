// npm run bench -- pages [--no-build]: what each built page costs to load,
// gzipped, measured on dist/ after building the site afresh (--no-build
// measures dist/ as it is). A page's
// weight is its HTML plus everything it makes the browser fetch at once: the
// stylesheets, the scripts and the modules they import statically, and the
// icon. Modules loaded only on demand (import(), e.g. the private check) are
// shown apart. The home page must stay within 50 KB (tests/e2e/site-pages.test.ts
// checks the same in Chromium, request by request).
import { readdir, readFile } from 'node:fs/promises';
import { join, posix } from 'node:path';
import { gzipSync } from 'node:zlib';
import { buildSite } from './built-site.ts';

const DIST = 'dist';
const BUDGET = 50 * 1024;
const gz = (bytes: Buffer) => gzipSync(bytes, { level: 9 }).length;

buildSite(process.argv.includes('--no-build') ? 'if-missing' : 'always');

async function* htmlFiles(dir: string): AsyncGenerator<string> {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* htmlFiles(path);
    else if (entry.name.endsWith('.html')) yield path;
  }
}

/** A script's static imports (`import … from "./x.js"`, `import "./x.js"`) and dynamic ones (`import("./x.js")`). */
function importsOf(code: string, from: string): { eager: string[]; lazy: string[] } {
  const resolve = (spec: string) => posix.join(posix.dirname(from), spec);
  const eager = [...code.matchAll(/(?:from|import)\s*["'`](\.{1,2}\/[^"'`]+\.js)["'`]/g)].map(([, s]) => resolve(s!));
  const lazy = [...code.matchAll(/import\(\s*["'`](\.{1,2}\/[^"'`]+\.js)["'`]\s*\)/g)].map(([, s]) => resolve(s!));
  return { eager, lazy };
}

/** gzip sizes of `start` and every module it reaches statically; the on-demand ones apart. */
async function scriptWeight(start: string, seen: Set<string>): Promise<{ eager: number; lazy: Set<string> }> {
  let eager = 0;
  const lazy = new Set<string>();
  const queue = [start];
  while (queue.length > 0) {
    const path = queue.shift()!;
    if (seen.has(path)) continue;
    seen.add(path);
    const code = await readFile(join(DIST, path));
    eager += gz(code);
    const found = importsOf(code.toString(), path);
    queue.push(...found.eager);
    for (const l of found.lazy) lazy.add(l);
  }
  return { eager, lazy };
}

type Row = { page: string; html: number; css: number; js: number; other: number; lazy: number };
const rows: Row[] = [];
for await (const file of htmlFiles(DIST)) {
  const text = await readFile(file);
  const html = text.toString();
  const row: Row = { page: '/' + file.slice(DIST.length + 1).replace(/index\.html$/, ''), html: gz(text), css: 0, js: 0, other: 0, lazy: 0 };
  const seen = new Set<string>();
  const lazy = new Set<string>();
  for (const [, href] of html.matchAll(/<link rel="stylesheet" href="(\/[^"]+)"/g)) row.css += gz(await readFile(join(DIST, href!)));
  for (const [, src] of html.matchAll(/<script[^>]*\ssrc="(\/[^"]+)"/g)) {
    const weight = await scriptWeight(src!, seen);
    row.js += weight.eager;
    for (const l of weight.lazy) lazy.add(l);
  }
  for (const [, href] of html.matchAll(/<link rel="icon" href="(\/[^"]+)"/g)) row.other += gz(await readFile(join(DIST, href!)));
  for (const l of lazy) if (!seen.has(l)) row.lazy += gz(await readFile(join(DIST, l)));
  rows.push(row);
}
rows.sort((a, b) => a.page.localeCompare(b.page));

const kb = (n: number) => (n / 1024).toFixed(1);
console.log(`\nPage weights from ${DIST}/: gzip -9 of what each page loads at once, budget ${BUDGET / 1024} KB\n`);
console.log('| page | HTML KB | CSS KB | JS KB | icon KB | total KB | of budget | on demand KB |');
console.log('|---|--:|--:|--:|--:|--:|--:|--:|');
for (const r of rows) {
  const total = r.html + r.css + r.js + r.other;
  console.log(
    `| ${r.page} | ${kb(r.html)} | ${kb(r.css)} | ${kb(r.js)} | ${kb(r.other)} | ${kb(total)} | ${((total / BUDGET) * 100).toFixed(0)}% | ${r.lazy ? kb(r.lazy) : '–'} |`,
  );
}
