// The text reader: one tesseract.js worker (its own Web Worker, so the page
// stays responsive), created the first time a picture is read and kept for the
// next. Every file comes from CekDulu's origin (ocr-files.ts). The worker
// script is started from its own address, not from a blob: URL, so the site's
// CSP (script-src 'self') allows it, and the engine finds its .wasm beside it.
import { createWorker, type Worker } from 'tesseract.js';
import { OCR_BASE, OCR_CORES, OCR_LANGS } from './ocr-files.ts';

type OcrLang = keyof typeof OCR_LANGS;
export type OcrProgress = { stage: 'engine' | 'language' | 'reading'; fraction: number };

/**
 * A minimal module using a v128 instruction (wasm-feature-detect's SIMD test):
 * valid only where the browser runs WebAssembly SIMD.
 */
const SIMD_PROBE = new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0, 1, 5, 1, 96, 0, 1, 123, 3, 2, 1, 0, 10, 10, 1, 8, 0, 65, 0, 253, 15, 253, 98, 11]);

function corePath(): string {
  let simd = false;
  try {
    simd = WebAssembly.validate(SIMD_PROBE);
  } catch {
    // No WebAssembly at all: the plain build fails to load below, and the reader says so.
  }
  return `${OCR_BASE}${simd ? OCR_CORES.simd : OCR_CORES.plain}`;
}

/** tesseract.js's own steps, as the three the page shows, each a share of the bar. */
const STAGES: Record<string, { stage: OcrProgress['stage']; from: number; to: number }> = {
  'loading tesseract core': { stage: 'engine', from: 0, to: 0.3 },
  'initializing tesseract': { stage: 'engine', from: 0.3, to: 0.3 },
  'loading language traineddata': { stage: 'language', from: 0.3, to: 0.6 },
  'loading language traineddata (from cache)': { stage: 'language', from: 0.3, to: 0.6 },
  'initializing api': { stage: 'language', from: 0.6, to: 0.65 },
  'recognizing text': { stage: 'reading', from: 0.65, to: 1 },
};

let listener: ((p: OcrProgress) => void) | undefined;
let engine: { lang: OcrLang; worker: Promise<Worker> } | undefined;

function start(lang: OcrLang): Promise<Worker> {
  const worker = createWorker([...OCR_LANGS[lang]], 1 /* OEM.LSTM_ONLY: the only engine in the served build */, {
    workerPath: `${OCR_BASE}worker.min.js`,
    corePath: corePath(),
    langPath: `${OCR_BASE}lang`,
    workerBlobURL: false,
    logger: ({ status, progress }) => {
      const step = STAGES[status];
      if (step) listener?.({ stage: step.stage, fraction: step.from + (step.to - step.from) * progress });
    },
  });
  // A failed start (offline, an old browser) is not kept: the next picture tries again.
  worker.catch(() => {
    if (engine?.worker === worker) engine = undefined;
  });
  return worker;
}

/** The text Tesseract reads in the picture, as it reads it: a line break wherever the picture's text wraps. */
export async function recognize(image: Blob, lang: OcrLang, onProgress?: (p: OcrProgress) => void): Promise<string> {
  if (engine && engine.lang !== lang) {
    const old = engine.worker;
    engine = undefined;
    void old.then((w) => w.terminate()).catch(() => undefined);
  }
  engine ??= { lang, worker: start(lang) };
  listener = onProgress;
  try {
    const worker = await engine.worker;
    const { data } = await worker.recognize(image);
    return data.text;
  } finally {
    listener = undefined;
  }
}
