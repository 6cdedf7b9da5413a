// Issue 26's figure on a few chat screenshots (the whole set: `npm run bench --
// ocr`): Tesseract reads the picture, cleanOcrText and the extractor read what
// it gave, and every identifier labelled in the message comes back as it does
// from the message's own text. Four pictures, one per style and both themes,
// keep this under ~40 s on a shared 2-core machine (OCR in Node: seconds each).
import { existsSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { realMessages } from './real-corpus.ts';
import { describeOcrFigure, ocrFigure, readScreenshots } from './screenshot-ocr.ts';
import { SCREENSHOTS_DIR, SOURCE_OF, screenshotManifest } from './screenshot-manifest.ts';

const manifest = screenshotManifest();

describe('the chat screenshots of real messages', () => {
  it('hold at least 30 pictures, 24 dev, 12 held-out and 16 in the fresh held-out-2, in every style and theme, 360 to 1080 px wide', () => {
    const count = (corpus: string) => manifest.filter((e) => e.corpus === corpus).length;
    expect(manifest.length).toBeGreaterThanOrEqual(30);
    expect(count('dev')).toBeGreaterThanOrEqual(24);
    expect(count('held-out')).toBeGreaterThanOrEqual(12);
    expect(count('held-out-2')).toBeGreaterThanOrEqual(16);
    for (const corpus of Object.keys(SOURCE_OF)) {
      expect(new Set(manifest.filter((e) => e.corpus === corpus).map((e) => e.style)), corpus).toEqual(new Set(['whatsapp', 'instagram', 'sms']));
      expect(new Set(manifest.filter((e) => e.corpus === corpus).map((e) => e.theme)), corpus).toEqual(new Set(['light', 'dark']));
    }
    expect(new Set(manifest.map((e) => `${e.style}/${e.theme}`))).toEqual(
      new Set(['whatsapp/light', 'whatsapp/dark', 'instagram/light', 'instagram/dark', 'sms/light', 'sms/dark']),
    );
    expect(Math.min(...manifest.map((e) => e.width))).toBe(360);
    expect(Math.max(...manifest.map((e) => e.width))).toBe(1080);
  });

  it('held-out-2 shows held-out messages that no held-out picture shows, each once', () => {
    const texts = new Map(realMessages('held-out').map((m) => [m.id, m.text]));
    const shown = (corpus: string) => manifest.filter((e) => e.corpus === corpus).map((e) => texts.get(e.message));
    const fresh = shown('held-out-2');
    expect(fresh.every((text) => text !== undefined)).toBe(true);
    expect(new Set(fresh).size).toBe(fresh.length);
    expect(fresh.filter((text) => shown('held-out').includes(text))).toEqual([]);
  });

  it('expect exactly the labels of the message each shows, and each picture is a small PNG on disk', () => {
    const labels = new Map(manifest.map((e) => SOURCE_OF[e.corpus]).map((set) => [set, new Map(realMessages(set).map((m) => [m.id, m]))]));
    let bytes = 0;
    for (const entry of manifest) {
      const message = labels.get(SOURCE_OF[entry.corpus])!.get(entry.message);
      expect(message, entry.file).toBeDefined();
      expect(entry.found, entry.file).toEqual(message!.found);
      expect(entry.found.length, entry.file).toBeGreaterThan(0);
      const file = fileURLToPath(new URL(entry.file, SCREENSHOTS_DIR));
      expect(existsSync(file), entry.file).toBe(true);
      const size = statSync(file).size;
      expect(size, entry.file).toBeLessThan(250 * 1024);
      bytes += size;
    }
    expect(bytes).toBeLessThan(6 * 1024 * 1024);
  });

  it('give back from the picture every identifier read from the text, on one screenshot of each style (dev)', async () => {
    const chosen = ['dev-01-whatsapp-light-360x3.png', 'dev-10-whatsapp-dark-412x2.png', 'dev-11-instagram-dark-360x2.png', 'dev-09-sms-light-390x3.png'];
    const entries = manifest.filter((e) => chosen.includes(e.file));
    expect(entries).toHaveLength(chosen.length);
    const figure = ocrFigure('dev', await readScreenshots(entries));
    console.log(`OCR figure on ${chosen.length} screenshots: ${describeOcrFigure(figure)}`);
    expect(figure.lost).toEqual([]);
    expect(figure.recallText).toBe(1);
    expect(figure.recallPicture).toBe(1);
    expect(figure.ratio).toBeGreaterThanOrEqual(0.9);
  }, 90_000);
});
