// The kinds added last — website, TikTok and Telegram sellers, and a phone
// number reported as a WhatsApp link — through a report's whole life against
// the real server (tests/e2e/server.ts), as tests/e2e/reports.test.ts does for
// the others: sent through the report form in Chromium in one spelling,
// verified (on the admin page, and through the admin API), published by the
// nightly job (npm run snapshot -- --d1 on the same local state), then found in
// another spelling by GET /api/v1/check and by the lookup form, with and
// without JavaScript. The values are this test's own: the lookup says
// "not reported" for each before the nightly run, so no sample report stands in.
import { type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { run } from '../../scripts/dev/processes.ts';
import { launchChromium } from './browser.ts';
import { startServer, type TestServer } from './server.ts';

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

interface Case {
  type: 'website' | 'tiktok' | 'telegram' | 'phone';
  /** As the reporter types it into the report form. */
  reported: string;
  channel: string;
  /** As a buyer later types it into the lookup. */
  lookedUp: string;
  /** The canonical value the API answers with. */
  canonical: string;
  /** The lookup form's radio and text box for this kind (Indonesian page). */
  radio: string;
  textbox: string;
  /** The answer's heading and its match card's title, as the page shows them. */
  heading: string;
  title: string;
}

const CASES: Case[] = [
  {
    type: 'website',
    reported: 'https://promo.tokobaru-test.com/checkout',
    channel: 'website',
    lookedUp: 'tokobaru-test.com',
    canonical: 'tokobaru-test.com',
    radio: 'Situs web',
    textbox: 'Alamat situs web',
    heading: 'Dilaporkan: situs web tokobaru-test.com telah dilaporkan 1 kali',
    title: 'tokobaru-test.com',
  },
  {
    type: 'tiktok',
    reported: 'https://www.tiktok.com/@Seller.Test/video/123',
    channel: 'other',
    lookedUp: '@seller.test',
    canonical: 'seller.test',
    radio: 'TikTok',
    textbox: 'Akun TikTok',
    heading: 'Dilaporkan: akun TikTok @seller.test telah dilaporkan 1 kali',
    title: 'tiktok.com/@seller.test',
  },
  {
    type: 'telegram',
    reported: 't.me/Seller_Test',
    channel: 'other',
    lookedUp: '@seller_test',
    canonical: 'seller_test',
    radio: 'Telegram',
    textbox: 'Akun Telegram',
    heading: 'Dilaporkan: akun Telegram @seller_test telah dilaporkan 1 kali',
    title: 't.me/seller_test',
  },
  {
    type: 'phone',
    reported: 'https://wa.me/6281377770001',
    channel: 'whatsapp',
    lookedUp: '0813-7777-0001',
    canonical: '+6281377770001',
    radio: 'Nomor HP/WhatsApp',
    textbox: 'Nomor HP/WhatsApp',
    heading: 'Dilaporkan: nomor 0813-7777-0001 telah dilaporkan 1 kali',
    title: 'Nomor telepon 0813-7777-0001',
  },
];

/** The Indonesian report form in Chromium without JavaScript, the kind chosen in its select; returns the reference. */
async function reportThroughForm(c: Case): Promise<string> {
  const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 360, height: 800 } });
  try {
    const page = await context.newPage();
    await page.goto(`${server.url}/lapor/`);
    await page.getByLabel('Apa yang ingin Anda laporkan?').selectOption({ label: c.radio });
    await page.locator('input[name="value"]').fill(c.reported);
    await page.locator('select[name="category"]').selectOption('online_shopping');
    await page.locator('input[name="lossIdr"]').fill('1.250.000');
    await page.locator('select[name="channel"]').selectOption(c.channel);
    await page.locator('textarea[name="chronology"]').fill(`Sudah transfer, barang tidak dikirim (${c.type}).`);
    await page.locator('input[name="evidence"]').setInputFiles({ name: 'bukti.png', mimeType: 'image/png', buffer: PNG });
    await page.locator('input[name="contact"]').fill('pelapor@example.com');
    await page.locator('button[type="submit"]').click();
    await page.locator('[data-outcome-ref]').waitFor();
    const ref = (await page.locator('[data-outcome-ref]').textContent())?.trim() ?? '';
    expect(ref, c.type).toMatch(/^CD-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    return ref;
  } finally {
    await context.close();
  }
}

const api = async (path: string, init: RequestInit = {}) => {
  const res = await fetch(`${server.url}${path}`, init);
  return { status: res.status, body: (await res.json()) as any };
};
const admin = { Authorization: `Bearer ${ADMIN_TOKEN}` };
const check = async (c: Case) => (await api(`/api/v1/check?${new URLSearchParams({ type: c.type, value: c.lookedUp })}`)).body;
const nightlyRun = () =>
  run('npm', ['run', '--silent', 'snapshot', '--', '--input', server.input, '--d1', '--persist-to', server.persistDir]);

