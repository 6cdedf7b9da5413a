// The <cek-dulu> widget bundle: within its size budget, self-contained, and
// free of every API that could write markup, cookies or storage.
import { gzipSync } from 'node:zlib';
import { beforeAll, expect, test } from 'vitest';
import { buildEmbed, EMBED_GZIP_BUDGET, packBanks, unpackBanks } from '../../scripts/lib/embed-bundle.ts';
import { BANKS } from '../../worker/core/banks.ts';

let bundle: string;
beforeAll(async () => {
  bundle = await buildEmbed();
});

test('embed.js is at most 6 KB gzipped', () => {
  expect(gzipSync(bundle, { level: 9 }).length).toBeLessThanOrEqual(EMBED_GZIP_BUDGET);
});

test('it writes no markup, cookies or storage, and loads nothing at run time', () => {
  for (const api of ['innerHTML', 'outerHTML', 'insertAdjacentHTML', 'document.write', 'document.cookie', 'localStorage', 'sessionStorage', 'indexedDB', 'eval(', 'new Function', 'import(', 'importScripts', 'createElement("script")']) {
    expect(bundle, api).not.toContain(api);
  }
});

test('it registers <cek-dulu> once, guarded, and knows no host but the one it is served from', () => {
  expect(bundle).toContain('customElements.get(');
  expect(bundle).toContain('"cek-dulu"');
  expect(bundle).not.toMatch(/https?:\/\/[a-z]/);
});

test('the packed bank list gives back every code and short name, and is what the bundle carries', () => {
  const packed = packBanks(BANKS);
  expect(unpackBanks(packed)).toEqual(BANKS.map(({ code, short }) => ({ code, short })));
  expect(bundle).toContain(JSON.stringify(packed));
  expect(bundle).not.toContain('"Bank Central Asia'); // full names stay on the site
});
