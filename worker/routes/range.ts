// GET /api/v1/range/{prefix}: the private way to check (worker/core/range.ts).
// The answer, padding included, depends only on the prefix and the snapshot
// version, so it is cached publicly like a lookup; every answer of a version
// has the same length in bytes (range.ts says how). The isolate keeps the last
// 1,024 finished answers (lookup/range-answers.ts: ~12 MB; all 5,000 prefixes
// whose entries it remembers would be ~60 MB), and builds any other afresh. An
// answer is reused only when its prefix's entries came from memory too, so with
// remembering off (RECORD_CACHE_ENTRIES=0) every answer is built from KV.
import { ApiError } from '../core/errors.ts';
import { RANGE_ANSWER_ENTRIES, RANGE_PREFIX_PATTERN, paddedSuffixes, rangeAnswerJson } from '../core/range.ts';
import { JsonText, snapshotResponse } from '../http.ts';
import { RangeAnswers } from '../lookup/range-answers.ts';
import { snapshotRefOf } from '../lookup/lookup.ts';
import type { SnapshotSource } from '../lookup/snapshot-source.ts';

const answers = new RangeAnswers();

export async function handleRange(request: Request, prefix: string, source: SnapshotSource): Promise<Response> {
  if (!RANGE_PREFIX_PATTERN.test(prefix)) throw new ApiError('invalid_range_prefix');
  const normalized = prefix.toLowerCase();
  const snapshot = await source.live();
  const { suffixes, cached } = await snapshot.range(normalized);
  const { manifest, version, tag } = snapshot;
  // Answers differ by version and by same-day delta (the tag): validated and kept by it.
  return snapshotResponse(request, tag, `range;desc="${cached ? 'cache' : 'kv'}"`, async () => {
    const held = cached ? answers.get(tag, normalized) : undefined;
    if (held !== undefined) return new JsonText(held);
    const answer = rangeAnswerJson({
      prefix: normalized,
      suffixes: await paddedSuffixes(suffixes, version, normalized, manifest.rangeEntries ?? RANGE_ANSWER_ENTRIES),
      snapshot: snapshotRefOf(snapshot).ref,
    });
    return new JsonText(answers.set(tag, normalized, answer));
  });
}
