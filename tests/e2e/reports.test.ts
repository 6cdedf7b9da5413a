// A report's whole life against the real server (tests/e2e/server.ts: wrangler
// dev with local D1, R2 and KV): sent through the form in Chromium, pending,
// decided through the admin API, then the nightly job (npm run snapshot --
// --d1, on the same local state) and the lookup. The reject and dispute paths
// likewise, and the status page a reporter follows from the sent page. No
// request is faked.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import AxeBuilder from '@axe-core/playwright';
import { type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { run } from '../../scripts/dev/processes.ts';
import { launchChromium } from './browser.ts';
import { execLocalD1, startServer, type TestServer } from './server.ts';

const ADMIN_TOKEN = 'e2e-admin-token';
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);

let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  [server, browser] = await Promise.all([
    // The live pointer is re-read on every lookup, so the nightly run is seen at once.
    startServer({ vars: { ADMIN_TOKEN, LIVE_POINTER_TTL_SECONDS: '0' } }),
    launchChromium(),
  ]);
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

type ReportFields = { type: string; bank?: string; value: string; chronology: string };

/** Fills and sends the report form at `path` on `page`; returns the reference the confirmation page shows. */
async function sendReport(page: Page, path: string, fields: ReportFields): Promise<string> {
  await page.goto(`${server.url}${path}`);
  await page.locator('select[name="type"]').selectOption(fields.type);
  if (fields.bank) await page.locator('select[name="bank"]').selectOption(fields.bank);
  await page.locator('input[name="value"]').fill(fields.value);
  await page.locator('select[name="category"]').selectOption('online_shopping');
  await page.locator('input[name="lossIdr"]').fill('2.750.000');
  await page.locator('select[name="channel"]').selectOption('instagram');
  await page.locator('textarea[name="chronology"]').fill(fields.chronology);
  await page.locator('input[name="evidence"]').setInputFiles({ name: 'bukti.png', mimeType: 'image/png', buffer: PNG });
  await page.locator('input[name="contact"]').fill('pelapor@example.com');
  await page.locator('button[type="submit"]').click();
  await page.locator('[data-outcome-ref]').waitFor();
  const ref = (await page.locator('[data-outcome-ref]').textContent())?.trim() ?? '';
  expect(ref).toMatch(/^CD-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
  return ref;
}

/** The report form in Chromium without JavaScript, on a phone-sized screen; returns the reference. */
async function reportThroughForm(path: string, fields: ReportFields): Promise<string> {
  const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 360, height: 800 } });
  try {
    return await sendReport(await context.newPage(), path, fields);
  } finally {
    await context.close();
  }
}

/** The dispute form in Chromium without JavaScript; returns the reference the confirmation page shows. */
async function disputeThroughForm(path: string, fields: { type: string; value: string; statement: string }): Promise<string> {
  const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 360, height: 800 } });
  try {
    const page = await context.newPage();
    await page.goto(`${server.url}${path}`);
    await page.locator('select[name="type"]').selectOption(fields.type);
    await page.locator('input[name="value"]').fill(fields.value);
    await page.locator('textarea[name="statement"]').fill(fields.statement);
    await page.locator('input[name="proof"]').setInputFiles({ name: 'rekening-koran.png', mimeType: 'image/png', buffer: PNG });
    await page.locator('input[name="contact"]').fill('pemilik@example.com');
    await page.locator('button[type="submit"]').click();
    await page.locator('[data-outcome-ref]').waitFor();
    const ref = (await page.locator('[data-outcome-ref]').textContent())?.trim() ?? '';
    expect(ref).toMatch(/^DP-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    return ref;
  } finally {
    await context.close();
  }
}

