// The open statistics (GET /api/v1/stats, /statistik/, /statistik/data.csv):
// the figures the nightly job builds with each snapshot version and stores at
// statsKey(version) (snapshot-layout.ts). Counts are over verified reports
// only; nothing in here names an identifier, holds a text or anything of a
// reporter. Published: extend, never rename (docs/api.md, "Open statistics").
//
// Disclosure control (docs/api.md, "Suppression and rounding"): a figure drawn
// from 1 to 4 reports is not published; the cell holds the string "< 5"
// (SUPPRESSED) instead of its number, in the JSON as in the CSV and on the
// page. Zero stays 0 (a month without reports). Every figure of a row follows
// its row's report count (a month with 3 reports shows "< 5" for its reports,
// its new identities, its total and its median loss). And so that a hidden
// cell cannot be recovered by subtraction (a total less the cells shown, or one
// version's figures less the previous one's), every other count is rounded to
// the nearest multiple of ROUND_COUNTS_TO and every sum or median of losses to
// LOSS_SIGNIFICANT_FIGURES significant figures, totals included: conventional
// rounding, each figure from the exact counts (so tables no longer add up).
import type { IdentifierType } from '../core/identifier-kinds.ts';
import type { ReportCategory, ReportChannel } from '../core/report-contract.ts';

export const STATS_FORMAT = 1;
/** A figure from fewer than this many reports is published as SUPPRESSED. */
export const MIN_REPORTS = 5;
export const SUPPRESSED = '< 5';
/** Counts of 5 or more are published rounded to the nearest multiple of this (7 → 5, 8 → 10). */
export const ROUND_COUNTS_TO = 5;
/**
 * A count of reports or identities as published anywhere outside the lookup itself: the nearest
 * multiple of ROUND_COUNTS_TO (the statistics, and the health answer's totals, whose exact change
 * from one version to the next would otherwise count the reports between them).
 */
export function roundCount(n: number): number {
  return Math.round(n / ROUND_COUNTS_TO) * ROUND_COUNTS_TO;
}
/** Sums and medians of losses are published to this many significant figures (2,150,000 → 2,200,000). */
export const LOSS_SIGNIFICANT_FIGURES = 2;
/** Months in byMonth and moderation.byMonth: the snapshot's month and the 23 before it (UTC). */
export const STATS_MONTHS = 24;
/** Banks listed by name in byBank; the rest are summed in one row. */
export const TOP_BANKS = 15;
export const STATS_LICENSE = { name: 'CC BY 4.0', url: 'https://creativecommons.org/licenses/by/4.0/' } as const;

/** A published figure: a (rounded) number, or SUPPRESSED when drawn from 1–4 reports. */
export type Cell = number | typeof SUPPRESSED;

export interface Counted {
  reports: Cell;
  identifiers: Cell;
}

export interface MonthFigures extends Counted {
  /** YYYY-MM (UTC). */
  month: string;
  /** New verified reports that month; identifiers: identities first reported that month. */
  lossIdr: Cell;
  /** Median loss of that month's reports that stated one (0 when none did). */
  medianLossIdr: Cell;
}

export interface ModerationMonth {
  month: string;
  /** Reports sent that month (any status). */
  received: Cell;
  /** Reports decided that month, by outcome. */
  verified: Cell;
  rejected: Cell;
  /** Median days from sending to decision, over the reports decided that month; null when none was. */
  medianDaysToDecision: number | typeof SUPPRESSED | null;
  disputesReceived: Cell;
  /** Disputes accepted that month (the listing was corrected or removed). */
  disputesAccepted: Cell;
}

export interface Stats {
  format: typeof STATS_FORMAT;
  snapshot: { version: string; generatedAt: string };
  license: typeof STATS_LICENSE;
  /** How small cells are published, and how the others are rounded. */
  suppression: {
    minReports: typeof MIN_REPORTS;
    marker: typeof SUPPRESSED;
    roundCountsTo: typeof ROUND_COUNTS_TO;
    lossSignificantFigures: typeof LOSS_SIGNIFICANT_FIGURES;
  };
  /** identifiers: distinct reported identities (kind, bank or provider, value). */
  totals: { identifiers: Cell; reports: Cell; lossIdr: Cell };
  byKind: Record<IdentifierType, Counted>;
  byCategory: Record<ReportCategory, Counted>;
  /** Reports by where the victim met the seller; `unknown` when the report did not say. */
  byChannel: Record<ReportChannel | 'unknown', { reports: Cell }>;
  /** The TOP_BANKS banks with most reports, then `other` (every other bank together). */
  byBank: Array<Counted & { bank: string; name: string }>;
  byProvider: Array<Counted & { provider: string; name: string }>;
  /** Oldest first, STATS_MONTHS months ending with the snapshot's; months without reports are 0. */
  byMonth: MonthFigures[];
  moderation: {
    /** 'd1': from the moderation database; null: the snapshot was built from an export file only, which has no moderation history. */
    source: 'd1' | null;
    byMonth: ModerationMonth[];
  };
}
