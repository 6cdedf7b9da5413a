// /statistik/data.csv: the open statistics as one tidy table, a row per figure
// and dimension (and month): figure, dimension, value, month. `value` is a
// number or "< 5" (stats-types.ts, suppression); dimension and month are empty
// where they do not apply. Dimensions are the JSON's keys (bank codes, provider
// ids, category and channel ids), so the CSV and GET /api/v1/stats join.
import type { Cell, Stats } from './stats-types.ts';

const STATS_CSV_HEADER = 'figure,dimension,value,month';

export function statsToCsv(stats: Stats): string {
  const rows: string[] = [STATS_CSV_HEADER];
  const row = (figure: string, dimension: string, value: Cell | null, month = '') => {
    if (value !== null) rows.push(`${figure},${dimension},${value},${month}`);
  };
  for (const [name, value] of Object.entries(stats.totals)) row(`totals.${name}`, '', value);
  const counted = (figure: string, entries: Array<[string, { reports: Cell; identifiers?: Cell }]>) => {
    for (const [dimension, c] of entries) {
      row(`${figure}.reports`, dimension, c.reports);
      if (c.identifiers !== undefined) row(`${figure}.identifiers`, dimension, c.identifiers);
    }
  };
  counted('byKind', Object.entries(stats.byKind));
  counted('byCategory', Object.entries(stats.byCategory));
  counted('byChannel', Object.entries(stats.byChannel));
  counted('byBank', stats.byBank.map((b) => [b.bank, b]));
  counted('byProvider', stats.byProvider.map((p) => [p.provider, p]));
  for (const { month, ...figures } of stats.byMonth) {
    for (const [name, value] of Object.entries(figures)) row(`byMonth.${name}`, '', value, month);
  }
  for (const { month, ...figures } of stats.moderation.byMonth) {
    for (const [name, value] of Object.entries(figures)) row(`moderation.${name}`, '', value, month);
  }
  return `${rows.join('\r\n')}\r\n`;
}
