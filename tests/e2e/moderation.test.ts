// Issue 17's "done means", end to end: 50 pending reports against 10 accounts
// (filed through POST /api/v1/reports, some with evidence files), a moderator
// who uses only the keyboard on /admin/ — verifies some groups (from the queue
// and from an opened group), rejects others with listed reasons, decides single
// reports (one of them decided meanwhile by someone else), undoes one decision
// — then the nightly job exactly as the README's local loop runs it (the
// sample file and D1 together), and the lookups: published are exactly the
// accounts with reports verified under the listing policy (an evidence file, or
// a second moderator's confirmation), each with the count the policy allows;
// then disputes: one without a proof refused on the page, one with a proof
// whose accept waits for a second moderator (four eyes both ways).
import AxeBuilder from '@axe-core/playwright';
import { type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { run } from '../../scripts/dev/processes.ts';
import { launchChromium } from './browser.ts';
import { startServer, type TestServer } from './server.ts';

const ADMIN_TOKEN = 'e2e-moderation-token';
/** The actor the API records for the token (worker/admin/admin-auth.ts). */
const TOKEN_ACTOR = 'admin-token';
const PNG_HEADER = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52];
const SLOW = 300_000;

let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  [server, browser] = await Promise.all([
    // Reports filed in a loop would trip the report limiter (10 a minute); the live pointer is re-read on every lookup.
    startServer({ vars: { ADMIN_TOKEN, RATE_LIMITS: 'off', LIVE_POINTER_TTL_SECONDS: '0' } }),
    launchChromium(),
  ]);
}, SLOW);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/** Ten BCA accounts no sample report names, five reports each; `evidence` says which reports carry a file. */
const ACCOUNTS = Array.from({ length: 10 }, (_, i) => `99000000${String(i).padStart(2, '0')}`);
const ALL = [true, true, true, true, true];
const NONE = [false, false, false, false, false];
const EVIDENCE: boolean[][] = [ALL, ALL, ALL, ALL, NONE, [true, true, false, false, false], [true, false, true, false, false], NONE, ALL, ALL];

interface Filed {
  ref: string;
  account: string;
  evidence: boolean;
}

async function fileReport(account: string, n: number, evidence: boolean): Promise<Filed> {
  const form = new FormData();
  form.set('type', 'bank');
  form.set('bank', '014');
  form.set('value', account);
  form.set('category', n % 2 ? 'online_shopping' : 'investment');
  form.set('channel', n % 3 ? 'instagram' : 'whatsapp');
  form.set('lossIdr', String(250_000 * (n + 1)));
  form.set('chronology', `Transfer ke ${account}, barang tidak dikirim (laporan ${n}). <b>tebal</b>`);
  form.set('contact', `pelapor-${account}-${n}@example.com`);
  // A different file per report: the same bytes from different contacts would be flagged as shared evidence.
  if (evidence) form.set('evidence', new Blob([Buffer.from([...PNG_HEADER, ...Buffer.from(`${account}-${n}`)])], { type: 'image/png' }), 'bukti.png');
  const res = await fetch(`${server.url}/api/v1/reports`, { method: 'POST', body: form, headers: { Accept: 'application/json' } });
  const body = (await res.json()) as { ref?: string };
  expect(res.status, JSON.stringify(body)).toBe(201);
  return { ref: body.ref!, account, evidence };
}

