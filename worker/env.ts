// The Worker's bindings (wrangler.toml).
export interface Env {
  /** Snapshots published by the nightly job (worker/core/snapshot-layout.ts). */
  SNAPSHOTS: KVNamespace;
  /** The built Astro site (dist/). */
  ASSETS: Fetcher;
  /** How long an isolate trusts its copy of the live pointer; default 30. */
  LIVE_POINTER_TTL_SECONDS?: string;
  /** Per-client limit on lookups (wrangler.toml [[ratelimits]]). */
  LOOKUP_LIMITER?: RateLimit;
  /** "off" turns rate limiting off (local benchmarks and load tests only). */
  RATE_LIMITS?: string;
}
