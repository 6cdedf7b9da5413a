// Reading the chat screenshots (tests/fixtures/screenshots/) with Tesseract in
// Node, and the figure issue 26 asks for: of the identifiers a reader finds in
// a message's own text, how many it still finds in a picture of that message.
// Shared by tests/unit/screenshot-ocr.test.ts (a few pictures) and
// `npm run bench -- ocr` (all of them), so both print the same figure.
//
// Tesseract runs as the phone will run it: tesseract.js, Indonesian then
// English, the LSTM-only "best_int" trained data from the npm registry (read
// from node_modules, nothing downloaded); its cache goes to a temporary
// directory so no run leaves files behind or reads another's.
import { mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createWorker, OEM } from 'tesseract.js';
import { extractIdentifiers } from '../../worker/core/extract.ts';
import { cleanOcrText } from '../../worker/core/extract/ocr-text.ts';
import { scoreCorpus, type LabelledMessage } from './corpus-score.ts';
import { realMessages } from './real-corpus.ts';
import { SCREENSHOTS_DIR, SOURCE_OF, type ScreenshotEntry, type ScreenshotSet } from './screenshot-manifest.ts';

/** Indonesian first: most messages are in it; English for the rest (links, "transfer", "account"). */
const TRAINED_DATA = {
  ind: import.meta.resolve('@tesseract.js-data/ind/4.0.0_best_int/ind.traineddata.gz'),
  eng: import.meta.resolve('@tesseract.js-data/eng/4.0.0_best_int/eng.traineddata.gz'),
};

export interface ReadScreenshot {
  entry: ScreenshotEntry;
  /** The message as published. */
  text: string;
  /** What Tesseract read in the picture, cleaned by cleanOcrText. */
  ocr: string;
  seconds: number;
}

/** OCR every picture, one after another on one Tesseract worker (as the phone reads one picture at a time). */
export async function readScreenshots(entries: readonly ScreenshotEntry[]): Promise<ReadScreenshot[]> {
  const work = mkdtempSync(join(tmpdir(), 'cekdulu-ocr-'));
  const langPath = join(work, 'lang');
  const cachePath = join(work, 'cache');
  const texts = new Map((['dev', 'held-out'] as const).flatMap((set) => realMessages(set).map((m) => [`${set}/${m.id}`, m.text] as const)));
  try {
    // tesseract.js takes one langPath for every language; the two packages keep theirs apart.
    for (const dir of [langPath, cachePath]) mkdirSync(dir);
    for (const [lang, data] of Object.entries(TRAINED_DATA)) symlinkSync(fileURLToPath(data), join(langPath, `${lang}.traineddata.gz`));
    const worker = await createWorker(Object.keys(TRAINED_DATA), OEM.LSTM_ONLY, { langPath, cachePath, gzip: true });
    try {
      const read: ReadScreenshot[] = [];
      for (const entry of entries) {
        const text = texts.get(`${SOURCE_OF[entry.corpus]}/${entry.message}`);
        if (text === undefined) throw new Error(`${entry.file}: no message ${entry.message} in ${SOURCE_OF[entry.corpus]}`);
        const start = performance.now();
        const { data: result } = await worker.recognize(fileURLToPath(new URL(entry.file, SCREENSHOTS_DIR)));
        read.push({ entry, text, ocr: cleanOcrText(result.text), seconds: (performance.now() - start) / 1000 });
      }
      return read;
    } finally {
      await worker.terminate();
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

export interface OcrFigure {
  set: ScreenshotSet;
  pictures: number;
  expected: number;
  /** Recall of the labelled identifiers from the picture, and from the message's own text. */
  recallPicture: number;
  recallText: number;
  /** recallPicture / recallText: issue 26 asks for at least 0.9. */
  ratio: number;
  /** Of what was found, how much was labelled: from the picture (its chrome can add numbers) and from the text. */
  precisionPicture: number;
  precisionText: number;
  secondsPerPicture: number;
  /** Labelled identifiers read from the text but not from the picture: `file: key`. */
  lost: string[];
}

const extract = (text: string) => extractIdentifiers(text, 'id');

export function ocrFigure(set: ScreenshotSet, read: readonly ReadScreenshot[]): OcrFigure {
  const mine = read.filter((r) => r.entry.corpus === set);
  const labelled = (r: ReadScreenshot, text: string): LabelledMessage => ({ text, found: r.entry.found, ...(r.entry.unresolved ? { unresolved: r.entry.unresolved } : {}) });
  const fromPicture = scoreCorpus(mine.map((r) => labelled(r, r.ocr)), extract, false);
  const fromText = scoreCorpus(mine.map((r) => labelled(r, r.text)), extract, false);
  const lost: string[] = [];
  for (const r of mine) {
    const missed = (text: string) => scoreCorpus([labelled(r, text)], extract, false).misses[0]?.missed ?? [];
    const inText = new Set(missed(r.text));
    for (const key of missed(r.ocr)) if (!inText.has(key)) lost.push(`${r.entry.file}: ${key}`);
  }
  return {
    set,
    pictures: mine.length,
    expected: fromText.expected,
    recallPicture: fromPicture.recall,
    recallText: fromText.recall,
    ratio: fromText.recall === 0 ? 0 : fromPicture.recall / fromText.recall,
    precisionPicture: fromPicture.precision,
    precisionText: fromText.precision,
    secondsPerPicture: mine.reduce((sum, r) => sum + r.seconds, 0) / Math.max(1, mine.length),
    lost,
  };
}

/** One line per set, the columns docs/performance.md shows. */
export function describeOcrFigure(f: OcrFigure): string {
  return (
    `${f.set.padEnd(10)} ${String(f.pictures).padStart(3)} pictures, ${String(f.expected).padStart(3)} expected: ` +
    `recall from picture ${f.recallPicture.toFixed(3)}, from text ${f.recallText.toFixed(3)}, ratio ${f.ratio.toFixed(3)}; ` +
    `precision from picture ${f.precisionPicture.toFixed(3)}, from text ${f.precisionText.toFixed(3)}; ` +
    `${f.secondsPerPicture.toFixed(1)} s a picture`
  );
}
