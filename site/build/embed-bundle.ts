// Bundles the <cek-dulu> widget (site/src/embed/cek-dulu.ts) into one
// self-contained script, dist/embed.js, and its private check
// (site/src/embed/private-check-module.ts) into one self-contained ES module,
// which the widget imports only when a visitor asks for a private check. The
// module is published under its own immutable address,
// dist/embed/v/<the modules' hash>/private.js, and the widget's build names that
// address: a widget pinned by Subresource Integrity (its hash covers the
// address it imports) loads no code that a release can change under it.
// Its box's bank question (site/src/embed/bank-question-module.ts) is built and
// published the same way, at dist/embed/v/<the modules' hash>/bank.js.
// With esbuild: the site's build runs them (astro.config.mjs) and so does the
// size test. The widget's budget: 8 KB gzipped.
import { createHash } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { build, type BuildOptions, type Plugin } from 'esbuild';

const EMBED_ENTRY = 'site/src/embed/cek-dulu.ts';
const EMBED_PRIVATE_ENTRY = 'site/src/embed/private-check-module.ts';
const EMBED_BANK_QUESTION_ENTRY = 'site/src/embed/bank-question-module.ts';
// 7 KB since the box (mode="box"): its label, its answers (one card per identifier, the
// unresolved, "nothing found") and the POST cost about 520 bytes that 6 KB no longer had.
// 8 KB since issues 16 and 17: the bank search with its aliases, popular banks first and a
// reported answer as loud as the site's (about 700 bytes), and result-view's disputed words
// and link to how listing works (about 450), which the widget shares with the site.
export const EMBED_GZIP_BUDGET = 8 * 1024;

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

/**
 * The bank list for the private check, which parses what was typed (account
 * lengths included) but never shows where a length comes from: without
 * `accountDigitsSource`, whose notes and addresses would only add bytes (and
 * addresses the module must not hold).
 */
const banksWithoutSources: Plugin = {
  name: 'banks-without-sources',
  setup(b) {
    b.onLoad({ filter: /worker[\\/]core[\\/]banks\.json$/ }, async ({ path }) => {
      const banks = JSON.parse(await readFile(path, 'utf8')) as Array<Record<string, unknown>>;
      return { contents: JSON.stringify(banks.map(({ accountDigitsSource: _, ...bank }) => bank)), loader: 'json' };
    });
  },
};

/**
 * The bank aliases (worker/core/bank-aliases.json) the widget's bank search needs:
 * without those its short name already finds ("bca", "bank bca"), and with a
 * leading "bank" dropped, as the search drops it (site/src/client/bank-search.ts).
 */
export function neededAliases(aliases: Record<string, string>, banks: readonly { code: string; short: string }[]): Record<string, string> {
  const plain = (text: string) => text.toLowerCase().replace(/[^a-z0-9]/g, '');
  const shortOf = new Map(banks.map((b) => [b.code, plain(b.short)]));
  const words = Object.entries(aliases).map(([alias, code]) => [plain(alias.replace(/^bank\s+/, '')), code] as const);
  // The search looks for the query inside an alias: one that another alias of the same bank holds adds nothing.
  return Object.fromEntries(
    words.filter(([alias, code]) => !shortOf.get(code)?.includes(alias) && !words.some(([other, c]) => c === code && other !== alias && other.includes(alias))),
  );
}

const neededBankAliases: Plugin = {
  name: 'needed-bank-aliases',
  setup(b) {
    b.onLoad({ filter: /worker[\\/]core[\\/]bank-aliases\.json$/ }, async ({ path }) => {
      const banks = JSON.parse(await readFile(path.replace(/bank-aliases\.json$/, 'banks.json'), 'utf8')) as Array<{ code: string; short: string }>;
      const aliases = JSON.parse(await readFile(path, 'utf8')) as Record<string, string>;
      return { contents: `export default ${JSON.stringify(neededAliases(aliases, banks))};`, loader: 'js' };
    });
  },
};

const MANGLED_TEXT_KEYS =
  /^(reportedHeading|notReportedHeading|networkMessage|inputHeading|failedHeading|retryHint|reloadHint|fixHint|alsoAs|chooseBank|advice|kinds|titles|fields|guides|first|last|loss|paste|unresolvedHeading|noneFound|bankSearch|popularBanks|allBanks|disputedLabel|disputedValue|notOwn|read|readNothing|counted|unchecked|kind|private|loading|full|submit)$/;

/** One minified, self-contained bundle, written to `outfile` (or only returned when no file is given). */
async function bundle(entry: string, options: Pick<BuildOptions, 'format' | 'mangleProps' | 'plugins'>, outfile?: string): Promise<string> {
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    minify: true,
    target: 'es2022',
    legalComments: 'none',
    write: false,
    outdir: 'embed-out', // nothing is written there: write is false
    ...options,
  });
  const text = result.outputFiles[0]!.text;
  if (outfile) {
    await mkdir(dirname(outfile), { recursive: true });
    await writeFile(outfile, text);
  }
  return text;
}

/**
 * The widget's build options: a classic script, importing its private check from
 * `privatePath` and its bank question from `bankPath` (the build-time constants
 * PRIVATE_CHECK_PATH and BANK_QUESTION_PATH in cek-dulu.ts).
 */
