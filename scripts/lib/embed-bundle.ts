// Bundles the <cek-dulu> widget (site/src/embed/cek-dulu.ts) into one
// self-contained script, dist/embed.js, with esbuild: the site's build runs it
// (astro.config.mjs) and so does the size test. Budget: 6 KB gzipped.
import { readFile } from 'node:fs/promises';
import { build, type Plugin } from 'esbuild';

export const EMBED_ENTRY = 'site/src/embed/cek-dulu.ts';
export const EMBED_GZIP_BUDGET = 6 * 1024;

// The widget shows banks by short name and code; the full names the site's
// picker shows would cost the budget.
const shortBankNames: Plugin = {
  name: 'short-bank-names',
  setup(b) {
    b.onLoad({ filter: /worker[\\/]core[\\/]banks\.json$/ }, async ({ path }) => {
      const banks = JSON.parse(await readFile(path, 'utf8')) as Array<{ code: string; short: string }>;
      return { contents: JSON.stringify(banks.map(({ code, short }) => ({ code, short }))), loader: 'json' };
    });
  },
};

/** Writes the bundle to `outfile` (or returns it when no file is given). */
export async function buildEmbed(outfile?: string): Promise<string> {
  const result = await build({
    entryPoints: [EMBED_ENTRY],
    bundle: true,
    minify: true,
    format: 'iife',
    target: 'es2022',
    legalComments: 'none',
    plugins: [shortBankNames],
    write: false,
    ...(outfile ? { outfile } : { outdir: 'embed-out' }),
  });
  const text = result.outputFiles[0]!.text;
  if (outfile) {
    const { writeFile, mkdir } = await import('node:fs/promises');
    const { dirname } = await import('node:path');
    await mkdir(dirname(outfile), { recursive: true });
    await writeFile(outfile, text);
  }
  return text;
}
