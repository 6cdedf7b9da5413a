// The open statistics page's figures (/statistik/, /en/statistics/) as HTML:
// the totals, then each figure as a chart (stats-charts.ts) with its numbers in
// a table under it, titles and notes in the page's language. Every table cell
// carries the figure's path in the JSON (data-stat="byKind.bank.reports"), so
// the browser test can compare the page with GET /api/v1/stats. Every text is
// escaped; the labels come from fixed lists and banks.json, never from a report.
import type { Lang } from '../core/lang.ts';
import { IDENTIFIER_TYPES, type IdentifierType } from '../core/identifier-kinds.ts';
import { REPORT_CATEGORIES, REPORT_CHANNELS } from '../core/report-contract.ts';
import { SUPPRESSED, type Cell, type ModerationMonth, type MonthFigures, type Stats } from '../stats/stats-types.ts';
import { barChart, lineChart, type Bar, type Format, type Series } from './stats-charts.ts';
import { CATEGORY_LABELS, escapeHtml, formatDate } from './result-view.ts';

const TEXT = {
  id: {
    totals: 'Ringkasan',
    reports: 'Laporan terverifikasi',
    identifiers: 'Nomor dan akun dilaporkan',
    loss: 'Total kerugian dilaporkan',
    numbers: 'Angka dalam tabel',
    kind: 'Jenis',
    category: 'Jenis penipuan',
    channel: 'Tempat bertemu penjual',
    bank: 'Bank',
    provider: 'Dompet digital',
    month: 'Bulan',
    newIdentifiers: 'Nomor dan akun baru',
    totalLoss: 'Total kerugian',
    medianLoss: 'Median kerugian',
    received: 'Masuk',
    verified: 'Diverifikasi',
    rejected: 'Ditolak',
    medianDays: 'Median hari sampai diputuskan',
    disputesReceived: 'Sanggahan masuk',
    disputesAccepted: 'Sanggahan dikabulkan',
    other: 'Bank lainnya',
    unknown: 'Tidak disebut',
    noModeration:
      'Angka moderasi tidak tersedia untuk versi data ini: versi ini dibuat dari salinan laporan yang tidak memuat riwayat moderasi.',
    noData: 'tidak ada data',
    partial: 'Bulan terakhir, {month}, belum selesai: angkanya hanya sampai {date}. Bulan tanpa laporan tidak digambar (garisnya terputus) dan di tabel tertulis “tidak ada data”.',
    figures: {
      byKind: ['Laporan per jenis akun', 'Laporan terverifikasi dan banyaknya nomor atau akun berbeda (rekening, nomor HP, akun) per jenis.'],
      byCategory: ['Laporan per jenis penipuan', 'Laporan terverifikasi per jenis penipuan yang dilaporkan.'],
      byChannel: ['Di mana korban bertemu penjual', 'Laporan terverifikasi per tempat korban bertemu penjual; “Tidak disebut” bila laporan tidak menyebutkannya.'],
      byBank: ['Rekening bank yang dilaporkan, per bank', '15 bank dengan laporan terbanyak, lalu semua bank lainnya bersama.'],
      byProvider: ['Dompet digital yang dilaporkan', 'Laporan terverifikasi per penyedia dompet digital.'],
      byMonth: ['Laporan dan nomor atau akun baru per bulan', 'Laporan terverifikasi per bulan laporan, dan nomor atau akun yang pertama kali dilaporkan bulan itu (24 bulan terakhir, UTC).'],
      lossTotal: ['Total kerugian per bulan', 'Jumlah kerugian yang disebut dalam laporan bulan itu, dalam rupiah.'],
      lossMedian: ['Median kerugian per bulan', 'Nilai tengah kerugian, dari laporan bulan itu yang menyebut kerugian.'],
      moderation: ['Moderasi: laporan masuk dan diputuskan per bulan', 'Laporan masuk dihitung menurut bulan dikirim; diverifikasi dan ditolak menurut bulan keputusan.'],
      decisionDays: ['Median hari sampai laporan diputuskan', 'Dari laporan dikirim sampai diputuskan, untuk laporan yang diputuskan bulan itu.'],
      disputes: ['Sanggahan per bulan', 'Sanggahan pemilik akun yang masuk, dan yang dikabulkan (daftar dikoreksi atau dihapus).'],
    },
  },
  en: {
    totals: 'Summary',
    reports: 'Verified reports',
    identifiers: 'Identities reported',
    loss: 'Total reported loss',
    numbers: 'The numbers as a table',
    kind: 'Kind',
    category: 'Kind of fraud',
    channel: 'Where the seller was met',
    bank: 'Bank',
    provider: 'E-wallet',
    month: 'Month',
    newIdentifiers: 'New identities',
    totalLoss: 'Total loss',
    medianLoss: 'Median loss',
    received: 'Received',
    verified: 'Verified',
    rejected: 'Rejected',
    medianDays: 'Median days to a decision',
    disputesReceived: 'Disputes received',
    disputesAccepted: 'Disputes accepted',
    other: 'Other banks',
    unknown: 'Not stated',
    noModeration: 'Moderation figures are not available for this version of the data: it was built from a copy of the reports that holds no moderation history.',
    noData: 'no data',
    partial: 'The last month, {month}, is not over: its figures only run to {date}. Months without reports are not drawn (the line breaks) and read “no data” in the tables.',
    figures: {
      byKind: ['Reports by kind of account', 'Verified reports and distinct identities (accounts, numbers, profiles) by kind.'],
      byCategory: ['Reports by kind of fraud', 'Verified reports by the kind of fraud reported.'],
      byChannel: ['Where victims met the seller', 'Verified reports by where the victim met the seller; “Not stated” when the report did not say.'],
      byBank: ['Reported bank accounts by bank', 'The 15 banks with most reports, then every other bank together.'],
      byProvider: ['Reported e-wallets', 'Verified reports by e-wallet provider.'],
      byMonth: ['Reports and new identities per month', 'Verified reports by the month they were made, and identities first reported that month (last 24 months, UTC).'],
      lossTotal: ['Total loss per month', 'The sum of the losses stated in that month’s reports, in rupiah.'],
      lossMedian: ['Median loss per month', 'The middle loss among that month’s reports that stated one.'],
      moderation: ['Moderation: reports received and decided per month', 'Received by the month a report was sent; verified and rejected by the month of the decision.'],
      decisionDays: ['Median days to a decision', 'From sending to decision, for the reports decided that month.'],
      disputes: ['Disputes per month', 'Disputes by account owners received, and accepted (the listing corrected or removed).'],
    },
  },
} as const;

