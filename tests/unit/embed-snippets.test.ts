// The code the embed page writes for partners (site/src/embed/snippets.ts).
import { expect, test } from 'vitest';
import { embedAttributes, frameSnippet, scriptSnippet } from '../../site/src/embed/snippets.ts';

const HOST = 'https://cekdulu.example';

test('the default snippet is two lines: the script and the element with its language', () => {
  expect(scriptSnippet(HOST, { lang: 'id' })).toBe(`<script src="${HOST}/embed.js" async></script>\n<cek-dulu lang="id"></cek-dulu>`);
});

test('only options that differ from the defaults are written, always in the same order', () => {
  expect(embedAttributes({ lang: 'en', type: 'bank', theme: 'light', partner: '' })).toEqual([['lang', 'en']]);
  expect(embedAttributes({ partner: 'toko-jujur', theme: 'auto', type: 'phone', lang: 'en' })).toEqual([
    ['lang', 'en'], ['type', 'phone'], ['theme', 'auto'], ['partner', 'toko-jujur'],
  ]);
});

test('a partner id that is not [a-z0-9-]{1,40} is left out, so nothing else ever lands in an attribute', () => {
  for (const partner of ['Toko', 'toko jujur', '"><script>', 'a'.repeat(41), 'toko_jujur']) {
    expect(scriptSnippet(HOST, { lang: 'id', partner })).not.toContain('partner');
  }
  expect(scriptSnippet(HOST, { lang: 'id', partner: 'a'.repeat(40) })).toContain(`partner="${'a'.repeat(40)}"`);
});

test('the iframe carries the same options as its query, and its listener trusts only CekDulu and only that frame', () => {
  const code = frameSnippet(HOST, { lang: 'en', type: 'ewallet', partner: 'umkm-42' });
  expect(code).toContain(`src="${HOST}/embed/frame/?lang=en&type=ewallet&partner=umkm-42"`);
  expect(code).toContain(`e.origin !== '${HOST}'`);
  expect(code).toContain("e.data?.type !== 'cekdulu:resize'");
  expect(code).toContain('f.contentWindow === e.source');
});
