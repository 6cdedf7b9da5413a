// Reports and disputes take a QRIS merchant (issue 26): typed as its NMID or
// pasted as the whole payload, stored under its NMID; a payload whose CRC
// fails is refused at the value field; a listed merchant can be disputed.
import { env } from 'cloudflare:workers';
import { describe, expect, test } from 'vitest';
import { SAMPLE_QRIS_PAYLOAD } from '../../scripts/dev/sample-reports.ts';
import { countRows, postJson, publishListing, validReport } from './reports-fixture.ts';

const qrisReport = (value: string) => validReport({ type: 'qris', bank: undefined, value });

describe('a QRIS merchant in a report or a dispute', () => {
  test('a report with the whole payload is stored under the NMID, key qris:<NMID>', async () => {
    const res = await postJson('/api/v1/reports', qrisReport(SAMPLE_QRIS_PAYLOAD));
    expect(res.status).toBe(201);
    const { ref } = await res.json<any>();
    const row = await env.DB.prepare('SELECT type, value, lookup_key FROM reports WHERE ref = ?').bind(ref).first<any>();
    expect(row).toEqual({ type: 'qris', value: 'ID9990000000017', lookup_key: 'qris:ID9990000000017' });
  });

  test('a report with an altered payload is refused at the value field with qris_crc, and nothing is stored', async () => {
    const before = await countRows(env.DB, 'reports');
    const res = await postJson('/api/v1/reports', qrisReport(SAMPLE_QRIS_PAYLOAD.replace('TOKO BERKAH', 'TOKO BERKAT')));
    expect(res.status).toBe(400);
    expect((await res.json<any>()).error).toMatchObject({ code: 'qris_crc', field: 'value' });
    expect(await countRows(env.DB, 'reports')).toBe(before);
  });

  test('a listed merchant can be disputed by its NMID as printed', async () => {
    await publishListing(env, { type: 'qris', value: 'ID9990000000041' });
    const res = await postJson('/api/v1/disputes', { type: 'qris', value: 'NMID: ID999 0000 000041', statement: 'Ini QRIS toko saya sendiri.', contact: 'pemilik@example.com' });
    expect(res.status).toBe(201);
    const { ref } = await res.json<any>();
    const row = await env.DB.prepare('SELECT lookup_key FROM disputes WHERE ref = ?').bind(ref).first<any>();
    expect(row).toEqual({ lookup_key: 'qris:ID9990000000041' });
  });
});
