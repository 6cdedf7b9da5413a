// Moderation that cannot list or delist by accident (issue 29), in a browser,
// keyboard only on the page: v on a queue card opens the group and lists
// nothing; a hostile chronology (4,800 characters, no space) wraps inside its
// card at 1366 and 390 px; an accepted dispute of an account listed only by the
// sample file is delisted by the README's snapshot command. Screenshots of the
// queue and an opened group go to tests/screenshots/.
import { join } from 'node:path';
import { type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { run } from '../../scripts/dev/processes.ts';
import { launchChromium } from './browser.ts';
import { execLocalD1, startServer, type TestServer } from './server.ts';

const ADMIN_TOKEN = 'e2e-safety-token';
const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 1, 2, 3];
const SLOW = 360_000;
const SCREENSHOTS = join(import.meta.dirname, '..', 'screenshots');

let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  [server, browser] = await Promise.all([
    startServer({ vars: { ADMIN_TOKEN, RATE_LIMITS: 'off', LIVE_POINTER_TTL_SECONDS: '0' } }),
    launchChromium(),
  ]);
}, SLOW);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const token = { Authorization: `Bearer ${ADMIN_TOKEN}` };
const json = async (path: string, init: RequestInit = {}) => (await (await fetch(`${server.url}${path}`, init)).json()) as any;
const pageWidth = (page: Page) =>
  page.evaluate('({ scroll: document.documentElement.scrollWidth, viewport: window.innerWidth })') as Promise<{ scroll: number; viewport: number }>;

describe('moderation safety, keyboard only', () => {
  test(
    'v opens instead of listing; hostile text wraps at 1366 and 390 px; an accepted dispute delists a sample-file listing',
    async () => {
      // A report with an evidence file and a 4,800-character chronology without a space.
      const form = new FormData();
      for (const [name, value] of Object.entries({
        type: 'bank', bank: '014', value: '9100000001', category: 'online_shopping', lossIdr: '2500000',
        chronology: 'A'.repeat(4_800), contact: 'pelapor@example.com',
      })) form.set(name, value);
      form.set('evidence', new Blob([Buffer.from(PNG)], { type: 'image/png' }), 'bukti.png');
      const filed = await json('/api/v1/reports', { method: 'POST', body: form });
      const key = 'bank:014:9100000001';

      const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
      const page = await context.newPage();
      await page.goto(`${server.url}/admin/`);
      // The token field has the focus on load: type, Enter.
      expect(await page.evaluate('document.activeElement?.id')).toBe('admin-token');
      await page.keyboard.type(ADMIN_TOKEN);
      await page.keyboard.press('Enter');
      await page.locator(`.admin-group[data-key="${key}"]`).waitFor({ timeout: 60_000 });
      await page.screenshot({ path: join(SCREENSHOTS, 'moderation-queue-1366.png') });

      // j/k to the group, then v: the group opens, nothing is verified.
      for (let i = 0; i < 30 && (await page.locator('.admin-group:has(:focus)').getAttribute('data-key')) !== key; i++) await page.keyboard.press('j');
      await page.keyboard.press('v');
      await page.locator('[data-admin-open-heading]').filter({ hasText: '9100000001' }).waitFor({ timeout: 60_000 });
      expect((await json(`/api/v1/reports/${filed.ref}`)).status).toBe('pending');
      // v again, nothing selected: the page asks which reports.
      await page.keyboard.press('v');
      await expect.poll(() => page.locator('[data-admin-message]').textContent(), { timeout: 30_000 }).toMatch(/^Verify which reports\?/);
      expect((await json(`/api/v1/reports/${filed.ref}`)).status).toBe('pending');
      // The hostile chronology wraps: the page is exactly as wide as the window.
      expect(await pageWidth(page)).toEqual({ scroll: 1366, viewport: 1366 });
      await page.screenshot({ path: join(SCREENSHOTS, 'moderation-group-1366.png') });
      await page.setViewportSize({ width: 390, height: 844 });
      expect(await pageWidth(page)).toEqual({ scroll: 390, viewport: 390 });
      await page.screenshot({ path: join(SCREENSHOTS, 'moderation-group-390.png') });
      // Seen, then decided: its evidence shown (e), selected (x), verified (v) — one moderator, with a checked file.
      await page.setViewportSize({ width: 1366, height: 768 });
      await page.locator('[data-report-select]').first().focus();
      await page.keyboard.press('e');
      await page.locator('img[data-evidence-image]').first().waitFor({ timeout: 60_000 });
      await page.keyboard.press('x');
      await page.keyboard.press('v');
      await expect.poll(() => page.locator('[data-admin-message]').textContent(), { timeout: 60_000 }).toContain('verified 1');
      await context.close();

      // BCA 1234567890 is listed by the sample file only. Its owner disputes with a proof of ownership.
      const before = await json('/api/v1/check?type=bank&bank=014&value=1234567890');
      expect(before.status).toBe('reported');
      const dispute = new FormData();
      for (const [name, value] of Object.entries({ type: 'bank', bank: '014', value: '1234567890', statement: 'Rekening saya, dipinjam orang.', contact: 'pemilik@example.com' })) dispute.set(name, value);
      dispute.set('proof', new Blob([Buffer.from(PNG)], { type: 'image/png' }), 'rekening-koran.png');
      const { ref } = await json('/api/v1/disputes', { method: 'POST', body: dispute, headers: { Accept: 'application/json' } });
      // Before accepting, the API says what will be delisted: the published reports, from every source.
      const view = await json(`/api/v1/admin/disputes/${ref}`, { headers: token });
      expect(view.wouldDelist).toEqual({ lookupKey: 'bank:014:1234567890', publishedReports: before.matches[0].count, siteReports: 0 });
      // Two moderators: another's first accept on record, then the token's.
      await execLocalD1(server.persistDir, `UPDATE disputes SET first_accepted_by = 'first@cekdulu.id' WHERE ref = ?`, ref);
      const accepted = await json(`/api/v1/admin/disputes/${ref}/decision`, {
        method: 'POST',
        headers: { ...token, 'Content-Type': 'application/json' },
        body: JSON.stringify({ decision: 'accept', reason: 'ownership_proven' }),
      });
      expect(accepted).toMatchObject({ status: 'accepted', delisting: { lookupKey: 'bank:014:1234567890' } });

      // The README's command: the sample file and D1 together.
      await run('npm', ['run', '--silent', 'snapshot', '--', '--input', server.input, '--d1', '--persist-to', server.persistDir]);
      expect((await json('/api/v1/check?type=bank&bank=014&value=1234567890')).status).toBe('not_reported');
      expect((await json('/api/v1/check?type=bank&bank=014&value=9100000001')).status).toBe('reported');
    },
    SLOW,
  );
});
