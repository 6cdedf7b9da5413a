// The in-browser text reader's files (site/src/client/picture/), copied from
// node_modules into the build under OCR_BASE, so the engine, its worker and the
// trained data come from CekDulu's own origin, never a CDN. The build fails if
// the installed tesseract.js is not the release OCR_BASE names: the address
// carries the version so the files can be cached as immutable (_headers).
import { copyFile, mkdir, readFile, stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { OCR_BASE, OCR_CORES, OCR_LANGS } from '../src/client/picture/ocr-files.ts';

const require = createRequire(import.meta.url);
const packageDir = (name: string) => dirname(require.resolve(`${name}/package.json`));
/** Integer "best" LSTM models, gzipped (the worker unpacks them). */
const DATA_VERSION = '4.0.0_best_int';

/** Each served file: where it comes from in node_modules, and its path under OCR_BASE. */
function ocrFiles(): { from: string; to: string }[] {
  const core = packageDir('tesseract.js-core');
  const cores = Object.values(OCR_CORES).flatMap((js) => [js, js.replace(/\.js$/, '.wasm')]);
  const langs = [...new Set(Object.values(OCR_LANGS).flat())];
  return [
    { from: join(packageDir('tesseract.js'), 'dist/worker.min.js'), to: 'worker.min.js' },
    ...cores.map((name) => ({ from: join(core, name), to: name })),
    ...langs.map((lang) => ({ from: join(packageDir(`@tesseract.js-data/${lang}`), DATA_VERSION, `${lang}.traineddata.gz`), to: `lang/${lang}.traineddata.gz` })),
  ];
}

async function checkVersion(): Promise<void> {
  const { version } = JSON.parse(await readFile(join(packageDir('tesseract.js'), 'package.json'), 'utf8')) as { version: string };
  if (OCR_BASE !== `/ocr/${version}/`) throw new Error(`OCR_BASE is ${OCR_BASE} but tesseract.js ${version} is installed: update site/src/client/picture/ocr-files.ts`);
}

export async function writeOcrFiles(outDir: string): Promise<void> {
  await checkVersion();
  for (const { from, to } of ocrFiles()) {
    const target = join(outDir, OCR_BASE, to);
    await mkdir(dirname(target), { recursive: true });
    await copyFile(from, target);
  }
}

/**
 * The bytes a phone downloads the first time it reads a picture, as stored
 * (the worker, one build of the engine and both languages' data): what the
 * paste box says before the first reading. Served compressed, less travels.
 */
export async function firstReadBytes(): Promise<number> {
  const files = ocrFiles().filter(({ to }) => !to.startsWith(OCR_CORES.plain.replace(/\.js$/, '')));
  const sizes = await Promise.all(files.map(({ from }) => stat(from).then((s) => s.size)));
  return sizes.reduce((a, b) => a + b, 0);
}
