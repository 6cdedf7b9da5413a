// Four eyes are two people (worker/admin/moderator-identity.ts): through the
// whole Worker with Cloudflare Access configured (tokens signed in the test, the
// team's key set served by a stubbed fetch), case and +tag variants of one
// e-mail are one moderator, and only the moderators named in MODERATORS may
// read the queue, verify or confirm.
import { createExecutionContext, waitOnExecutionContext, type D1Migration } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import worker from '../../worker/index.ts';
import { moderatorIdentity, moderatorList } from '../../worker/admin/moderator-identity.ts';
import { newReference } from '../../worker/reports/reference.ts';
import { keyPair, sign } from './access-fixture.ts';
import { BASE, markSeen } from './reports-fixture.ts';

const AUD = 'moderators-test-aud';
// A team no other test has cached keys for: the isolate keeps one key set per team.
const TEAM = `moderators-${crypto.randomUUID()}.cloudflareaccess.com`;
const MODERATORS = 'alice@x.example, bob@x.example';
let team: Awaited<ReturnType<typeof keyPair>>;

beforeEach(async () => {
  team ??= await keyPair('k1');
  vi.stubGlobal('fetch', async () => Response.json({ keys: [team.jwk] }));
});
afterEach(() => vi.unstubAllGlobals());

async function as(email: string, path: string, body?: unknown): Promise<Response> {
  const now = Math.floor(Date.now() / 1000);
  const token = await sign(team.privateKey, 'k1', { aud: [AUD], email, exp: now + 600, iat: now, iss: `https://${TEAM}`, sub: email });
  const request = new Request(`${BASE}${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { 'Cf-Access-Jwt-Assertion': token, ...(body === undefined ? {} : { 'Content-Type': 'application/json', Origin: BASE, 'Sec-Fetch-Site': 'same-origin' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const ctx = createExecutionContext();
  const res = await worker.fetch(request, { ...(env as unknown as Env), ACCESS_TEAM_DOMAIN: TEAM, ACCESS_AUD: AUD, MODERATORS }, ctx);
  await waitOnExecutionContext(ctx);
  return res;
}

/** One pending report without evidence on a fresh account: verifying it takes two moderators. */
async function bareReport(): Promise<{ ref: string; key: string }> {
  const value = String(8_200_000_000 + Math.floor(Math.random() * 99_999_999));
  const ref = newReference('CD');
  await env.DB.prepare(`INSERT INTO reports (ref, type, value, bank, lookup_key, category, loss_idr, chronology, reporter_contact, created_at)
                        VALUES (?, 'bank', ?, '014', ?, 'online_shopping', 100000, 'kronologi', 'r@example.com', ?)`)
    .bind(ref, value, `bank:014:${value}`, new Date().toISOString()).run();
  // Opened by each moderator here, as the page does before a verify (worker/admin/seen.ts).
  for (const actor of ['alice@x.example', 'bob@x.example', 'mallory@x.example']) await markSeen(env.DB, [ref], actor);
  return { ref, key: `bank:014:${value}` };
}
const row = (ref: string) => env.DB.prepare('SELECT status, first_verified_by, confirmed_by FROM reports WHERE ref = ?').bind(ref).first();
const verify = (email: string, ref: string) => as(email, `/api/v1/admin/reports/${ref}/decision`, { decision: 'verify' });

describe('one person is one moderator', () => {
  test('Alice@x then alice+1@x cannot make four eyes; Bob can confirm', async () => {
    const { ref } = await bareReport();
    expect(await (await verify('Alice@X.example', ref)).json()).toEqual({ ref, status: 'pending', awaitingConfirmation: true });
    expect(await row(ref)).toEqual({ status: 'pending', first_verified_by: 'alice@x.example', confirmed_by: null });

    for (const sameAlice of ['alice+1@x.example', ' ALICE+otp@x.EXAMPLE ', 'alice@x.example']) {
      const res = await verify(sameAlice, ref);
      expect(await res.json(), sameAlice).toEqual({ ref, status: 'pending', awaitingConfirmation: true });
    }
    expect(await row(ref)).toEqual({ status: 'pending', first_verified_by: 'alice@x.example', confirmed_by: null });

    expect(await (await verify('Bob+review@x.example', ref)).json()).toEqual({ ref, status: 'verified' });
    expect(await row(ref)).toEqual({ status: 'verified', first_verified_by: 'alice@x.example', confirmed_by: 'bob@x.example' });
  });

  test('the group route and the audit log use the same one name', async () => {
    const { ref, key } = await bareReport();
    const url = `/api/v1/admin/queue/${encodeURIComponent(key)}/decision`;
    expect(await (await as('ALICE@x.example', url, { decision: 'verify' })).json()).toMatchObject({ awaitingConfirmation: [ref], verified: [] });
    // The same person under another spelling is refused as having verified already (issue 29), not a second moderator.
    const again = await as('alice+2@x.example', url, { decision: 'verify' });
    expect(again.status).toBe(409);
    expect(((await again.json()) as { error: { code: string } }).error.code).toBe('awaiting_another_moderator');
    const { results } = await env.DB.prepare("SELECT actor, action FROM audit_log WHERE subject = ? AND action NOT LIKE 'view%'").bind(ref).all();
    expect(results).toEqual([{ actor: 'alice@x.example', action: 'verify_first' }]);
  });
});

describe('only the listed moderators may moderate', () => {
  test('an identity not in MODERATORS can neither verify nor confirm, nor open the queue: 403 not_a_moderator', async () => {
    const { ref } = await bareReport();
    const first = await verify('mallory@x.example', ref);
    expect(first.status).toBe(403);
    expect((await first.json<any>()).error).toMatchObject({ code: 'not_a_moderator', message: expect.any(String) });
    expect(await row(ref)).toEqual({ status: 'pending', first_verified_by: null, confirmed_by: null });

    await verify('alice@x.example', ref);
    const confirm = await verify('mallory@x.example', ref);
    expect(confirm.status).toBe(403);
    expect(await row(ref)).toEqual({ status: 'pending', first_verified_by: 'alice@x.example', confirmed_by: null });

    const queue = await as('mallory@x.example', '/api/v1/admin/queue');
    expect(queue.status).toBe(403);
    expect((await queue.json<any>()).error.code).toBe('not_a_moderator');
    expect((await as('bob@x.example', '/api/v1/admin/queue')).status).toBe(200);
  });
});

describe('the one form of a moderator', () => {
  test('trimmed, lower-cased, the +tag dropped; the list read the same way; unset is nobody', () => {
    expect(moderatorIdentity('  Alice+OTP-7@Example.COM ')).toBe('alice@example.com');
    expect(moderatorIdentity('admin-token')).toBe('admin-token');
    expect([...moderatorList(' Alice@x.example ,bob+x@x.example,,')]).toEqual(['alice@x.example', 'bob@x.example']);
    expect(moderatorList(undefined).size).toBe(0);
    expect(moderatorList('').size).toBe(0);
  });
});

describe('first verifies recorded before names were compared in one form', () => {
  test('migration 0005 rewrites the waiting ones in the form the Worker now compares', async () => {
    const migrations = (env as unknown as { TEST_MIGRATIONS: D1Migration[] }).TEST_MIGRATIONS;
    const rewrite = migrations.find((m) => m.name.startsWith('0005'))!.queries.find((q) => q.includes('UPDATE reports'))!;
    const spellings = [' Alice+otp@X.example', 'BOB@x.example', 'carol@x.example', 'admin-token', 'Dave+1+2@Y.example'];
    const refs: string[] = [];
    for (const spelling of spellings) {
      const { ref } = await bareReport();
      await env.DB.prepare('UPDATE reports SET first_verified_by = ? WHERE ref = ?').bind(spelling, ref).run();
      refs.push(ref);
    }
    const decided = (await bareReport()).ref;
    await env.DB.prepare(`UPDATE reports SET status = 'verified', first_verified_by = 'Erin+x@X.example' WHERE ref = ?`).bind(decided).run();
    await env.DB.prepare(rewrite).run();
    for (const [i, ref] of refs.entries()) expect(await row(ref)).toMatchObject({ first_verified_by: moderatorIdentity(spellings[i]!) });
    expect(await row(refs[0]!)).toMatchObject({ first_verified_by: 'alice@x.example' });
    // A decided report keeps its record as it was.
    expect(await row(decided)).toMatchObject({ first_verified_by: 'Erin+x@X.example' });
  });
});
