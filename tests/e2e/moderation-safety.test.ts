// Moderation that cannot list or delist by accident (issue 29), in a browser,
// keyboard only on the page: v on a queue card opens the group and lists
// nothing; a hostile chronology (4,800 characters, no space) wraps inside its
// card at 1366 and 390 px; a dispute of an account listed only by the sample
// file, accepted on the page by keyboard, is delisted by the README's snapshot command. Then on the queue
// npm start seeds: flagged groups first, six groups on a laptop screen, flags
// that lead to what they are about, counts fresh after each decision and
// announced beside the group, a group verified once sinking and v again refused.
// Screenshots of the queue and an opened group go to tests/screenshots/.
import { join } from 'node:path';
import { type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { run } from '../../scripts/dev/processes.ts';
import { queueSql, sampleQueue } from '../../scripts/dev/sample-queue.ts';
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
      await page.setViewportSize({ width: 390, height: 844 });
      expect(await pageWidth(page)).toEqual({ scroll: 390, viewport: 390 });
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
      // Two moderators: another's first accept on record, then the token's — on the page, by keyboard.
      await execLocalD1(server.persistDir, `UPDATE disputes SET first_accepted_by = 'first@cekdulu.id' WHERE ref = ?`, ref);
      const second = await browser.newContext({ viewport: { width: 1366, height: 768 } });
      const disputes = await second.newPage();
      await disputes.goto(`${server.url}/admin/`);
      await disputes.keyboard.type(ADMIN_TOKEN);
      await disputes.keyboard.press('Enter');
      const open = disputes.locator(`button[aria-label="Open ${ref}"]`);
      await open.waitFor({ timeout: 60_000 });
      await open.focus();
      await disputes.keyboard.press('Enter');
      // Focus lands on the opened dispute, which says what accepting delists.
      await expect.poll(() => disputes.evaluate(`document.activeElement?.closest('article')?.dataset.ref ?? null`), { timeout: 60_000 }).toBe(ref);
      expect(await disputes.locator(`article[data-ref="${ref}"] [data-would-delist]`).textContent()).toContain('Accepting delists bank BCA (014) 1234567890');
      const focused = (selector: string) => disputes.evaluate(`document.activeElement?.matches(${JSON.stringify(selector)}) ?? false`) as Promise<boolean>;
      for (let i = 0; i < 10 && !(await focused('[data-dispute-reason]')); i++) await disputes.keyboard.press('Tab');
      for (let i = 0; i < 15 && (await disputes.locator('[data-dispute-reason]').inputValue()) !== 'ownership_proven'; i++) await disputes.keyboard.press('ArrowDown');
      expect(await disputes.locator('[data-dispute-reason]').inputValue()).toBe('ownership_proven');
      for (let i = 0; i < 3 && !(await focused('[data-decision="accept"]')); i++) await disputes.keyboard.press('Tab');
      await disputes.keyboard.press('Enter');
      await expect.poll(() => disputes.locator('[data-admin-message]').textContent(), { timeout: 60_000 }).toContain(`${ref}: accepted — bank BCA (014) 1234567890 is delisted`);
      await second.close();

      // The README's command: the sample file and D1 together.
      await run('npm', ['run', '--silent', 'snapshot', '--', '--input', server.input, '--d1', '--persist-to', server.persistDir]);
      expect((await json('/api/v1/check?type=bank&bank=014&value=1234567890')).status).toBe('not_reported');
      expect((await json('/api/v1/check?type=bank&bank=014&value=9100000001')).status).toBe('reported');
    },
    SLOW,
  );

  test(
    'the seeded queue: flagged groups first, six on a laptop screen, flags lead somewhere, fresh counts announced beside the group, a group verified once sinks',
    async () => {
      // The queue npm start seeds (80 reports, scripts/start.ts), written into this server's D1.
      const sample = sampleQueue({ reports: 80 });
      for (const sql of queueSql(sample)) await execLocalD1(server.persistDir, sql);
      const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
      const page = await context.newPage();
      await page.goto(`${server.url}/admin/`);
      await page.keyboard.type(ADMIN_TOKEN);
      await page.keyboard.press('Enter');
      await page.locator('.admin-group').nth(6).waitFor({ timeout: 60_000 });

      // A laptop shows at least six whole groups at once.
      const inView = await page.evaluate(
        `[...document.querySelectorAll('.admin-group')].filter((g) => { const r = g.getBoundingClientRect(); return r.top >= 0 && r.bottom <= innerHeight; }).length`,
      );
      expect(inView).toBeGreaterThanOrEqual(6);
      // Every group with a flag to see first is on this first page.
      const firstPage = await page.locator('.admin-group').evaluateAll((items) => items.map((item) => item.getAttribute('data-key')));
      for (const flag of ['shared_evidence', 'one_contact_many_accounts', 'one_network_many_accounts', 'after_dispute', 'after_delisting'] as const) {
        for (const k of sample.patterns[flag]) expect(firstPage, `${flag} ${k}`).toContain(k);
      }
      await expect.poll(() => page.locator('[data-admin-queue-count]').textContent()).toBe(`${firstPage.length} groups waiting on this page; more follow`);
      await page.screenshot({ path: join(SCREENSHOTS, 'moderation-queue-1366.png') });
      await page.setViewportSize({ width: 390, height: 844 });
      expect(await pageWidth(page)).toEqual({ scroll: 390, viewport: 390 });
      await page.screenshot({ path: join(SCREENSHOTS, 'moderation-queue-390.png') });
      await page.setViewportSize({ width: 1366, height: 768 });

      const goTo = async (target: string) => {
        for (let i = 0; i < 40 && (await page.locator('.admin-group:has(:focus)').getAttribute('data-key').catch(() => null)) !== target; i++) {
          const order = await page.locator('.admin-group').evaluateAll((items) => items.map((item) => item.getAttribute('data-key')));
          const current = await page.locator('.admin-group:has(:focus)').getAttribute('data-key').catch(() => null);
          await page.keyboard.press(current !== null && order.indexOf(target) < order.indexOf(current) ? 'k' : 'j');
        }
        expect(await page.locator('.admin-group:has(:focus)').getAttribute('data-key')).toBe(target);
      };
      const valueOf = (k: string) => k.split(':').at(-1)!;

      // Same evidence file: the flag links the other report's group; Enter on the link opens it.
      const [shared, sharedOther] = sample.patterns.shared_evidence;
      await goTo(shared!);
      await page.keyboard.press('Enter');
      await page.locator('[data-admin-open-heading]').filter({ hasText: valueOf(shared!) }).waitFor({ timeout: 60_000 });
      const link = page.locator(`.admin-report a[data-open-group="${sharedOther}"]`);
      expect(await link.count()).toBe(1);
      await page.screenshot({ path: join(SCREENSHOTS, 'moderation-group-1366.png') });
      await page.setViewportSize({ width: 390, height: 844 });
      expect(await pageWidth(page)).toEqual({ scroll: 390, viewport: 390 });
      await page.screenshot({ path: join(SCREENSHOTS, 'moderation-group-390.png') });
      await page.setViewportSize({ width: 1366, height: 768 });
      await link.focus();
      await page.keyboard.press('Enter');
      await page.locator('[data-admin-open-heading]').filter({ hasText: valueOf(sharedOther!) }).waitFor({ timeout: 60_000 });

      // One network, many accounts: the carriers' caveat, and links to the network's other accounts.
      await page.keyboard.press('Escape');
      await goTo(sample.patterns.one_network_many_accounts[0]!);
      await page.keyboard.press('Enter');
      const network = page.locator('.admin-report [data-flag="one_network_many_accounts"]');
      await network.waitFor({ timeout: 60_000 });
      expect(await network.textContent()).toContain('Mobile carriers share networks');
      expect(await network.locator('a[data-open-group]').count()).toBe(10);

      // Read the dispute before deciding: the link opens the pending dispute below, with the focus on it.
      await page.keyboard.press('Escape');
      await goTo(sample.patterns.after_dispute[0]!);
      await page.keyboard.press('Enter');
      const disputeLink = page.locator(`a[data-open-dispute="${sample.disputes[0]!.ref}"]`);
      await disputeLink.waitFor({ timeout: 60_000 });
      await disputeLink.focus();
      await page.keyboard.press('Enter');
      await expect
        .poll(() => page.evaluate(`document.activeElement?.closest('article')?.dataset.ref ?? null`), { timeout: 60_000 })
        .toBe(sample.disputes[0]!.ref);

      // Fresh counts: reject 2 of that group's 3 reports; its pending count and loss, and the buttons, follow.
      const acted = sample.patterns.after_dispute[0]!;
      const actedReports = sample.reports.filter((r) => r.lookup_key === acted).sort((a, b) => a.created_at.localeCompare(b.created_at) || a.ref.localeCompare(b.ref));
      // Esc: back to the queue, on the group (the one whose dispute was read).
      await page.keyboard.press('Escape');
      await goTo(acted);
      await page.keyboard.press('Enter');
      await page.locator('[data-admin-open-heading]').filter({ hasText: `${valueOf(acted)}: 3 reports` }).waitFor({ timeout: 60_000 });
      expect(await page.locator('[data-admin-reject]').textContent()).toBe('Reject all 3 reports (r)');
      expect(await page.locator('[data-admin-verify]').isDisabled()).toBe(true);
      await page.keyboard.press('x');
      await page.keyboard.press('j');
      await page.keyboard.press('x');
      expect(await page.locator('[data-admin-reject]').textContent()).toBe('Reject 2 selected reports (r)');
      await page.keyboard.press('r');
      await page.locator('[data-admin-reasons]').waitFor();
      await page.keyboard.press('1');
      await page.keyboard.press('Enter');
      // Announced beside the group acted on.
      await expect.poll(() => page.locator('[data-admin-open-status]').textContent(), { timeout: 60_000 }).toMatch(/rejected 2$/);
      const left = actedReports.slice(2);
      /** The value shown beside a label in a list of facts. */
      const fact = (within: string, label: string) =>
        page.evaluate(
          `[...document.querySelectorAll(${JSON.stringify(`${within} dt`)})].find((dt) => dt.textContent === ${JSON.stringify(label)})?.nextElementSibling?.textContent ?? null`,
        ) as Promise<string | null>;
      expect(await fact('.admin-open__summary', 'Pending')).toBe('1');
      expect(await fact('.admin-open__summary', 'Total loss')).toBe(`Rp ${left.reduce((n, r) => n + r.loss_idr, 0).toLocaleString('id-ID')}`);
      expect(await fact(`.admin-group[data-key="${acted}"]`, 'Pending')).toBe('1');
      expect(await page.locator('[data-admin-reject]').textContent()).toBe('Reject the one report (r)');

      // Verify the one left (no evidence: it waits for a second moderator). The group sinks below the others for this moderator...
      await page.keyboard.press('x');
      await page.keyboard.press('v');
      await expect.poll(() => page.locator('[data-admin-queue-status]').textContent(), { timeout: 60_000 }).toMatch(/1 waits for a second moderator$/);
      expect(await page.locator(`.admin-group[data-key="${acted}"]`).count()).toBe(0);
      while (await page.locator('[data-admin-more]').isVisible()) {
        const n = await page.locator('.admin-group').count();
        await page.locator('[data-admin-more]').click();
        await expect.poll(() => page.locator('.admin-group').count(), { timeout: 60_000 }).toBeGreaterThan(n);
      }
      const last = page.locator('.admin-group').last();
      expect(await last.getAttribute('data-key')).toBe(acted);
      expect(await last.locator('[data-group-waiting]').textContent()).toContain('Menunggu moderator lain');
      // ... and v again on it is refused with the API's words, nothing recorded.
      await goTo(acted);
      await page.keyboard.press('Enter');
      await page.locator('[data-admin-open-heading]').filter({ hasText: `${valueOf(acted)}: 1 report` }).waitFor({ timeout: 60_000 });
      await page.keyboard.press('x');
      await page.keyboard.press('v');
      await expect.poll(() => page.locator('[data-admin-message]').textContent(), { timeout: 60_000 }).toMatch(/You already verified these reports once|Anda sudah memverifikasi laporan ini sekali/);
      await context.close();
    },
    SLOW,
  );
});
