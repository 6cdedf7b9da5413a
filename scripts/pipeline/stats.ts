// The open statistics (worker/stats/stats-types.ts) from the reports the
// nightly job counts: per report, a few counters (kind, category, channel,
// bank or provider, month, loss); per reported identity, read once from the
// aggregator at the end (kind, bank or provider, first month, categories).
// Memory: fixed counters plus one number per report that states a loss (for
// the monthly medians). Suppression (fewer than 5 reports → "< 5") and rounding
// (counts to 5, losses to 2 significant figures; stats-types.ts says why) are
// applied here, so neither a small count nor an exact one ever reaches KV.
import { bankByCode } from '../../worker/core/banks.ts';
import { EWALLET_PROVIDERS, IDENTIFIER_TYPES, type IdentifierType } from '../../worker/core/identifier-kinds.ts';
import { REPORT_CATEGORIES, REPORT_CHANNELS, type ReportCategory, type ReportChannel } from '../../worker/core/report-contract.ts';
import { PROVIDER_NAMES } from '../../worker/presentation/result-view.ts';
import { manifestKey, statsKey } from '../../worker/core/snapshot-layout.ts';
import {
  LOSS_SIGNIFICANT_FIGURES,
  MIN_REPORTS,
  ROUND_COUNTS_TO,
  roundCount,
  STATS_FORMAT,
  STATS_LICENSE,
  STATS_MONTHS,
  SUPPRESSED,
  TOP_BANKS,
  type Cell,
  type Counted,
  type ModerationMonth,
  type MonthFigures,
  type Stats,
} from '../../worker/stats/stats-types.ts';
import type { KvStore } from './kv-store.ts';
import type { IdentityFacts } from '../../worker/reports/aggregate.ts';
import type { Report } from '../../worker/reports/report-line.ts';


interface IdentitySource {
  forEachIdentity(visit: (identity: IdentityFacts) => void): void;
}

interface MonthCounter {
  reports: number;
  identifiers: number;
  lossIdr: number;
  losses: number[];
}

interface QualifierCounter {
  reports: number;
  identifiers: number;
}

const CHANNELS = [...REPORT_CHANNELS, 'unknown'] as const;

export class StatsCollector {
  private reports = 0;
  private lossIdr = 0;
  private readonly kindReports = new Array<number>(IDENTIFIER_TYPES.length).fill(0);
  private readonly categoryReports = new Array<number>(REPORT_CATEGORIES.length).fill(0);
  private readonly channelReports = new Map<string, number>(CHANNELS.map((c) => [c, 0]));
  private readonly months = new Map<string, MonthCounter>();
  private readonly banks = new Map<string, QualifierCounter>();
  private readonly providers = new Map<string, QualifierCounter>(EWALLET_PROVIDERS.map((p) => [p, { reports: 0, identifiers: 0 }]));

  /** One verified report the aggregator counted (not a duplicate). */
  add(report: Report): void {
    this.reports++;
    this.lossIdr += report.lossIdr;
    const { identifier } = report;
    this.kindReports[IDENTIFIER_TYPES.indexOf(identifier.type)]!++;
    this.categoryReports[REPORT_CATEGORIES.indexOf(report.category)]!++;
    const channel = report.channel ?? 'unknown';
    this.channelReports.set(channel, this.channelReports.get(channel)! + 1);
    const month = this.month(report.reportedAt.slice(0, 7));
    month.reports++;
    month.lossIdr += report.lossIdr;
    if (report.lossIdr > 0) month.losses.push(report.lossIdr);
    if (identifier.bank !== undefined) qualifier(this.banks, identifier.bank).reports++;
    else if (identifier.provider !== undefined) qualifier(this.providers, identifier.provider).reports++;
  }

