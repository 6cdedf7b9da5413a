// POST /bot/telegram: the Telegram bot's webhook (Bot API, setWebhook with
// secret_token). Only a delivery whose X-Telegram-Bot-Api-Secret-Token equals
// TELEGRAM_WEBHOOK_SECRET is read (401 otherwise, nothing done); it is answered
// 200 at once and the reply is sent after (sendMessage). A message — typed,
// forwarded, or a picture's caption — is read; a picture without a caption
// asks for the text; edits, channel posts, stickers, voice and every other
// update are ignored. In a group the bot speaks only when mentioned or replied to.
import { ApiError } from '../core/errors.ts';
import type { Lang } from '../core/lang.ts';
import { jsonResponse } from '../http.ts';
import { chatReply } from './chat-answer.ts';
import { replyTo, type BotDeps, type Incoming } from './conversation.ts';
import { sameSecret } from './keyed-hash.ts';
import { send } from './outbox.ts';
import { jsonObject, readRawBody } from './webhook-body.ts';

export type TelegramConfig = Pick<Env, 'TELEGRAM_API_BASE' | 'TELEGRAM_BOT_TOKEN' | 'TELEGRAM_WEBHOOK_SECRET' | 'TELEGRAM_BOT_USERNAME'>;

/** An update is one message (text at most 4,096 characters) and its metadata: far below this. */
const MAX_UPDATE_BYTES = 64 * 1024;

interface TgUser { id?: number; is_bot?: boolean; language_code?: string }
interface TgEntity { type?: string; offset?: number; length?: number; user?: TgUser }
interface TgMessage {
  message_id?: number;
  from?: TgUser;
  chat?: { id?: number; type?: string };
  text?: string;
  caption?: string;
  entities?: TgEntity[];
  caption_entities?: TgEntity[];
  photo?: unknown[];
  document?: { mime_type?: string };
  reply_to_message?: TgMessage;
}

export async function handleTelegram(request: Request, config: TelegramConfig, deps: BotDeps): Promise<Response> {
  if (!(await sameSecret(request.headers.get('X-Telegram-Bot-Api-Secret-Token'), config.TELEGRAM_WEBHOOK_SECRET))) {
    throw new ApiError('bot_unauthorized');
  }
  const update = jsonObject(await readRawBody(request, MAX_UPDATE_BYTES));
  const incoming = incomingOf(update, config);
  if (incoming) deps.defer(respond(incoming.message, incoming.read, config, deps));
  return jsonResponse({ ok: true }, 200, { 'Cache-Control': 'no-store' });
}

async function respond(message: TgMessage, incoming: Incoming, config: TelegramConfig, deps: BotDeps): Promise<void> {
  let text: string | null;
  try {
    text = await replyTo(incoming, deps, config.TELEGRAM_WEBHOOK_SECRET!);
  } catch {
    console.error(JSON.stringify({ event: 'bot_reply_failed', api: 'telegram' }));
    text = chatReply.failed(incoming.langHint ?? 'id');
  }
  if (text === null) return;
  const inGroup = message.chat?.type !== 'private';
  await send({
    api: 'telegram',
    url: `${config.TELEGRAM_API_BASE}/bot${config.TELEGRAM_BOT_TOKEN}/sendMessage`,
    body: {
      chat_id: message.chat!.id,
      text,
      link_preview_options: { is_disabled: true },
      // In a group, the reply hangs under the message it answers.
      ...(inGroup && message.message_id !== undefined ? { reply_parameters: { message_id: message.message_id, allow_sending_without_reply: true } } : {}),
    },
  });
}

/** The bot's own user id: the part of its token before the colon. */
const botIdOf = (token: string | undefined) => Number((token ?? '').split(':')[0]) || undefined;

/** Whether a group message speaks to the bot: @username in it, a mention of its id, or a reply to one of its messages. */
function addressed(message: TgMessage, text: string, config: TelegramConfig): boolean {
  const botId = botIdOf(config.TELEGRAM_BOT_TOKEN);
  const username = config.TELEGRAM_BOT_USERNAME?.replace(/^@/, '');
  if (username && new RegExp(`@${username}\\b`, 'i').test(text)) return true;
  const entities = [...(message.entities ?? []), ...(message.caption_entities ?? [])];
  if (botId !== undefined && entities.some((e) => e.type === 'text_mention' && e.user?.id === botId)) return true;
  return botId !== undefined && message.reply_to_message?.from?.id === botId;
}

const langOf = (user: TgUser | undefined): Lang | undefined =>
  user?.language_code ? (user.language_code.toLowerCase().startsWith('id') ? 'id' : 'en') : undefined;

const isPicture = (m: TgMessage) => Array.isArray(m.photo) || (m.document?.mime_type ?? '').startsWith('image/');

/** The update as a message to answer, or null when there is nothing to say (not a message, not text, not for the bot). */
function incomingOf(update: Record<string, unknown>, config: TelegramConfig): { message: TgMessage; read: Incoming } | null {
  const message = update.message as TgMessage | undefined;
  const chatId = message?.chat?.id;
  if (!message || typeof chatId !== 'number' || typeof update.update_id !== 'number') return null;
  const type = message.chat!.type;
  if (type !== 'private' && type !== 'group' && type !== 'supergroup') return null;
  let text = typeof message.text === 'string' ? message.text : typeof message.caption === 'string' ? message.caption : '';
  if (text === '' && !isPicture(message)) return null; // stickers, voice, locations, joins…
  if (type !== 'private') {
    if (!addressed(message, text, config)) return null;
    const username = config.TELEGRAM_BOT_USERNAME?.replace(/^@/, '');
    // "/help@CekDuluBot" stays a command; a bare mention is taken out of the text to read.
    if (username && !text.trimStart().startsWith('/')) text = text.replace(new RegExp(`@${username}\\b`, 'gi'), ' ').trim();
    // "@CekDuluBot" alone, replying to the seller's message: read that message.
    const quoted = message.reply_to_message;
    if (text === '' && quoted && quoted.from?.id !== botIdOf(config.TELEGRAM_BOT_TOKEN)) text = quoted.text ?? quoted.caption ?? '';
    if (text === '' && !isPicture(message)) return null;
  }
  return {
    message,
    read: {
      platform: 'telegram',
      deliveryId: String(update.update_id),
      sender: String(message.from?.id ?? chatId),
      chat: String(chatId),
      kind: text === '' ? 'picture' : 'text',
      text,
      langHint: langOf(message.from),
    },
  };
}
