// The report form's seller-profile field reads a profile link as the lookup
// does: typed without https:// (`instagram.com/tokojaya`), it is the https://
// link; what is not a link is still refused, with the field named.
import { env } from 'cloudflare:workers';
import { describe, expect, test } from 'vitest';
import { countRows, formOf, postForm, postJson, validReport } from './reports-fixture.ts';

const storedProfileUrl = async (ref: string) =>
  (await env.DB.prepare('SELECT profile_url FROM reports WHERE ref = ?').bind(ref).first<{ profile_url: string | null }>())?.profile_url;

describe('the seller-profile link', () => {
  test.each([
    ['instagram.com/tokojaya', 'https://instagram.com/tokojaya'],
    ['www.facebook.com/jual.hp', 'https://www.facebook.com/jual.hp'],
    ['  tiktok.com/@hpmurah.sby?lang=id  ', 'https://tiktok.com/@hpmurah.sby?lang=id'],
    ['//t.me/tiketkonser_murah', 'https://t.me/tiketkonser_murah'],
    ['lynk.id/tokoku', 'https://lynk.id/tokoku'],
    ['https://www.instagram.com/toko.palsu.sekali/', 'https://www.instagram.com/toko.palsu.sekali/'],
    ['http://tokomurah.com/produk', 'http://tokomurah.com/produk'],
  ])('%s is accepted and stored as %s', async (typed, stored) => {
    const res = await postJson('/api/v1/reports', validReport({ profileUrl: typed }));
    expect(res.status).toBe(201);
    expect(await storedProfileUrl((await res.json<any>()).ref)).toBe(stored);
  });

  test('the no-JavaScript form takes it the same way', async () => {
    const res = await postForm('/api/v1/reports', formOf(validReport({ profileUrl: 'instagram.com/tokojaya' })), { Accept: 'application/json' });
    expect(res.status).toBe(201);
    expect(await storedProfileUrl((await res.json<any>()).ref)).toBe('https://instagram.com/tokojaya');
  });

  test.each(['tokojaya', '@tokojaya', 'toko jaya', 'javascript:alert(1)', 'ftp://tokomurah.com/', 'budi@instagram.com/tokojaya', 'https://'])(
    '%s is not a link: 400 invalid_profile_url, nothing stored',
    async (typed) => {
      const before = await countRows(env.DB, 'reports');
      const res = await postJson('/api/v1/reports', validReport({ profileUrl: typed }));
      expect(res.status).toBe(400);
      expect((await res.json<any>()).error).toMatchObject({ code: 'invalid_profile_url', field: 'profileUrl' });
      expect(await countRows(env.DB, 'reports')).toBe(before);
    },
  );

  test('an empty field is no link at all', async () => {
    const res = await postJson('/api/v1/reports', validReport({ profileUrl: '' }));
    expect(res.status).toBe(201);
    expect(await storedProfileUrl((await res.json<any>()).ref)).toBeNull();
  });
});