const embedOptions = (privatePath: string, bankPath: string) => ({
  format: 'iife' as const,
  define: { PRIVATE_CHECK_PATH: JSON.stringify(privatePath), BANK_QUESTION_PATH: JSON.stringify(bankPath) },
  // The text keys of result-view and widget-text, shortened (89 bytes gzipped: the first eleven
  // saved 70, a dozen banks' worth; advice…loss 19 more, what the TikTok and Telegram match
  // titles cost; read…submit, the reading summary's and the widget's own, 27 more). Only names that are neither DOM nor API fields, and only read as `text.name`
  // (mangleProps leaves quoted keys alone): renaming one of those would break the widget.
  mangleProps: MANGLED_TEXT_KEYS,
  plugins: [shortBankNames, neededBankAliases],
}) satisfies Pick<BuildOptions, 'format' | 'define' | 'mangleProps' | 'plugins'>;

/** The widget, a classic script (dist/embed.js), importing this build's pinned private check and bank question. */
export async function buildEmbed(outfile?: string): Promise<string> {
  const { privateCheck, bankQuestion } = await moduleReleases();
  return bundle(EMBED_ENTRY, embedOptions(privateCheck.path, bankQuestion.path), outfile);
}

/** The source files the widget's bundle is made of (for the test that keeps the parsers out of it). */
export async function embedInputs(): Promise<string[]> {
  const options = embedOptions('/embed/v/0000000000000000/private.js', '/embed/v/0000000000000000/bank.js'); // the addresses change no input
  const result = await build({ entryPoints: [EMBED_ENTRY], bundle: true, write: false, outdir: 'embed-out', metafile: true, ...options });
  return Object.keys(result.metafile.inputs);
}

/**
 * The widget's private check, an ES module exporting privateCheck(origin, params, lang, signal).
 * Not on a budget (libphonenumber's metadata is most of it), and loaded only on request,
 * so it keeps the full bank list and result-view's own keys.
 */
export function buildEmbedPrivateCheck(outfile?: string): Promise<string> {
  return bundle(EMBED_PRIVATE_ENTRY, { format: 'esm', plugins: [banksWithoutSources] }, outfile);
}

/**
 * The box's bank question, an ES module exporting bankQuestions(origin, unresolved, query, lang).
 * Loaded only when a pasted message held digits with no bank named; not on the widget's
 * budget, but it packs the bank list as the widget does (short names only).
 */
export function buildEmbedBankQuestion(outfile?: string): Promise<string> {
  return bundle(EMBED_BANK_QUESTION_ENTRY, { format: 'esm', plugins: [shortBankNames] }, outfile);
}

/** A release's immutable address: /embed/v/<first 16 hex digits of the file's SHA-384>/<name>. */
const releasePath = (digest: Buffer, name: string) => `/embed/v/${digest.toString('hex').slice(0, 16)}/${name}`;

/** A module the widget imports on demand, as released: its bytes and its immutable address. */
interface ModuleRelease {
  module: string;
  path: string;
}

/**
 * This build's modules the widget imports on demand, its private check and its
 * bank question, as one release: /embed/v/<hash>/private.js and
 * /embed/v/<hash>/bank.js, <hash> the first 16 hex digits of the SHA-384 of both
 * (each length-prefixed), so a change to either moves both. Named by their own
 * bytes, not the widget's (the widget's bytes hold these addresses, so they cannot
 * name them); one folder for both because the widget then carries that hash once
 * for gzip's purposes: 17 of its 8,192 bytes.
 */
export async function moduleReleases(): Promise<{ privateCheck: ModuleRelease; bankQuestion: ModuleRelease }> {
  const [privateCheck, bankQuestion] = await Promise.all([buildEmbedPrivateCheck(), buildEmbedBankQuestion()]);
  const hash = createHash('sha384');
  for (const module of [privateCheck, bankQuestion]) hash.update(`${module.length}\n`).update(module);
  const digest = hash.digest();
  return {
    privateCheck: { module: privateCheck, path: releasePath(digest, 'private.js') },
    bankQuestion: { module: bankQuestion, path: releasePath(digest, 'bank.js') },
  };
}

/**
 * This build's embed.js as a release: its bytes, its immutable address
 * /embed/v/<first 16 hex digits of its SHA-384>/embed.js and its Subresource
 * Integrity hash. The embed page (EmbedPage.astro, which writes the SRI snippet) and
 * writeEmbedFiles each build it; esbuild's output is the same for the same
 * sources, so the page's hash is the served file's (tests/e2e/embed.test.ts checks it).
 */
export async function embedRelease(): Promise<{ script: string; path: string; integrity: string }> {
  const script = await buildEmbed();
  const digest = createHash('sha384').update(script).digest();
  return { script, path: releasePath(digest, 'embed.js'), integrity: `sha384-${digest.toString('base64')}` };
}

/**
 * Every widget file, into the built site `dir` (astro.config.mjs, when the build is done):
 * embed.js (always the latest v1) and embed/v1.js (the same, pinned to v1), this release
 * under its immutable address, and the private check it imports under its own
 * (embed/v/<hash>/private.js) and its bank question (embed/v/<hash>/bank.js);
 * the private check also as embed/private.js and
 * embed/v1/private.js, the addresses widgets built before the pinned one import
 * (docs/embed.md, "Compatibility promise and caching").
 */
export async function writeEmbedFiles(dir: string): Promise<void> {
  const [{ script, path }, { privateCheck, bankQuestion }] = await Promise.all([embedRelease(), moduleReleases()]);
  const files: [string, string][] = [
    ['embed.js', script],
    ['embed/v1.js', script],
    [path.slice(1), script],
    [privateCheck.path.slice(1), privateCheck.module],
    // Only at its pinned address: no widget built before it imports it.
    [bankQuestion.path.slice(1), bankQuestion.module],
    ['embed/private.js', privateCheck.module],
    ['embed/v1/private.js', privateCheck.module],
  ];
  for (const [name, text] of files) {
    await mkdir(dirname(join(dir, name)), { recursive: true });
    await writeFile(join(dir, name), text);
  }
}
