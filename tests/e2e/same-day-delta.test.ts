// Fresh within minutes (issue 25), in a browser: a moderator verifies a report
// with an evidence file on the moderation page, and the result page /cek/?…
// answers "reported" without the snapshot command — the same-day delta's Cron
// Trigger rebuilds from D1 — then the moderator's undo lifts it again. The
// Trigger is run as npm start runs it (/__scheduled), once right after each
// decision instead of waiting for the minute's tick; the Worker's own caches
// keep their real times (the delta re-read at most once a minute per isolate),
// so each answer must come within the test's 3 minutes as production's would.
import { type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { tickDelta } from '../../scripts/dev/delta-tick.ts';
import { launchChromium } from './browser.ts';
import { startServer, type TestServer } from './server.ts';

const ADMIN_TOKEN = 'e2e-delta-token';
const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 1, 2, 3];
/** The bound for a decision to reach the result page in this test. */
const FRESH_WITHIN_MS = 3 * 60_000;
const ACCOUNT = { type: 'bank', bank: '014', value: '9100000077' };
const CEK = `/cek/?${new URLSearchParams(ACCOUNT)}`;

let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  [server, browser] = await Promise.all([
    startServer({ vars: { ADMIN_TOKEN, RATE_LIMITS: 'off' }, scheduled: true }),
    launchChromium(),
  ]);
}, 360_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/** The result page's answer, each time in a new browser context: a buyer's first visit, no cached copy of the URL. */
async function resultPage(): Promise<'reported' | 'not_reported' | 'other'> {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await page.goto(`${server.url}${CEK}`);
    const text = await page.locator('body').innerText();
    if (/Dilaporkan:/.test(text)) return 'reported';
    if (/Belum ada laporan terverifikasi/.test(text)) return 'not_reported';
    console.log(`result page without an answer: ${text.slice(0, 600)}`);
    return 'other';
  } finally {
    await context.close();
  }
}

/** Runs the delta's Cron Trigger once, then polls the result page until it answers `expected`; returns how long that took. */
async function freshAnswer(expected: 'reported' | 'not_reported', decidedAt: number): Promise<number> {
  await tickDelta(server.url);
  await expect.poll(resultPage, { timeout: FRESH_WITHIN_MS - (Date.now() - decidedAt), interval: 2_000 }).toBe(expected);
  return Date.now() - decidedAt;
}

describe('the same-day delta, in a browser', () => {
  test('verified on the moderation page → "reported" on /cek/ without the snapshot command; undo → lifted again', { timeout: 600_000 }, async () => {
    expect(await resultPage()).toBe('not_reported');
    const form = new FormData();
    for (const [name, value] of Object.entries({
      ...ACCOUNT, category: 'online_shopping', lossIdr: '1750000', chronology: 'Transfer untuk sepatu, barang tidak dikirim.', contact: 'pelapor@example.com',
    })) form.set(name, value);
    form.set('evidence', new Blob([Buffer.from(PNG)], { type: 'image/png' }), 'bukti.png');
    const filed = await fetch(`${server.url}/api/v1/reports`, { method: 'POST', body: form });
    expect(filed.status).toBe(201);

    // The moderation page: token, the account's group, its report's evidence seen, selected, verified.
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
    const admin = await context.newPage();
    await admin.goto(`${server.url}/admin/`);
    await admin.locator('#admin-token').fill(ADMIN_TOKEN);
    await admin.keyboard.press('Enter');
    const key = `bank:${ACCOUNT.bank}:${ACCOUNT.value}`;
    await admin.locator(`.admin-group[data-key="${key}"]`).waitFor({ timeout: 60_000 });
    // j to the account's group, v to open it (as a moderator does: moderation-safety.test.ts).
    for (let i = 0; i < 30 && (await admin.locator('.admin-group:has(:focus)').getAttribute('data-key')) !== key; i++) await admin.keyboard.press('j');
    await admin.keyboard.press('v');
    await admin.locator('[data-admin-open-heading]').filter({ hasText: ACCOUNT.value }).waitFor({ timeout: 60_000 });
    await admin.locator('[data-report-select]').first().focus();
    await admin.keyboard.press('e');
    await admin.locator('img[data-evidence-image]').first().waitFor({ timeout: 60_000 });
    await admin.keyboard.press('x');
    await admin.keyboard.press('v');
    await expect.poll(() => admin.locator('[data-admin-message]').textContent(), { timeout: 60_000 }).toContain('verified 1');
    const verifiedAt = Date.now();
    const listedAfter = await freshAnswer('reported', verifiedAt);

    // Undo on the same page (within its 5 minutes): the report is pending again, and the listing lifts.
    await admin.keyboard.press('u');
    await expect.poll(() => admin.locator('[data-admin-message]').textContent(), { timeout: 60_000 }).toMatch(/^Undone: .*pending again/);
    const undoneAt = Date.now();
    const liftedAfter = await freshAnswer('not_reported', undoneAt);
    await context.close();
    console.log(`same-day delta in a browser: reported ${Math.round(listedAfter / 1000)} s after the verify, lifted ${Math.round(liftedAfter / 1000)} s after the undo`);
  });
});
