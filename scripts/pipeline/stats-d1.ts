// The moderation figures of the open statistics from the local D1 the Worker
// writes (a --d1 run): only each report's and dispute's dates and status are
// selected, never an identifier, a text or a contact. The figures themselves
// are moderationFigures (stats.ts). An export file has no moderation history,
// so a run from a file alone publishes none (moderation.source null).
import type { Stats } from '../../worker/stats/stats-types.ts';
import { moderationFigures, type ModerationRow } from './stats.ts';

const MODERATION_ROWS_SQL = {
  reports: 'SELECT created_at, decided_at, status FROM reports',
  disputes: 'SELECT created_at, decided_at, status FROM disputes',
} as const;

export async function readD1Moderation(persistDir: string, generatedAt: string): Promise<Stats['moderation']> {
  // Loaded on demand, as read-d1-reports.ts does: only a --d1 run needs wrangler.
  const [{ getPlatformProxy }, { join }] = await Promise.all([import('wrangler'), import('node:path')]);
  const { env, dispose } = await getPlatformProxy<{ DB: D1Database }>({
    configPath: 'wrangler.toml',
    persist: { path: join(persistDir, 'v3') },
  });
  try {
    const [reports, disputes] = await Promise.all([
      env.DB.prepare(MODERATION_ROWS_SQL.reports).all<ModerationRow>(),
      env.DB.prepare(MODERATION_ROWS_SQL.disputes).all<ModerationRow>(),
    ]);
    return moderationFigures(reports.results, disputes.results, generatedAt);
  } finally {
    await dispose();
  }
}
