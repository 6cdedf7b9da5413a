// Bundles the <cek-dulu> widget (site/src/embed/cek-dulu.ts) into one
// self-contained script, dist/embed.js, with esbuild: the site's build runs it
// (astro.config.mjs) and so does the size test. Budget: 6 KB gzipped.
import { readFile } from 'node:fs/promises';
import { build, type Plugin } from 'esbuild';

export const EMBED_ENTRY = 'site/src/embed/cek-dulu.ts';
export const EMBED_GZIP_BUDGET = 6 * 1024;

// The widget shows banks by short name and code; the full names the site's
// picker shows would cost the budget. Packed as "2BRI|6Mandiri|1BNI|…": each
// code as the step from the one before (codes ascending), then the short name;
// a fifth of the gzipped size of the same list as JSON.
export function packBanks(banks: readonly { code: string; short: string }[]): string {
  let previous = 0;
  return [...banks]
    .sort((a, b) => a.code.localeCompare(b.code))
    .map(({ code, short }) => {
      if (!/^\d{3}$/.test(code) || /^\d/.test(short)) throw new Error(`embed bundle: cannot pack bank ${code} ${short}`);
      const step = Number(code) - previous;
      previous = Number(code);
      return `${step}${short}`;
    })
    .join('|');
}

/** The inverse of packBanks; runs in the browser, so its source goes into the bundle as it is. */
export function unpackBanks(packed: string): { code: string; short: string }[] {
  let code = 0;
  return packed.split('|').map((entry) => {
    const step = /^\d+/.exec(entry)![0];
    code += Number(step);
    return { code: String(code).padStart(3, '0'), short: entry.slice(step.length) };
  });
}

const shortBankNames: Plugin = {
  name: 'short-bank-names',
  setup(b) {
    b.onLoad({ filter: /worker[\\/]core[\\/]banks\.json$/ }, async ({ path }) => {
      const banks = JSON.parse(await readFile(path, 'utf8')) as Array<{ code: string; short: string }>;
      return { contents: `export default (${unpackBanks.toString()})(${JSON.stringify(packBanks(banks))});`, loader: 'js' };
    });
  },
};

const MANGLED_TEXT_KEYS =
  /^(reportedHeading|notReportedHeading|networkMessage|inputHeading|failedHeading|retryHint|reloadHint|fixHint|unknownBank|alsoAs|chooseBank)$/;

/** Writes the bundle to `outfile` (or returns it when no file is given). */
export async function buildEmbed(outfile?: string): Promise<string> {
  const result = await build({
    entryPoints: [EMBED_ENTRY],
    bundle: true,
    minify: true,
    format: 'iife',
    target: 'es2022',
    legalComments: 'none',
    // result-view's longest text keys, shortened (70 bytes gzipped, a dozen banks' worth). Only
    // names that are neither DOM nor API fields: renaming one of those would break the widget.
    mangleProps: MANGLED_TEXT_KEYS,
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
