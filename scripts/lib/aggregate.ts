// Folds reports into one record per lookup key: per reported identity, how
// many verified reports, for what, since when, and the total loss. Pure and
// streaming: memory grows with distinct identifiers and report ids, not with
// the size of the input.
import type { Match } from '../../worker/core/api-types.ts';
import type { Identifier } from '../../worker/core/identifiers.ts';
import type { SnapshotRecord } from '../../worker/core/snapshot-layout.ts';
import type { Report } from './report-line.ts';

export type AddOutcome = 'counted' | 'duplicate' | 'not_verified';

export class ReportAggregator {
  /** Verified reports counted. */
  reports = 0;
  /** Lines whose report id was already seen (the first occurrence wins). */
  duplicates = 0;
  /** Pending or rejected reports: read, validated, never counted. */
  notVerified = 0;

  private readonly seenIds = new Set<string>();
  private readonly byKey = new Map<string, Map<string, Match>>();

  add(report: Report): AddOutcome {
    // De-duplicate across every status: the same id twice is one report,
    // whichever status its first line carries.
    if (this.seenIds.has(report.id)) {
      this.duplicates++;
      return 'duplicate';
    }
    this.seenIds.add(report.id);
    if (report.status !== 'verified') {
      this.notVerified++;
      return 'not_verified';
    }
    this.reports++;

    let identities = this.byKey.get(report.key);
    if (!identities) {
      identities = new Map();
      this.byKey.set(report.key, identities);
    }
    const identityKey = identityOf(report.identifier);
    const match = identities.get(identityKey);
    if (!match) {
      identities.set(identityKey, newMatch(report));
    } else {
      match.count++;
      match.categories[report.category] = (match.categories[report.category] ?? 0) + 1;
      if (report.reportedAt < match.firstReportedAt) match.firstReportedAt = report.reportedAt;
      if (report.reportedAt > match.lastReportedAt) match.lastReportedAt = report.reportedAt;
      match.totalLossIdr += report.lossIdr;
    }
    return 'counted';
  }

  get identifiers(): number {
    return this.byKey.size;
  }

  /** Records in lookup-key order, each listing its identities most-reported first. */
  *records(): Generator<[string, SnapshotRecord]> {
    const keys = [...this.byKey.keys()].sort();
    for (const key of keys) {
      const matches = [...this.byKey.get(key)!.values()].sort(
        (a, b) => b.count - a.count || identityOf(a).localeCompare(identityOf(b)),
      );
      yield [key, { matches }];
    }
  }
}

function identityOf(id: Pick<Identifier, 'type' | 'value' | 'bank' | 'provider'>): string {
  return `${id.type}|${id.bank ?? id.provider ?? ''}|${id.value}`;
}

function newMatch(report: Report): Match {
  const { type, value, bank, provider } = report.identifier;
  const match: Match = {
    type,
    value,
    count: 1,
    categories: { [report.category]: 1 },
    firstReportedAt: report.reportedAt,
    lastReportedAt: report.reportedAt,
    totalLossIdr: report.lossIdr,
  };
  if (bank !== undefined) match.bank = bank;
  if (provider !== undefined) match.provider = provider;
  return match;
}
