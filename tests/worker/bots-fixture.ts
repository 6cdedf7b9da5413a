// The chat bots' webhooks driven through the whole Worker inside workerd, with
// real KV and D1, and the platforms played by a stubbed fetch: every sendMessage
// and WhatsApp messages call is recorded, nothing leaves the machine. Each
// delivery is awaited with its after-the-answer work (ctx.waitUntil).
import { createExecutionContext, waitOnExecutionContext } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { vi } from 'vitest';
import worker from '../../worker/index.ts';

export const BASE = 'https://cekdulu.test';
export const TELEGRAM_SECRET = 'test-telegram-secret';
const WHATSAPP_APP_SECRET = 'test-whatsapp-app-secret';
export const BOT_ID = 123456;

export interface Sent {
  api: 'telegram' | 'whatsapp';
  url: string;
  headers: Headers;
  body: any;
  /** The chat id or phone number the reply went to, and its text. */
  to: string;
  text: string;
}

/**
 * Replaces fetch with a recorder of the two platforms' send calls. `status` is
 * what each call answers (a function of the call's number, 1-based), 200 by default.
 */
export function recordSends(status: (call: number) => number = () => 200): Sent[] {
  const sent: Sent[] = [];
  vi.stubGlobal('fetch', async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = new Request(input, init);
    const body = await request.json<any>();
    const api = request.url.startsWith('https://api.telegram.org/') ? 'telegram' : request.url.startsWith('https://graph.facebook.com/') ? 'whatsapp' : undefined;
    if (!api) throw new Error(`unexpected fetch to ${request.url}`);
    sent.push({
      api,
      url: request.url,
      headers: request.headers,
      body,
      to: String(api === 'telegram' ? body.chat_id : body.to),
      text: api === 'telegram' ? body.text : body.text?.body,
    });
    return Response.json(api === 'telegram' ? { ok: true, result: { message_id: sent.length } } : { messages: [{ id: `wamid.sent${sent.length}` }] }, {
      status: status(sent.length),
    });
  });
  return sent;
}

/** One request through the Worker, its waitUntil work finished before this resolves. */
export async function deliver(request: Request): Promise<Response> {
  const ctx = createExecutionContext();
  const res = await worker.fetch(request, env, ctx);
  await waitOnExecutionContext(ctx);
  return res;
}

let nextUpdateId = 1_000;
/** A Telegram update holding `message` (or any other update field), with a fresh update_id unless given. */
export const telegramUpdate = (fields: Record<string, unknown>, updateId = nextUpdateId++) => ({ update_id: updateId, ...fields });

/** A private chat's text message from user `userId` (its chat id is the same number). */
export const privateText = (userId: number, text: string, extra: Record<string, unknown> = {}) => ({
  message: {
    message_id: 7,
    date: 1_765_000_000,
    from: { id: userId, is_bot: false, first_name: 'Pembeli', language_code: 'id' },
    chat: { id: userId, type: 'private' },
    text,
    ...extra,
  },
});

export const postTelegram = (update: unknown, secret: string | null = TELEGRAM_SECRET) =>
  deliver(
    new Request(`${BASE}/bot/telegram`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...(secret === null ? {} : { 'X-Telegram-Bot-Api-Secret-Token': secret }) },
      body: JSON.stringify(update),
    }),
  );

/** `sha256=` and the hex HMAC-SHA256 of the body under the app secret, as Meta signs. */
export async function whatsappSignature(body: string, secret = WHATSAPP_APP_SECRET): Promise<string> {
  const key = await crypto.subtle.importKey('raw', new TextEncoder().encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  const mac = await crypto.subtle.sign('HMAC', key, new TextEncoder().encode(body));
  return `sha256=${[...new Uint8Array(mac)].map((b) => b.toString(16).padStart(2, '0')).join('')}`;
}

let nextMessageId = 1_000;
/** A Cloud API delivery holding these messages (and statuses), as Meta posts it. */
export const whatsappDelivery = (messages: Record<string, unknown>[], statuses: Record<string, unknown>[] = []) => ({
  object: 'whatsapp_business_account',
  entry: [{
    id: '2000000002',
    changes: [{
      field: 'messages',
      value: {
        messaging_product: 'whatsapp',
        metadata: { display_phone_number: '6281100000000', phone_number_id: '1000000001' },
        ...(messages.length ? { contacts: [{ profile: { name: 'Pembeli' }, wa_id: messages[0]!.from }], messages } : {}),
        ...(statuses.length ? { statuses } : {}),
      },
    }],
  }],
});

/** A WhatsApp text message from `from`, with a fresh message id unless given. */
export const whatsappText = (from: string, body: string, id = `wamid.test${nextMessageId++}`) => ({ from, id, timestamp: '1765000000', type: 'text', text: { body } });

/** Posts a delivery signed as Meta signs it, unless `signature` says otherwise (null: no header). */
export async function postWhatsApp(delivery: unknown, signature?: string | null): Promise<Response> {
  const body = JSON.stringify(delivery);
  const header = signature === undefined ? await whatsappSignature(body) : signature;
  return deliver(
    new Request(`${BASE}/bot/whatsapp`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...(header === null ? {} : { 'X-Hub-Signature-256': header }) },
      body,
    }),
  );
}
