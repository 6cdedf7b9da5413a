// GET /api/v1/range/{prefix}: the private way to check (worker/core/range.ts).
// The answer, padding included, depends only on the prefix and the snapshot
// version, so it is cached publicly like a lookup. The padding is drawn on each
// request rather than remembered: ~150 entries per answer would make the
// isolate's 5,000 remembered answers ~90 MB instead of a few hundred KB.
import type { RangeResponse } from '../core/api-types.ts';
import { ApiError } from '../core/errors.ts';
import { RANGE_PREFIX_PATTERN, paddedSuffixes } from '../core/range.ts';
import { snapshotResponse } from '../http.ts';
import type { SnapshotSource } from '../lookup/snapshot-source.ts';

export async function handleRange(request: Request, prefix: string, source: SnapshotSource): Promise<Response> {
  if (!RANGE_PREFIX_PATTERN.test(prefix)) throw new ApiError('invalid_range_prefix');
  const normalized = prefix.toLowerCase();
  const snapshot = await source.live();
  const { suffixes, cached } = await snapshot.range(normalized);
  return snapshotResponse(request, snapshot.version, `range;desc="${cached ? 'cache' : 'kv'}"`, async (): Promise<RangeResponse> => ({
    prefix: normalized,
    suffixes: await paddedSuffixes(suffixes, snapshot.version, normalized),
    snapshot: { version: snapshot.version, generatedAt: snapshot.manifest.generatedAt },
  }));
}
