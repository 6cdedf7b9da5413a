// The code the embed page writes for partners (site/src/embed/snippets.ts).
import { expect, test } from 'vitest';
import { embedAttributes, frameSnippet, PARTNER_INPUT_PATTERN, PARTNER_PATTERN, scriptSnippet } from '../../site/src/embed/snippets.ts';

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

test('the partner id field pattern compiles as browsers compile it (the v flag) and agrees with the widget\'s own check', () => {
  // An <input pattern> is compiled as ^(?:pattern)$ with the v flag; an invalid one checks nothing.
  const field = new RegExp(`^(?:${PARTNER_INPUT_PATTERN})$`, 'v');
  for (const id of ['toko-jujur', 'umkm-42', 'a'.repeat(40), 'Toko', 'toko jujur', 'toko_jujur', '', 'a'.repeat(41), '-']) {
    expect(field.test(id), id).toBe(PARTNER_PATTERN.test(id));
  }
  expect(field.test('toko-jujur')).toBe(true);
  expect(field.test('Toko Jujur')).toBe(false);
});

test('with a release, the script is that release\'s immutable file with its integrity and crossorigin; the element is the same', () => {
  const release = { path: '/embed/v/0123456789abcdef/embed.js', integrity: 'sha384-abc' };
  expect(scriptSnippet(HOST, { lang: 'en', partner: 'toko' }, release)).toBe(
    `<script src="${HOST}/embed/v/0123456789abcdef/embed.js" integrity="sha384-abc" crossorigin="anonymous" async></script>\n<cek-dulu lang="en" partner="toko"></cek-dulu>`,
  );
});
