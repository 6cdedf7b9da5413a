// A pasted (or shared) seller's message without JavaScript: GET /cek/?text=…
// fills the static result page with what was read and what could not be
// checked, one answer card per identifier read, a bank question per number
// whose bank the text does not name, and keeps the text in the paste box's
// textarea only.
import { env, exports } from 'cloudflare:workers';
import { beforeAll, describe, expect, test } from 'vitest';
import worker from '../../worker/index.ts';
import { MAX_TEXT_LENGTH } from '../../worker/core/extract-types.ts';
import { manifestKey, recordKey, type Manifest } from '../../worker/core/snapshot-layout.ts';
import { publishFixture } from './fixture.ts';

const MESSAGE =
  'Halo kak, untuk pembayaran silakan transfer ke BCA 014 1234567890 a.n. Toko Murah. ' +
  'Konfirmasi via WA 0812-3456-7890 ya, katalog lengkap di IG @olshop.murah.banget';

const page = async (path: string) => {
  const res = await exports.default.fetch(new Request(`https://cekdulu.test${path}`));
  return { res, html: await res.text() };
};
const withText = (text: string, lang: 'id' | 'en' = 'id') =>
  page(`${lang === 'id' ? '/cek/' : '/en/check/'}?${new URLSearchParams({ text })}`);

