// The site's pages the Worker fills in itself (wrangler.toml run_worker_first),
// in each language: one list for the Worker's routes and the site's links.
import type { Lang } from './lang.ts';

/** The lookup's result page, filled in for `?type=…&value=…` without JavaScript. */
export const RESULT_PAGES = { id: '/cek/', en: '/en/check/' } as const satisfies Record<Lang, string>;

/** A report's or a dispute's status, filled in for `?ref=…`. */
export const STATUS_PAGES = { id: '/lapor/status/', en: '/en/report/status/' } as const satisfies Record<Lang, string>;

/** The privacy notice: what is kept about reporters and listed owners, for how long, and their rights. */
export const PRIVACY_PAGES = { id: '/privasi/', en: '/en/privacy/' } as const satisfies Record<Lang, string>;

/** How a report becomes a listing and how a listing ends (linked from every result). */
export const HOW_IT_WORKS_PAGES = { id: '/cara-kerja/', en: '/en/how-it-works/' } as const satisfies Record<Lang, string>;

/** The open statistics, drawn in by the Worker from the live version's figures. */
export const STATS_PAGES = { id: '/statistik/', en: '/en/statistics/' } as const satisfies Record<Lang, string>;

/** The open statistics as one tidy CSV table (the Worker writes it from the live version's figures). */
export const STATS_CSV_PATH = '/statistik/data.csv';
