// globalSetup of the Worker tests (in Node, before any test file runs). The pages
// the Worker fills — result, status, forms, statistics — come from the built
// site, dist/, through the ASSETS binding; without it they are 404s (e.g.
// tests/worker/check-page-text.test.ts). `npm test` builds the site before
// vitest, so here it is already there and nothing happens; running one file on a
// fresh clone builds it once, as the benches do (scripts/bench/built-site.ts).
// A site changed since the last build is not rebuilt: `npx astro build` then.
import { buildSite } from '../../scripts/bench/built-site.ts';

export default function setup(): void {
  buildSite('if-missing');
}
