// GET /api/v1/health: the live snapshot's version, age and counts, and whether
// the filter is in use (every shard loaded and checked). The counts are rounded
// to 5, as the open statistics are (docs/api.md, "Suppression and rounding").
// Degraded too when no same-day delta is in use: answers are then the nightly base's.
import type { HealthResponse } from '../core/api-types.ts';
import { ApiError } from '../core/errors.ts';
import { CORS_HEADERS, jsonResponse, RETRY_AFTER_SECONDS } from '../http.ts';
import type { RetentionState } from '../reports/retention.ts';
import type { SnapshotSource } from '../lookup/snapshot-source.ts';
import { roundCount } from '../stats/stats-types.ts';

/**
 * `retention`, when given, reads the last outcome of the daily purge (it never
 * throws: null when unreadable); the answer then carries it, snapshot or not.
 */
export async function handleHealth(
  source: SnapshotSource,
  now = Date.now(),
  retention?: () => Promise<RetentionState | null>,
): Promise<Response> {
  const headers = { ...CORS_HEADERS, 'Cache-Control': 'no-store' };
  const purge = retention ? { retention: await retention() } : {};
  let snapshot;
  try {
    snapshot = await source.live();
  } catch (err) {
    if (!(err instanceof ApiError)) throw err;
    const body: HealthResponse = { status: 'unavailable', snapshot: null, mode: 'none', ...purge };
    return jsonResponse(body, 503, { ...headers, 'Retry-After': RETRY_AFTER_SECONDS });
  }
  const { manifest } = snapshot;
  let problem: string | undefined;
  try {
    problem = await snapshot.filterProblem();
  } catch (err) {
    if (!(err instanceof ApiError)) throw err;
    problem = 'filter unreadable: KV read failed';
  }
  const { deltaProblem, delta } = snapshot;
  const body: HealthResponse = {
    status: problem || deltaProblem ? 'degraded' : 'ok',
    snapshot: {
      version: snapshot.version,
      generatedAt: manifest.generatedAt,
      ageSeconds: Math.max(0, Math.round((now - Date.parse(manifest.generatedAt)) / 1000)),
      // Rounded as the open statistics' totals are: exact, two versions' counts would tell how
      // many reports came between them, and so the size of a month shown as "< 5".
      identifiers: roundCount(manifest.identifiers),
      reports: roundCount(manifest.reports),
    },
    mode: problem ? 'kv-only' : 'filter',
    // The same-day delta (docs/operations.md): in use, or why not (the base answers alone).
    delta: deltaProblem
      ? { status: 'unused', problem: deltaProblem }
      : { status: 'ok', keys: delta!.records.size, updatedAt: snapshot.updatedAt },
    ...purge,
  };
  if (problem) body.problem = problem;
  return jsonResponse(body, 200, headers);
}
