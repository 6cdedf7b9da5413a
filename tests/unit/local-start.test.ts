// npm start's own lines (issue 16): wrangler's migration output summed up in
// one line, and the addresses printed last, on their own.
import { describe, expect, test } from 'vitest';
import { migrationSummary } from '../../scripts/dev/local-d1.ts';
import { LOCAL_VARS, readyBanner, varArgs } from '../../scripts/dev/processes.ts';

/** What `wrangler d1 migrations apply DB --local` prints (wrangler 4.156, banner hidden), trimmed to its shape. */
const table = (rows: Array<[string, string]>) =>
  ['┌─────────────────────┬────────┐', '│ name                │ status │', ...rows.map(([name, status]) => `│ ${name.padEnd(19)} │ ${status}     │`), '└─────────────────────┴────────┘'].join('\n');
const APPLIED = [
  'Resource location: local',
  'Migrations to be applied:',
  '┌─────────────────────┐\n│ name                │\n│ 0003_forms.sql      │\n│ 0004_moderation.sql │\n└─────────────────────┘',
  '? About to apply 2 migration(s)',
  '🤖 Using fallback value in non-interactive context: yes',
  '🚣 5 commands executed successfully.',
  table([['0003_forms.sql', '✅'], ['0004_moderation.sql', '🕒️']]),
  '🚣 9 commands executed successfully.',
  table([['0003_forms.sql', '✅'], ['0004_moderation.sql', '✅']]),
].join('\n');

describe('the D1 migration line', () => {
  test('names the migrations applied, once each, and none of wrangler\'s prompt', () => {
    expect(migrationSummary(APPLIED)).toBe('D1: applied 0003_forms.sql, 0004_moderation.sql.');
  });

  test('says the schema is up to date when there was nothing to apply', () => {
    expect(migrationSummary('Resource location: local\n✅ No migrations to apply!\n')).toBe('D1: the schema is up to date (migrations/).');
  });
});

describe('the ready banner', () => {
  test('gives the site, the English site and moderation addresses, ruled off, the last lines printed', () => {
    const banner = readyBanner('http://127.0.0.1:9000');
    const lines = banner.trim().split('\n');
    expect(lines[0]).toMatch(/^─+$/);
    expect(lines.at(-1)).toBe(lines[0]);
    expect(lines[1]).toBe(' CekDulu is running at http://127.0.0.1:9000/');
    expect(banner).toContain('http://127.0.0.1:9000/en/');
    expect(banner).toContain('http://127.0.0.1:9000/admin/');
    expect(Math.max(...lines.map((l) => l.length))).toBeLessThanOrEqual(lines[0]!.length);
  });

  test('npm start serves with Turnstile off and a dev-only hash key, as --var flags', () => {
    expect(varArgs(LOCAL_VARS)).toEqual(['--var', 'TURNSTILE_SECRET:disabled', '--var', 'REPORTER_HASH_KEY:dev-only-reporter-hash-key']);
  });
});
