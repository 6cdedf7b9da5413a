// The built site (dist/) that some benches need: the Worker's bundle
// (`wrangler deploy --dry-run` refuses a missing [assets] directory), the soak's
// server and the page weights. A bench builds it rather than stopping, so each
// one runs on a fresh clone.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** Runs `astro build` (always, or only when dist/index.html is missing) in the repository root. */
export function buildSite(when: 'always' | 'if-missing'): void {
  if (when === 'if-missing' && existsSync(`${ROOT}dist/index.html`)) return;
  process.stderr.write('building the site (npx astro build)…\n');
  execFileSync('npx', ['astro', 'build', '--silent'], { cwd: ROOT, stdio: ['ignore', 'inherit', 'inherit'] });
}
