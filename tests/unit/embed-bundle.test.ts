// The <cek-dulu> widget bundle: within its size budget, self-contained but for
// its private check and its bank question, and free of every API that could write
// markup, cookies or storage; the private check's module, self-contained and asking
// the API for nothing but a hash prefix; and the bank question's, asking nothing but
// the single lookup.
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { beforeAll, expect, test } from 'vitest';
import {
  buildEmbed, buildEmbedBankQuestion, buildEmbedPrivateCheck, EMBED_GZIP_BUDGET, embedInputs, embedRelease, moduleReleases, packBanks, unpackBanks, writeEmbedFiles,
} from '../../site/build/embed-bundle.ts';
import { BANKS } from '../../worker/core/banks.ts';
import { EWALLET_PROVIDERS, IDENTIFIER_TYPES } from '../../worker/core/identifier-kinds.ts';
import { PROVIDER_NAMES } from '../../worker/presentation/result-view.ts';
import { WIDGET_TEXT } from '../../site/src/embed/widget-text.ts';

const FORBIDDEN = ['innerHTML', 'outerHTML', 'insertAdjacentHTML', 'document.write', 'document.cookie', 'localStorage', 'sessionStorage', 'indexedDB', 'eval(', 'new Function', 'importScripts', 'createElement("script")'];

let bundle: string;
let privateCheck: string;
let bankQuestion: string;
beforeAll(async () => {
  [bundle, privateCheck, bankQuestion] = await Promise.all([buildEmbed(), buildEmbedPrivateCheck(), buildEmbedBankQuestion()]);
});

test('embed.js is at most 8 KB gzipped', () => {
  expect(EMBED_GZIP_BUDGET).toBe(8 * 1024);
  expect(gzipSync(bundle, { level: 9 }).length).toBeLessThanOrEqual(EMBED_GZIP_BUDGET);
});

test('the box carries no parser: the server reads the pasted text (no extract.ts, identifiers.ts, libphonenumber or tldts)', async () => {
  const inputs = await embedInputs();
  expect(inputs).toContain('site/src/embed/cek-dulu.ts');
  expect(inputs.filter((file) => /worker\/core\/(extract|identifiers)(\.ts|\/)|libphonenumber|tldts/.test(file))).toEqual([]);
});

