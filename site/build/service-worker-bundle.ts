// Bundles the site's service worker (site/src/service-worker/service-worker.ts)
// into one classic script, dist/sw.js, with esbuild, as the widget is bundled
// (embed-bundle.ts). It lives at the root so its scope is the whole site (the
// share target's /cek/ included) without a Service-Worker-Allowed header.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { build } from 'esbuild';

const SERVICE_WORKER_ENTRY = 'site/src/service-worker/service-worker.ts';

/** The service worker's source as served: minified, self-contained, no imports left. */
async function serviceWorkerSource(): Promise<string> {
  const result = await build({
    entryPoints: [SERVICE_WORKER_ENTRY],
    bundle: true,
    minify: true,
    format: 'iife',
    target: 'es2022',
    legalComments: 'none',
    write: false,
    outdir: 'sw-out', // nothing is written there: write is false
  });
  return result.outputFiles[0]!.text;
}

export async function writeServiceWorker(distDir: string): Promise<void> {
  await writeFile(join(distDir, 'sw.js'), await serviceWorkerSource());
}
