// A QRIS merchant through every door of the Worker, inside workerd with real KV:
// the sample merchant (NMID ID9990000000017, 3 verified reports) answers
// `reported` by its NMID and by its whole payload, over GET, POST, the range API
// and /cek/; a payload whose CRC fails is refused with qris_crc, never answered
// `not_reported`.
import { env, exports } from 'cloudflare:workers';
import { beforeAll, describe, expect, test } from 'vitest';
import { SAMPLE_QRIS_PAYLOAD } from '../../scripts/dev/sample-reports.ts';
import { reportsIn } from '../../worker/core/range.ts';
import { sha256Hex } from '../../worker/core/sha256.ts';
import { publishFixture } from './fixture.ts';

const BASE = 'https://cekdulu.test';
const fetchPath = (path: string, init?: RequestInit) => exports.default.fetch(new Request(`${BASE}${path}`, init));
const get = (query: Record<string, string>) => fetchPath(`/api/v1/check?${new URLSearchParams(query)}`);
const post = (data: unknown) => fetchPath('/api/v1/check', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(data) });

const NMID = 'ID9990000000017';
/** The sample payload with one letter of the merchant's name changed: a sticker someone altered. */
const ALTERED = SAMPLE_QRIS_PAYLOAD.replace('TOKO BERKAH', 'TOKO BERKAT');
/** A valid payload of a merchant nobody reported (tests/fixtures/qris/sample-clean.txt). */
const CLEAN =
  '00020101021126630011ID.DANA.WWW01189360000000000000010215ID99900000000250303UMI51440014ID.CO.QRIS.WWW' +
  '0215ID99900000000250303UMI5204541153033605802ID5917WARUNG KOPI SEHAT6010YOGYAKARTA61055528162070703A0163045B98';

beforeAll(async () => {
  await publishFixture(env.SNAPSHOTS);
});

describe('GET /api/v1/check?type=qris', () => {
  test('the sample merchant by its NMID is reported 3 times', async () => {
    const res = await get({ type: 'qris', value: NMID });
    expect(res.status).toBe(200);
    const body = await res.json<any>();
    expect(body.status).toBe('reported');
    expect(body.query).toEqual({ type: 'qris', value: NMID });
    expect(body.matches).toHaveLength(1);
    expect(body.matches[0]).toMatchObject({ type: 'qris', value: NMID, count: 3 });
  });

  test('the whole payload finds the same merchant, with the same answer', async () => {
    const byNmid = await (await get({ type: 'qris', value: NMID })).json();
    const byPayload = await (await get({ type: 'qris', value: SAMPLE_QRIS_PAYLOAD })).json();
    expect(byPayload).toEqual(byNmid);
  });

  test('a payload whose CRC fails answers 400 qris_crc with the warning, in both languages', async () => {
    const res = await get({ type: 'qris', value: ALTERED });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({
      error: {
        code: 'qris_crc',
        field: 'value',
        message: 'Kode QR ini rusak atau diubah — jangan bayar dengan kode ini. Isinya tidak cocok dengan angka pemeriksanya, jadi tidak dicek sebagai penjual mana pun.',
      },
    });
    const en = await (await get({ type: 'qris', value: ALTERED, lang: 'en' })).json<any>();
    expect(en.error.message).toMatch(/^This QR code is damaged or altered — do not pay with it\./);
  });

  test('a merchant nobody reported is not_reported; something that is no NMID is 400 qris_invalid', async () => {
    expect((await (await get({ type: 'qris', value: CLEAN })).json<any>()).status).toBe('not_reported');
    const res = await get({ type: 'qris', value: 'ID123' });
    expect(res.status).toBe(400);
    expect((await res.json<any>()).error.code).toBe('qris_invalid');
  });
});

describe('POST /api/v1/check', () => {
  test('a payload pasted in a message is read as the merchant and answered reported', async () => {
    const body = await (await post({ text: `Bayar lewat QRIS ini ya kak\n${SAMPLE_QRIS_PAYLOAD}` })).json<any>();
    expect(body.results.map((r: any) => [r.status, r.query])).toEqual([['reported', { type: 'qris', value: NMID }]]);
    expect(body.unresolved).toEqual([]);
  });

  test('as a query, by NMID or payload, the same', async () => {
    const body = await (await post({ queries: [{ type: 'qris', value: NMID }, { type: 'qris', value: SAMPLE_QRIS_PAYLOAD }] })).json<any>();
    expect(body.results.map((r: any) => r.status)).toContain('reported');
    expect(body.results.every((r: any) => r.query.value === NMID)).toBe(true);
  });

  test('an altered payload in a message is never answered not_reported: it is said, with qris_crc', async () => {
    const res = await post({ text: ALTERED });
    expect(res.status).toBe(200);
    const body = await res.json<any>();
    expect(body.results).toEqual([]);
    expect(body.unresolved).toEqual([expect.objectContaining({ code: 'qris_crc', value: ALTERED })]);
  });

  test('an altered payload as a query is unresolved with qris_crc, never answered', async () => {
    const res = await post({ queries: [{ type: 'qris', value: ALTERED }] });
    expect(res.status).toBe(200);
    const body = await res.json<any>();
    expect(body.results).toEqual([]);
    expect(body.unresolved).toEqual([expect.objectContaining({ index: 0, code: 'qris_crc' })]);
  });
});

describe('the private check and the page without JavaScript', () => {
  test('the range API holds the merchant\'s key, qris:<NMID>, with its 3 reports', async () => {
    const hash = await sha256Hex(`qris:${NMID}`);
    const res = await fetchPath(`/api/v1/range/${hash.slice(0, 5)}`);
    expect(reportsIn((await res.json<any>()).suffixes, hash)).toBe(3);
  });

  test('/cek/ with the payload shows the merchant reported, and what the code says; with an altered one, the warning and not its contents', async () => {
    const reported = await (await fetchPath(`/cek/?type=qris&value=${encodeURIComponent(SAMPLE_QRIS_PAYLOAD)}`)).text();
    expect(reported).toMatch(/Dilaporkan/i);
    expect(reported).toContain(NMID);
    expect(reported).toContain('Isi kode QRIS ini');
    expect(reported).toMatch(/Nama penjual<\/dt><dd[^>]*>TOKO BERKAH ELEKTRONIK</);
    expect(reported).toMatch(/Kota<\/dt><dd[^>]*>BANDUNG</);
    const byNmid = await (await fetchPath(`/cek/?type=qris&value=${NMID}`)).text();
    expect(byNmid).not.toContain('Isi kode QRIS ini');
    const altered = await (await fetchPath(`/cek/?type=qris&value=${encodeURIComponent(ALTERED)}`)).text();
    expect(altered).toContain('Kode QR ini rusak atau diubah — jangan bayar dengan kode ini.');
    expect(altered).not.toContain('Isi kode QRIS ini');
  });
});
