// The same-day delta through the Worker, with real D1 and KV: the Cron
// Trigger's build (worker/delta/delta-writer.ts) and what the lookup answers
// from it (issue 25).
import { env } from 'cloudflare:workers';
import { describe, expect, test } from 'vitest';
import { lookupKey, parseIdentifier } from '../../worker/core/identifiers.ts';
import { DELTA_KEY } from '../../worker/core/snapshot-layout.ts';
import type { DeltaValue } from '../../worker/delta/delta.ts';
import { writeDelta } from '../../worker/delta/delta-writer.ts';
import { nightlyRun, verifyInD1 } from './reports-fixture.ts';

const MINUTE = 60_000;
const readDeltaKv = () => env.SNAPSHOTS.get<DeltaValue>(DELTA_KEY, 'json');

describe('the delta writer (Cron Trigger)', () => {
  test('builds the live version’s delta from D1: a verification since the base is in it with its record', async () => {
    await nightlyRun(env);
    const account = { type: 'bank', bank: '014', value: '7770001111' };
    await verifyInD1(env.DB, account);
    const key = lookupKey(parseIdentifier(account));

    const now = new Date(Date.now() + MINUTE);
    expect(await writeDelta(env, now)).toMatchObject({ written: true, overflow: false });
    const delta = (await readDeltaKv())!;
    expect(delta.base).toBe(await env.SNAPSHOTS.get('live'));
    const entry = delta.entries.find(([k]) => k === key);
    expect(entry?.[2]?.matches).toMatchObject([{ type: 'bank', bank: '014', value: '7770001111', count: 1 }]);
    expect(delta.updatedAt).not.toBeNull();
  });

  test('an unchanged delta is not rewritten within 5 minutes; after that it is, to show the writer lives', async () => {
    const start = new Date(Date.now() + 10 * MINUTE);
    expect(await writeDelta(env, start)).toMatchObject({ written: true });
    expect(await writeDelta(env, new Date(start.getTime() + 4 * MINUTE))).toEqual({ written: false, reason: 'unchanged' });
    expect(await writeDelta(env, new Date(start.getTime() + 5 * MINUTE))).toMatchObject({ written: true });
  });

  test('two builds racing write one delta, the same', async () => {
    await verifyInD1(env.DB, { type: 'phone', value: '081277770001' });
    const at = new Date(Date.now() + 30 * MINUTE);
    const [a, b] = await Promise.all([writeDelta(env, at), writeDelta(env, at)]);
    expect(a.written || b.written).toBe(true);
    const first = (await readDeltaKv())!;
    await writeDelta(env, new Date(at.getTime() + 10 * MINUTE));
    const second = (await readDeltaKv())!;
    expect(second.sha256).toBe(first.sha256);
    expect({ ...second, builtAt: '' }).toEqual({ ...first, builtAt: '' });
  });
});
