// /sitemap.xml: every page meant to be found, in both languages, with hreflang
// alternates. Result, outcome, admin and iframe pages are left out on purpose;
// the status page is in: without a reference it is a page of its own, the form.
// Written here rather than by @astrojs/sitemap: its i18n option pairs pages by
// the same path after the locale prefix, and the English pages have their own
// slugs (/lapor/ ↔ /en/report/, /panduan/x/ ↔ /en/guides/x/), so most pages would
// lose their alternates unless a serialize callback re-derived these pairs from
// PAGES; and it writes sitemap-index.xml + sitemap-0.xml, not /sitemap.xml.
import type { APIRoute } from 'astro';
import { getCollection } from 'astro:content';
import { guidePath, PAGES } from '../i18n/index.ts';
import type { Lang } from '../../../worker/core/lang.ts';
import { STATS_PAGES } from '../../../worker/core/pages.ts';

const LISTED = ['home', 'guides', 'report', 'status', 'dispute', 'embed', 'howItWorks', 'privacy'] as const;

export const GET: APIRoute = async ({ site }) => {
  const pages: Array<Record<Lang, string>> = [...LISTED.map((name) => PAGES[name]), STATS_PAGES];
  for (const entry of await getCollection('guides', (e) => e.id.startsWith('id/'))) {
    const slug = entry.id.split('/')[1]!;
    pages.push({ id: guidePath('id', slug), en: guidePath('en', slug) });
  }
  const url = (path: string) => new URL(path, site).href;
  const entries = pages.flatMap((paths) =>
    (['id', 'en'] as const).map(
      (lang) =>
        `  <url><loc>${url(paths[lang])}</loc>` +
        `<xhtml:link rel="alternate" hreflang="id" href="${url(paths.id)}"/>` +
        `<xhtml:link rel="alternate" hreflang="en" href="${url(paths.en)}"/></url>`,
    ),
  );
  const xml = `<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">
${entries.join('\n')}
</urlset>
`;
  return new Response(xml, { headers: { 'Content-Type': 'application/xml; charset=utf-8' } });
};