/** The result region's inner markup (the Worker fills [data-result]). */
const region = (html: string) => /<div[^>]*data-result[^>]*>([\s\S]*?)<\/div>\s*<p class="lead"/.exec(html)?.[1] ?? html;
const headings = (html: string) => [...html.matchAll(/class="result__heading-text">([^<]*)</g)].map((m) => m[1]);
const textarea = (html: string) => /<textarea[^>]*name="text"[^>]*>([\s\S]*?)<\/textarea>/.exec(html)?.[1];
/** The summary above the answers, line by line: "Terbaca: …", then "Tidak bisa dicek:" and each part not checked. */
const reading = (html: string) => [...html.matchAll(/class="reading__(?:read|unchecked|item)">([^<]*)</g)].map((m) => m[1]!.replace(/&#39;/g, "'").replace(/&quot;/g, '"').replace(/&amp;/g, '&'));
/** What POST /api/v1/check answers for the same text: the page must say the same. */
const apiAnswer = async (text: string) =>
  (await (
    await exports.default.fetch(new Request('https://cekdulu.test/api/v1/check', { method: 'POST', headers: { 'Content-Type': 'application/json', 'Accept-Language': 'id' }, body: JSON.stringify({ text }) }))
  ).json()) as { unresolved: { value: string; code: string; message: string }[] };

beforeAll(async () => {
  await publishFixture(env.SNAPSHOTS);
});

describe('the page says what it read and what it could not check', () => {
  test('"Terbaca: 1 rekening, 1 nomor HP/telepon, 1 akun Instagram" above the answers, in both languages', async () => {
    const { html } = await withText(MESSAGE);
    expect(reading(html)).toEqual(['Terbaca: 1 rekening, 1 nomor HP/telepon, 1 akun Instagram']);
    expect(html.indexOf('class="reading"')).toBeLessThan(html.indexOf('class="result result--'));
    const en = await withText(MESSAGE, 'en');
    expect(reading(en.html)).toEqual(['Read: 1 bank account, 1 phone number, 1 Instagram account']);
  });

  test('digits with no bank named are listed as not checked, with the question, and only they get the bank form', async () => {
    const { html } = await withText('transfer ke rekening 9876543210 ya kak, WA 0812-3456-7890');
    expect(reading(html)).toEqual(['Terbaca: 1 nomor HP/telepon', 'Tidak bisa dicek:', '9876543210 — Nomor ini rekening bank apa?']);
    expect(html.match(/<form class="paste-question"/g)).toHaveLength(1);
  });

  // The three messages of issue 22 (tests/e2e/paste-reading.test.ts shows them in a browser).
  test('an Instagram account written without "@" after "IG:" is read and answered beside the BCA account', async () => {
    const { html } = await withText('Ready kak, transfer ke BCA 8720334451 an Toko Jaya. IG: olshop.murah.banget');
    expect(reading(html)).toEqual(['Terbaca: 1 rekening, 1 akun Instagram']);
    const shown = headings(html);
    expect(shown[0]).toMatch(/rekening BCA 8720334451$/);
    expect(shown[1]).toMatch(/^Dilaporkan: akun Instagram @olshop\.murah\.banget telah dilaporkan/);
  });

  test('a TikTok short link is listed as not checked, as written, with the message the API gives it; the BCA account is answered; no bank form', async () => {
    const text = 'Cek katalog kak https://vt.tiktok.com/ZSabc123/ transfer BCA 1234567890';
    const { html } = await withText(text);
    const [link] = (await apiAnswer(text)).unresolved;
    expect(link?.value).toBe('https://vt.tiktok.com/ZSabc123/');
    expect(link?.message).not.toBe('');
    expect(reading(html)).toEqual(['Terbaca: 1 rekening', 'Tidak bisa dicek:', `https://vt.tiktok.com/ZSabc123/ — ${link?.message}`]);
    expect(headings(html)).toEqual([expect.stringMatching(/^Dilaporkan: rekening BCA 1234567890 /)]);
    expect(html).not.toContain('paste-question');
  });

  test('an impossible BCA number is not answered "not reported": it is listed as not checked, naming BCA and its 10 digits', async () => {
    const { res, html } = await withText('tf ke BCA 123456789 ya kak');
    expect(res.status).toBe(200);
    expect(html).not.toMatch(/Belum ada laporan|Dilaporkan:/);
    const [read, unchecked, item] = reading(html);
    expect(read).toBe('Terbaca: tidak ada nomor atau akun yang bisa dicek');
    expect(unchecked).toBe('Tidak bisa dicek:');
    expect(item).toMatch(/^123456789 — Nomor rekening BCA terdiri dari 10 angka/);
    expect(html).not.toContain('paste-question');
  });
});

describe('a pasted message on the result page without JavaScript', () => {
  test('the sample message gives three reported cards, in text order, each naming what was read', async () => {
    const { res, html } = await withText(MESSAGE);
    expect(res.status).toBe(200);
    expect(res.headers.get('Content-Type')).toContain('text/html');
    expect(res.headers.get('Cache-Control')).toBe('no-store');
    expect(res.headers.get('Content-Security-Policy')).toContain("default-src 'self'");
    const shown = headings(html);
    expect(shown).toHaveLength(3);
    expect(shown[0]).toMatch(/^Dilaporkan: rekening BCA 1234567890 /);
    expect(shown[1]).toMatch(/^Dilaporkan: nomor 0812-3456-7890 /);
    expect(shown[2]).toMatch(/^Dilaporkan: akun Instagram @olshop\.murah\.banget /);
    expect(html.match(/class="result result--reported"/g)).toHaveLength(3);
  });

  test('the English page answers in English', async () => {
    const { res, html } = await withText(MESSAGE, 'en');
    expect(res.status).toBe(200);
    expect(headings(html)[0]).toMatch(/^Reported: BCA account 1234567890 has been reported/);
  });

  test('the textarea keeps the text, and the text appears nowhere else', async () => {
    const { html } = await withText(MESSAGE);
    expect(textarea(html)).toBe(MESSAGE);
    expect(html.split('Toko Murah')).toHaveLength(2);
    expect(html.replace(textarea(html)!, '')).not.toContain('Konfirmasi via WA');
  });

  test('a number with no bank named asks for the bank with a form that submits the single lookup', async () => {
    const { res, html } = await withText('transfer ke rekening 9876543210 ya kak, WA 0812-3456-7890');
    expect(res.status).toBe(200);
    expect(headings(html)).toHaveLength(1);
    const form = /<form class="paste-question"[\s\S]*?<\/form>/.exec(html)?.[0] ?? '';
    expect(form).toContain('method="get"');
    expect(form).toContain('action="/cek/#result"');
    expect(form).toContain('<input type="hidden" name="type" value="bank" />');
    expect(form).toContain('<input type="hidden" name="value" value="9876543210" />');
    expect(form).toContain('Nomor ini rekening bank apa?');
    // Popular banks first, as in the site's picker: BCA, BRI, Mandiri…
    const codes = [...form.matchAll(/<option value="(\d{3})"/g)].map((m) => m[1]);
    expect(codes.slice(0, 3)).toEqual(['014', '002', '008']);
    expect(form).toMatch(/<select[^>]*name="bank"/);
  });

  test('a text with no identifier says so', async () => {
    const { res, html } = await withText('Kak barangnya ready? Kirim hari ini ya, terima kasih');
    expect(res.status).toBe(200);
    expect(html).toContain('Tidak ada nomor rekening, nomor HP atau akun yang terbaca');
    expect(headings(html)).toHaveLength(0);
    const en = await withText('Is it still available? Please send today', 'en');
    expect(en.html).toContain('No account number, phone number or account could be read');
  });

  test('markup in the text is shown as text only', async () => {
    const attack = '</textarea><img src=x onerror=alert(1)><script>alert(2)</script> IG @olshop.murah.banget';
    const { res, html } = await withText(attack);
    expect(res.status).toBe(200);
    expect(html).not.toContain('<img src=x');
    expect(html).not.toContain('<script>alert');
    expect(textarea(html)).toBe('&lt;/textarea&gt;&lt;img src=x onerror=alert(1)&gt;&lt;script&gt;alert(2)&lt;/script&gt; IG @olshop.murah.banget');
    expect(headings(html)).toHaveLength(1);
  });

  test('a share target’s title, text and url are read as one text', async () => {
    const params = new URLSearchParams({
      title: 'Toko BCA 014 1234567890',
      text: 'WA 0812-3456-7890',
      url: 'https://instagram.com/olshop.murah.banget',
    });
    const { res, html } = await page(`/cek/?${params}`);
    expect(res.status).toBe(200);
    const shown = headings(html);
    expect(shown).toHaveLength(3);
    expect(shown[0]).toMatch(/rekening BCA 1234567890/);
    expect(shown[1]).toMatch(/nomor 0812-3456-7890/);
    expect(shown[2]).toMatch(/akun Instagram @olshop\.murah\.banget/);
    expect(textarea(html)).toBe('Toko BCA 014 1234567890\nWA 0812-3456-7890\nhttps://instagram.com/olshop.murah.banget');
    // A shared link alone is read too.
    const link = await page(`/cek/?${new URLSearchParams({ url: 'https://instagram.com/olshop.murah.banget' })}`);
    expect(headings(link.html)).toEqual([expect.stringMatching(/akun Instagram @olshop\.murah\.banget/)]);
  });

  test('text over 2,000 characters is a 400 page showing the error, the text kept to edit', async () => {
    const text = `IG @olshop.murah.banget ${'x'.repeat(MAX_TEXT_LENGTH)}`;
    const { res, html } = await withText(text);
    expect(res.status).toBe(400);
    expect(res.headers.get('Cache-Control')).toBe('no-store');
    expect(html).toContain('result--error');
    expect(html).toContain('Teks terlalu panjang');
    expect(headings(html)).toHaveLength(1);
    expect(textarea(html)).toBe(text);
  });

  test('one rate-limit unit per identifier looked up', async () => {
    const used: string[] = [];
    const counting: RateLimit = { limit: async ({ key }) => (used.push(key), { success: true }) };
    const ctx = { waitUntil() {}, passThroughOnException() {} } as unknown as ExecutionContext;
    const res = await worker.fetch(
      new Request(`https://cekdulu.test/cek/?${new URLSearchParams({ text: MESSAGE })}`, { headers: { 'CF-Connecting-IP': '203.0.113.9' } }),
      { ...env, RATE_LIMITS: 'on', LOOKUP_LIMITER: counting },
      ctx,
    );
    expect(res.status).toBe(200);
    await res.text();
    expect(used).toHaveLength(3);
  });

  test('a reported record that cannot be read makes the page 503, never a partial "not reported"', async () => {
    const published = await publishFixture(env.SNAPSHOTS, 1_500, 31);
    const manifest = (await env.SNAPSHOTS.get<Manifest>(manifestKey(published.snapshot.manifest.version), 'json'))!;
    const at = recordKey(manifest.generation, 'bank:014:1234567890');
    const saved = (await env.SNAPSHOTS.get(at))!;
    await env.SNAPSHOTS.delete(at);
    try {
      const { res, html } = await withText(MESSAGE);
      expect(res.status).toBe(503);
      expect(html).toContain('result--error');
      expect(headings(html)).toHaveLength(1);
      expect(html).not.toMatch(/Belum ada laporan|Dilaporkan:/);
    } finally {
      await env.SNAPSHOTS.put(at, saved);
    }
    expect((await withText(MESSAGE)).res.status).toBe(200);
  });
});
