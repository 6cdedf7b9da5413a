// The QRIS guide (issue 26), in both languages: it renders from the guides
// collection, is listed in the guide index, says what to match before paying
// (the shop name and NMID the app shows), the Bandung sticker cases as their
// source tells them, a QRIS naming another business or a person, an amount not
// agreed, and sends the buyer to the home page's box to choose the QRIS picture.
import { exports } from 'cloudflare:workers';
import { describe, expect, test } from 'vitest';

const fetchPage = async (path: string) => {
  const res = await exports.default.fetch(new Request(`https://cekdulu.test${path}`));
  return { status: res.status, html: await res.text() };
};

const GUIDES = [
  {
    lang: 'id',
    index: '/panduan/',
    path: '/panduan/bayar-pakai-qris/',
    title: 'Bayar pakai QRIS dengan aman',
    sources: 'Sumber',
    box: '/#text',
    says: ['NMID', 'nama toko', 'Oktober 2025', 'Telkom University, Bandung', 'nama orang', 'jumlahnya sama dengan yang Anda sepakati', 'Pilih gambar QRIS di'],
  },
  {
    lang: 'en',
    index: '/en/guides/',
    path: '/en/guides/bayar-pakai-qris/',
    title: 'Paying by QRIS safely',
    sources: 'Sources',
    box: '/en/#text',
    says: ['NMID', 'shop name', 'October 2025', 'Telkom University in Bandung', 'name of a person', 'the amount is the one you agreed', 'Choose the QRIS picture in the'],
  },
] as const;

describe.each(GUIDES)('$path', ({ lang, index, path, title, sources, box, says }) => {
  test('renders in its language, with the steps a buyer takes before paying and a link to the box that reads a QRIS picture', async () => {
    const { status, html } = await fetchPage(path);
    expect(status).toBe(200);
    expect(html).toContain(`<html lang="${lang}"`);
    expect(html).toMatch(new RegExp(`<h1[^>]*>${title}</h1>`));
    const steps = html.slice(html.indexOf('<h1'), html.indexOf(`>${sources}</h2>`));
    for (const words of says) expect(steps, words).toContain(words);
    expect(steps).toContain(`href="${box}"`);
    // The Bandung cases are told as the source tells them, and the source is named.
    expect(html).toContain('href="https://katadata.co.id/amp/digital/fintech/68efdcb9e8f66/viral-pedagang-di-bandung-jadi-korban-penipuan-qris-palsu-ini-ciri-cirinya"');
  });

  test('is listed in the guide index', async () => {
    const { status, html } = await fetchPage(index);
    expect(status).toBe(200);
    expect(html).toContain(`<a href="${path}">${title}</a>`);
  });
});
