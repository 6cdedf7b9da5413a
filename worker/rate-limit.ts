// Per-client rate limiting with the Workers rate limiting binding, keyed by the
// address Cloudflare reports for the client (CF-Connecting-IP; it cannot be set
// by the client in production). Counts are per Cloudflare location and
// approximate, which suits a brake on scrapers and floods: answers cached at the
// edge never reach the Worker and are not counted.
//
// An IPv4 address is one client (CGNAT puts many people behind one, which is
// why the limits are generous). An IPv6 client is its /64: a home or phone is
// given a whole /64 and can rotate through it at will, so the full address
// would let one client reset its budget with every request.
import { ApiError } from './core/errors.ts';

export interface Limiter {
  limit(options: { key: string }): Promise<{ success: boolean }>;
}

const IPV4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;
const HEXTET = /^[0-9a-f]{1,4}$/;

/** Dotted IPv4 with every part 0–255, normalised (no leading zeros), or undefined. */
function ipv4(text: string): string | undefined {
  const parts = IPV4.exec(text)?.slice(1).map(Number);
  return parts && parts.every((p) => p <= 255) ? parts.join('.') : undefined;
}

/** The eight 16-bit groups of an IPv6 address (`::` expanded, a dotted IPv4 tail as two groups), or undefined. */
function ipv6Groups(text: string): number[] | undefined {
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const groupsOf = (part: string): number[] | undefined => {
    if (part === '') return [];
    const out: number[] = [];
    const pieces = part.split(':');
    for (const [i, piece] of pieces.entries()) {
      const v4 = i === pieces.length - 1 && piece.includes('.') ? ipv4(piece) : undefined;
      if (v4) {
        const [a, b, c, d] = v4.split('.').map(Number) as [number, number, number, number];
        out.push((a << 8) | b, (c << 8) | d);
      } else if (HEXTET.test(piece)) {
        out.push(parseInt(piece, 16));
      } else {
        return undefined;
      }
    }
    return out;
  };
  const head = groupsOf(halves[0]!);
  const tail = halves.length === 2 ? groupsOf(halves[1]!) : [];
  if (!head || !tail) return undefined;
  if (halves.length === 1) return head.length === 8 ? head : undefined;
  const missing = 8 - head.length - tail.length;
  return missing >= 1 ? [...head, ...new Array<number>(missing).fill(0), ...tail] : undefined;
}

/**
 * The limiter's key for a client address: `v4:<address>` for IPv4 (an
 * IPv4-mapped IPv6 address counts as its IPv4), `v6:<first four groups>::/64`
 * for IPv6; anything else as sent (bounded), which the edge never produces.
 */
export function clientKey(address: string | null): string {
  const text = (address ?? '').trim().toLowerCase().split('%')[0]!; // a zone id (fe80::1%eth0) is not part of the address
  const v4 = ipv4(text);
  if (v4) return `v4:${v4}`;
  const groups = ipv6Groups(text);
  if (groups) {
    const mapped = groups.slice(0, 5).every((g) => g === 0) && groups[5] === 0xffff;
    if (mapped) return `v4:${groups[6]! >> 8}.${groups[6]! & 0xff}.${groups[7]! >> 8}.${groups[7]! & 0xff}`;
    return `v6:${groups.slice(0, 4).map((g) => g.toString(16)).join(':')}::/64`;
  }
  return `other:${text.slice(0, 64) || 'unknown'}`;
}

/**
 * Throws rate_limited (429) when this client is over its budget; a no-op without a limiter.
 * `cost` units are taken at once (POST /api/v1/check costs one per identifier looked up):
 * the binding counts one per `limit()` call and has no weight, so it is called `cost` times.
 */
export async function enforceRateLimit(request: Request, limiter: Limiter | undefined, cost = 1): Promise<void> {
  if (!limiter || cost < 1) return;
  const key = clientKey(request.headers.get('CF-Connecting-IP'));
  const outcomes = await Promise.all(Array.from({ length: cost }, () => limiter.limit({ key })));
  if (outcomes.some((o) => !o.success)) throw new ApiError('rate_limited');
}
