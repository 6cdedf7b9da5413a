// What the Worker reads from its environment that wrangler.toml does not
// declare, so `wrangler types` (worker-configuration.d.ts, generated) cannot
// type it: secrets (`wrangler secret put`) and optional vars (`--var`, tests).
// Not listed under wrangler.toml's `[secrets] required` instead, because that
// makes each one mandatory (a deploy fails while one is unset, yet ADMIN_TOKEN
// must stay unset in production) and stops .dev.vars passing any other name.
interface WorkerSecretsAndOptionalVars {
  /** How long an isolate trusts its copy of the live pointer; default 30. */
  LIVE_POINTER_TTL_SECONDS?: string;
  /** Records, and as many range answers, each isolate keeps for the live version (default 5,000); "0" reads KV every time (benchmarks). */
  RECORD_CACHE_ENTRIES?: string;
  /** Turnstile secret; only "disabled" turns the bot check off (local and tests); unset refuses submissions. */
  TURNSTILE_SECRET?: string;
  /** Local moderation: `Authorization: Bearer <ADMIN_TOKEN>`. Leave unset in production. */
  ADMIN_TOKEN?: string;
  /** Cloudflare Access in production: the team domain (`team.cloudflareaccess.com`) and the application's AUD tag. */
  ACCESS_TEAM_DOMAIN?: string;
  ACCESS_AUD?: string;
  /**
   * Keys the HMAC of reporters' contacts and networks (worker/admin/reporter-signals.ts).
   * Production: `wrangler secret put REPORTER_HASH_KEY` (32+ random bytes, never in wrangler.toml);
   * locally npm start, the e2e server and vitest pass a dev value. Unset: no hashes are stored.
   */
  REPORTER_HASH_KEY?: string;
  /**
   * The chat bots (worker/bots/, docs/operations.md "Chat bots"); each bot refuses every delivery (401)
   * while its secret is unset. Production: `wrangler secret put` each; npm start passes dev values.
   * TELEGRAM_WEBHOOK_SECRET is setWebhook's secret_token (Telegram sends it back in X-Telegram-Bot-Api-Secret-Token).
   */
  TELEGRAM_BOT_TOKEN?: string;
  TELEGRAM_WEBHOOK_SECRET?: string;
  /** The bot's @username without the @: in group chats it answers only when mentioned or replied to. */
  TELEGRAM_BOT_USERNAME?: string;
  /** The Meta app's secret: the key of X-Hub-Signature-256 on every WhatsApp delivery. */
  WHATSAPP_APP_SECRET?: string;
  /** What Meta's verification request must carry in hub.verify_token. */
  WHATSAPP_VERIFY_TOKEN?: string;
  WHATSAPP_ACCESS_TOKEN?: string;
  WHATSAPP_PHONE_NUMBER_ID?: string;
}

// The Worker's own `Env` and the one `env` from "cloudflare:workers" has (tests).
interface Env extends WorkerSecretsAndOptionalVars {}
declare namespace Cloudflare {
  interface Env extends WorkerSecretsAndOptionalVars {}
}
