// Astro's `site`: the origin of every absolute address the build writes (the
// canonical link, og:url, hreflang alternates, the sitemap). One setting,
// SITE_URL, the public origin in production (e.g. https://cekdulu.id); without
// it the local server `npm start` runs, http://127.0.0.1:${PORT || 8787}, so a
// local build's links work locally. docs/operations.md (deploying) says to set it.

interface SiteEnv {
  SITE_URL?: string | undefined;
  PORT?: string | undefined;
}

export function siteUrl(env: SiteEnv): string {
  const configured = env.SITE_URL?.trim();
  if (!configured) return `http://127.0.0.1:${env.PORT?.trim() || '8787'}`;
  let url: URL;
  try {
    url = new URL(configured);
  } catch {
    throw new Error(`SITE_URL must be an absolute address such as https://cekdulu.id, not "${configured}"`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error(`SITE_URL must be http(s), not ${url.protocol}`);
  // The site is served from the root of its origin (every page's path starts with /).
  if (url.pathname !== '/' || url.search || url.hash) throw new Error(`SITE_URL must be an origin without a path, not "${configured}"`);
  return url.origin;
}
