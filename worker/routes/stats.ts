// The open statistics (docs/api.md, "Open statistics"): GET /api/v1/stats (JSON),
// /statistik/data.csv (one tidy table) and the page /statistik/ (/en/statistics/),
// all from the live version's figures (stats/stats-source.ts). The JSON and the
// CSV are public and cached per version (the version is their ETag); the page is
// the site's built shell with the figures drawn in by HTMLRewriter as SVG and
// tables (presentation/stats-view.ts): no script, nothing from elsewhere.
import { STATS_PAGES } from '../core/pages.ts';
import { RETRY_AFTER_SECONDS, snapshotResponse, toApiError } from '../http.ts';
import type { SnapshotSource } from '../lookup/snapshot-source.ts';
import { formatDate } from '../presentation/result-view.ts';
import { statsToHtml } from '../presentation/stats-view.ts';
import { statsToCsv } from '../stats/stats-csv.ts';
import { liveStats } from '../stats/stats-source.ts';
import type { Lang } from '../core/lang.ts';

const PAGE_CACHE_SECONDS = 300;

export async function handleStatsApi(request: Request, source: SnapshotSource, kv: KVNamespace): Promise<Response> {
  const stats = await liveStats(source, kv);
  return snapshotResponse(request, stats.snapshot.version, 'stats', () => stats);
}

export async function handleStatsCsv(request: Request, source: SnapshotSource, kv: KVNamespace): Promise<Response> {
  const stats = await liveStats(source, kv);
  const { version } = stats.snapshot;
  const json = await snapshotResponse(request, version, 'stats', () => null);
  const headers = new Headers(json.headers);
  headers.set('Content-Type', 'text/csv; charset=utf-8');
  headers.set('Content-Disposition', `inline; filename="cekdulu-statistik-${version}.csv"`);
  return new Response(json.status === 304 ? null : statsToCsv(stats), { status: json.status, headers });
}

/** The page in the path's language: the built shell, its [data-stats] filled with the figures, [data-stats-date] and [data-stats-version] with the snapshot's date and version. */
export async function handleStatsPage(request: Request, assets: Fetcher, source: SnapshotSource, kv: KVNamespace): Promise<Response> {
  const url = new URL(request.url);
  const lang: Lang = url.pathname.startsWith('/en/') ? 'en' : 'id';
  const page = await assets.fetch(new Request(new URL(STATS_PAGES[lang], url)));
  if (!page.ok) return page;
  const headers = new Headers(page.headers);
  let html: string;
  let date: string;
  let version: string;
  try {
    const stats = await liveStats(source, kv);
    html = statsToHtml(stats, lang);
    date = formatDate(stats.snapshot.generatedAt, lang);
    version = stats.snapshot.version;
  } catch (err) {
    // The shell says the figures are unavailable; the status says so too.
    const error = toApiError(err);
    headers.set('Cache-Control', 'no-store');
    if (error.status === 503) headers.set('Retry-After', RETRY_AFTER_SECONDS);
    return new Response(page.body, { status: error.status, headers });
  }
  headers.set('Cache-Control', `public, max-age=${PAGE_CACHE_SECONDS}`);
  headers.set('X-Snapshot-Version', version);
  const rewriter = new HTMLRewriter()
    .on('[data-stats]', {
      element(el) {
        el.setInnerContent(html, { html: true });
      },
    })
    .on('[data-stats-updated]', {
      element(el) {
        el.removeAttribute('hidden');
      },
    })
    .on('[data-stats-date]', {
      element(el) {
        el.setInnerContent(date);
      },
    })
    .on('[data-stats-version]', {
      element(el) {
        el.setInnerContent(version);
      },
    });
  return rewriter.transform(new Response(page.body, { status: 200, headers }));
}
