// The Worker's bindings (wrangler.toml).
export interface Env {
  /** Snapshots published by the nightly job (worker/core/snapshot-layout.ts). */
  SNAPSHOTS: KVNamespace;
  /** The built Astro site (dist/). */
  ASSETS: Fetcher;
  /** How long an isolate trusts its copy of the live pointer; default 30. */
  LIVE_POINTER_TTL_SECONDS?: string;
  /** Records, and as many range answers, each isolate keeps for the live version (default 5,000); "0" reads KV every time (benchmarks). */
  RECORD_CACHE_ENTRIES?: string;
  /** Per-client limit on lookups (wrangler.toml [[ratelimits]]). */
  LOOKUP_LIMITER?: RateLimit;
  /** Lookups counted per partner site (worker/partner-usage.ts). */
  PARTNER_USAGE?: AnalyticsEngineDataset;
  /** "off" turns rate limiting off (local benchmarks and load tests only). */
  RATE_LIMITS?: string;
  /** Reports, evidence metadata, disputes, audit log (migrations/). */
  DB: D1Database;
  /** Evidence files attached to reports. */
  EVIDENCE: R2Bucket;
  /** Per-client limit on report and dispute submissions (wrangler.toml [[ratelimits]]). */
  REPORT_LIMITER?: RateLimit;
  /** Turnstile secret; only "disabled" turns the bot check off (local and tests); unset refuses submissions. */
  TURNSTILE_SECRET?: string;
  /** Local moderation: `Authorization: Bearer <ADMIN_TOKEN>`. Leave unset in production. */
  ADMIN_TOKEN?: string;
  /** Cloudflare Access in production: the team domain (`team.cloudflareaccess.com`) and the application's AUD tag. */
  ACCESS_TEAM_DOMAIN?: string;
  ACCESS_AUD?: string;
}
