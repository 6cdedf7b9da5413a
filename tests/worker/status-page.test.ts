// A report's or a dispute's status without JavaScript: the Worker fills the
// static status page (/lapor/status/, /en/report/status/) from D1, and the sent
// pages link to it with the reference filled in.
import { env, exports } from 'cloudflare:workers';
import { describe, expect, test } from 'vitest';
import worker from '../../worker/index.ts';
import { BASE, admin, disputeFormOf, formOf, markSeen, publishListing, postForm, postJson, validReport } from './reports-fixture.ts';

const page = async (path: string) => {
  const res = await exports.default.fetch(new Request(`${BASE}${path}`));
  return { res, html: await res.text() };
};
const statusPage = (lang: 'id' | 'en', ref: string) => `${lang === 'id' ? '/lapor/status/' : '/en/report/status/'}?ref=${encodeURIComponent(ref)}`;
/** The blocks of the answer the page still holds: every other status's block is removed. */
const blocksIn = (html: string) => [...html.matchAll(/data-status="([a-z:]+)"/g)].map(([, block]) => block);
const newReport = async () => (await (await postJson('/api/v1/reports', validReport({ value: '5550009999' }))).json<any>()).ref as string;

describe('the status page without JavaScript', () => {
  test('without a reference it is the static page, with the form', async () => {
    const { res, html } = await page('/lapor/status/');
    expect(res.status).toBe(200);
    expect(html).toContain('name="ref"');
    expect(html).toMatch(/data-answer="found" hidden/);
  });

  test('a pending report, typed in lower case with spaces around, shows its status in plain words in both languages', async () => {
    const ref = await newReport();
    const typed = `  ${ref.toLowerCase()} `;

    const id = await page(statusPage('id', typed));
    expect(id.res.status).toBe(200);
    expect(id.res.headers.get('Cache-Control')).toBe('no-store');
    expect(id.html).toContain('Laporan Anda menunggu pemeriksaan moderator');
    expect(id.html).toContain(`data-status-ref>${ref}</dd>`);
    expect(id.html).toContain('Belum diputuskan');
    expect(blocksIn(id.html)).toEqual(['reports:pending']);
    expect(id.html).not.toContain('data-answer="error"');
    // The typed value stays in the field; the language switch keeps the reference.
    expect(id.html).toContain(`value="${typed}"`);
    expect(id.html).toContain(`href="/en/report/status/?ref=${encodeURIComponent(typed)}"`);
    // The date sent, in words as a day in Jakarta, with the machine-readable (UTC) time: late on
    // 31 December UTC, Jakarta's date is already the next year's.
    const [, iso, day, year] = /<time data-status-created datetime="([^"]+)">(\d{1,2}) \w+ (\d{4})<\/time>/.exec(id.html) ?? [];
    expect(Math.abs(Date.parse(iso!) - Date.now())).toBeLessThan(10 * 60_000);
    const inJakarta = (part: 'day' | 'year') => new Intl.DateTimeFormat('en', { [part]: 'numeric', timeZone: 'Asia/Jakarta' }).format(new Date(iso!));
    expect([day, year]).toEqual([inJakarta('day'), inJakarta('year')]);

    const en = await page(statusPage('en', ref));
    expect(en.res.status).toBe(200);
    expect(en.html).toMatch(/<html lang="en"/);
    expect(en.html).toContain('Your report is waiting for a moderator');
    expect(en.html).toContain('Not decided yet');
    // Nothing of the report itself: no identifier, no text, no contact.
    for (const html of [id.html, en.html]) {
      expect(html).not.toContain('5550009999');
      expect(html).not.toContain('budi@example.com');
      expect(html).not.toContain('diblokir');
    }
  });

  test('a report sent late on 31 December (UTC) shows the day it was in Jakarta, in the new year', async () => {
    await env.DB.prepare(
      `INSERT INTO reports (ref, type, value, bank, lookup_key, category, loss_idr, channel, profile_url, chronology,
         reporter_contact, status, created_at)
       VALUES ('CD-YEAR-END0-2026', 'bank', '5550002222', '014', 'bank:014:5550002222', 'online_shopping', 0, NULL, NULL,
         'kronologi', 'siti@example.id', 'pending', '2026-12-31T18:30:00.000Z')`,
    ).run();
    const { html } = await page(statusPage('id', 'CD-YEAR-END0-2026'));
    expect(html).toContain('<time data-status-created datetime="2026-12-31T18:30:00.000Z">1 Januari 2027</time>');
  });

  test('a verified report says it counts, with the date decided', async () => {
    const ref = await newReport();
    // No evidence file: four eyes (issue 17), a first moderator is on record before this one confirms.
    await env.DB.prepare(`UPDATE reports SET first_verified_by = 'first@cekdulu.id' WHERE ref = ?`).bind(ref).run();
    await markSeen(env.DB, [ref]);
    expect((await admin(`/api/v1/admin/reports/${ref}/decision`, { method: 'POST', body: { decision: 'verify' } })).status).toBe(200);
    const { html } = await page(statusPage('en', ref));
    expect(html).toContain('Your report has been verified');
    // Issue 25: the same-day delta brings a verification to the lookup in minutes, not the next night.
    expect(html).toContain('It appears in lookups within a few minutes of the decision.');
    expect(html).not.toMatch(/night/i);
    expect(blocksIn(html)).toEqual(['reports:verified']);
    expect(html).toMatch(/<time data-status-decided datetime="[^"]+">\d{1,2} \w+ \d{4}<\/time>/);
    expect(html).not.toContain('Not decided yet');
  });

  test('the prefix decides: a DP- reference shows the dispute’s status', async () => {
    await publishListing(env, { type: 'bank', bank: '014', value: '5550009998' });
    const res = await postJson('/api/v1/disputes', {
      type: 'bank', bank: '014', value: '5550009998', statement: 'Rekening ini milik toko saya.', contact: 'pemilik@example.com',
    });
    const { ref } = await res.json<any>();
    const { html } = await page(statusPage('id', ref));
    expect(html).toContain('Sanggahan Anda menunggu pemeriksaan moderator');
    expect(blocksIn(html)).toEqual(['disputes:pending']);
  });

  test('a malformed reference answers 400 with the message and the hint in the page', async () => {
    const { res, html } = await page(statusPage('id', 'CD-1234'));
    expect(res.status).toBe(400);
    expect(res.headers.get('Content-Type')).toContain('text/html');
    expect(html).toContain('Nomor referensi tidak valid. Contoh: CD-7KQ2-M9XA-4T3B.');
    expect(html).toContain('diawali CD- (laporan) atau DP- (sanggahan)');
    expect(html).not.toContain('data-answer="found"');
    expect(html).not.toContain('data-error-hint="report_not_found"');

    const empty = await page('/en/report/status/?ref=');
    expect(empty.res.status).toBe(400);
    expect(empty.html).toContain('Not a valid reference number.');
  });

  test('an unknown reference answers a 404 page with the not-found message', async () => {
    const { res, html } = await page(statusPage('en', 'DP-0000-0000-0000'));
    expect(res.status).toBe(404);
    expect(html).toContain('No report or dispute has this reference number.');
    expect(html).toContain('Rejected reports are deleted six months after the decision');
    expect(html).not.toContain('data-error-hint="invalid_reference"');
  });

  test('markup in the reference is shown as text, never as HTML', async () => {
    const attack = '"><script>alert(1)</script>';
    const { res, html } = await page(statusPage('id', attack));
    expect(res.status).toBe(400);
    // Kept in the field as an attribute value, its quote escaped so it cannot close the attribute…
    const field = 'value="&quot;><script>alert(1)</script>"';
    expect(html).toContain(field);
    // …in the language switch's address percent-encoded, and nowhere else: no element is ever made from it.
    expect(html).toContain('href="/en/report/status/?ref=%22%3E%3Cscript%3Ealert(1)%3C%2Fscript%3E"');
    expect(html.replace(field, '')).not.toContain('<script>alert');
  });

  test('answers without the trailing slash too, with the site’s security headers', async () => {
    const ref = await newReport();
    const { res, html } = await page(`/lapor/status?ref=${ref}`);
    expect(res.status).toBe(200);
    expect(html).toContain('Laporan Anda menunggu');
    for (const [name, value] of [
      ['X-Frame-Options', 'DENY'],
      ['X-Content-Type-Options', 'nosniff'],
      ['Referrer-Policy', 'strict-origin-when-cross-origin'],
    ]) expect(res.headers.get(name!)).toBe(value);
    expect(res.headers.get('Content-Security-Policy')).toContain("frame-ancestors 'none'");
  });

  test('the Worker sets the security headers itself, whatever the assets send', async () => {
    const bareAssets = {
      fetch: async () => new Response('<!doctype html><main><div data-answer="error" hidden></div></main>', { headers: { 'Content-Type': 'text/html; charset=utf-8' } }),
    } as unknown as Fetcher;
    for (const path of ['/lapor/status/?ref=nope', '/en/report/status/?ref=CD-0000-0000-0000', '/lapor/status/']) {
      const ctx = { waitUntil() {}, passThroughOnException() {} } as unknown as ExecutionContext;
      const res = await worker.fetch(new Request(`${BASE}${path}`), { ...env, ASSETS: bareAssets, RATE_LIMITS: 'off' }, ctx);
      await res.text();
      expect(res.headers.get('Content-Security-Policy'), path).toContain("frame-ancestors 'none'");
      expect(res.headers.get('Content-Security-Policy'), path).not.toContain('unsafe-inline');
      expect(res.headers.get('X-Frame-Options'), path).toBe('DENY');
      expect(res.headers.get('X-Content-Type-Options'), path).toBe('nosniff');
    }
  });
});

