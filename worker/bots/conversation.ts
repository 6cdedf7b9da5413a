// One incoming chat message, from either platform, to its one reply: skip a
// delivery already answered, brake a sender who sends too much, follow a
// command, or read the message as the paste box does (the same batchFrom and
// lookupMany as POST /api/v1/check) and answer every identifier in it. Runs
// after the webhook has answered 200 (ctx.waitUntil). The message text lives
// only in this function's memory: never stored, never logged.
import { ApiError } from '../core/errors.ts';
import type { Lang } from '../core/lang.ts';
import { batchFrom } from '../lookup/check-batch.ts';
import { lookupMany } from '../lookup/lookup-many.ts';
import type { SnapshotSource } from '../lookup/snapshot-source.ts';
import type { Limiter } from '../rate-limit.ts';
import { chatReply, renderChatAnswer } from './chat-answer.ts';
import { chooseLang, chosenLang, firstDelivery } from './chat-memory.ts';
import { keyedHash } from './keyed-hash.ts';
import type { Platform } from './outbox.ts';

/** What the webhook needs from the Worker, the same for both bots. */
export interface BotDeps {
  db: D1Database;
  source: SnapshotSource;
  /** Messages per sender (BOT_LIMITER), and the one notice a sender over it gets (BOT_NOTICE_LIMITER); none when RATE_LIMITS is off. */
  limiter?: Limiter;
  noticeLimiter?: Limiter;
  /** The Worker's own origin, for the links in replies. */
  origin: string;
  /** Work after the 200 (ctx.waitUntil). */
  defer(work: Promise<unknown>): void;
}

export interface Incoming {
  platform: Platform;
  /** Telegram update_id, WhatsApp message id: the same delivery retried carries the same one. */
  deliveryId: string;
  /** Who is counted by the rate limit (a Telegram user, a WhatsApp number). */
  sender: string;
  /** Where the reply goes and whose language it is (a Telegram chat, a WhatsApp number). */
  chat: string;
  /** A message with text (typed, forwarded, a picture's caption), or a picture without any. */
  kind: 'text' | 'picture';
  text: string;
  /** The language the app says its user speaks (Telegram's language_code), until /bahasa chooses. */
  langHint?: Lang;
}

const COMMANDS: Record<string, 'help' | 'report' | 'lang'> = {
  '/start': 'help', '/help': 'help', '/bantuan': 'help',
  '/lapor': 'report', '/report': 'report',
  '/bahasa': 'lang', '/language': 'lang',
};

/** "/help", "/help@CekDuluBot", " /LAPOR " → its command; anything else is a message to read. */
function commandOf(text: string) {
  const first = /^\s*(\/[a-z]+)(?:@\w+)?\s*$/i.exec(text)?.[1]?.toLowerCase();
  return first ? COMMANDS[first] : undefined;
}

/** The reply to one incoming message, or null for none (a retry, or a sender over the limit who was told already). */
export async function replyTo(incoming: Incoming, deps: BotDeps, hashKey: string): Promise<string | null> {
  const { platform } = incoming;
  if (!(await firstDelivery(deps.db, await keyedHash(hashKey, `delivery:${platform}:${incoming.deliveryId}`)))) return null;
  const senderKey = await keyedHash(hashKey, `sender:${platform}:${incoming.sender}`);
  const chatKey = incoming.chat === incoming.sender ? senderKey : await keyedHash(hashKey, `chat:${platform}:${incoming.chat}`);
  const lang = (await chosenLang(deps.db, chatKey)) ?? incoming.langHint ?? 'id';
  if (deps.limiter && !(await deps.limiter.limit({ key: senderKey })).success) {
    // One polite word a minute, then silence: a flood gets no flood back.
    const notice = deps.noticeLimiter ? (await deps.noticeLimiter.limit({ key: senderKey })).success : true;
    return notice ? chatReply.limited(lang) : null;
  }
  if (incoming.kind === 'picture') return chatReply.picture(lang, deps.origin);
  switch (commandOf(incoming.text)) {
    case 'help':
      return chatReply.help(lang, deps.origin);
    case 'report':
      return chatReply.report(lang, deps.origin);
    case 'lang': {
      const next: Lang = lang === 'id' ? 'en' : 'id';
      await chooseLang(deps.db, chatKey, next);
      return chatReply.switched(next);
    }
  }
  return answer(incoming.text, lang, deps);
}

/** The message read as the paste box reads it; its own limits (too long, too many) answered in their API words. */
async function answer(text: string, lang: Lang, deps: BotDeps): Promise<string> {
  try {
    const { asked, unresolved } = batchFrom({ text }, lang);
    const { results } = await lookupMany(asked, deps.source);
    return renderChatAnswer({ results: results.map((r) => r.body), unresolved }, lang, deps.origin);
  } catch (err) {
    if (!(err instanceof ApiError)) throw err;
    return err.status === 400 ? err.messageIn(lang) : chatReply.failed(lang);
  }
}