const KIND_LABELS: Record<Lang, Record<IdentifierType, string>> = {
  id: { bank: 'Rekening bank', ewallet: 'Dompet digital', phone: 'Nomor telepon', instagram: 'Instagram', facebook: 'Facebook', tiktok: 'TikTok', telegram: 'Telegram', website: 'Situs web', qris: 'Penjual QRIS (NMID)' },
  en: { bank: 'Bank account', ewallet: 'E-wallet', phone: 'Phone number', instagram: 'Instagram', facebook: 'Facebook', tiktok: 'TikTok', telegram: 'Telegram', website: 'Website', qris: 'QRIS merchant (NMID)' },
};

const CHANNEL_LABELS: Record<Lang, Record<string, string>> = {
  id: { instagram: 'Instagram', facebook: 'Facebook', whatsapp: 'WhatsApp', marketplace: 'Marketplace', website: 'Situs web', other: 'Lainnya', tiktok: 'TikTok', telegram: 'Telegram' },
  en: { instagram: 'Instagram', facebook: 'Facebook', whatsapp: 'WhatsApp', marketplace: 'Marketplace', website: 'Website', other: 'Other', tiktok: 'TikTok', telegram: 'Telegram' },
};

const LOCALES: Record<Lang, string> = { id: 'id-ID', en: 'en-GB' };

interface Column {
  heading: string;
  /** The cell's path in the JSON, for row i. */
  path: (i: number) => string;
  value: (i: number) => Cell | number | null | typeof NO_DATA;
  format: Format;
}

interface Table {
  rowHeading: string;
  rows: string[];
  columns: Column[];
}

