// npm run bench -- ocr: how well a chat screenshot is read (issue 26). Every
// picture in tests/fixtures/screenshots/ is read by Tesseract (tesseract.js,
// ind+eng, in Node), cleaned by cleanOcrText and read by the extractor; the
// same is done with each message's own text. Per set (dev, held-out,
// held-out-2: a fresh blind batch, tests/fixtures/screenshots/README.md): recall of
// the labelled identifiers from the picture and from the text, their ratio
// (the target is at least 0.9) and the seconds a picture takes; then each
// identifier the text gave and the picture did not.
import { describeOcrFigure, ocrFigure, readScreenshots } from '../../tests/unit/screenshot-ocr.ts';
import { SOURCE_OF, screenshotManifest, type ScreenshotSet } from '../../tests/unit/screenshot-manifest.ts';

const manifest = screenshotManifest();
const read = await readScreenshots(manifest);
const figures = (Object.keys(SOURCE_OF) as ScreenshotSet[]).map((set) => ocrFigure(set, read));
console.log(`${manifest.length} chat screenshots read with Tesseract (ind+eng, tesseract.js in Node ${process.version})`);
for (const figure of figures) console.log(describeOcrFigure(figure));
for (const figure of figures) {
  for (const lost of figure.lost) console.log(`  lost (${figure.set}): ${lost}`);
}
process.exitCode = figures.every((f) => f.ratio >= 0.9) ? 0 : 1;
