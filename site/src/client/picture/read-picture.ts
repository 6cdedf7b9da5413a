// Reading a picture on the buyer's phone: the text in it (Tesseract, in a Web
// Worker: ocr-engine.ts) and the QR codes in it (qr-decode.ts). Nothing of the
// picture leaves the device: the only requests are for the engine's own files
// from CekDulu's origin, the first time. This is the one entry the paste box,
// the report form and the share target's page use; it is loaded only when a
// picture is chosen (a dynamic import), never with the page.
import { recognize, type OcrProgress } from './ocr-engine.ts';
import { decodeQrCodes } from './qr-decode.ts';

export interface PictureReading {
  /** The recognized text, as Tesseract read it (untrusted: show it as text only). */
  text: string;
  /** The text of each QR code found, in the order found. */
  qr: string[];
}

export interface ReadPictureOptions {
  lang: 'id' | 'en';
  /** Called as the reading moves on: `stage` is 'qr', 'engine', 'language' or 'reading'; `fraction` of the whole, 0 to 1. */
  onProgress?: (p: { stage: string; fraction: number }) => void;
}

/** Read a picture: its text and its QR codes. Rejects if the file is not a picture the browser can open. */
export async function readPicture(file: Blob, opts: ReadPictureOptions): Promise<{ text: string; qr: string[] }> {
  const { lang, onProgress } = opts;
  onProgress?.({ stage: 'qr', fraction: 0 });
  // Opening the picture first: a file that is no picture fails here, before the engine is downloaded.
  const bitmap = await createImageBitmap(file);
  let qr: string[];
  try {
    qr = await decodeQrCodes(bitmap);
  } finally {
    bitmap.close();
  }
  const text = await recognize(file, lang, (p: OcrProgress) => onProgress?.(p));
  onProgress?.({ stage: 'reading', fraction: 1 });
  return { text, qr };
}
