// Per-client rate limiting with the Workers rate limiting binding, keyed by the
// address Cloudflare reports for the client (CF-Connecting-IP; it cannot be set
// by the client in production). Counts are per Cloudflare location and
// approximate, which suits a brake on scrapers and floods: answers cached at the
// edge never reach the Worker and are not counted.
import { ApiError } from './core/errors.ts';

export interface Limiter {
  limit(options: { key: string }): Promise<{ success: boolean }>;
}

/** Throws rate_limited (429) when this client is over its budget; a no-op without a limiter. */
export async function enforceRateLimit(request: Request, limiter: Limiter | undefined): Promise<void> {
  if (!limiter) return;
  const client = request.headers.get('CF-Connecting-IP') ?? 'unknown';
  const { success } = await limiter.limit({ key: client });
  if (!success) throw new ApiError('rate_limited');
}
