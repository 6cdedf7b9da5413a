// The chat bots end to end, as npm start runs them: wrangler dev with the bots'
// dev secrets and both API bases at the local stand-in. A signed Telegram update
// and a signed WhatsApp delivery carrying a seller's message (the README's
// sample identifiers) come back at the stand-in as replies naming each
// reported identifier — sent by the same client as `npm run bot`.
import { afterAll, beforeAll, expect, test } from 'vitest';
import { startBotStub, type BotStub } from '../../scripts/dev/bot-stub.ts';
import {
  BOT_DEV_SECRETS, botDevVars, postTelegramUpdate, postWhatsAppDelivery, telegramTextUpdate, waitForReply, whatsappTextDelivery,
} from '../../scripts/dev/bot-dev.ts';
import { startServer, type TestServer } from './server.ts';

const MESSAGE =
  'Halo kak, untuk pembayaran silakan transfer ke BCA 014 1234567890 a.n. Toko Murah. ' +
  'Konfirmasi via WA 0812-3456-7890 ya, katalog lengkap di IG @olshop.murah.banget';
const NAMED = ['rekening BCA 1234567890', 'nomor 0812-3456-7890', 'akun Instagram @olshop.murah.banget'];

let stub: BotStub;
let server: TestServer;
beforeAll(async () => {
  stub = await startBotStub(0);
  server = await startServer({ vars: botDevVars(stub.url, {}) });
});
afterAll(async () => {
  await server?.stop();
  await stub?.stop();
});

test('a signed Telegram update and a signed WhatsApp message reach the stand-in as replies naming the reported identifiers', async () => {
  expect(await postTelegramUpdate(server.url, BOT_DEV_SECRETS.TELEGRAM_WEBHOOK_SECRET, telegramTextUpdate(700_000_002, MESSAGE))).toBe(200);
  const telegram = await waitForReply(stub.url, '700000002', 0);
  expect(await postWhatsAppDelivery(server.url, BOT_DEV_SECRETS.WHATSAPP_APP_SECRET, whatsappTextDelivery('6281100000002', MESSAGE, BOT_DEV_SECRETS.WHATSAPP_PHONE_NUMBER_ID))).toBe(200);
  const whatsapp = await waitForReply(stub.url, '6281100000002', 0);
  for (const reply of [telegram, whatsapp]) {
    expect(reply).toBeDefined();
    for (const named of NAMED) expect(reply!.text).toContain(`Dilaporkan: ${named} telah dilaporkan`);
    expect(reply!.text).toContain(`${server.url}/cek/?type=bank&value=1234567890&bank=014`);
  }
  expect(stub.sent.map((m) => m.api)).toEqual(['telegram', 'whatsapp']);
  // A delivery with the wrong secret is refused and reaches nobody.
  expect(await postTelegramUpdate(server.url, 'wrong', telegramTextUpdate(700_000_003, MESSAGE))).toBe(401);
  expect(stub.sent).toHaveLength(2);
});
