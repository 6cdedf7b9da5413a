import { env, exports } from 'cloudflare:workers';
import { expect, test } from 'vitest';
test('ping', async () => {
  const res = await exports.default.fetch('http://x/api/v1/ping');
  expect(await res.json()).toEqual({ ok: true });
  await env.SNAPSHOTS.put('a', 'b');
  expect(await env.SNAPSHOTS.get('a')).toBe('b');
});
