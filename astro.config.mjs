// @ts-check
import { defineConfig } from 'astro/config';

// The site lives in site/; the Worker serves the build from dist/ as static assets.
export default defineConfig({
  srcDir: './site/src',
  publicDir: './site/public',
  outDir: './dist',
  site: process.env.SITE_URL ?? 'http://127.0.0.1:8787',
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
});
