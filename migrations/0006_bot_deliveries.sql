-- The chat bots (worker/bots/): what they must remember between webhook deliveries,
-- and nothing else. Never a message's text, a chat id or a phone number: every key is
-- a keyed hash (HMAC-SHA256 with the platform's webhook secret), so the table alone
-- tells nobody who wrote.

-- Deliveries already answered (Telegram update_id, WhatsApp message id), so a
-- platform's retry never sends a second reply. The primary key makes "seen before"
-- one atomic insert; rows older than two days are deleted as new ones arrive
-- (both platforms stop retrying long before).
CREATE TABLE bot_deliveries (
  key TEXT PRIMARY KEY,
  seen_at INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX bot_deliveries_seen_at ON bot_deliveries (seen_at);

-- A chat's language, written only when its user sends /bahasa.
CREATE TABLE bot_chats (
  chat_key TEXT PRIMARY KEY,
  lang TEXT NOT NULL CHECK (lang IN ('id', 'en'))
) WITHOUT ROWID;
