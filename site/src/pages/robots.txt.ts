// /robots.txt: every page may be crawled except moderation (the page and its
// API answer nobody without a moderator's sign-in anyway); the Sitemap line
// names /sitemap.xml. Written at build time rather than kept in site/public/:
// robots.txt wants the sitemap's absolute address, and its origin is Astro's
// `site` (SITE_URL, else the local server: site/build/site-url.ts), as in the
// sitemap itself, so a static file would point one of the two builds at the
// wrong host.
import type { APIRoute } from 'astro';

export const GET: APIRoute = ({ site }) =>
  new Response(
    ['User-agent: *', 'Allow: /', 'Disallow: /admin/', 'Disallow: /api/v1/admin/', '', `Sitemap: ${new URL('/sitemap.xml', site).href}`, ''].join('\n'),
    { headers: { 'Content-Type': 'text/plain; charset=utf-8' } },
  );