/** The lookup form on `/` with JavaScript: the kind's radio, its text box, the answer in place. */
async function lookUpOnSite(page: Page, c: Case): Promise<void> {
  await page.goto(`${server.url}/`);
  await page.getByText('Isi per kolom', { exact: true }).click(); // the by-field form, behind the paste box
  await page.getByRole('radio', { name: c.radio }).check();
  await page.getByRole('textbox', { name: c.textbox }).fill(c.lookedUp);
  await page.getByRole('button', { name: 'Cek sekarang' }).click();
  await page.getByRole('heading', { name: c.heading, exact: true }).waitFor();
  expect(await page.getByRole('heading', { level: 3 }).allTextContents(), c.type).toEqual([c.title]);
}

describe('the new kinds, from the report form to the lookup', () => {
  test('a website, a TikTok and a Telegram seller and a number sent as a wa.me link are found in another spelling once verified and published', async () => {
    const refs = new Map<Case, string>();
    for (const c of CASES) refs.set(c, await reportThroughForm(c));

    // Stored in canonical form: the moderator's queue shows what the lookup will key on.
    const pending = await api('/api/v1/admin/reports?status=pending', { headers: admin });
    for (const c of CASES) {
      expect(pending.body.reports.find((r: any) => r.ref === refs.get(c))?.identifier, c.type).toMatchObject({ type: c.type, value: c.canonical });
    }

    // The Telegram report is verified on the admin page, which names its kind; the others through the admin API.
    const [telegram, ...others] = [CASES[2]!, CASES[0]!, CASES[1]!, CASES[3]!];
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${server.url}/admin/`);
    await page.getByLabel('Admin token (local only)').fill(ADMIN_TOKEN);
    await page.getByRole('button', { name: 'Load pending reports and disputes' }).click();
    // The queue groups reports by account and names the account's kind and canonical value.
    const group = page.getByRole('button', { name: 'telegram seller_test' });
    await group.waitFor();
    await group.click();
    const card = page.locator(`article[data-ref="${refs.get(telegram)}"]`);
    await card.waitFor();
    // Seen before decided (issue 29): its evidence shown, the report selected, then verified.
    for (const file of await card.locator('[data-evidence]').all()) await file.click();
    await expect.poll(() => card.locator('img[data-evidence-image]').count(), { timeout: 60_000 }).toBe(await card.locator('[data-evidence]').count());
    await card.locator('[data-report-select]').check();
    await page.getByRole('button', { name: 'Verify 1 selected report (v)' }).click();
    await page.locator('[data-admin-message]').getByText('telegram seller_test: verified 1').waitFor();
    for (const c of others) {
      const opened = await api(`/api/v1/admin/reports/${refs.get(c)}`, { headers: admin });
      for (const file of opened.body.evidence) await fetch(`${server.url}${file.url}`, { headers: admin });
      const decided = await api(`/api/v1/admin/reports/${refs.get(c)}/decision`, {
        method: 'POST',
        headers: { ...admin, 'Content-Type': 'application/json' },
        body: JSON.stringify({ decision: 'verify' }),
      });
      expect(decided.body.status, c.type).toBe('verified');
    }

    // Not in the sample data, and not published before the nightly run.
    for (const c of CASES) expect((await check(c)).status, c.type).toBe('not_reported');

    await nightlyRun();

    for (const c of CASES) {
      const found = await check(c);
      expect(found.status, c.type).toBe('reported');
      expect(found.matches, c.type).toHaveLength(1);
      expect(found.matches[0], c.type).toMatchObject({ type: c.type, value: c.canonical, count: 1, totalLossIdr: 1_250_000 });
      await lookUpOnSite(page, c);
    }

    // Without JavaScript the form lands on the result page the Worker fills in; in English too.
    const plain = await browser.newContext({ javaScriptEnabled: false });
    const noScript = await plain.newPage();
    await noScript.goto(`${server.url}/en/`);
    await noScript.getByText('Fill in by field', { exact: true }).click();
    await noScript.getByRole('radio', { name: 'TikTok' }).check();
    await noScript.getByRole('textbox', { name: 'TikTok account' }).fill('tiktok.com/@SELLER.TEST');
    await noScript.getByRole('button', { name: 'Check now' }).click();
    await noScript.waitForURL(/\/en\/check\/\?/);
    await noScript.getByRole('heading', { name: 'Reported: TikTok account @seller.test has been reported 1 time', exact: true }).waitFor();
    expect(await noScript.getByRole('heading', { level: 3 }).allTextContents()).toEqual(['tiktok.com/@seller.test']);
    await plain.close();
    await context.close();
  });
});
