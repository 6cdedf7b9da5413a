// @ts-check
import { defineConfig } from 'astro/config';
import { loadEnv } from 'vite';
import { writeEmbedFiles } from './site/build/embed-bundle.ts';
import { writeOcrFiles } from './site/build/ocr-assets.ts';
import { writeServiceWorker } from './site/build/service-worker-bundle.ts';
import { siteUrl } from './site/build/site-url.ts';
import { turnstileHeaders } from './site/build/turnstile-headers.ts';

/**
 * The <cek-dulu> widget as one self-contained script (site/build/embed-bundle.ts):
 * dist/embed.js, always the latest v1, and dist/embed/v1.js for partners who pin
 * a version (docs/embed.md, "Compatibility promise and caching"); this release
 * under its own immutable address for Subresource Integrity,
 * dist/embed/v/<hash>/embed.js. Its private check, the ES module the widget
 * imports only when a visitor asks for one, under its own immutable address,
 * dist/embed/v/<its hash>/private.js, which the widget names (so a pinned widget
 * loads only pinned code), and as dist/embed/private.js and
 * dist/embed/v1/private.js for widgets built before that (docs/embed.md).
 */
const embedWidget = {
  name: 'cekdulu-embed',
  hooks: {
    'astro:build:done': ({ dir }) => writeEmbedFiles(dir.pathname),
  },
};

/**
 * With a Turnstile site key the report and dispute forms carry the widget, so
 * their CSP must allow Turnstile's origin (site/build/turnstile-headers.ts);
 * without one nothing is added.
 */
const turnstileCsp = {
  name: 'cekdulu-turnstile-csp',
  hooks: {
    'astro:build:done': async ({ dir }) => {
      // The same key the pages see: the environment, or a .env file (Vite's rules, as Astro reads them).
      const rules = turnstileHeaders(loadEnv(process.env.NODE_ENV ?? 'production', process.cwd(), 'PUBLIC_').PUBLIC_TURNSTILE_SITE_KEY);
      if (!rules) return;
      const { appendFile } = await import('node:fs/promises');
      await appendFile(new URL('_headers', dir), rules);
    },
  },
};

/**
 * The in-browser picture reader's engine and trained data, copied from
 * node_modules to dist/ocr/<tesseract.js version>/ (site/build/ocr-assets.ts):
 * served from CekDulu's origin, never a CDN, and fetched only when a picture is read.
 */
const ocrFiles = {
  name: 'cekdulu-ocr-files',
  hooks: {
    'astro:build:done': ({ dir }) => writeOcrFiles(dir.pathname),
  },
};

/**
 * The service worker (site/build/service-worker-bundle.ts): dist/sw.js, which
 * answers the share target on the phone and keeps only the files that never
 * change (the hashed build files and the picture reader's engine and data).
 */
const serviceWorker = {
  name: 'cekdulu-service-worker',
  hooks: {
    'astro:build:done': ({ dir }) => writeServiceWorker(dir.pathname),
  },
};

// The site lives in site/; the Worker serves the build from dist/ as static assets.
export default defineConfig({
  srcDir: './site/src',
  publicDir: './site/public',
  outDir: './dist',
  // Canonical, og:url, hreflang and sitemap addresses: SITE_URL, or the local server (site/build/site-url.ts).
  site: siteUrl(process.env),
  trailingSlash: 'always',
  // No inline <style> or <script> in the built pages, so a strict CSP without
  // 'unsafe-inline' can apply: stylesheets always external, and no asset (the
  // client script included) inlined however small.
  build: { format: 'directory', inlineStylesheets: 'never' },
  vite: { build: { assetsInlineLimit: 0 } },
  i18n: {
    locales: ['id', 'en'],
    defaultLocale: 'id',
    routing: { prefixDefaultLocale: false },
  },
  devToolbar: { enabled: false },
  integrations: [embedWidget, ocrFiles, serviceWorker, turnstileCsp],
});