describe('the sent pages link to the status page with the reference filled in', () => {
  /** A form post without JavaScript: 303 to the sent page, which is then fetched as a browser would. */
  const sentPage = async (res: Response) => {
    expect(res.status).toBe(303);
    return (await exports.default.fetch(new Request(new URL(res.headers.get('Location')!, BASE)))).text();
  };

  test('a report posted without JavaScript, in either language', async () => {
    for (const [action, statusPath] of [
      ['/api/v1/reports?lang=id', '/lapor/status/'],
      ['/api/v1/reports?lang=en', '/en/report/status/'],
    ] as const) {
      const html = await sentPage(await postForm(action, formOf(validReport()), { Accept: 'text/html' }));
      const ref = /data-outcome-ref>(CD-[0-9A-Z-]+)</.exec(html)?.[1];
      expect(ref).toBeDefined();
      expect(html).toContain(`href="${statusPath}?ref=${ref}" data-outcome-status`);
    }
  });

  test('a dispute posted without JavaScript', async () => {
    await publishListing(env, { type: 'phone', value: '0812-0000-3333' });
    const res = await postForm(
      '/api/v1/disputes?lang=id',
      disputeFormOf({ type: 'phone', value: '0812-0000-3333', statement: 'Nomor saya.', contact: 'x@example.com' }),
      { Accept: 'text/html' },
    );
    const html = await sentPage(res);
    const ref = /data-outcome-ref>(DP-[0-9A-Z-]+)</.exec(html)?.[1];
    expect(ref).toBeDefined();
    expect(html).toContain(`href="/lapor/status/?ref=${ref}" data-outcome-status`);
  });
});

describe('the JSON status API', () => {
  test('a malformed percent-escape is a malformed reference (400), not a server error', async () => {
    const res = await exports.default.fetch(new Request(`${BASE}/api/v1/reports/%ZZ`));
    expect(res.status).toBe(400);
    expect((await res.json<any>()).error.code).toBe('invalid_reference');
  });
});