test('it writes no markup, cookies or storage, and loads nothing at run time but its two modules, from its own origin', () => {
  for (const api of FORBIDDEN) expect(bundle, api).not.toContain(api);
  // The two dynamic imports: the origin embed.js came from, then the bank question's or the private check's pinned address.
  expect(bundle.match(/import\(/g)).toHaveLength(2);
  expect(bundle).toMatch(/import\([\w$]+\+"\/embed\/v\/[0-9a-f]{16}\/private\.js"\)/);
  expect(bundle).toMatch(/import\([\w$]+\+"\/embed\/v\/[0-9a-f]{16}\/bank\.js"\)/);
  expect(bundle).not.toMatch(/\bimport\s*["'{*]/);
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

test('private.js is one self-contained ES module exporting privateCheck, with no markup, cookie or storage APIs', () => {
  expect(privateCheck).toMatch(/export\s*\{[^}]*\bas privateCheck\s*\}\s*;?\s*$/);
  // Nothing left to resolve at run time: no static import, no dynamic import, no require.
  expect(privateCheck).not.toMatch(/\bimport\s*["'{*]|\bfrom\s*["']|\bimport\(|\brequire\(/);
  for (const api of FORBIDDEN) expect(privateCheck, api).not.toContain(api);
  expect(privateCheck).not.toMatch(/https?:\/\/[a-z]/);
});

test('private.js fetches one thing only, the range API, at the origin it is given', () => {
  const fetches = [...privateCheck.matchAll(/fetch\(([^,)]*)/g)].map((m) => m[1]);
  expect(fetches).toHaveLength(1);
  expect(fetches[0]).toMatch(/^`\$\{[\w$]+\}\/api\/v1\/range\/\$\{/);
  for (const other of ['/api/v1/check', 'XMLHttpRequest', 'sendBeacon', 'WebSocket', 'EventSource']) {
    expect(privateCheck, other).not.toContain(other);
  }
});

const sha384Hex = (text: string) => createHash('sha384').update(text).digest('hex');

test('the pinned widget imports only the modules pinned with it, at addresses named by the SHA-384 of those modules', async () => {
  const [release, pinned] = await Promise.all([embedRelease(), moduleReleases()]);
  expect(pinned.privateCheck.module).toBe(privateCheck);
  expect(pinned.bankQuestion.module).toBe(bankQuestion);
  const hash = sha384Hex(`${privateCheck.length}\n${privateCheck}${bankQuestion.length}\n${bankQuestion}`).slice(0, 16);
  expect(pinned.privateCheck.path).toBe(`/embed/v/${hash}/private.js`);
  expect(pinned.bankQuestion.path).toBe(`/embed/v/${hash}/bank.js`);
  expect(release.path).toBe(`/embed/v/${sha384Hex(release.script).slice(0, 16)}/embed.js`);
  // Every address the pinned embed.js could load code from: the two imports, of the pinned modules.
  const imports = [...release.script.matchAll(/import\(([^)]*)\)/g)].map((m) => m[1]);
  expect(imports.sort()).toEqual([
    expect.stringMatching(new RegExp(`^[\\w$]+\\+"${pinned.bankQuestion.path}"$`)),
    expect.stringMatching(new RegExp(`^[\\w$]+\\+"${pinned.privateCheck.path}"$`)),
  ]);
  expect(release.script).not.toMatch(/\/embed\/(v1\/)?private\.js/);
});

test('bank.js is one self-contained ES module whose default export asks the bank, with no markup, cookie or storage APIs, fetching the single lookup only', () => {
  expect(bankQuestion).toMatch(/export\s*\{[^}]*\bas default\s*\}\s*;?\s*$/);
  expect(bankQuestion).not.toMatch(/\bimport\s*["'{*]|\bfrom\s*["']|\bimport\(|\brequire\(/);
  for (const api of FORBIDDEN) expect(bankQuestion, api).not.toContain(api);
  expect(bankQuestion).not.toMatch(/https?:\/\/[a-z]/);
  const fetches = [...bankQuestion.matchAll(/fetch\(([^,)]*)/g)].map((m) => m[1]);
  expect(fetches).toEqual([expect.stringMatching(/^`\$\{[\w$]+\}\/api\/v1\/check\?\$\{/)]);
  // No parser in it either: the server read the message; the module only asks which bank.
  expect(bankQuestion).not.toContain('libphonenumber');
});

test('the build writes the pinned module beside the pinned widget; the moving addresses carry the same bytes', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'cekdulu-embed-'));
  try {
    await writeEmbedFiles(dir);
    const [release, pinned] = await Promise.all([embedRelease(), moduleReleases()]);
    const read = (path: string) => readFile(join(dir, path), 'utf8');
    expect(await read(release.path)).toBe(release.script);
    expect(await read(pinned.privateCheck.path)).toBe(privateCheck);
    expect(await read(pinned.bankQuestion.path)).toBe(bankQuestion);
    for (const moving of ['embed.js', 'embed/v1.js']) expect(await read(moving)).toBe(release.script);
    for (const older of ['embed/private.js', 'embed/v1/private.js']) expect(await read(older)).toBe(privateCheck);
    // Under /embed/v/ only these three files: what site/public/_headers serves as immutable.
    const releases = await readdir(join(dir, 'embed/v'), { recursive: true });
    expect(releases.filter((name) => name.endsWith('.js')).map((name) => `/embed/v/${name}`).sort()).toEqual([release.path, pinned.privateCheck.path, pinned.bankQuestion.path].sort());
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

// QRIS is not in the widget's picker: its words did not fit the 8 KB budget
// (measured 2026-12-06); a QRIS payload pasted into the widget's box still goes
// through POST /api/v1/check, which reads it as the qris kind.
test('the widget lists every kind but qris and every e-wallet, in the API\'s order, from its words alone (no second list of them in the bundle)', () => {
  for (const lang of ['id', 'en'] as const) expect(Object.keys(WIDGET_TEXT[lang].kinds)).toEqual(IDENTIFIER_TYPES.filter((kind) => kind !== 'qris'));
  expect(Object.keys(PROVIDER_NAMES)).toEqual([...EWALLET_PROVIDERS]);
  expect(bundle).not.toContain('["bank","ewallet"');
});