const admin = async (path: string, body?: unknown) => {
  const res = await fetch(`${server.url}${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { Authorization: `Bearer ${ADMIN_TOKEN}`, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: res.status, body: (await res.json()) as any };
};
const statusOf = async (ref: string) => ((await (await fetch(`${server.url}/api/v1/reports/${ref}`)).json()) as { status: string }).status;

const message = (page: Page) => page.locator('[data-admin-message]');
async function said(page: Page, text: string | RegExp): Promise<void> {
  await expect.poll(() => message(page).textContent(), { timeout: 60_000 }).toMatch(text);
}
/** The key of the queue group holding the focus, or null. */
async function focusedGroupKey(page: Page): Promise<string | null> {
  const item = page.locator('.admin-group:has(:focus)');
  return (await item.count()) ? item.getAttribute('data-key') : null;
}

/** Presses j or k until the queue's focus is on the group of `key`. */
async function goToGroup(page: Page, key: string): Promise<void> {
  for (let presses = 0; presses < 30; presses++) {
    const current = await focusedGroupKey(page);
    if (current === key) return;
    const order = await page.locator('.admin-group').evaluateAll((items) => items.map((item) => item.getAttribute('data-key')));
    expect(order, `group ${key} in the queue`).toContain(key);
    await page.keyboard.press(order.indexOf(key) > order.indexOf(current) ? 'j' : 'k');
  }
  throw new Error(`j/k never reached ${key}`);
}

async function openWithKeyboard(page: Page, key: string, account: string, via: 'Enter' | 'o'): Promise<void> {
  await goToGroup(page, key);
  await page.keyboard.press(via);
  await page.locator('[data-admin-open-heading]').filter({ hasText: account }).waitFor();
  // Focus moves into the group, on its first report.
  expect(await page.locator('[data-report-select]:focus').count()).toBe(1);
}

/**
 * Seen before decided (issue 29): in an opened group, each report's evidence
 * shown (e) and the report selected (x), moving down with j; then v verifies
 * the selection — the API verifies only what this moderator opened.
 */
async function verifyOpened(page: Page): Promise<void> {
  const count = await page.locator('.admin-report').count();
  for (let i = 0; i < count; i++) {
    if (i > 0) await page.keyboard.press('j');
    const ref = await page.locator('.admin-report:has(:focus)').getAttribute('data-ref');
    await page.keyboard.press('e');
    await said(page, new RegExp(`^${ref}: (no evidence files|\\d+ evidence files? shown)`));
    await page.keyboard.press('x');
  }
  await page.keyboard.press('v');
}

async function rejectWithReason(page: Page, number: number, note = ''): Promise<void> {
  await page.keyboard.press('r');
  await page.locator('[data-admin-reasons]').waitFor();
  await page.keyboard.press(String(number));
  if (note) await page.keyboard.type(note);
  await page.keyboard.press('Enter');
}

describe('a moderator clears the queue with the keyboard, and the nightly run publishes what the policy allows', () => {
  test(
    '50 reports in 10 groups: verify, reject with reasons, single reports, a concurrent decision, undo; then the lookups',
    async () => {
      const filed: Filed[][] = [];
      for (const [i, account] of ACCOUNTS.entries()) {
        filed.push(await Promise.all(EVIDENCE[i]!.map((withFile, n) => fileReport(account, n, withFile))));
      }
      expect(filed.flat()).toHaveLength(50);

      const queue = await admin('/api/v1/admin/queue');
      expect(queue.status).toBe(200);
      const groups = queue.body.groups as Array<{ key: string; value: string; pending: number; flags: string[] }>;
      expect(groups).toHaveLength(10);
      const keyOf = (account: string) => groups.find((g) => g.value === account)!.key;
      expect(groups.every((g) => g.pending === 5)).toBe(true);
      const { reasons } = (await admin('/api/v1/admin/reasons')).body as { reasons: Array<{ code: string; for: string }> };
      const rejectNumber = (code: string) => reasons.filter((r) => r.for === 'reject').findIndex((r) => r.code === code) + 1;

      const context = await browser.newContext();
      const page = await context.newPage();
      // The decisions as the page sends them: reason codes from the list, the note as typed.
      const sent: unknown[] = [];
      // Shown with a failure: what went wrong in the page.
      page.on('pageerror', (err) => console.log(`page error: ${err.message}`));
      page.on('console', (entry) => entry.type() === 'error' && console.log(`page console: ${entry.text()}`));
      page.on('request', (request) => {
        if (request.method() === 'POST' && request.url().includes('/api/v1/admin/queue/')) sent.push(JSON.parse(request.postData() ?? 'null'));
      });
      await page.goto(`${server.url}/admin/`);
      // The keys are on the page, and the controls say which key they answer to.
      for (const key of ['j / k', 'Enter or o', 'x', 'v', 'r', 'e', 'u', 'Esc']) await page.locator('.admin-keys kbd', { hasText: key }).first().waitFor({ state: 'attached' });
      expect(await page.locator('[data-admin-verify]').getAttribute('aria-keyshortcuts')).toBe('V');

      // Keyboard only from here: the token, Tab to the load button, Enter.
      await page.getByLabel('Admin token (local only)').focus();
      await page.keyboard.type(ADMIN_TOKEN);
      await page.keyboard.press('Tab');
      await page.keyboard.press('Enter');
      await said(page, '10 groups waiting');
      // In the API's priority order, focus on the first.
      expect(await page.locator('.admin-group').evaluateAll((items) => items.map((item) => item.getAttribute('data-key')))).toEqual(groups.map((g) => g.key));
      expect(await focusedGroupKey(page)).toBe(groups[0]!.key);
      // The queue shows no personal data; flags are words, in English and Indonesian.
      expect(await page.locator('[data-admin-queue]').textContent()).not.toContain('@example.com');
      const flagged = groups.find((g) => g.flags.length);
      if (flagged) {
        expect(await page.locator(`.admin-group[data-key="${flagged.key}"] .admin-flag`).count()).toBe(flagged.flags.length);
        expect(await page.locator(`.admin-group[data-key="${flagged.key}"] .admin-flag [lang="id"]`).count()).toBe(flagged.flags.length);
      }

      // Accounts 0 and 1: opened (Enter, o), read, evidence shown (e), verified (v). Every report has a file: all verified.
      await openWithKeyboard(page, keyOf(ACCOUNTS[0]!), ACCOUNTS[0]!, 'Enter');
      const firstCard = page.locator('.admin-report').first();
      expect(await firstCard.locator('.admin__text').textContent()).toMatch(/<b>tebal<\/b>$/);
      expect(await firstCard.locator('.admin__text b').count()).toBe(0);
      expect(await page.locator('[data-admin-open]').textContent()).toContain('@example.com');
      await page.keyboard.press('e');
      await firstCard.locator('img[data-evidence-image]').waitFor();
      expect(await new AxeBuilder({ page }).analyze().then((r) => r.violations.map((v) => `${v.id} ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`))).toEqual([]);
      // v with nothing selected asks which reports; it decides nothing.
      await page.keyboard.press('v');
      await said(page, /^Verify which reports\?/);
      expect(await statusOf(filed[0]![0]!.ref)).toBe('pending');
      await verifyOpened(page);
      await said(page, `bank BCA (014) ${ACCOUNTS[0]}: verified 5`);
      await openWithKeyboard(page, keyOf(ACCOUNTS[1]!), ACCOUNTS[1]!, 'o');
      await verifyOpened(page);
      await said(page, `: verified 5`);
      await expect.poll(() => page.locator('.admin-group').count()).toBe(8);

      // Accounts 2 and 3: v on a queue card opens the group (nothing is listed unseen); then each opened and verified.
      for (const account of [ACCOUNTS[2]!, ACCOUNTS[3]!]) {
        await goToGroup(page, keyOf(account));
        await page.keyboard.press('v');
        await page.locator('[data-admin-open-heading]').filter({ hasText: account }).waitFor();
        expect(await statusOf(filed[ACCOUNTS.indexOf(account)]![0]!.ref)).toBe('pending');
        await verifyOpened(page);
        await said(page, `bank BCA (014) ${account}: verified 5`);
      }

      // Account 4, no evidence at all: the first moderator's verify waits for a second (four eyes).
      await openWithKeyboard(page, keyOf(ACCOUNTS[4]!), ACCOUNTS[4]!, 'o');
      await verifyOpened(page);
      await said(page, `bank BCA (014) ${ACCOUNTS[4]}: 5 wait for a second moderator`);
      // Account 5, two with a file: those two verified, three wait.
      await openWithKeyboard(page, keyOf(ACCOUNTS[5]!), ACCOUNTS[5]!, 'o');
      await verifyOpened(page);
      await said(page, `bank BCA (014) ${ACCOUNTS[5]}: verified 2; 3 wait for a second moderator`);

      // Accounts 6 and 7 rejected with listed reasons (7 with a note typed after the number).
      await openWithKeyboard(page, keyOf(ACCOUNTS[6]!), ACCOUNTS[6]!, 'Enter');
      await rejectWithReason(page, rejectNumber('no_evidence'));
      await said(page, `bank BCA (014) ${ACCOUNTS[6]}: rejected 5`);
      await goToGroup(page, keyOf(ACCOUNTS[7]!));
      await rejectWithReason(page, rejectNumber('false_report'), 'Pola serangan terkoordinasi');
      await said(page, `bank BCA (014) ${ACCOUNTS[7]}: rejected 5`);

      // Account 8: verified by mistake, undone (u): pending again and back in the queue; then rejected as duplicates.
      await openWithKeyboard(page, keyOf(ACCOUNTS[8]!), ACCOUNTS[8]!, 'o');
      await verifyOpened(page);
      await said(page, `bank BCA (014) ${ACCOUNTS[8]}: verified 5`);
      expect(await statusOf(filed[8]![0]!.ref)).toBe('verified');
      await page.keyboard.press('u');
      // The undo names what it undoes.
      await said(page, `Undone: verify of 5 reports of bank BCA (014) ${ACCOUNTS[8]} — 5 reports pending again`);
      for (const report of filed[8]!) expect(await statusOf(report.ref)).toBe('pending');
      await goToGroup(page, keyOf(ACCOUNTS[8]!));
      await rejectWithReason(page, rejectNumber('duplicate'));
      await said(page, `bank BCA (014) ${ACCOUNTS[8]}: rejected 5`);

      // Account 9, single reports: two selected with x; meanwhile another decision verifies one of them;
      // v verifies the other and says the first was decided meanwhile, not changed. The rest rejected.
      await openWithKeyboard(page, keyOf(ACCOUNTS[9]!), ACCOUNTS[9]!, 'o');
      await page.keyboard.press('e');
      await page.keyboard.press('x');
      await page.keyboard.press('j');
      await page.keyboard.press('e');
      await said(page, /evidence files? shown|no evidence files/);
      await expect.poll(() => page.locator('.admin-report img[data-evidence-image]').count(), { timeout: 60_000 }).toBe(2);
      await page.keyboard.press('x');
      const selected = await page.locator('.admin-report:has([data-report-select]:checked)').evaluateAll((cards) => cards.map((card) => card.getAttribute('data-ref')!));
      expect(selected).toHaveLength(2);
      expect((await admin(`/api/v1/admin/reports/${selected[1]}/decision`, { decision: 'verify' })).status).toBe(200);
      await page.keyboard.press('v');
      await said(page, `bank BCA (014) ${ACCOUNTS[9]}: verified 1; 1 decided meanwhile by ${TOKEN_ACTOR} — not changed`);
      // Still in the group, with the three left.
      await expect.poll(() => page.locator('.admin-report').count()).toBe(3);
      await rejectWithReason(page, rejectNumber('not_fraud'));
      await said(page, `bank BCA (014) ${ACCOUNTS[9]}: rejected 3`);

      // What was sent and stored: the reasons picked, the note typed; statuses as decided.
      // From an opened group the page sends the refs the moderator saw; from the queue, none (the whole group).
      const rejects = sent.filter((body: any) => body.decision === 'reject') as Array<Record<string, unknown>>;
      expect(rejects.map((body) => body.refs && [...(body.refs as string[])].sort())).toEqual([
        filed[6]!.map((r) => r.ref).sort(),
        undefined,
        undefined,
        filed[9]!.map((r) => r.ref).filter((ref) => !selected.includes(ref)).sort(),
      ]);
      expect(rejects.map(({ refs: _, ...rest }) => rest)).toEqual([
        { decision: 'reject', reason: 'no_evidence' },
        { decision: 'reject', reason: 'false_report', note: 'Pola serangan terkoordinasi' },
        { decision: 'reject', reason: 'duplicate' },
        { decision: 'reject', reason: 'not_fraud' },
      ]);
      expect((await admin(`/api/v1/admin/reports/${filed[7]![0]!.ref}`)).body.report).toMatchObject({ status: 'rejected', decisionReason: 'false_report' });
      expect((await admin(`/api/v1/admin/reports/${filed[6]![0]!.ref}`)).body.report).toMatchObject({ status: 'rejected', decisionReason: 'no_evidence' });
      for (const r of filed[4]!) expect(await statusOf(r.ref)).toBe('pending');
      expect(await Promise.all(filed[5]!.map((r) => statusOf(r.ref)))).toEqual(filed[5]!.map((r) => (r.evidence ? 'verified' : 'pending')));

      // Left in the queue: the two groups waiting for a second moderator only.
      await page.keyboard.press('Escape');
      const left = (await admin('/api/v1/admin/queue')).body.groups as Array<{ value: string; awaitingConfirmation: number }>;
      expect(left.map((g) => [g.value, g.awaitingConfirmation]).sort()).toEqual([
        [ACCOUNTS[4], 5],
        [ACCOUNTS[5], 3],
      ]);
      // The health panel counts this moderator's decisions of today.
      await page.locator('.admin-health__table').getByText(TOKEN_ACTOR).first().waitFor();
      await context.close();

      // The nightly run, as the README's local loop runs it: the sample file and D1 together.
      await run('npm', ['run', '--silent', 'snapshot', '--', '--input', server.input, '--d1', '--persist-to', server.persistDir]);
      const published = new Map<string, number>();
      for (const account of ACCOUNTS) {
        const answer = (await (await fetch(`${server.url}/api/v1/check?type=bank&bank=014&value=${account}`)).json()) as {
          status: string;
          matches?: Array<{ count: number }>;
        };
        if (answer.status === 'reported') published.set(account, answer.matches!.reduce((sum, m) => sum + m.count, 0));
        else expect(answer.status).toBe('not_reported');
      }
      // Verified with evidence: accounts 0–3 (5 each), 5 (the 2 with a file), 9 (1 on the page, 1 meanwhile).
      expect(Object.fromEntries(published)).toEqual({
        [ACCOUNTS[0]!]: 5,
        [ACCOUNTS[1]!]: 5,
        [ACCOUNTS[2]!]: 5,
        [ACCOUNTS[3]!]: 5,
        [ACCOUNTS[5]!]: 2,
        [ACCOUNTS[9]!]: 2,
      });

      // The owner of a listed account disputes without a proof of ownership (a JSON dispute carries none).
      // On the page: accepting with a picked reason is refused and the API's own words are shown; rejecting is not.
      const filedDispute = await fetch(`${server.url}/api/v1/disputes`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
        body: JSON.stringify({ type: 'bank', bank: '014', value: ACCOUNTS[0], statement: 'Rekening ini milik saya <i>sendiri</i>.', contact: 'pemilik@example.com' }),
      });
      const disputeRef = ((await filedDispute.json()) as { ref: string }).ref;
      expect(filedDispute.status).toBe(201);
      // What the API answers the browser (Chromium asks for en-US): the page must show these words.
      const refusalRes = await fetch(`${server.url}/api/v1/admin/disputes/${disputeRef}/decision`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${ADMIN_TOKEN}`, 'Content-Type': 'application/json', 'Accept-Language': 'en-US' },
        body: JSON.stringify({ decision: 'accept', reason: 'ownership_proven' }),
      });
      const refusal = { status: refusalRes.status, body: (await refusalRes.json()) as { error: { code: string; message: string } } };
      expect(refusal.status).toBeGreaterThanOrEqual(400);
      expect(refusal.body.error.code).toBe('dispute_needs_proof');
      const disputePage = await (await browser.newContext()).newPage();
      await disputePage.goto(`${server.url}/admin/`);
      await disputePage.getByLabel('Admin token (local only)').fill(ADMIN_TOKEN);
      await disputePage.getByRole('button', { name: 'Load pending reports and disputes' }).click();
      await disputePage.getByRole('button', { name: `Open ${disputeRef}` }).click();
      const dispute = disputePage.locator(`article[data-ref="${disputeRef}"]`);
      expect(await dispute.locator('.admin__text').textContent()).toBe('Rekening ini milik saya <i>sendiri</i>.');
      await dispute.locator('[data-dispute-reason]').selectOption('ownership_proven');
      await dispute.getByRole('button', { name: /^Accept/ }).click();
      await expect.poll(() => dispute.locator('.admin-error').textContent(), { timeout: 60_000 }).toBe(refusal.body.error.message);
      await dispute.locator('[data-dispute-reason]').selectOption('ownership_not_proven');
      await dispute.getByRole('button', { name: 'Reject the dispute' }).click();
      await said(disputePage, `${disputeRef}: rejected`);
      expect(((await (await fetch(`${server.url}/api/v1/disputes/${disputeRef}`)).json()) as { status: string }).status).toBe('rejected');

      // A dispute with a proof of ownership: this moderator's accept is the first of two, and the page says so.
      const proofForm = new FormData();
      for (const [name, value] of Object.entries({ type: 'bank', bank: '014', value: ACCOUNTS[1]!, statement: 'Rekening ini milik saya.', contact: 'pemilik2@example.com' })) {
        proofForm.set(name, value);
      }
      proofForm.set('proof', new Blob([Buffer.from([...PNG_HEADER, 1, 2, 3])], { type: 'image/png' }), 'rekening-koran.png');
      const proven = await fetch(`${server.url}/api/v1/disputes`, { method: 'POST', body: proofForm, headers: { Accept: 'application/json' } });
      const provenRef = ((await proven.json()) as { ref: string }).ref;
      expect(proven.status).toBe(201);
      await disputePage.getByRole('button', { name: 'Load pending reports and disputes' }).click();
      await disputePage.getByRole('button', { name: `Open ${provenRef}` }).click();
      const provenItem = disputePage.locator(`article[data-ref="${provenRef}"]`);
      await provenItem.locator('[data-dispute-reason]').selectOption('ownership_proven');
      await provenItem.getByRole('button', { name: /^Accept/ }).click();
      await said(disputePage, `${provenRef}: accepted by you — waiting for a second moderator`);
      await expect
        .poll(() => disputePage.locator(`article[data-ref="${provenRef}"] [data-dispute-waiting]`).textContent(), { timeout: 60_000 })
        .toBe(`Accepted by ${TOKEN_ACTOR} — waiting for a second moderator`);
      expect(((await (await fetch(`${server.url}/api/v1/disputes/${provenRef}`)).json()) as { status: string }).status).toBe('pending');
    },
    SLOW,
  );
});