const api = async (path: string, init: RequestInit = {}) => {
  const res = await fetch(`${server.url}${path}`, init);
  return { status: res.status, body: (await res.json()) as any };
};
const statusOf = async (ref: string) => (await api(`/api/v1/${ref.startsWith('DP') ? 'disputes' : 'reports'}/${ref}`)).body.status;
const moderate = (path: string, body: unknown) =>
  api(path, { method: 'POST', headers: { Authorization: `Bearer ${ADMIN_TOKEN}`, 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
/** Seen before decided (issue 29): the token's moderator opens the report and each evidence file before a verify. */
const openReport = async (ref: string) => {
  const headers = { Authorization: `Bearer ${ADMIN_TOKEN}` };
  const { body } = await api(`/api/v1/admin/reports/${ref}`, { headers });
  for (const file of body.evidence ?? []) await fetch(`${server.url}${file.url}`, { headers });
};
const lookup = async (query: string) => (await api(`/api/v1/check?${query}`)).body;
// As the nightly job runs: the reports file and the verified reports in D1, together.
const nightlyRun = () =>
  run('npm', ['run', '--silent', 'snapshot', '--', '--input', server.input, '--d1', '--persist-to', server.persistDir]);

describe('a report from the form reaches the lookup after a moderator verifies it and the nightly job runs', () => {
  test('verify, reject and dispute paths', async () => {
    // Verified: a BCA account reported through the Indonesian form.
    const verified = await reportThroughForm('/lapor/', { type: 'bank', bank: '014', value: '777-888-9990', chronology: 'Penipuan <b>HP</b> murah.' });
    expect(await statusOf(verified)).toBe('pending');
    // Rejected: an Instagram seller reported through the English form.
    const rejected = await reportThroughForm('/en/report/', { type: 'instagram', value: '@toko.e2e.ditolak', chronology: 'Never delivered.' });
    // Disputed later: a phone number.
    const disputed = await reportThroughForm('/lapor/', { type: 'phone', value: '0813-1111-2222', chronology: 'Tidak dikirim.' });

    const unauthorised = await api('/api/v1/admin/reports', { headers: { Authorization: 'Bearer nope' } });
    expect(unauthorised.status).toBe(401);
    const pending = await api('/api/v1/admin/reports?status=pending', { headers: { Authorization: `Bearer ${ADMIN_TOKEN}` } });
    expect(pending.body.reports.map((r: any) => r.ref)).toEqual(expect.arrayContaining([verified, rejected, disputed]));

    // The admin page lists the queue by account without personal data; opening the account's group
    // shows what the reporter wrote as text: the <b> typed in the chronology is not an element.
    // (The keyboard and the whole queue: tests/e2e/moderation.test.ts.)
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${server.url}/admin/`);
    await page.getByLabel('Admin token (local only)').fill(ADMIN_TOKEN);
    await page.getByRole('button', { name: 'Load pending reports and disputes' }).click();
    const group = page.getByRole('button', { name: 'bank BCA (014) 7778889990' });
    await group.waitFor();
    expect(await page.locator('[data-admin-queue]').textContent()).not.toContain('pelapor@example.com');
    await group.click();
    const item = page.locator(`article[data-ref="${verified}"]`);
    await item.locator('.admin__text').waitFor();
    expect(await item.locator('.admin__text').textContent()).toBe('Penipuan <b>HP</b> murah.');
    expect(await item.locator('.admin__text b').count()).toBe(0);
    expect(await item.textContent()).toContain('pelapor@example.com');
    // Decided on the page itself: a same-origin JSON POST, the only write a browser may make —
    // after the evidence is shown and the report selected (seen before decided).
    for (const file of await item.locator('[data-evidence]').all()) await file.click();
    await item.locator('[data-report-select]').check();
    await expect.poll(() => item.locator('img[data-evidence-image]').count(), { timeout: 60_000 }).toBeGreaterThan(0);
    await page.getByRole('button', { name: 'Verify 1 selected report (v)' }).click();
    await page.locator('[data-admin-message]').getByText('bank BCA (014) 7778889990: verified 1').waitFor();
    await context.close();

    expect((await moderate(`/api/v1/admin/reports/${rejected}/decision`, { decision: 'reject', reason: 'Tidak ada bukti transfer' })).body.status).toBe('rejected');
    await openReport(disputed);
    expect((await moderate(`/api/v1/admin/reports/${disputed}/decision`, { decision: 'verify' })).body.status).toBe('verified');
    expect(await statusOf(verified)).toBe('verified');
    expect(await statusOf(rejected)).toBe('rejected');

    // Before the nightly run the lookup does not know yet.
    expect((await lookup('type=bank&bank=014&value=7778889990')).status).toBe('not_reported');

    // The export the nightly workflow feeds the job: the verified reports only, no reporter fields.
    const exported = join(server.persistDir, '..', 'export.ndjson.gz');
    await run('npm', ['run', '--silent', 'export-reports', '--', '--local', '--persist-to', server.persistDir, '--out', exported]);
    const lines = gunzipSync(await readFile(exported)).toString('utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(lines.map((l) => l.id).sort()).toEqual([verified, disputed].sort());
    expect(lines.find((l) => l.id === verified)).toMatchObject({ type: 'bank', bank: '014', value: '7778889990', status: 'verified' });
    expect(JSON.stringify(lines)).not.toMatch(/pelapor@example\.com|reporter/);

    await nightlyRun();
    const found = await lookup('type=bank&bank=014&value=777 888 9990');
    expect(found.status).toBe('reported');
    expect(found.matches[0]).toMatchObject({ type: 'bank', bank: '014', value: '7778889990', count: 1, totalLossIdr: 2_750_000 });
    expect((await lookup('type=instagram&value=toko.e2e.ditolak')).status).toBe('not_reported');
    expect((await lookup('type=phone&value=%2B6281311112222')).status).toBe('reported');

    // The owner of the phone number disputes through the form; two moderators accept; the next run drops it.
    const disputeRef = await disputeThroughForm('/sanggah/', {
      type: 'phone',
      value: '+62 813 1111 2222',
      statement: 'Nomor ini milik saya, barang sudah dikirim.',
    });
    expect(await statusOf(disputeRef)).toBe('pending');
    const decision = `/api/v1/admin/disputes/${disputeRef}/decision`;
    // One moderator's accept waits for a second (four eyes both ways), however often it is sent.
    for (let i = 0; i < 2; i++) {
      expect((await moderate(decision, { decision: 'accept', reason: 'reports_mistaken' })).body).toEqual({
        ref: disputeRef, status: 'pending', reportsDisputed: 0, awaitingConfirmation: true,
      });
    }
    expect(await statusOf(disputed)).toBe('verified');
    // The local token is one moderator: the first accept is recorded as another's, and the token's accept is the second.
    await execLocalD1(server.persistDir, `UPDATE disputes SET first_accepted_by = 'first@cekdulu.id' WHERE ref = ?`, disputeRef);
    const accepted = await moderate(decision, { decision: 'accept', reason: 'reports_mistaken' });
    expect(accepted.body).toMatchObject({ status: 'accepted', reportsDisputed: 1, delisting: { lookupKey: expect.any(String) } });
    expect(await statusOf(disputed)).toBe('disputed');

    await nightlyRun();
    expect((await lookup('type=phone&value=081311112222')).status).toBe('not_reported');
    expect((await lookup('type=bank&bank=014&value=7778889990')).status).toBe('reported');

    // The reporter's contact never reached the snapshot: the lookup answer and the range API carry none.
    const answer = JSON.stringify(found);
    expect(answer).not.toContain('pelapor@example.com');
    expect(answer).not.toContain('HP</b>');
  });
});

// After the whole-life test on purpose: the report verified here must not be in that test's export.
describe('the status page', () => {
  /** axe runs as a script in the page: it gets its own JavaScript-enabled page at the same address. */
  const axeViolations = async (url: string) => {
    const context = await browser.newContext();
    try {
      const page = await context.newPage();
      await page.goto(url);
      const { violations } = await new AxeBuilder({ page }).analyze();
      return violations.map((v) => `${url}: ${v.id} ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
    } finally {
      await context.close();
    }
  };

  test('the reporter follows the sent page’s link: pending, then verified after a moderator decides; in both languages, without axe violations', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 360, height: 800 } });
    const page = await context.newPage();
    const ref = await sendReport(page, '/en/report/', { type: 'bank', bank: '008', value: '123-000-4567-890', chronology: 'Paid for a phone, <i>nothing</i> came.' });

    await page.getByRole('link', { name: 'Check this report’s status' }).click();
    await page.getByRole('heading', { name: 'Your report is waiting for a moderator' }).waitFor();
    expect(page.url()).toBe(`${server.url}/en/report/status/?ref=${ref}`);
    expect(await page.locator('[data-status-ref]').textContent()).toBe(ref);
    expect(await page.locator('main').textContent()).toContain('Not decided yet');
    expect(await page.locator('main').textContent()).not.toMatch(/1230004567890|Paid for a phone|pelapor@example\.com/);
    expect(await axeViolations(page.url())).toEqual([]);

    await openReport(ref);
    expect((await moderate(`/api/v1/admin/reports/${ref}/decision`, { decision: 'verify' })).body.status).toBe('verified');
    await page.reload();
    await page.getByRole('heading', { name: 'Your report has been verified' }).waitFor();
    expect(await page.locator('main').textContent()).not.toContain('Not decided yet');

    // The language switch keeps the reference.
    await page.locator('[data-lang-switch]').click();
    await page.getByRole('heading', { name: 'Laporan Anda sudah diverifikasi' }).waitFor();
    expect(await axeViolations(page.url())).toEqual([]);

    // Typed by hand into the form, in lower case with spaces around.
    await page.goto(`${server.url}/lapor/status/`);
    await page.getByLabel('Nomor referensi').fill(`  ${ref.toLowerCase()} `);
    await page.getByRole('button', { name: 'Cek status' }).click();
    await page.getByRole('heading', { name: 'Laporan Anda sudah diverifikasi' }).waitFor();
    await context.close();
  });

  test('a mistyped or unknown reference gets its message, without axe violations', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${server.url}/en/report/status/`);
    await page.getByLabel('Reference number').fill('CD-12');
    await page.getByRole('button', { name: 'Check status' }).click();
    await page.getByRole('heading', { name: 'No status to show' }).waitFor();
    expect(await page.locator('[data-status-message]').textContent()).toBe('Not a valid reference number. Example: CD-7KQ2-M9XA-4T3B.');
    expect(await axeViolations(page.url())).toEqual([]);

    const unknown = await page.goto(`${server.url}/lapor/status/?ref=DP-0000-0000-0000`);
    expect(unknown?.status()).toBe(404);
    expect(await page.locator('[data-status-message]').textContent()).toBe('Tidak ada laporan atau sanggahan dengan nomor referensi ini.');
    expect(await axeViolations(page.url())).toEqual([]);
    await context.close();
  });

  test('the report and dispute forms link to it in both languages', async () => {
    for (const [path, name, href] of [
      ['/lapor/', 'Sudah melapor? Cek status laporan Anda', '/lapor/status/'],
      ['/en/report/', 'Already reported? Check its status', '/en/report/status/'],
      ['/sanggah/', 'Sudah mengirim sanggahan? Cek statusnya', '/lapor/status/'],
      ['/en/dispute/', 'Already sent a dispute? Check its status', '/en/report/status/'],
    ]) {
      const html = await (await fetch(`${server.url}${path}`)).text();
      expect(html, path).toContain(`<a href="${href}">${name}</a>`);
    }
  });
});

describe('the report pages', () => {
  test('carry no inline script or style and have no accessibility violations axe can find', async () => {
    for (const path of ['/lapor/', '/en/report/', '/sanggah/', '/en/dispute/', '/lapor/status/', '/en/report/status/', '/admin/']) {
      const html = await (await fetch(`${server.url}${path}`)).text();
      expect(html, path).not.toMatch(/<script(?![^>]*\ssrc=)[^>]*>/);
      expect(html, path).not.toMatch(/<style[\s>]|\sstyle=/);
      const context = await browser.newContext();
      const page = await context.newPage();
      await page.goto(`${server.url}${path}`);
      const { violations } = await new AxeBuilder({ page }).analyze();
      expect(violations.map((v) => `${path}: ${v.id} ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
      await context.close();
    }
  });

  // A form with errors (every error at once, the values kept): tests/e2e/report-forms.test.ts.
});
