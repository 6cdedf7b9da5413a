// The chat bots on this machine: the dev secrets npm start serves them with
// (documented, so anyone can sign a delivery; a line in .dev.vars overrides
// each), their API bases pointed at the local stand-in (bot-stub.ts), and a
// client that sends a signed Telegram update or WhatsApp delivery to the local
// Worker and waits for the reply to reach the stand-in (npm run bot, the e2e test).
import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { StubMessage } from './bot-stub.ts';

export const DEFAULT_BOT_STUB_PORT = 8790;

/** docs/operations.md, "Chat bots": the values npm start gives both bots. Never used outside this machine. */
export const BOT_DEV_SECRETS = {
  TELEGRAM_WEBHOOK_SECRET: 'dev-telegram-secret',
  TELEGRAM_BOT_TOKEN: '100000:dev-telegram-bot-token',
  TELEGRAM_BOT_USERNAME: 'CekDuluDevBot',
  WHATSAPP_APP_SECRET: 'dev-whatsapp-app-secret',
  WHATSAPP_VERIFY_TOKEN: 'dev-whatsapp-verify-token',
  WHATSAPP_ACCESS_TOKEN: 'dev-whatsapp-access-token',
  WHATSAPP_PHONE_NUMBER_ID: '100000000000001',
} as const;

/** NAME=value lines of .dev.vars (quotes around a value dropped); {} without the file. */
export function readDevVars(cwd = process.cwd()): Record<string, string> {
  let text: string;
  try {
    text = readFileSync(join(cwd, '.dev.vars'), 'utf8');
  } catch {
    return {};
  }
  const vars: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const match = /^\s*([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*?)\s*$/.exec(line);
    if (match) vars[match[1]!] = match[2]!.replace(/^(["'])(.*)\1$/, '$2');
  }
  return vars;
}

/**
 * The bots' variables for wrangler dev: the dev secrets and both API bases at the
 * stand-in, minus whatever .dev.vars sets itself (wrangler reads that file; a --var would win over it).
 */
export function botDevVars(stubUrl: string, devVars: Record<string, string>): Record<string, string> {
  const all: Record<string, string> = { ...BOT_DEV_SECRETS, TELEGRAM_API_BASE: stubUrl, WHATSAPP_API_BASE: stubUrl };
  return Object.fromEntries(Object.entries(all).filter(([name]) => !(name in devVars)));
}

/** The secrets a local delivery is signed with: .dev.vars's where it sets them, else the dev ones. */
export const localBotSecrets = (devVars: Record<string, string>) => ({ ...BOT_DEV_SECRETS, ...devVars });

/** A private chat's text message, as Telegram posts it. */
export function telegramTextUpdate(chatId: number, text: string, languageCode = 'id'): Record<string, unknown> {
  return {
    update_id: Date.now() % 2_000_000_000,
    message: {
      message_id: Date.now() % 1_000_000,
      date: Math.floor(Date.now() / 1000),
      from: { id: chatId, is_bot: false, first_name: 'Pembeli', language_code: languageCode },
      chat: { id: chatId, type: 'private' },
      text,
    },
  };
}

/** One text message from `from`, as the Cloud API posts it. */
export function whatsappTextDelivery(from: string, text: string, phoneNumberId: string): Record<string, unknown> {
  return {
    object: 'whatsapp_business_account',
    entry: [{
      id: '0',
      changes: [{
        field: 'messages',
        value: {
          messaging_product: 'whatsapp',
          metadata: { display_phone_number: '0', phone_number_id: phoneNumberId },
          contacts: [{ profile: { name: 'Pembeli' }, wa_id: from }],
          messages: [{ from, id: `wamid.local${Date.now()}`, timestamp: String(Math.floor(Date.now() / 1000)), type: 'text', text: { body: text } }],
        },
      }],
    }],
  };
}

/** POSTs a Telegram update with its secret token header; the Worker's status. */
export async function postTelegramUpdate(workerUrl: string, secret: string, update: unknown): Promise<number> {
  const res = await fetch(`${workerUrl}/bot/telegram`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Telegram-Bot-Api-Secret-Token': secret },
    body: JSON.stringify(update),
  });
  await res.body?.cancel();
  return res.status;
}

/** POSTs a WhatsApp delivery signed as Meta signs it (X-Hub-Signature-256); the Worker's status. */
export async function postWhatsAppDelivery(workerUrl: string, appSecret: string, delivery: unknown): Promise<number> {
  const body = JSON.stringify(delivery);
  const res = await fetch(`${workerUrl}/bot/whatsapp`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Hub-Signature-256': `sha256=${createHmac('sha256', appSecret).update(body).digest('hex')}` },
    body,
  });
  await res.body?.cancel();
  return res.status;
}

/** What the stand-in has received so far. */
export async function stubSent(stubUrl: string): Promise<StubMessage[]> {
  const res = await fetch(`${stubUrl}/sent`);
  return (await res.json()) as StubMessage[];
}

/** The first message to `to` after the first `after` the stand-in held, once it arrives (or undefined after `timeoutMs`). */
export async function waitForReply(stubUrl: string, to: string, after: number, timeoutMs = 20_000): Promise<StubMessage | undefined> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const found = (await stubSent(stubUrl)).slice(after).find((m) => m.to === to);
    if (found) return found;
    await new Promise((r) => setTimeout(r, 200));
  }
  return undefined;
}
