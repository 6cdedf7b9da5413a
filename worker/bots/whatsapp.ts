// The WhatsApp bot's webhook (Cloud API). GET /bot/whatsapp answers Meta's
// verification: hub.mode=subscribe with hub.verify_token equal to
// WHATSAPP_VERIFY_TOKEN echoes hub.challenge, anything else is 403. POST
// /bot/whatsapp reads a body only when X-Hub-Signature-256 is the HMAC-SHA256
// of exactly its bytes under WHATSAPP_APP_SECRET (401 otherwise, nothing done);
// it is answered 200 at once, each message's reply sent after through the
// messages endpoint. Text messages (typed or forwarded) and a picture's caption
// are read; a picture without one asks for the text; statuses, reactions,
// stickers, voice and the rest are ignored.
import { ApiError } from '../core/errors.ts';
import { jsonResponse } from '../http.ts';
import { chatReply } from './chat-answer.ts';
import { replyTo, type BotDeps, type Incoming } from './conversation.ts';
import { bodySignature, sameSecret } from './keyed-hash.ts';
import { send } from './outbox.ts';
import { jsonObject, readRawBody } from './webhook-body.ts';

export type WhatsAppConfig = Pick<
  Env,
  'WHATSAPP_API_BASE' | 'WHATSAPP_API_VERSION' | 'WHATSAPP_APP_SECRET' | 'WHATSAPP_VERIFY_TOKEN' | 'WHATSAPP_ACCESS_TOKEN' | 'WHATSAPP_PHONE_NUMBER_ID'
>;

/** A delivery can batch several messages and statuses; each text is at most 4,096 characters. */
const MAX_DELIVERY_BYTES = 256 * 1024;

interface WaMessage {
  id?: string;
  from?: string;
  type?: string;
  text?: { body?: string };
  image?: { caption?: string };
}

/** Meta's verification request, made once when the webhook is set up in the app's dashboard. */
export async function verifyWhatsApp(request: Request, config: WhatsAppConfig): Promise<Response> {
  const params = new URL(request.url).searchParams;
  const challenge = params.get('hub.challenge');
  const ok = params.get('hub.mode') === 'subscribe' && challenge !== null && (await sameSecret(params.get('hub.verify_token'), config.WHATSAPP_VERIFY_TOKEN));
  if (!ok) throw new ApiError('bot_verification_failed');
  return new Response(challenge, { status: 200, headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' } });
}

export async function handleWhatsApp(request: Request, config: WhatsAppConfig, deps: BotDeps): Promise<Response> {
  const secret = config.WHATSAPP_APP_SECRET;
  const header = request.headers.get('X-Hub-Signature-256');
  if (!secret || !header?.startsWith('sha256=')) throw new ApiError('bot_unauthorized');
  const body = await readRawBody(request, MAX_DELIVERY_BYTES);
  if (!(await sameSecret(header.slice('sha256='.length).toLowerCase(), await bodySignature(secret, body)))) throw new ApiError('bot_unauthorized');
  for (const message of messagesOf(jsonObject(body))) {
    const incoming = incomingOf(message);
    if (incoming) deps.defer(respond(incoming, config, deps));
  }
  return jsonResponse({ ok: true }, 200, { 'Cache-Control': 'no-store' });
}

async function respond(incoming: Incoming, config: WhatsAppConfig, deps: BotDeps): Promise<void> {
  let text: string | null;
  try {
    text = await replyTo(incoming, deps, config.WHATSAPP_APP_SECRET!);
  } catch {
    console.error(JSON.stringify({ event: 'bot_reply_failed', api: 'whatsapp' }));
    text = chatReply.failed('id');
  }
  if (text === null) return;
  await send({
    api: 'whatsapp',
    url: `${config.WHATSAPP_API_BASE}/${config.WHATSAPP_API_VERSION}/${config.WHATSAPP_PHONE_NUMBER_ID}/messages`,
    headers: { Authorization: `Bearer ${config.WHATSAPP_ACCESS_TOKEN}` },
    body: { messaging_product: 'whatsapp', recipient_type: 'individual', to: incoming.chat, type: 'text', text: { preview_url: false, body: text } },
  });
}

/** Every message in a delivery (entry[].changes[].value.messages[]); statuses and other fields carry none. */
function messagesOf(delivery: Record<string, unknown>): WaMessage[] {
  const out: WaMessage[] = [];
  for (const entry of Array.isArray(delivery.entry) ? delivery.entry : []) {
    for (const change of Array.isArray(entry?.changes) ? entry.changes : []) {
      const messages = change?.field === 'messages' ? change.value?.messages : undefined;
      if (Array.isArray(messages)) out.push(...(messages as WaMessage[]));
    }
  }
  return out;
}

function incomingOf(message: WaMessage): Incoming | null {
  if (typeof message?.id !== 'string' || typeof message.from !== 'string') return null;
  const base = { platform: 'whatsapp' as const, deliveryId: message.id, sender: message.from, chat: message.from };
  if (message.type === 'text' && typeof message.text?.body === 'string' && message.text.body.trim() !== '') {
    return { ...base, kind: 'text', text: message.text.body };
  }
  if (message.type === 'image') {
    const caption = message.image?.caption ?? '';
    return caption.trim() !== '' ? { ...base, kind: 'text', text: caption } : { ...base, kind: 'picture', text: '' };
  }
  return null; // reactions, stickers, audio, video, locations, contacts, buttons, unsupported…
}
