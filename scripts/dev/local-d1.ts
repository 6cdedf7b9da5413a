// The local D1 database that `wrangler dev` serves: its schema comes from
// migrations/ (wrangler.toml migrations_dir), applied with wrangler itself so
// the local state is exactly what production gets from
// `wrangler d1 migrations apply DB --remote`. Wrangler's own output (its banner,
// the migration table, the confirmation it answers itself when not on a
// terminal) is kept and shown only when it fails; npm start prints one line.
import { capture } from './processes.ts';
import { DEFAULT_PERSIST_DIR } from '../pipeline/local-kv.ts';

export async function applyLocalMigrations(persistDir = DEFAULT_PERSIST_DIR, options: { cwd?: string } = {}): Promise<string> {
  // `d1 migrations apply` has no --yes: off a terminal (CI=true) it confirms by itself,
  // saying so in a line that is only noise here, so the output is captured and summed up.
  const output = await capture('npx', ['wrangler', 'd1', 'migrations', 'apply', 'DB', '--local', '--persist-to', persistDir], {
    env: { ...process.env, CI: 'true', WRANGLER_HIDE_BANNER: 'true' },
    ...options,
  });
  return migrationSummary(output);
}

/** Wrangler's migration output in one line: what was applied, or that nothing was to apply. */
export function migrationSummary(output: string): string {
  if (/No migrations to apply/.test(output)) return 'D1: the schema is up to date (migrations/).';
  // The last status table lists every migration of this run, each ✅ once applied.
  const tables = output.split('Migrations to be applied:')[1] ?? '';
  const applied = [...new Set([...tables.matchAll(/│ (\S+\.sql)\s+│ ✅/gu)].map(([, name]) => name!))];
  return applied.length > 0 ? `D1: applied ${applied.join(', ')}.` : 'D1: migrations checked.';
}
