// The lookup without JavaScript: the Worker fills the static result page.
import { env, exports } from 'cloudflare:workers';
import { beforeAll, describe, expect, test } from 'vitest';
import { publishFixture } from './fixture.ts';

const page = async (path: string) => {
  const res = await exports.default.fetch(new Request(`https://cekdulu.test${path}`));
  return { res, html: await res.text() };
};

beforeAll(async () => {
  await publishFixture(env.SNAPSHOTS);
});

describe('the result page without JavaScript', () => {
  test('the static page is served by the assets binding', async () => {
    const res = await env.ASSETS.fetch('https://cekdulu.test/cek/');
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('data-result');
  });

  test('a form submit for a reported account shows the answer and keeps the typed value', async () => {
    const { res, html } = await page('/cek/?type=bank&bank=014&value=123-456-7890');
    expect(res.status).toBe(200);
    expect(res.headers.get('Content-Type')).toContain('text/html');
    expect(html).toMatch(/Dilaporkan/i);
    expect(html).toContain('value="123-456-7890"');
    expect(html).toMatch(/<option[^>]*value="014"[^>]*selected|<option[^>]*selected[^>]*value="014"/);
  });

  test('a BCA account of 9 digits gets the message naming BCA and its 10 digits, not "not reported"', async () => {
    const { res, html } = await page('/cek/?type=bank&bank=014&value=123456789');
    expect(res.status).toBe(400);
    expect(html).toContain('Nomor rekening BCA terdiri dari 10 angka.');
    expect(html).not.toContain('Belum ada laporan');
  });

  test('"BCA 1234567890" typed in the account field with BCA chosen is that account', async () => {
    const { html } = await page(`/cek/?type=bank&bank=014&value=${encodeURIComponent('BCA 123-456-7890')}`);
    expect(html).toContain('Dilaporkan: rekening BCA 1234567890 telah dilaporkan 5 kali');
  });

  test('a Facebook username is shown as typed, periods kept, though its key drops them', async () => {
    const { html } = await page(`/cek/?type=facebook&value=${encodeURIComponent('facebook.com/jual.hp.murah.official')}`);
    expect(html).toContain('Dilaporkan: akun Facebook jual.hp.murah.official telah dilaporkan 3 kali');
    expect(html).not.toContain('jualhpmurahofficial');
  });

  test('an account its owner disputes is still reported, and the page says in words that the owner contests it', async () => {
    const { html } = await page('/cek/?type=bank&bank=009&value=0987654321');
    expect(html).toMatch(/Dilaporkan: rekening BNI 0987654321/);
    expect(html).toContain('Pemilik akun ini menyanggah laporannya.');
    expect(html).toMatch(/<dt class="result__fact-label">Sanggahan pemilik<\/dt><dd class="result__fact-value">Sedang diperiksa<\/dd>/);
    const english = (await page('/en/check/?type=bank&bank=009&value=0987654321')).html;
    expect(english).toContain('The owner of this account disputes the reports.');
    // An undisputed account says nothing of it.
    expect((await page('/cek/?type=bank&bank=014&value=1234567890')).html).not.toContain('menyanggah');
  });

  test('every answer links to how listing works, in its language', async () => {
    for (const [path, link] of [
      ['/cek/?type=bank&bank=014&value=1234567890', '/cara-kerja/'],
      ['/cek/?type=phone&value=0899-0000-1111', '/cara-kerja/'],
      ['/en/check/?type=bank&bank=014&value=1234567890', '/en/how-it-works/'],
      ['/cek/?text=Transfer%20ke%20BCA%201234567890', '/cara-kerja/'],
    ]) {
      expect((await page(path!)).html, path).toContain(`<a class="result__about-link" href="${link}">`);
    }
  });

  test('the answer says the minute of its data in Jakarta time (WIB), not only the day', async () => {
    const { html } = await page('/cek/?type=bank&bank=014&value=123-456-7890');
    expect(html).toMatch(/Data laporan per \d{1,2} [A-Z][a-z]+ \d{4} pukul \d{2}\.\d{2} WIB\./);
  });

  test('the English page answers in English', async () => {
    const { html } = await page('/en/check/?type=phone&value=0899-0000-1111');
    expect(html).toMatch(/lang="en"/);
    expect(html).toMatch(/No verified reports|not reported/i);
  });

  test('markup typed into the form is shown as text, never as HTML', async () => {
    const attack = '"><img src=x onerror=alert(1)>';
    const { res, html } = await page(`/cek/?type=instagram&value=${encodeURIComponent(attack)}`);
    expect(res.status).toBe(400);
    // Kept in the field as an attribute value, its quote escaped so it cannot close the attribute…
    const field = 'value="&quot;><img src=x onerror=alert(1)>"';
    expect(html).toContain(field);
    // …and nowhere else: no element is ever made from it.
    expect(html.replace(field, '')).not.toContain('<img');
  });

  test('the page answers without the trailing slash too', async () => {
    const { res, html } = await page('/cek?type=bank&bank=014&value=1234567890');
    expect(res.status).toBe(200);
    expect(html).toMatch(/Dilaporkan/i);
  });
});
