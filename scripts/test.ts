// npm test: every check, in the order that fails fastest. Typecheck, build the
// site, bundle the Worker as a deploy would (catches config errors) and check it
// fits the Free plan, then every
// test layer (unit and property, Worker in workerd, browser) in one vitest run.
// Extra arguments go to vitest, e.g. `npm test -- --project unit`.
import './dev/offline.ts';
import { run } from './dev/processes.ts';

const vitestArgs = process.argv.slice(2);
try {
  // worker-configuration.d.ts (Env) matches wrangler.toml; `npm run types` regenerates it.
  // Runtime types stay @cloudflare/workers-types' (--include-runtime false); vars are
  // typed string, not their literal value (--strict-vars false: RATE_LIMITS is "on"
  // in wrangler.toml and "off" by --var); /dev/null instead of .dev.vars, so a
  // developer's local secrets do not change the file (worker/env-secrets.d.ts types them).
  await run('npx', ['wrangler', 'types', '--check']);
  await run('npx', ['tsc', '--noEmit', '-p', 'tsconfig.json']);
  // No unused files, dependencies or exports (knip.jsonc).
  await run('npx', ['knip']);
  // astro sync writes the content collections' types that the site's typecheck needs.
  await run('npx', ['astro', 'sync']);
  // The site's typecheck: what tsc checks for site/tsconfig.json, and the .astro files too.
  await run('npx', ['astro', 'check', '--tsconfig', 'site/tsconfig.json']);
  await run('npx', ['astro', 'build', '--silent']);
  await run('npx', ['wrangler', 'deploy', '--dry-run', '--outdir', '.wrangler/dry-run']);
  await run('npm', ['run', '--silent', 'check-bundle']);
  if (vitestArgs.length > 0) {
    await run('npx', ['vitest', 'run', ...vitestArgs]);
  } else {
    // The browser layer after the others: on a 2-core machine the servers, Chromium
    // and the soak load would otherwise compete with the workerd pool.
    await run('npx', ['vitest', 'run', '--project', 'unit', '--project', 'worker']);
    await run('npx', ['vitest', 'run', '--project', 'e2e']);
  }
} catch (err) {
  console.error(`\nnpm test: ${(err as Error).message}`);
  process.exit(1);
}
