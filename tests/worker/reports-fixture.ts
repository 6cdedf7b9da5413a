// Requests and files for the report tests: a valid report, form bodies with
// evidence, and small real (and fake) image and PDF files.
import { exports } from 'cloudflare:workers';
import { lookupKey, parseIdentifier } from '../../worker/core/identifiers.ts';
import { newReference } from '../../worker/reports/reference.ts';
import { ReportAggregator } from '../../worker/reports/aggregate.ts';
import { buildSnapshot } from '../../scripts/pipeline/build-snapshot.ts';
import { kvNamespaceStore } from '../../scripts/pipeline/kv-namespace-store.ts';
import { publishSnapshot } from '../../scripts/pipeline/publish.ts';
import { d1PendingDisputeKeys, d1VerifiedRows, verifiedReportLines } from '../../worker/reports/listing-policy.ts';
import { parseReportLine } from '../../worker/reports/report-line.ts';
import { MemoryStateStore } from '../../scripts/pipeline/snapshot-state.ts';
import { d1Delistings, isDelisted } from '../../worker/reports/delistings.ts';
import { readFromOf } from '../../worker/delta/delta-writer.ts';

export const BASE = 'https://cekdulu.test';

export const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
export const PDF = new TextEncoder().encode('%PDF-1.4\n%âãÏÓ\n1 0 obj <<>> endobj\n%%EOF\n');
export const HTML_AS_PNG = new TextEncoder().encode('<!doctype html><script>alert(1)</script>');

export const validReport = (overrides: Record<string, unknown> = {}) => ({
  type: 'bank',
  bank: '014',
  value: '5550001111',
  category: 'online_shopping',
  lossIdr: 1_500_000,
  channel: 'instagram',
  profileUrl: 'https://www.instagram.com/toko.palsu.sekali/',
  chronology: 'Saya transfer untuk HP, barang tidak dikirim dan nomor saya diblokir.',
  contact: 'budi@example.com',
  ...overrides,
});

let clientNo = 0;
/** A fresh client address per call, so the report limiter (10 a minute) never trips a test by accident. */
export const freshIp = () => `192.0.2.${(clientNo++ % 250) + 1}`;

