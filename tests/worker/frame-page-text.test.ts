// The widget's iframe page without JavaScript, given a seller's message
// (GET /embed/frame/?text=…, the box in site/src/embed/FramePage.astro): the
// Worker answers it as the widget does — what was read and what could not be
// checked, then an answer per identifier with its full result on CekDulu — and
// keeps the text in the box and the partner id in both forms.
import { env, exports } from 'cloudflare:workers';
import { beforeAll, describe, expect, test } from 'vitest';
import { publishFixture } from './fixture.ts';

const MESSAGE = 'Transfer ke BCA 014 1234567890 a.n. Toko Murah, konfirmasi WA 0812-3456-7890';

const frame = async (params: Record<string, string>, path = '/embed/frame/') => {
  const res = await exports.default.fetch(new Request(`https://cekdulu.test${path}?${new URLSearchParams(params)}`));
  return { res, html: await res.text() };
};
const reading = (html: string) => [...html.matchAll(/class="reading__(?:read|unchecked|item)">([^<]*)</g)].map((m) => m[1]);
const headings = (html: string) => [...html.matchAll(/class="result__heading-text">([^<]*)</g)].map((m) => m[1]);

beforeAll(async () => {
  await publishFixture(env.SNAPSHOTS);
});

describe('a message pasted into the widget without JavaScript', () => {
  test('says what was read, answers each identifier in text order with a link to its full result, and may still be framed', async () => {
    const { res, html } = await frame({ text: MESSAGE, partner: 'toko-jujur' });
    expect(res.status).toBe(200);
    expect(res.headers.get('Content-Security-Policy')).toContain('frame-ancestors *');
    expect(reading(html)).toEqual(['Terbaca: 1 rekening, 1 nomor HP/telepon']);
    const shown = headings(html);
    expect(shown[0]).toMatch(/^Dilaporkan: rekening BCA 1234567890 /);
    expect(shown[1]).toMatch(/^Dilaporkan: nomor 0812-3456-7890 /);
    const links = [...html.matchAll(/<a href="([^"]*)" target="_blank" rel="noopener">Lihat hasil lengkap di CekDulu/g)].map((m) => m[1]);
    expect(links).toEqual(['/cek/?type=bank&amp;value=1234567890&amp;bank=014', '/cek/?type=phone&amp;value=%2B6281234567890']);
    // The box keeps the text to edit; the partner id rides along in both forms.
    expect(/<textarea[^>]*name="text"[^>]*>([^<]*)<\/textarea>/.exec(html)?.[1]).toBe(MESSAGE);
    expect(html.match(/<input type="hidden" name="partner" value="toko-jujur"/g)).toHaveLength(2);
  });

  test('digits with no bank named are listed as not checked, then asked for their bank in a form that checks them in the frame, language and partner kept (issue 24)', async () => {
    const { html } = await frame({ text: 'pay to 9876543210 please', lang: 'en', partner: 'toko-jujur' });
    expect(reading(html)).toEqual(['Read: no number or account that can be checked', 'Could not be checked:', expect.stringMatching(/^9876543210 — /)]);
    expect(headings(html)).toEqual([]);
    const form = /<form class="paste-question"[\s\S]*?<\/form>/.exec(html)?.[0] ?? '';
    expect(form).toContain('action="/en/embed/frame/"');
    for (const [name, value] of [['lang', 'en'], ['partner', 'toko-jujur'], ['type', 'bank'], ['value', '9876543210']]) {
      expect(form).toContain(`<input type="hidden" name="${name}" value="${value}" />`);
    }
    expect(form).toMatch(/<select class="select" id="paste-bank-0" name="bank" required>/);
    // Answered: the single lookup in the frame.
    const answered = await frame({ type: 'bank', bank: '014', value: '9876543210', lang: 'en', partner: 'toko-jujur' });
    expect(headings(answered.html)).toEqual([expect.stringContaining('BCA account 9876543210')]);
  });

  test('markup in the text stays text', async () => {
    const { html } = await frame({ text: '</textarea><img src=x onerror=alert(1)> BCA 1234567890' });
    expect(html).not.toContain('<img src=x');
    expect(headings(html)).toHaveLength(1);
  });

  test('a text with nothing in it says so; text over 2,000 characters is a 400 shown in the frame', async () => {
    const none = await frame({ text: 'barang ready kak' });
    expect(none.html).toContain('Tidak ada nomor rekening');
    expect(reading(none.html)).toEqual([]);
    const long = await frame({ text: 'x'.repeat(2_001) });
    expect(long.res.status).toBe(400);
    expect(long.html).toContain('Teks terlalu panjang');
  });
});
