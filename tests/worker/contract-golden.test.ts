// The published contract, byte for byte: the API's answers for the README's sample
// lookups and its common errors, compared with answers recorded in
// contract-golden.json. The snapshot version and time vary per publish and are
// replaced by placeholders; everything else — fields, order, values, status codes
// and the contract's headers — must stay exactly as recorded. A deliberate change
// of the contract updates the file (CONTRACT_GOLDEN=print logs the new answers).
import { env, exports } from 'cloudflare:workers';
import { beforeAll, expect, test } from 'vitest';
import { SAMPLE_QRIS_PAYLOAD } from '../../scripts/dev/sample-reports.ts';
import golden from './contract-golden.json';
import { publishFixture, type Fixture } from './fixture.ts';

const BASE = 'https://cekdulu.test';
const HEADERS = ['content-type', 'cache-control', 'access-control-allow-origin', 'retry-after', 'allow'];
const PATHS = [
  '/api/v1/check?type=bank&bank=014&value=1234567890',
  '/api/v1/check?type=phone&value=0812-3456-7890',
  '/api/v1/check?type=phone&value=%2B62%20812%203456%207890',
  '/api/v1/check?type=ewallet&provider=dana&value=0857-1111-2222',
  '/api/v1/check?type=instagram&value=%40olshop.murah.banget',
  '/api/v1/check?type=facebook&value=facebook.com%2Fjual.hp.murah.official',
  '/api/v1/check?type=bank&bank=008&value=1300012345678',
  '/api/v1/check?type=bank&bank=009&value=0987654321',
  '/api/v1/check?type=qris&value=ID9990000000017',
  '/api/v1/check?type=phone&value=0813-0000-0001',
  '/api/v1/check?type=bank&value=1234567890',
  '/api/v1/check?type=bank&bank=999&value=1234567890',
  '/api/v1/check?type=instagram&value=instagram.com%2Fp%2Fabc',
  '/api/v1/check?type=telepon&value=1',
  '/api/v1/check?type=phone&value=',
  '/api/v1/check?type=phone&value=abc&lang=en',
  // The sample QRIS merchant's payload with one letter of its name changed: refused, never not_reported.
  `/api/v1/check?type=qris&value=${encodeURIComponent(SAMPLE_QRIS_PAYLOAD.replace('TOKO BERKAH', 'TOKO BERKAT'))}`,
  '/api/v1/range/zzzzz',
  '/api/v1/nothing',
];

let fixture: Fixture;
beforeAll(async () => {
  fixture = await publishFixture(env.SNAPSHOTS);
});

async function answers() {
  const { version, generatedAt } = fixture.snapshot.manifest;
  const recorded: Record<string, unknown> = {};
  for (const path of PATHS) {
    const res = await exports.default.fetch(new Request(`${BASE}${path}`));
    const headers = Object.fromEntries(HEADERS.flatMap((name) => (res.headers.has(name) ? [[name, res.headers.get(name)]] : [])));
    const body = (await res.text()).replaceAll(version, '<version>').replaceAll(generatedAt, '<generatedAt>');
    recorded[path] = { status: res.status, headers, body };
  }
  return recorded;
}

test("the README's sample lookups and common errors answer exactly as recorded", async () => {
  const recorded = await answers();
  if ((env as unknown as { CONTRACT_GOLDEN?: string }).CONTRACT_GOLDEN === 'print') console.log(JSON.stringify(recorded, null, 2));
  expect(recorded).toEqual(golden);
});