export function postJson(path: string, body: unknown, headers: Record<string, string> = {}) {
  return exports.default.fetch(
    new Request(`${BASE}${path}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'CF-Connecting-IP': freshIp(), ...headers },
      body: JSON.stringify(body),
    }),
  );
}

export function formOf(fields: Record<string, unknown>, files: Array<{ bytes: Uint8Array; name: string; type: string }> = []): FormData {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.set(name, String(value));
  for (const file of files) form.append('evidence', new File([file.bytes], file.name, { type: file.type }));
  return form;
}

export function postForm(path: string, form: FormData, headers: Record<string, string> = {}) {
  return exports.default.fetch(
    // A form post without JavaScript is answered 303: the test reads that answer, not where it leads.
    new Request(`${BASE}${path}`, { method: 'POST', headers: { 'CF-Connecting-IP': freshIp(), ...headers }, body: form, redirect: 'manual' }),
  );
}

const ADMIN = { Authorization: 'Bearer test-admin-token' };

export function admin(path: string, init: { method?: string; body?: unknown; headers?: Record<string, string> } = {}) {
  return exports.default.fetch(
    new Request(`${BASE}${path}`, {
      method: init.method ?? 'GET',
      headers: { ...ADMIN, 'Content-Type': 'application/json', ...init.headers },
      ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
    }),
  );
}

export async function countRows(db: D1Database, table: string): Promise<number> {
  return (await db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).first<{ n: number }>())!.n;
}

export async function countObjects(bucket: R2Bucket): Promise<number> {
  return (await bucket.list()).objects.length;
}

/**
 * A report of this account verified in D1 as moderation leaves one that the
 * listing policy admits (verified, and confirmed by a second moderator), not
 * yet published: the lookup, the range API and the dispute form do not know it.
 */
export async function verifyInD1(db: D1Database, id: { type: string; value: string; bank?: string; provider?: string }, at = new Date()): Promise<void> {
  const parsed = parseIdentifier(id);
  const now = at.toISOString();
  await db
    .prepare(
      `INSERT INTO reports (ref, type, value, bank, provider, lookup_key, category, chronology, reporter_contact, status, created_at, decided_at,
         decided_by, confirmed_by)
       VALUES (?, ?, ?, ?, ?, ?, 'online_shopping', 'Listed for a dispute test.', 'test@example.com', 'verified', ?, ?,
         'first@cekdulu.test', 'second@cekdulu.test')`,
    )
    .bind(newReference('CD'), parsed.type, parsed.value, parsed.bank ?? null, parsed.provider ?? null, lookupKey(parsed), now, now)
    .run();
}

/**
 * Lists an account as production does: verified in D1 (verifyInD1), then the
 * nightly run (nightlyRun), so the live snapshot lists it and a dispute
 * against it is accepted.
 */
export async function publishListing(env: Pick<Env, 'DB' | 'SNAPSHOTS'>, id: { type: string; value: string; bank?: string; provider?: string }): Promise<void> {
  await verifyInD1(env.DB, id);
  await nightlyRun(env);
}

/**
 * The nightly job's run over D1 (npm run snapshot -- --d1): the verified rows
 * the listing policy admits, aggregated, built and published with the job's
 * own code. The live snapshot then holds this test file's D1 verified reports,
 * as the nightly job's would.
 */
let lastRunAt = 0;

export async function nightlyRun(
  env: Pick<Env, 'DB' | 'SNAPSHOTS'>,
  fileLines: object[] = [],
  /** What happens between the run's read of D1 and its publish (a moderator deciding meanwhile). */
  afterRead: () => Promise<void> = async () => {},
): Promise<void> {
  // As the job: the next delta starts at the first read of D1 (manifest readFrom).
  const readFrom = readFromOf(new Date());
  const aggregator = new ReportAggregator();
  const disputed = await d1PendingDisputeKeys(env.DB);
  // As scripts/pipeline/snapshot-job.ts: the delistings apply to every source, the input file's lines first, then D1.
  const delistings = await d1Delistings(env.DB);
  const add = (json: string) => {
    const report = parseReportLine(json);
    if (!(report.status === 'verified' && isDelisted(delistings, report))) aggregator.add(report);
  };
  for (const line of fileLines) add(JSON.stringify(line));
  for (const key of disputed) aggregator.markDisputed(key);
  for await (const line of verifiedReportLines(d1VerifiedRows(env.DB), disputed, { heldBack: 0 })) add(JSON.stringify(line));
  // Versions are named to the second and must grow: two runs within one second get consecutive seconds.
  lastRunAt = Math.max(Date.now(), lastRunAt + 1000);
  await afterRead();
  const snapshot = await buildSnapshot(aggregator, { generatedAt: new Date(lastRunAt), readFrom });
  await publishSnapshot(snapshot, kvNamespaceStore(env.SNAPSHOTS), { state: new MemoryStateStore(), full: true, force: true });
}

/** A form with a proof-of-ownership file, as the dispute form sends it. */
export function disputeFormOf(fields: Record<string, unknown>, proof: Uint8Array = PNG): FormData {
  const form = formOf(fields);
  form.append('proof', new File([proof], 'rekening-koran.png', { type: 'image/png' }));
  return form;
}

/**
 * What opening reports and each of their evidence files writes to the audit
 * log (worker/admin/seen.ts): the tests that verify without going through the
 * page record it as the page's openings would, the files as checked.
 */
export async function markSeen(db: D1Database, refs: string[], actor = 'admin-token'): Promise<void> {
  const at = new Date().toISOString();
  const json = JSON.stringify(refs);
  await db.batch([
    db.prepare(`INSERT INTO audit_log (at, actor, action, subject, detail) SELECT ?, ?, 'view', value, 'test' FROM json_each(?)`).bind(at, actor, json),
    db.prepare(`INSERT INTO audit_log (at, actor, action, subject, detail)
                SELECT ?, ?, 'view_evidence', report_ref, id FROM evidence WHERE report_ref IN (SELECT value FROM json_each(?))`).bind(at, actor, json),
  ]);
}

/** A pending BCA report straight into D1 (online shopping, Rp 100,000), as the moderation tests seed them. */
export async function insertPendingReport(db: D1Database, ref: string, value: string, key: string, at: string): Promise<void> {
  await db
    .prepare(`INSERT INTO reports (ref, type, value, bank, lookup_key, category, loss_idr, chronology, reporter_contact, created_at, contact_hash)
              VALUES (?, 'bank', ?, '014', ?, 'online_shopping', 100000, 'kronologi', 'r@example.com', ?, ?)`)
    .bind(ref, value, key, at, `hash-${ref}`)
    .run();
}
