// Without JavaScript, the language switch on a page the Worker filled in opens
// the same answer in the other language: the query goes with it.
import { env, exports } from 'cloudflare:workers';
import { beforeAll, describe, expect, test } from 'vitest';
import { publishFixture } from './fixture.ts';

const switchHref = async (path: string) => {
  const html = await (await exports.default.fetch(new Request(`https://cekdulu.test${path}`))).text();
  const tag = html.match(/<a[^>]*data-lang-switch[^>]*>/)?.[0] ?? '';
  return tag.match(/href="([^"]*)"/)?.[1]?.replace(/&amp;/g, '&');
};

beforeAll(async () => {
  await publishFixture(env.SNAPSHOTS);
});

describe('the language switch on a result page keeps the query', () => {
  test('an Indonesian answer for a bank account switches to the English answer for it', async () => {
    expect(await switchHref('/cek/?type=bank&bank=014&value=123-456-7890')).toBe('/en/check/?type=bank&bank=014&value=123-456-7890');
  });

  test('an English answer switches to the Indonesian one', async () => {
    expect(await switchHref('/en/check/?type=phone&value=0899-0000-1111')).toBe('/cek/?type=phone&value=0899-0000-1111');
  });

  test('a pasted message keeps its text', async () => {
    const text = encodeURIComponent('transfer ke BCA 1234567890');
    expect(await switchHref(`/cek/?text=${text}`)).toBe(`/en/check/?text=${text}`);
  });

  test('a refused query (bad input) keeps it too, so the other language explains the same error', async () => {
    expect(await switchHref('/cek/?type=instagram&value=%3Cx%3E')).toBe('/en/check/?type=instagram&value=%3Cx%3E');
  });

  test('the empty result page links the other empty page', async () => {
    expect(await switchHref('/cek/')).toBe('/en/check/');
  });
});