/** The page's figures as HTML, in `lang`. */
export function statsToHtml(stats: Stats, lang: Lang): string {
  const text = TEXT[lang];
  const number = new Intl.NumberFormat(LOCALES[lang]);
  const count: Format = (n) => number.format(n);
  const rupiah: Format = (n) => `Rp ${number.format(Math.round(n))}`;
  const compact = new Intl.NumberFormat(LOCALES[lang], { notation: 'compact', maximumFractionDigits: 1 });
  const axisRupiah: Format = (n) => `Rp ${compact.format(n)}`;
  const days: Format = (n) => new Intl.NumberFormat(LOCALES[lang], { maximumFractionDigits: 1 }).format(n);
  const monthName = new Intl.DateTimeFormat(LOCALES[lang], { month: 'short', year: 'numeric', timeZone: 'UTC' });
  const monthShort = new Intl.DateTimeFormat(LOCALES[lang], { month: 'short', year: '2-digit', timeZone: 'UTC' });
  const monthDate = (m: string) => new Date(`${m}-01T00:00:00Z`);
  const monthLabel = (m: string) => monthName.format(monthDate(m));
  const axisMonth = (m: string) => monthShort.format(monthDate(m));
  const months = stats.byMonth.map((m) => m.month);

  const sections: string[] = [totalsHtml(stats, lang, count, rupiah)];
  let n = 0;
  const figure = (key: keyof typeof text.figures, chart: (id: string) => string, table: Table, more = '') => {
    const [title, note] = text.figures[key];
    const id = `stats-${++n}`;
    sections.push(
      // A plain section (no accessible name, so no landmark): the table's scroll box is the named region.
      `<section class="stats-figure">` +
        `<h2 id="${id}-h">${escapeHtml(title)}</h2><p class="stats-note">${escapeHtml(note)}</p>` +
        (more && `<p class="stats-note" data-partial-month>${escapeHtml(more)}</p>`) +
        chart(`${id}-t`) +
        tableHtml(table, text.numbers, title, text.noData) +
        '</section>',
    );
  };
  const countedTable = (rowHeading: string, prefix: string, keys: readonly string[], labels: string[], values: Array<{ reports: Cell; identifiers?: Cell }>): Table => ({
    rowHeading,
    rows: labels,
    columns: [
      { heading: text.reports, path: (i) => `${prefix}.${keys[i]}.reports`, value: (i) => values[i]!.reports, format: count },
      ...(values[0]?.identifiers !== undefined
        ? [{ heading: text.identifiers, path: (i: number) => `${prefix}.${keys[i]}.identifiers`, value: (i: number) => values[i]!.identifiers!, format: count }]
        : []),
    ],
  });
  const bars = (labels: string[], values: Array<{ reports: Cell }>): Bar[] => labels.map((label, i) => ({ label, value: values[i]!.reports }));

  const kindLabels = IDENTIFIER_TYPES.map((k) => KIND_LABELS[lang][k]);
  // Statistics published before a kind existed have no row for it: none of its reports, then.
  const kinds = IDENTIFIER_TYPES.map((k) => stats.byKind[k] ?? { reports: 0, identifiers: 0 });
  figure('byKind', (id) => barChart(text.figures.byKind[0], bars(kindLabels, kinds), count, id), countedTable(text.kind, 'byKind', IDENTIFIER_TYPES, kindLabels, kinds));

  const categoryLabels = REPORT_CATEGORIES.map((c) => CATEGORY_LABELS[lang][c]!);
  const categories = REPORT_CATEGORIES.map((c) => stats.byCategory[c]);
  figure('byCategory', (id) => barChart(text.figures.byCategory[0], bars(categoryLabels, categories), count, id), countedTable(text.category, 'byCategory', REPORT_CATEGORIES, categoryLabels, categories));

  const channelKeys = [...REPORT_CHANNELS, 'unknown'] as const;
  const channelLabels = channelKeys.map((c) => (c === 'unknown' ? text.unknown : CHANNEL_LABELS[lang][c]!));
  const channels = channelKeys.map((c) => stats.byChannel[c]);
  figure('byChannel', (id) => barChart(text.figures.byChannel[0], bars(channelLabels, channels), count, id), countedTable(text.channel, 'byChannel', channelKeys, channelLabels, channels));

  if (stats.byBank.length > 0) {
    const bankLabels = stats.byBank.map((b) => (b.bank === 'other' ? text.other : b.name));
    const bankKeys = stats.byBank.map((_, i) => String(i));
    figure('byBank', (id) => barChart(text.figures.byBank[0], bars(bankLabels, stats.byBank), count, id), countedTable(text.bank, 'byBank', bankKeys, bankLabels, stats.byBank));
  }
  const providerLabels = stats.byProvider.map((p) => p.name);
  figure(
    'byProvider',
    (id) => barChart(text.figures.byProvider[0], bars(providerLabels, stats.byProvider), count, id),
    countedTable(text.provider, 'byProvider', stats.byProvider.map((_, i) => String(i)), providerLabels, stats.byProvider),
  );

  const monthTable = (columns: Column[]): Table => ({ rowHeading: text.month, rows: months.map(monthLabel), columns });
  // A month with no data is not a month with zero: with no reports it has no loss to sum (the JSON's 0), and with no
  // loss stated no median (0 there too). Such a figure is a gap in its line and "tidak ada data" in its table; a
  // count line breaks at a month without reports too, so the last, unfinished months do not read as fraud collapsing.
  const noReports = (m: MonthFigures) => m.reports === 0;
  const hasData: Record<'reports' | 'identifiers' | 'lossIdr' | 'medianLossIdr', (m: MonthFigures) => boolean> = {
    reports: (m) => !noReports(m),
    identifiers: (m) => !noReports(m),
    lossIdr: (m) => !noReports(m),
    medianLossIdr: (m) => !noReports(m) && m.lossIdr !== 0,
  };
  const monthly = (key: keyof typeof hasData, heading: string, format: Format, countsZero = false): Column => ({
    heading,
    path: (i) => `byMonth.${i}.${key}`,
    value: (i) => (countsZero || hasData[key](stats.byMonth[i]!) ? stats.byMonth[i]![key] : NO_DATA),
    format,
  });
  const drawn = (key: keyof typeof hasData): Series['values'] => stats.byMonth.map((m) => (hasData[key](m) ? m[key] : null));
  const series = (name: string, values: Series['values']): Series => ({ name, values });
  const newest = months.at(-1);
  const partial = newest ? text.partial.replace('{month}', monthLabel(newest)).replace('{date}', formatDate(stats.snapshot.generatedAt, lang)) : '';
  figure(
    'byMonth',
    (id) =>
      lineChart(
        text.figures.byMonth[0],
        months,
        axisMonth,
        [series(text.reports, drawn('reports')), series(text.newIdentifiers, drawn('identifiers'))],
        count,
        id,
      ),
    // A count of 0 is a fact (no verified report that month): the table says 0, the chart leaves the month out.
    monthTable([monthly('reports', text.reports, count, true), monthly('identifiers', text.newIdentifiers, count, true)]),
    partial,
  );
  figure(
    'lossTotal',
    (id) => lineChart(text.figures.lossTotal[0], months, axisMonth, [series(text.totalLoss, drawn('lossIdr'))], axisRupiah, id),
    monthTable([monthly('lossIdr', text.totalLoss, rupiah)]),
    partial,
  );
  figure(
    'lossMedian',
    (id) => lineChart(text.figures.lossMedian[0], months, axisMonth, [series(text.medianLoss, drawn('medianLossIdr'))], axisRupiah, id),
    monthTable([monthly('medianLossIdr', text.medianLoss, rupiah)]),
    partial,
  );

  const { moderation } = stats;
  if (moderation.source === null) {
    sections.push(`<p class="stats-note" data-no-moderation>${escapeHtml(text.noModeration)}</p>`);
  } else {
    const mod = moderation.byMonth;
    const modMonths = mod.map((m) => m.month);
    // As for the report months: a month in which moderation saw nothing at all (no report received or decided, no
    // dispute) is a month without data, most often one before the moderation database's history starts, not a
    // month of zero. Its lines break there; its table keeps the counts' 0 (a fact) and says "tidak ada data" for the
    // median days of no decision (null in the JSON).
    const quiet = (m: ModerationMonth) => [m.received, m.verified, m.rejected, m.disputesReceived, m.disputesAccepted].every((v) => v === 0);
    const modDrawn = (key: Exclude<keyof ModerationMonth, 'month'>): Series['values'] => mod.map((m) => (quiet(m) ? null : m[key]));
    const moderated = (key: Exclude<keyof ModerationMonth, 'month'>, heading: string, format: Format): Column => ({
      heading,
      path: (i) => `moderation.byMonth.${i}.${key}`,
      value: (i) => mod[i]![key] ?? NO_DATA,
      format,
    });
    const modTable = (columns: Column[]): Table => ({ rowHeading: text.month, rows: modMonths.map(monthLabel), columns });
    figure(
      'moderation',
      (id) =>
        lineChart(
          text.figures.moderation[0],
          modMonths,
          axisMonth,
          [series(text.received, modDrawn('received')), series(text.verified, modDrawn('verified')), series(text.rejected, modDrawn('rejected'))],
          count,
          id,
        ),
      modTable([moderated('received', text.received, count), moderated('verified', text.verified, count), moderated('rejected', text.rejected, count)]),
    );
    figure(
      'decisionDays',
      (id) => lineChart(text.figures.decisionDays[0], modMonths, axisMonth, [series(text.medianDays, modDrawn('medianDaysToDecision'))], days, id),
      modTable([moderated('medianDaysToDecision', text.medianDays, days)]),
    );
    figure(
      'disputes',
      (id) =>
        lineChart(
          text.figures.disputes[0],
          modMonths,
          axisMonth,
          [series(text.disputesReceived, modDrawn('disputesReceived')), series(text.disputesAccepted, modDrawn('disputesAccepted'))],
          count,
          id,
        ),
      modTable([moderated('disputesReceived', text.disputesReceived, count), moderated('disputesAccepted', text.disputesAccepted, count)]),
    );
  }
  return sections.join('');
}

