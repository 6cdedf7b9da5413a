// The live version's open statistics: the JSON the nightly job stored beside
// the version's manifest (snapshot-layout.ts statsKey). A version's parts never
// change, so each isolate keeps the parsed figures of the live version and KV
// may serve them from the edge cache for long.
import { ApiError } from '../core/errors.ts';
import { statsKey } from '../core/snapshot-layout.ts';
import type { SnapshotSource } from '../lookup/snapshot-source.ts';
import type { Stats } from './stats-types.ts';

const STATS_CACHE_TTL_SECONDS = 3600;

/**
 * Per namespace (a test may run several): the live version and its figures once read. Never the read
 * in flight: a request awaiting another's read is cancelled when that one ends first (snapshot-source.ts).
 */
const kept = new WeakMap<KVNamespace, { version: string; stats: Stats }>();

/** The live version's figures; snapshot_unavailable when there is no live version or it has none (built before them). */
export async function liveStats(source: SnapshotSource, kv: KVNamespace): Promise<Stats> {
  const { version } = await source.live();
  const known = kept.get(kv);
  if (known?.version === version) return known.stats;
  let stats: Stats | null;
  try {
    stats = await kv.get<Stats>(statsKey(version), { type: 'json', cacheTtl: STATS_CACHE_TTL_SECONDS });
  } catch {
    // A failed KV read is "try again", never a 500; nothing is kept, so the next request reads again.
    throw new ApiError('snapshot_unavailable');
  }
  if (stats === null) throw new ApiError('snapshot_unavailable');
  kept.set(kv, { version, stats });
  return stats;
}
