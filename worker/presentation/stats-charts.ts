// The open statistics' charts as SVG markup, drawn on the server: horizontal
// bars (categories, channels, banks) and lines over months. Scales, ticks and
// paths come from d3-scale and d3-shape; this module only places text and
// shapes. Every value is written beside its bar or named in the line's label,
// never shown by colour alone; the palette is Okabe–Ito's (colour-blind safe)
// and a second or third line is also dashed. Every text is escaped.
//
// Sized for a phone: the viewBox is 340 units wide and the SVG scales to its
// column (at most 40rem, stats-page CSS), so text stays at about 13 px at 360 px.
import { scaleLinear, scalePoint } from 'd3-scale';
import { line } from 'd3-shape';
import { SUPPRESSED, type Cell } from '../stats/stats-types.ts';
import { escapeHtml } from './result-view.ts';

const WIDTH = 340;
const FONT = 13;
const TEXT = '#0b0c0c';
const GRID = '#b1b4b6';
/** Okabe–Ito: blue, vermillion, bluish green (all ≥ 3:1 against white). */
const SERIES_COLOURS = ['#0072b2', '#d55e00', '#009e73'] as const;
const DASHES = ['', '6 3', '2 3'] as const;

export interface Bar {
  label: string;
  value: Cell;
}

export interface Series {
  name: string;
  values: Array<number | typeof SUPPRESSED | null>;
}

/** How a number is written on the chart (and in its table). */
export type Format = (n: number) => string;

/** Horizontal bars, one row per item: its label above, the bar, and its value at the bar's end. */
export function barChart(title: string, bars: readonly Bar[], format: Format, id: string): string {
  const ROW = 42;
  const valueSpace = 84;
  const numbers = bars.map((b) => (typeof b.value === 'number' ? b.value : 0));
  const x = scaleLinear()
    .domain([0, Math.max(1, ...numbers)])
    .range([0, WIDTH - valueSpace]);
  const height = bars.length * ROW + 4;
  const rows = bars.map((bar, i) => {
    const top = i * ROW;
    const shown = typeof bar.value === 'number' ? format(bar.value) : bar.value;
    const width = typeof bar.value === 'number' && bar.value > 0 ? Math.max(2, x(bar.value)) : 0;
    return (
      `<text x="0" y="${top + 14}" font-size="${FONT}" fill="${TEXT}">${escapeHtml(bar.label)}</text>` +
      (width > 0 ? `<rect x="0" y="${top + 19}" width="${round(width)}" height="16" fill="${SERIES_COLOURS[0]}"/>` : '') +
      `<text x="${round(width + 6)}" y="${top + 32}" font-size="${FONT}" font-weight="bold" fill="${TEXT}">${escapeHtml(shown)}</text>`
    );
  });
  return svg(title, id, height, rows.join(''));
}

/** Lines over months: y ticks from the scale, a month label every six months, each line named at its end. */
export function lineChart(title: string, months: readonly string[], monthLabel: (month: string) => string, series: readonly Series[], format: Format, id: string): string {
  const legendRows = series.length;
  const top = 8 + legendRows * 20;
  const bottom = 28;
  // Room for the widest tick label on the left ("Rp 200 jt") and half the last month's on the right.
  const left = 66;
  const right = 22;
  const height = 230 + legendRows * 20;
  const numbers = series.flatMap((s) => s.values.filter((v): v is number => typeof v === 'number'));
  const y = scaleLinear()
    .domain([0, Math.max(1, ...numbers)])
    .nice(4)
    .range([height - bottom, top]);
  const x = scalePoint<string>().domain(months).range([left, WIDTH - right]);
  const parts: string[] = [];
  for (const tick of y.ticks(4)) {
    const ty = round(y(tick));
    parts.push(
      `<line x1="${left}" x2="${WIDTH - right}" y1="${ty}" y2="${ty}" stroke="${GRID}" stroke-width="1"/>`,
      `<text x="${left - 6}" y="${ty + 4}" font-size="11" text-anchor="end" fill="${TEXT}">${escapeHtml(format(tick))}</text>`,
    );
  }
  months.forEach((month, i) => {
    if ((months.length - 1 - i) % 6 !== 0) return;
    const tx = round(x(month)!);
    parts.push(
      `<line x1="${tx}" x2="${tx}" y1="${height - bottom}" y2="${height - bottom + 4}" stroke="${TEXT}"/>`,
      `<text x="${tx}" y="${height - bottom + 17}" font-size="11" text-anchor="middle" fill="${TEXT}">${escapeHtml(monthLabel(month))}</text>`,
    );
  });
  parts.push(`<line x1="${left}" x2="${WIDTH - right}" y1="${height - bottom}" y2="${height - bottom}" stroke="${TEXT}"/>`);
  series.forEach((s, i) => {
    const colour = SERIES_COLOURS[i % SERIES_COLOURS.length]!;
    const dash = DASHES[i % DASHES.length]!;
    // A suppressed or missing month breaks the line rather than drawing a guess.
    const path = line<[string, Series['values'][number]]>()
      .defined(([, v]) => typeof v === 'number')
      .x(([m]) => round(x(m)!))
      .y(([, v]) => round(y(v as number)))(months.map((m, j) => [m, s.values[j] ?? null]));
    if (path) parts.push(`<path d="${path}" fill="none" stroke="${colour}" stroke-width="2.5"${dash ? ` stroke-dasharray="${dash}"` : ''}/>`);
    // The legend: the line's own stroke beside its name, above the plot.
    const ly = 8 + i * 20;
    parts.push(
      `<line x1="${left}" x2="${left + 28}" y1="${ly + 6}" y2="${ly + 6}" stroke="${colour}" stroke-width="2.5"${dash ? ` stroke-dasharray="${dash}"` : ''}/>`,
      `<text x="${left + 34}" y="${ly + 10}" font-size="${FONT}" fill="${TEXT}">${escapeHtml(s.name)}</text>`,
    );
  });
  return svg(title, id, height, parts.join(''));
}

function svg(title: string, id: string, height: number, body: string): string {
  return (
    `<svg class="stats-chart" role="img" aria-labelledby="${id}" viewBox="0 0 ${WIDTH} ${height}" width="100%" preserveAspectRatio="xMinYMin meet" font-family="inherit">` +
    `<title id="${id}">${escapeHtml(title)}</title>${body}</svg>`
  );
}

const round = (n: number) => Math.round(n * 10) / 10;
