// The Worker's bindings (wrangler.toml).
export interface Env {
  /** Snapshots published by the nightly job (worker/core/snapshot-layout.ts). */
  SNAPSHOTS: KVNamespace;
  /** The built Astro site (dist/). */
  ASSETS: Fetcher;
  /** How long an isolate trusts its copy of the live pointer; default 30. */
  LIVE_POINTER_TTL_SECONDS?: string;
}