function totalsHtml(stats: Stats, lang: Lang, count: Format, rupiah: Format): string {
  const text = TEXT[lang];
  const fact = (label: string, path: string, value: Cell, format: Format) =>
    `<div class="stats-total"><dt>${escapeHtml(label)}</dt><dd data-stat="${path}">${escapeHtml(cellText(value, format))}</dd></div>`;
  return (
    `<section class="stats-figure"><h2 id="stats-totals-h">${escapeHtml(text.totals)}</h2><dl class="stats-totals">` +
    fact(text.reports, 'totals.reports', stats.totals.reports, count) +
    fact(text.identifiers, 'totals.identifiers', stats.totals.identifiers, count) +
    fact(text.loss, 'totals.lossIdr', stats.totals.lossIdr, rupiah) +
    '</dl></section>'
  );
}

function tableHtml(table: Table, summary: string, caption: string, noData: string): string {
  const head = `<tr><th scope="col">${escapeHtml(table.rowHeading)}</th>${table.columns.map((c) => `<th scope="col">${escapeHtml(c.heading)}</th>`).join('')}</tr>`;
  const body = table.rows
    .map(
      (row, i) =>
        `<tr><th scope="row">${escapeHtml(row)}</th>${table.columns
          .map((c) => {
            const value = c.value(i);
            return `<td data-stat="${escapeHtml(c.path(i))}"${value === NO_DATA ? ' data-no-data' : ''}>${escapeHtml(cellText(value, c.format, noData))}</td>`;
          })
          .join('')}</tr>`,
    )
    .join('');
  return (
    `<details class="stats-table"><summary>${escapeHtml(summary)}</summary>` +
    `<div class="stats-table__scroll" role="region" aria-label="${escapeHtml(caption)}" tabindex="0">` +
    `<table><caption>${escapeHtml(caption)}</caption><thead>${head}</thead><tbody>${body}</tbody></table></div></details>`
  );
}

/** A figure the JSON holds as 0 but that has no data behind it (see statsToHtml). */
const NO_DATA = Symbol('no data');

/** A cell as shown: the number formatted, "< 5" as it is, a dash for no value, `noData` for a month with no data. */
function cellText(value: Cell | number | null | typeof NO_DATA, format: Format, noData = ''): string {
  if (value === NO_DATA) return noData;
  if (value === null) return '–';
  return value === SUPPRESSED ? SUPPRESSED : format(value);
}
