// npm run bench:pages: what each built page costs to load, gzipped — its HTML
// plus the stylesheets and scripts it links (dist/, after `npm run build`) —
// against the 50 KB budget that the home page must keep (tests/e2e/site.test.ts).
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const DIST = 'dist';
const BUDGET = 50 * 1024;
const gz = (bytes: Buffer) => gzipSync(bytes, { level: 9 }).length;

async function* htmlFiles(dir: string): AsyncGenerator<string> {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* htmlFiles(path);
    else if (entry.name.endsWith('.html')) yield path;
  }
}

const rows: Array<[string, number, number, number]> = [];
for await (const file of htmlFiles(DIST)) {
  const html = await readFile(file);
  let assets = 0;
  for (const [, src] of html.toString().matchAll(/(?:<link rel="stylesheet" href|<script[^>]*\ssrc)="(\/[^"]+)"/g)) {
    assets += gz(await readFile(join(DIST, src!)));
  }
  const page = '/' + file.slice(DIST.length + 1).replace(/index\.html$/, '');
  rows.push([page, gz(html), assets, gz(html) + assets]);
}
rows.sort((a, b) => a[0].localeCompare(b[0]));
console.log(`\nPage weights (gzip -9 of the HTML and the CSS/JS it links), budget ${BUDGET / 1024} KB\n`);
console.log('| page | HTML | CSS + JS | total | of budget |\n|---|---|---|---|---|');
const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
for (const [page, html, assets, total] of rows) console.log(`| ${page} | ${kb(html)} | ${kb(assets)} | ${kb(total)} | ${((total / BUDGET) * 100).toFixed(0)}% |`);
