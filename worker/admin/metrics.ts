// Queue health (GET /api/v1/admin/metrics): how big the backlog is, how long
// reports wait (median and 90th percentile, nearest rank, from the
// (status, created_at) index: one offset read each), disputes waiting,
// reports verified once and waiting for a second moderator, and decisions per
// day per moderator over the last 30 days (UTC days; a report undone and
// decided again counts once, as it stands now). Counts only, nothing personal.
const DAYS = 30;

export interface Metrics {
  pending: number;
  pendingAgeSeconds: { median: number; p90: number };
  disputesPending: number;
  decisionsByDay: Array<{ day: string; moderator: string; verified: number; rejected: number }>;
  awaitingConfirmation: number;
}

export async function queueMetrics(db: D1Database, now = new Date()): Promise<Metrics> {
  const count = await db.prepare(`SELECT COUNT(*) AS n FROM reports WHERE status = 'pending'`).first<{ n: number }>();
  const pending = count?.n ?? 0;
  // Nearest rank on ages ascending = created_at descending; read in ascending created_at order.
  const ageAt = async (p: number): Promise<number> => {
    if (pending === 0) return 0;
    const offset = pending - Math.ceil(p * pending);
    const row = await db
      .prepare(`SELECT created_at FROM reports WHERE status = 'pending' ORDER BY created_at LIMIT 1 OFFSET ?`)
      .bind(offset)
      .first<{ created_at: string }>();
    return row ? Math.max(0, Math.round((now.getTime() - Date.parse(row.created_at)) / 1000)) : 0;
  };
  const since = new Date(now.getTime() - DAYS * 86_400_000).toISOString();
  const [median, p90, disputes, awaiting, byDay] = await Promise.all([
    ageAt(0.5),
    ageAt(0.9),
    db.prepare(`SELECT COUNT(*) AS n FROM disputes WHERE status = 'pending'`).first<{ n: number }>(),
    db.prepare(`SELECT COUNT(*) AS n FROM reports WHERE status = 'pending' AND first_verified_by IS NOT NULL`).first<{ n: number }>(),
    db
      .prepare(`SELECT substr(decided_at, 1, 10) AS day, decided_by AS moderator,
                       SUM(status = 'verified') AS verified, SUM(status = 'rejected') AS rejected
                FROM reports WHERE decided_at >= ? AND status IN ('verified', 'rejected')
                GROUP BY day, moderator ORDER BY day DESC, moderator`)
      .bind(since)
      .all<{ day: string; moderator: string; verified: number; rejected: number }>(),
  ]);
  return {
    pending,
    pendingAgeSeconds: { median, p90 },
    disputesPending: disputes?.n ?? 0,
    decisionsByDay: byDay.results,
    awaitingConfirmation: awaiting?.n ?? 0,
  };
}
