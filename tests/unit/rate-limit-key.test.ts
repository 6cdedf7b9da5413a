// The rate limiter's key for a client address: IPv4 whole, IPv6 by its /64
// (a client can rotate through its /64 at will), whatever way the address is written.
import { describe, expect, test } from 'vitest';
import { clientKey } from '../../worker/rate-limit.ts';

describe('the rate limit key of a client address', () => {
  test('an IPv4 address is its own key', () => {
    expect(clientKey('203.0.113.7')).toBe('v4:203.0.113.7');
    expect(clientKey('203.0.113.8')).not.toBe(clientKey('203.0.113.7'));
  });

  test('every address of one IPv6 /64 shares a key; the next /64 does not', () => {
    const key = clientKey('2001:db8:85a3:12::1');
    expect(key).toBe('v6:2001:db8:85a3:12::/64');
    expect(clientKey('2001:0db8:85a3:0012:ffff:ffff:ffff:ffff')).toBe(key);
    expect(clientKey('2001:DB8:85A3:12:1234:5678:9abc:def0')).toBe(key);
    expect(clientKey('2001:db8:85a3:13::1')).not.toBe(key);
  });

  test.each([
    ['::1', 'v6:0:0:0:0::/64'],
    ['::', 'v6:0:0:0:0::/64'],
    ['2001:db8::', 'v6:2001:db8:0:0::/64'],
    ['2001:db8::7:8', 'v6:2001:db8:0:0::/64'],
    ['2001:db8:1:2:3::8', 'v6:2001:db8:1:2::/64'],
    ['fe80::1%eth0', 'v6:fe80:0:0:0::/64'],
    ['1:2:3:4:5:6:7:8', 'v6:1:2:3:4::/64'],
    ['  2001:db8:1:2::9 ', 'v6:2001:db8:1:2::/64'],
  ])('compressed and full forms: %s', (address, key) => {
    expect(clientKey(address)).toBe(key);
  });

  test('an IPv4-mapped IPv6 address counts as its IPv4 address', () => {
    expect(clientKey('::ffff:203.0.113.7')).toBe('v4:203.0.113.7');
    expect(clientKey('::ffff:cb00:7107')).toBe('v4:203.0.113.7');
    expect(clientKey('0:0:0:0:0:ffff:203.0.113.7')).toBe('v4:203.0.113.7');
  });

  test('anything else is kept apart from addresses, and bounded', () => {
    for (const junk of ['1:2:3:4:5:6:7:8:9', '2001:db8::1::2', '256.1.1.1', 'gggg::1', '1:2:3:4:5:6:7', 'x'.repeat(10_000)]) {
      const key = clientKey(junk);
      expect(key.startsWith('other:'), junk).toBe(true);
      expect(key.length).toBeLessThanOrEqual(70);
    }
    expect(clientKey(null)).toBe('other:unknown');
  });
});
