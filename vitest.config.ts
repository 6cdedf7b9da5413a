import { cloudflareTest, readD1Migrations } from '@cloudflare/vitest-plugin';
import { defineConfig } from 'vitest/config';

// Three layers (STYLE 7): pure modules and scripts in Node; the Worker inside
// workerd with real KV; the built site in Chromium against a running server.
// Timeouts are generous on purpose: nothing here is a timed test (speed is
// measured in `npm run bench…`), and CI's 2-core machine runs the layers side by side.
const SLOW_MACHINE_MS = 30_000;

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          environment: 'node',
          include: ['tests/unit/**/*.test.ts'],
          testTimeout: SLOW_MACHINE_MS,
        },
      },
      {
        plugins: [
          cloudflareTest(async () => ({
            wrangler: { configPath: './wrangler.toml' },
            // Re-read the live pointer on every request so tests see what they publish at once.
            // TEST_MIGRATIONS: the D1 migrations, applied by tests/worker/apply-migrations.ts.
            // ADMIN_TOKEN: the local moderation token the admin tests send.
            // TURNSTILE_SECRET: Turnstile fails closed without a secret; "disabled" is the explicit local off.
            miniflare: {
              bindings: {
                LIVE_POINTER_TTL_SECONDS: '0',
                TEST_MIGRATIONS: await readD1Migrations('./migrations'),
                ADMIN_TOKEN: 'test-admin-token',
                // CONTRACT_GOLDEN=print: tests/worker/contract-golden.test.ts logs the answers it records.
                CONTRACT_GOLDEN: process.env.CONTRACT_GOLDEN ?? '',
                TURNSTILE_SECRET: 'disabled',
                // A test-only key for the reporter hashes (production: `wrangler secret put REPORTER_HASH_KEY`).
                REPORTER_HASH_KEY: 'test-reporter-hash-key',
                // The chat bots' test secrets (worker/bots/); their API bases stay wrangler.toml's, and every test stubs fetch.
                TELEGRAM_BOT_TOKEN: '123456:test-telegram-bot-token',
                TELEGRAM_WEBHOOK_SECRET: 'test-telegram-secret',
                TELEGRAM_BOT_USERNAME: 'CekDuluTestBot',
                WHATSAPP_APP_SECRET: 'test-whatsapp-app-secret',
                WHATSAPP_VERIFY_TOKEN: 'test-whatsapp-verify-token',
                WHATSAPP_ACCESS_TOKEN: 'test-whatsapp-access-token',
                WHATSAPP_PHONE_NUMBER_ID: '1000000001',
              },
            },
          })),
        ],
        test: {
          name: 'worker',
          include: ['tests/worker/**/*.test.ts'],
          testTimeout: SLOW_MACHINE_MS,
          hookTimeout: SLOW_MACHINE_MS,
          setupFiles: ['./tests/worker/apply-migrations.ts'],
          // The built site the pages come from: built first when dist/ is missing, so one file runs alone.
          globalSetup: ['./tests/worker/built-site.ts'],
        },
      },
      {
        test: {
          name: 'e2e',
          environment: 'node',
          include: ['tests/e2e/**/*.test.ts'],
          testTimeout: 60_000,
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