describe('on a phone (360 × 740), the last report of a group verified', () => {
  test(
    'the page asks nothing more of the emptied group (no 404, no console error) and the confirmation is on screen, in a live region',
    async () => {
      // A queue longer than the screen, and the group decided the last of it: its live region, above the list, is far from the focus.
      const accounts = Array.from({ length: 12 }, (_, i) => `99000001${String(i).padStart(2, '0')}`);
      const reports = await Promise.all(accounts.map((a) => fileReport(a, 0, true)));
      const mine = ((await admin('/api/v1/admin/queue')).body.groups as Array<{ key: string; value: string }>).filter((g) => accounts.includes(g.value));
      expect(mine).toHaveLength(12);
      const { key, value: account } = mine.at(-1)!;
      const report = reports.find((r) => r.account === account)!;
      const context = await browser.newContext({ viewport: { width: 360, height: 740 } });
      const page = await context.newPage();
      const errors: string[] = [];
      page.on('pageerror', (err) => errors.push(`page error: ${err.message}`));
      page.on('console', (entry) => entry.type() === 'error' && errors.push(`console: ${entry.text()}`));
      page.on('response', (res) => res.status() >= 400 && errors.push(`${res.status()} ${res.url()}`));
      await page.goto(`${server.url}/admin/`);
      await page.getByLabel('Admin token (local only)').fill(ADMIN_TOKEN);
      await page.getByRole('button', { name: 'Load pending reports and disputes' }).click();
      await said(page, /groups? waiting/);
      await openWithKeyboard(page, key, account, 'o');
      await verifyOpened(page);
      await said(page, `bank BCA (014) ${account}: verified 1`);
      expect(await statusOf(report.ref)).toBe('verified');
      await page.locator(`.admin-group[data-key="${key}"]`).waitFor({ state: 'detached' });
      // Where the eye is: a polite live region holding the outcome, inside the 740 px the phone shows
      // (this runs in the page; the file is type-checked without the DOM's types, hence globalThis).
      const onScreen = await page.locator('[aria-live="polite"]').evaluateAll(
        (regions, words) =>
          regions.some((region) => {
            const box = region.getBoundingClientRect();
            return region.textContent?.includes(words) && box.height > 0 && box.top >= 0 && box.bottom <= (globalThis as any).innerHeight;
          }),
        `${account}: verified 1`,
      );
      expect(onScreen).toBe(true);
      // The metrics and anything else the decision set off have answered by now.
      await page.locator('.admin-health__table').first().waitFor();
      expect(errors).toEqual([]);
      await context.close();
    },
    SLOW,
  );
});