  /** The published figures, suppressed, for the snapshot `version` built at `generatedAt`. */
  finish(
    identities: IdentitySource,
    snapshot: { version: string; generatedAt: string },
    moderation: Stats['moderation'] = { source: null, byMonth: [] },
  ): Stats {
    const kindIdentifiers = new Array<number>(IDENTIFIER_TYPES.length).fill(0);
    const categoryIdentifiers = new Array<number>(REPORT_CATEGORIES.length).fill(0);
    let identifiers = 0;
    identities.forEachIdentity(({ type, qualifier: q, firstAt, categories }) => {
      identifiers++;
      kindIdentifiers[IDENTIFIER_TYPES.indexOf(type)]!++;
      for (let c = 0; c < REPORT_CATEGORIES.length; c++) if (categories[c]! > 0) categoryIdentifiers[c]!++;
      this.month(new Date(firstAt).toISOString().slice(0, 7)).identifiers++;
      if (q !== undefined) qualifier(type === 'bank' ? this.banks : this.providers, q).identifiers++;
    });

    const byKind = Object.fromEntries(
      IDENTIFIER_TYPES.map((type, i) => [type, counted(this.kindReports[i]!, kindIdentifiers[i]!)]),
    ) as Record<IdentifierType, Counted>;
    const byCategory = Object.fromEntries(
      REPORT_CATEGORIES.map((category, i) => [category, counted(this.categoryReports[i]!, categoryIdentifiers[i]!)]),
    ) as Record<ReportCategory, Counted>;
    const byChannel = Object.fromEntries(CHANNELS.map((c) => [c, { reports: cell(this.channelReports.get(c)!) }])) as Record<
      ReportChannel | 'unknown',
      { reports: Cell }
    >;

    const banks = [...this.banks].sort(([a, x], [b, y]) => y.reports - x.reports || a.localeCompare(b));
    const rest = banks.slice(TOP_BANKS).reduce((sum, [, c]) => ({ reports: sum.reports + c.reports, identifiers: sum.identifiers + c.identifiers }), {
      reports: 0,
      identifiers: 0,
    });
    const byBank = [
      ...banks.slice(0, TOP_BANKS).map(([code, c]) => ({ bank: code, name: bankByCode(code)?.short ?? code, ...counted(c.reports, c.identifiers) })),
      ...(banks.length > TOP_BANKS ? [{ bank: 'other', name: 'other', ...counted(rest.reports, rest.identifiers) }] : []),
    ];
    const byProvider = [...this.providers]
      .sort(([a, x], [b, y]) => y.reports - x.reports || a.localeCompare(b))
      .map(([provider, c]) => ({ provider, name: PROVIDER_NAMES[provider] ?? provider, ...counted(c.reports, c.identifiers) }));

    const byMonth: MonthFigures[] = lastMonths(snapshot.generatedAt).map((month) => {
      const m = this.months.get(month) ?? { reports: 0, identifiers: 0, lossIdr: 0, losses: [] };
      const small = m.reports > 0 && m.reports < MIN_REPORTS;
      return {
        month,
        reports: cell(m.reports),
        identifiers: small ? SUPPRESSED : cell(m.identifiers),
        lossIdr: small ? SUPPRESSED : loss(m.lossIdr),
        medianLossIdr: small || (m.losses.length > 0 && m.losses.length < MIN_REPORTS) ? SUPPRESSED : loss(median(m.losses)),
      };
    });

    const smallTotal = this.reports > 0 && this.reports < MIN_REPORTS;
    return {
      format: STATS_FORMAT,
      snapshot,
      license: STATS_LICENSE,
      suppression: { minReports: MIN_REPORTS, marker: SUPPRESSED, roundCountsTo: ROUND_COUNTS_TO, lossSignificantFigures: LOSS_SIGNIFICANT_FIGURES },
      totals: {
        identifiers: smallTotal ? SUPPRESSED : cell(identifiers),
        reports: cell(this.reports),
        lossIdr: smallTotal ? SUPPRESSED : loss(this.lossIdr),
      },
      byKind,
      byCategory,
      byChannel,
      byBank,
      byProvider,
      byMonth,
      moderation,
    };
  }

  private month(key: string): MonthCounter {
    let m = this.months.get(key);
    if (!m) this.months.set(key, (m = { reports: 0, identifiers: 0, lossIdr: 0, losses: [] }));
    return m;
  }
}

/** A count as published: 0 stays 0, 1–4 become "< 5", the rest the nearest multiple of 5 (7 → 5, 8 → 10). */
function cell(n: number): Cell {
  if (n === 0) return 0;
  return n < MIN_REPORTS ? SUPPRESSED : roundCount(n);
}

/** A sum or median of losses as published: 2 significant figures (2,150,000 → 2,200,000; 7,500 → 7,500), whole rupiah. */
function loss(idr: number): number {
  if (idr <= 0) return 0;
  let exponent = Math.floor(Math.log10(idr));
  if (10 ** exponent > idr) exponent--; // log10 can land a hair off at exact powers of ten
  else if (10 ** (exponent + 1) <= idr) exponent++;
  const unit = 10 ** Math.max(0, exponent + 1 - LOSS_SIGNIFICANT_FIGURES);
  return Math.round(idr / unit) * unit;
}

