// QR codes in a picture: the browser's BarcodeDetector where it has one (fast,
// native; Chrome on Android and macOS), jsQR otherwise (pure JavaScript, loaded
// only then). Both see the same pixels.
import type { QRCode } from 'jsqr';

/** jsQR's time grows with the pixels; a QR code still has ~4 px per module at this size in a phone screenshot. */
const MAX_SIDE = 1600;

interface DetectedBarcode {
  rawValue: string;
}
interface BarcodeDetectorLike {
  detect(image: ImageBitmapSource): Promise<DetectedBarcode[]>;
}
type BarcodeDetectorClass = {
  new (options: { formats: string[] }): BarcodeDetectorLike;
  getSupportedFormats(): Promise<string[]>;
};

async function nativeDetector(): Promise<BarcodeDetectorLike | null> {
  const Detector = (globalThis as { BarcodeDetector?: BarcodeDetectorClass }).BarcodeDetector;
  if (!Detector) return null;
  try {
    if (!(await Detector.getSupportedFormats()).includes('qr_code')) return null;
    return new Detector({ formats: ['qr_code'] });
  } catch {
    return null;
  }
}

/** The picture's pixels, scaled down to MAX_SIDE on its longer side. */
function pixels(bitmap: ImageBitmap): ImageData {
  const scale = Math.min(1, MAX_SIDE / Math.max(bitmap.width, bitmap.height));
  const width = Math.max(1, Math.round(bitmap.width * scale));
  const height = Math.max(1, Math.round(bitmap.height * scale));
  const canvas = new OffscreenCanvas(width, height);
  const context = canvas.getContext('2d', { willReadFrequently: true });
  if (!context) throw new Error('no 2d canvas');
  context.drawImage(bitmap, 0, 0, width, height);
  return context.getImageData(0, 0, width, height);
}

/** The text of every QR code found in the picture (none: an empty list), each once. */
async function decodeQrCodes(bitmap: ImageBitmap): Promise<string[]> {
  const detector = await nativeDetector();
  if (detector) {
    try {
      return [...new Set((await detector.detect(bitmap)).map((code) => code.rawValue).filter(Boolean))];
    } catch {
      // A detector that fails on this picture: jsQR below.
    }
  }
  const { default: jsQR } = await import('jsqr');
  const image = pixels(bitmap);
  const code: QRCode | null = jsQR(image.data, image.width, image.height, { inversionAttempts: 'attemptBoth' });
  return code?.data ? [code.data] : [];
}

/** The QR codes in a picture file, the bitmap closed after; rejects if the browser cannot open the file as a picture. */
export async function qrCodesInFile(file: Blob): Promise<string[]> {
  const bitmap = await createImageBitmap(file);
  try {
    return await decodeQrCodes(bitmap);
  } finally {
    bitmap.close();
  }
}
