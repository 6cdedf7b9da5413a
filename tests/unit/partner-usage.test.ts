import { describe, expect, test } from 'vitest';
import { countPartnerLookup, type UsageDataset } from '../../worker/partner-usage.ts';

function dataset() {
  const points: Array<Parameters<UsageDataset['writeDataPoint']>[0]> = [];
  return { points, writeDataPoint: (p: (typeof points)[number]) => void points.push(p) };
}

describe('counting lookups per partner site', () => {
  test('a lookup from a partner is one data point: the partner id and the kind, never the value', () => {
    const usage = dataset();
    countPartnerLookup(usage, new URLSearchParams({ type: 'bank', bank: '014', value: '1234567890', partner: 'toko-jujur' }));
    expect(usage.points).toEqual([{ indexes: ['toko-jujur'], blobs: ['toko-jujur', 'bank'], doubles: [1] }]);
    expect(JSON.stringify(usage.points)).not.toContain('1234567890');
  });

  test('no partner, an invalid id, or no dataset: nothing is counted', () => {
    const usage = dataset();
    countPartnerLookup(usage, new URLSearchParams({ type: 'phone', value: '0812' }));
    countPartnerLookup(usage, new URLSearchParams({ type: 'phone', value: '0812', partner: 'Toko Jujur!' }));
    countPartnerLookup(usage, new URLSearchParams({ type: 'phone', value: '0812', partner: 'x'.repeat(41) }));
    expect(usage.points).toEqual([]);
    expect(() => countPartnerLookup(undefined, new URLSearchParams({ partner: 'toko' }))).not.toThrow();
  });

  test('only the known kinds are counted, as the lookup reads them; anything else in type is never written', () => {
    const usage = dataset();
    countPartnerLookup(usage, new URLSearchParams({ type: ' BANK ', value: '1', partner: 'toko' }));
    for (const type of ['', 'x', 'bank,phone', '<script>', 'phone'.repeat(10), 'ewallet\u0000']) {
      countPartnerLookup(usage, new URLSearchParams({ type, value: '1', partner: 'toko' }));
    }
    countPartnerLookup(usage, new URLSearchParams({ value: '1', partner: 'toko' }));
    expect(usage.points).toEqual([{ indexes: ['toko'], blobs: ['toko', 'bank'], doubles: [1] }]);
  });
});
