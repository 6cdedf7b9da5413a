// What the service worker keeps on the phone (site/src/service-worker/cache-policy.ts)
// and where a share sends the page (share-handoff.ts): only files whose address
// never changes — the hashed build files and the picture reader's engine and
// data — and never an answer, a page or the API.
import { describe, expect, test } from 'vitest';
import { isKept } from '../../site/src/service-worker/cache-policy.ts';
import { shareActionPage, sharedPageUrl } from '../../site/src/service-worker/share-handoff.ts';

const ORIGIN = 'https://cekdulu.id';
const get = (path: string, origin = ORIGIN) => ({ method: 'GET', url: new URL(path, origin).href });

describe('the service worker keeps', () => {
  test.each([
    '/_astro/LookupPage.C3xk9a2b.css',
    '/_astro/paste-box.astro_astro_type_script_index_0_lang.Bq1x2c3d.js',
    '/ocr/7.0.0/worker.min.js',
    '/ocr/7.0.0/tesseract-core-simd-lstm.wasm',
    '/ocr/7.0.0/lang/ind.traineddata.gz',
  ])('%s', (path) => {
    expect(isKept(get(path), ORIGIN)).toBe(true);
  });
});

describe('the service worker never keeps', () => {
  test.each([
    ['an API answer', '/api/v1/check?type=bank&bank=014&value=1234567890'],
    ['an API answer without a query', '/api/v1/health'],
    ['the result page the Worker fills', '/cek/?type=bank&value=1234567890'],
    ['the result page itself', '/cek/'],
    ['the English result page', '/en/check/'],
    ['the home page', '/'],
    ['a report status page', '/lapor/status/?ref=ABC'],
    ['the widget script (it changes under one address)', '/embed.js'],
    ['the manifest', '/manifest.webmanifest'],
    ['the service worker itself', '/sw.js'],
    ['an engine of another tesseract.js release', '/ocr/6.0.0/worker.min.js'],
    ['the engine folder alone', '/ocr/7.0.0/'],
    ['a build file asked with a query', '/_astro/x.js?v=1'],
    ['a path that climbs out of the build folder', '/_astro/%2e%2e/api/v1/health'],
    ['a look-alike folder', '/_astrox/a.js'],
  ])('%s (%s)', (_what, path) => {
    expect(isKept(get(path), ORIGIN)).toBe(false);
  });

  test('a build file from another origin', () => {
    expect(isKept(get('/_astro/a.js', 'https://cdn.example'), ORIGIN)).toBe(false);
  });

  test('anything but GET, even for a kept address', () => {
    for (const method of ['POST', 'HEAD', 'PUT']) expect(isKept({ method, url: `${ORIGIN}/_astro/a.js` }, ORIGIN)).toBe(false);
  });
});

describe('a share sends the page', () => {
  test('only a POST to the result page (either language) is a share', () => {
    expect(shareActionPage('/cek/')).toBe('/cek/');
    expect(shareActionPage('/en/check/')).toBe('/en/check/');
    expect(shareActionPage('/api/v1/check')).toBeNull();
    expect(shareActionPage('/lapor/')).toBeNull();
  });

  test('with a picture, to /cek/?gambar=1, the text left out of the address', () => {
    expect(sharedPageUrl('/cek/', { text: 'BCA 1234567890' }, true)).toBe('/cek/?gambar=1');
  });

  test('with a message, to the same address a GET share opens; empty fields left out', () => {
    expect(sharedPageUrl('/cek/', { title: '', text: 'Transfer ke BCA 1234567890 🙏', url: 'https://tokomurah-promo.com/' }, false)).toBe(
      `/cek/?${new URLSearchParams({ text: 'Transfer ke BCA 1234567890 🙏', url: 'https://tokomurah-promo.com/' })}`,
    );
    expect(sharedPageUrl('/en/check/', {}, false)).toBe('/en/check/');
  });
});
