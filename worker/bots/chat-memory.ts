// What the bots remember between deliveries (D1, migrations/0006_bot_deliveries.sql):
// which deliveries were already answered, and a chat's chosen language. Both are
// keyed by keyed hashes (keyed-hash.ts); no message text, chat id or phone number
// is ever written.
import type { Lang } from '../core/lang.ts';

/** Deliveries are forgotten after two days: Telegram and WhatsApp stop retrying long before. */
const DELIVERY_MEMORY_MS = 2 * 24 * 60 * 60 * 1000;

/**
 * True the first time a delivery key is seen, false for a retry of it: one atomic
 * insert, so two copies arriving at once still get one answer. Old keys go in the
 * same round trip. If D1 cannot be reached the delivery is answered (logged, no
 * key): a rare second reply is better than none.
 */
export async function firstDelivery(db: D1Database, key: string, now = Date.now()): Promise<boolean> {
  try {
    const [inserted] = await db.batch([
      db.prepare('INSERT INTO bot_deliveries (key, seen_at) VALUES (?, ?) ON CONFLICT (key) DO NOTHING').bind(key, now),
      db.prepare('DELETE FROM bot_deliveries WHERE seen_at < ?').bind(now - DELIVERY_MEMORY_MS),
    ]);
    return inserted!.meta.changes === 1;
  } catch (err) {
    console.error(JSON.stringify({ event: 'bot_delivery_memory_failed', error: err instanceof Error ? err.name : 'unknown' }));
    return true;
  }
}

/** The language a chat chose with /bahasa, if it ever did. */
export async function chosenLang(db: D1Database, chatKey: string): Promise<Lang | undefined> {
  try {
    const row = await db.prepare('SELECT lang FROM bot_chats WHERE chat_key = ?').bind(chatKey).first<{ lang: Lang }>();
    return row?.lang;
  } catch {
    return undefined;
  }
}

export async function chooseLang(db: D1Database, chatKey: string, lang: Lang): Promise<void> {
  await db
    .prepare('INSERT INTO bot_chats (chat_key, lang) VALUES (?, ?) ON CONFLICT (chat_key) DO UPDATE SET lang = excluded.lang')
    .bind(chatKey, lang)
    .run();
}
