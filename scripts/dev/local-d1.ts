// The local D1 database that `wrangler dev` serves: its schema comes from
// migrations/ (wrangler.toml migrations_dir), applied with wrangler itself so
// the local state is exactly what production gets from
// `wrangler d1 migrations apply DB --remote`.
import { run } from './processes.ts';
import { DEFAULT_PERSIST_DIR } from '../pipeline/local-kv.ts';

export async function applyLocalMigrations(persistDir = DEFAULT_PERSIST_DIR): Promise<void> {
  await run('npx', ['wrangler', 'd1', 'migrations', 'apply', 'DB', '--local', '--persist-to', persistDir], {
    // Applying migrations locally never asks; CI=true keeps it that way if a terminal is attached.
    env: { ...process.env, CI: 'true' },
  });
}
