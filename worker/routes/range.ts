// GET /api/v1/range/{prefix}: the private way to check (worker/core/range.ts).
// The answer, padding included, depends only on the prefix and the snapshot
// version, so it is cached publicly like a lookup; every answer of a version
// has the same length in bytes (range.ts says how). The padding is drawn on each
// request rather than remembered: 128 entries per answer would make the
// isolate's 5,000 remembered answers ~60 MB instead of a few hundred KB.
import { ApiError } from '../core/errors.ts';
import { RANGE_ANSWER_ENTRIES, RANGE_PREFIX_PATTERN, paddedSuffixes, rangeAnswerJson } from '../core/range.ts';
import { JsonText, snapshotResponse } from '../http.ts';
import type { SnapshotSource } from '../lookup/snapshot-source.ts';

export async function handleRange(request: Request, prefix: string, source: SnapshotSource): Promise<Response> {
  if (!RANGE_PREFIX_PATTERN.test(prefix)) throw new ApiError('invalid_range_prefix');
  const normalized = prefix.toLowerCase();
  const snapshot = await source.live();
  const { suffixes, cached } = await snapshot.range(normalized);
  const { manifest } = snapshot;
  return snapshotResponse(
    request,
    snapshot.version,
    `range;desc="${cached ? 'cache' : 'kv'}"`,
    async () =>
      new JsonText(
        rangeAnswerJson({
          prefix: normalized,
          suffixes: await paddedSuffixes(suffixes, snapshot.version, normalized, manifest.rangeEntries ?? RANGE_ANSWER_ENTRIES),
          snapshot: { version: snapshot.version, generatedAt: manifest.generatedAt },
        }),
      ),
  );
}
