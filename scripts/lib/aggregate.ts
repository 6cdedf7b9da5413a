// Folds reports into one record per lookup key: per reported identity, how
// many verified reports, for what, since when, and the total loss. Pure and
// streaming: memory grows with distinct identifiers (one small array each)
// and with report ids at 8 bytes each (id-set.ts), not with the input's size.
import type { Match } from '../../worker/core/api-types.ts';
import type { Identifier } from '../../worker/core/identifiers.ts';
import type { SnapshotRecord } from '../../worker/core/snapshot-layout.ts';
import { IdSet } from './id-set.ts';
import type { Report } from './report-line.ts';

export type AddOutcome = 'counted' | 'duplicate' | 'not_verified';

export class ReportAggregator {
  /** Verified reports counted. */
  reports = 0;
  /** Lines whose report id was already seen (the first occurrence wins). */
  duplicates = 0;
  /** Pending or rejected reports: read, validated, never counted. */
  notVerified = 0;

  private readonly seenIds = new IdSet();
  private readonly byKey = new Map<string, Match[]>();
  private sortedKeys: string[] | null = null;

  add(report: Report): AddOutcome {
    // De-duplicate across every status: the same id twice is one report,
    // whichever status its first line carries.
    if (!this.seenIds.add(report.id)) {
      this.duplicates++;
      return 'duplicate';
    }
    if (report.status !== 'verified') {
      this.notVerified++;
      return 'not_verified';
    }
    this.reports++;

    this.sortedKeys = null;
    const identities = this.byKey.get(report.key);
    const match = identities?.find((m) => sameIdentity(m, report.identifier));
    if (!identities) {
      this.byKey.set(report.key, [newMatch(report)]);
    } else if (!match) {
      identities.push(newMatch(report));
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

  /** Lookup keys in code-unit order (the order records come in). */
  keys(): readonly string[] {
    this.sortedKeys ??= [...this.byKey.keys()].sort();
    return this.sortedKeys;
  }

  /** Records in lookup-key order, each listing its identities most-reported first. May be read many times. */
  *records(): Generator<[string, SnapshotRecord]> {
    for (const key of this.keys()) {
      const matches = [...this.byKey.get(key)!].sort(
        (a, b) => b.count - a.count || identityOf(a).localeCompare(identityOf(b)),
      );
      yield [key, { matches }];
    }
  }
}

function sameIdentity(match: Match, id: Identifier): boolean {
  return match.type === id.type && match.value === id.value && match.bank === id.bank && match.provider === id.provider;
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
