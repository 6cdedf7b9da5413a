// Reading a picture on the buyer's phone: the text in it (Tesseract, in a Web
// Worker: ocr-engine.ts) and the QR codes in it (qr-decode.ts). Nothing of the
// picture leaves the device: the only requests are for the engine's own files
// from CekDulu's origin, the first time. This is the one entry the paste box,
// the report form and the share target's page use; it is loaded only when a
// picture is chosen (a dynamic import), never with the page.
import { cleanOcrText } from '../../../../worker/core/extract/ocr-text.ts';
import { recognize, type OcrProgress } from './ocr-engine.ts';
import { qrCodesInFile } from './qr-decode.ts';

interface PictureReading {
  /**
   * The recognized text, the lines a chat bubble wrapped joined again
   * (cleanOcrText: read line by line, "WA 0812 3456" / "7890" lost its last
   * group). Untrusted: show it as text only.
   */
  text: string;
  /** The text of each QR code found, in the order found. */
  qr: string[];
}

interface ReadPictureOptions {
  lang: 'id' | 'en';
  /** Called as the reading moves on: `stage` is 'qr', 'engine', 'language' or 'reading'; `fraction` of the whole, 0 to 1. */
  onProgress?: (p: { stage: string; fraction: number }) => void;
}

/** Read a picture: its text and its QR codes. Rejects if the file is not a picture the browser can open. */
export async function readPicture(file: Blob, opts: ReadPictureOptions): Promise<PictureReading> {
  const { lang, onProgress } = opts;
  onProgress?.({ stage: 'qr', fraction: 0 });
  // Opening the picture first: a file that is no picture fails here, before the engine is downloaded.
  const qr = await qrCodesInFile(file);
  const text = cleanOcrText(await recognize(file, lang, (p: OcrProgress) => onProgress?.(p)));
  onProgress?.({ stage: 'reading', fraction: 1 });
  return { text, qr };
}
