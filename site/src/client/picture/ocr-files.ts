// Where the text reader's engine and trained data live on CekDulu's own origin
// (copied from node_modules at build time by site/build/ocr-assets.ts, which
// also checks the version below against the installed tesseract.js, so a
// dependency bump cannot serve old files under a new name). Nothing is loaded
// from a CDN: tesseract.js's defaults point at jsDelivr, so every path is set.
// The version is in the address so the files can be cached for a year.

/** The folder of the engine's files, one per installed tesseract.js release. */
export const OCR_BASE = '/ocr/7.0.0/';

/**
 * The two builds of the engine that are served: LSTM-only (the legacy engine's
 * code and data are never used, so the smaller build), with WebAssembly SIMD
 * where the browser has it and without otherwise. Each is a small loader
 * (`.js`) that fetches its `.wasm` beside the worker script, not the
 * `.wasm.js` build with the binary inlined as base64 (a third larger).
 */
export const OCR_CORES = { simd: 'tesseract-core-simd-lstm.js', plain: 'tesseract-core-lstm.js' } as const;

/** The trained data, "best_int" (integer LSTM models: faster than "best", better than "fast"), page language first. */
export const OCR_LANGS = { id: ['ind', 'eng'], en: ['eng', 'ind'] } as const;
