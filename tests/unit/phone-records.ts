// Snapshot input for tests that publish: n reported phone numbers, one report
// each, as the nightly job would hand them to buildSnapshot.
import type { RecordSource } from '../../scripts/pipeline/build-snapshot.ts';
import type { SnapshotRecord } from '../../worker/core/snapshot-layout.ts';

/** The lookup keys of n phone numbers, tel:+6281200000000 on. */
export const phoneKeys = (n: number): string[] => Array.from({ length: n }, (_, i) => `tel:+628120000${String(i).padStart(4, '0')}`);

/** A phone key's record: one online-shopping report. */
export const phoneRecord = (key: string): SnapshotRecord => ({
  matches: [
    {
      type: 'phone',
      value: key.slice(4),
      count: 1,
      categories: { online_shopping: 1 },
      firstReportedAt: '2026-01-01T00:00:00.000Z',
      lastReportedAt: '2026-01-01T00:00:00.000Z',
      totalLossIdr: 100_000,
    },
  ],
});

/** n phone numbers' records, as a RecordSource. */
export function phoneRecords(n: number): RecordSource {
  const all = phoneKeys(n);
  return {
    identifiers: n,
    reports: n,
    keys: () => all,
    *records() {
      for (const key of all) yield [key, phoneRecord(key)];
    },
  };
}