/** A row's identifiers follow its reports (there are never more identities than reports). */
function counted(reports: number, identifiers: number): Counted {
  const small = reports > 0 && reports < MIN_REPORTS;
  return { reports: cell(reports), identifiers: small ? SUPPRESSED : cell(identifiers) };
}

function qualifier(map: Map<string, QualifierCounter>, key: string): QualifierCounter {
  let c = map.get(key);
  if (!c) map.set(key, (c = { reports: 0, identifiers: 0 }));
  return c;
}

/** The middle value (the mean of the two middle ones for an even count); 0 for none. Sorts in place. */
function median(values: number[]): number {
  if (values.length === 0) return 0;
  values.sort((a, b) => a - b);
  const mid = values.length >> 1;
  return values.length % 2 ? values[mid]! : (values[mid - 1]! + values[mid]!) / 2;
}

/** STATS_MONTHS months as YYYY-MM, oldest first, ending with the month of `iso` (UTC). */
function lastMonths(iso: string): string[] {
  const end = new Date(iso);
  const months: string[] = [];
  for (let back = STATS_MONTHS - 1; back >= 0; back--) {
    months.push(new Date(Date.UTC(end.getUTCFullYear(), end.getUTCMonth() - back, 1)).toISOString().slice(0, 7));
  }
  return months;
}

/** One report's or dispute's dates and status, nothing else (stats-d1.ts reads them). */
export interface ModerationRow {
  created_at: string;
  decided_at: string | null;
  status: string;
}

/** Moderation per month from the reports' and disputes' dates and statuses. */
export function moderationFigures(reports: Iterable<ModerationRow>, disputes: Iterable<ModerationRow>, generatedAt: string): Stats['moderation'] {
  const months = lastMonths(generatedAt);
  const rows = new Map(months.map((m) => [m, { received: 0, verified: 0, rejected: 0, days: [] as number[], disputesReceived: 0, disputesAccepted: 0 }]));
  for (const r of reports) {
    const sent = rows.get(r.created_at.slice(0, 7));
    if (sent) sent.received++;
    if (!r.decided_at) continue;
    const decided = rows.get(r.decided_at.slice(0, 7));
    if (!decided) continue;
    // A report later disputed was verified first.
    if (r.status === 'verified' || r.status === 'disputed') decided.verified++;
    else if (r.status === 'rejected') decided.rejected++;
    else continue;
    decided.days.push((Date.parse(r.decided_at) - Date.parse(r.created_at)) / 86_400_000);
  }
  for (const d of disputes) {
    const sent = rows.get(d.created_at.slice(0, 7));
    if (sent) sent.disputesReceived++;
    if (d.status === 'accepted' && d.decided_at) {
      const decided = rows.get(d.decided_at.slice(0, 7));
      if (decided) decided.disputesAccepted++;
    }
  }
  const byMonth: ModerationMonth[] = months.map((month) => {
    const m = rows.get(month)!;
    const decisions = m.days.length;
    return {
      month,
      received: cell(m.received),
      verified: cell(m.verified),
      rejected: cell(m.rejected),
      medianDaysToDecision: decisions === 0 ? null : decisions < MIN_REPORTS ? SUPPRESSED : Math.round(median(m.days) * 10) / 10,
      disputesReceived: cell(m.disputesReceived),
      disputesAccepted: cell(m.disputesAccepted),
    };
  });
  return { source: 'd1', byMonth };
}

/**
 * The store the publisher writes through, which writes the version's statistics
 * (statsKey) in a batch of their own just before the batch holding its manifest:
 * inside the lease, before `live` moves, and not at all when a guard rail refuses.
 */
export function storeWithStats(store: KvStore, version: string, json: string | null): KvStore {
  if (json === null) return store;
  const manifest = manifestKey(version);
  let written = false;
  return {
    get: (key) => store.get(key),
    deleteBatch: (keys) => store.deleteBatch(keys),
    list: (prefix) => store.list(prefix),
    async putBatch(entries) {
      if (!written && entries.some(({ key }) => key === manifest)) {
        await store.putBatch([{ key: statsKey(version), value: json }]);
        written = true;
      }
      await store.putBatch(entries);
    },
  };
}
