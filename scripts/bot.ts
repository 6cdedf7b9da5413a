// npm run bot -- "pesan penjual…": try the chat bots without an account. Sends
// the message to the Worker npm start serves as a signed Telegram update (or,
// with --whatsapp, a signed WhatsApp delivery), waits for the reply to reach
// npm start's stand-in, and prints it. --lang en: a Telegram app in English.
// PORT and BOT_STUB_PORT as for npm start; the secrets are npm start's (.dev.vars wins).
import './dev/offline.ts';
import { parseArgs } from 'node:util';
import {
  DEFAULT_BOT_STUB_PORT, localBotSecrets, postTelegramUpdate, postWhatsAppDelivery, readDevVars, stubSent, telegramTextUpdate, waitForReply,
  whatsappTextDelivery,
} from './dev/bot-dev.ts';
import { DEFAULT_PORT } from './dev/processes.ts';

const USAGE = 'Usage: npm run bot -- [--whatsapp] [--lang en] "the seller\'s message"';
const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { whatsapp: { type: 'boolean', default: false }, lang: { type: 'string', default: 'id' }, help: { type: 'boolean', short: 'h' } },
});
const text = positionals.join(' ').trim();
if (values.help || text === '') {
  console.log(USAGE);
  process.exit(values.help ? 0 : 2);
}

const workerUrl = `http://127.0.0.1:${process.env.PORT ?? DEFAULT_PORT}`;
const stubUrl = `http://127.0.0.1:${process.env.BOT_STUB_PORT ?? DEFAULT_BOT_STUB_PORT}`;
const secrets = localBotSecrets(readDevVars());
// A pretend buyer: one Telegram chat, one WhatsApp number, only ever on this machine.
const CHAT_ID = 700_000_001;
const PHONE = '6281100000001';

// Nobody listening is the usual mistake (npm start not running, or on other ports): one line
// that says what to check, not fetch's stack trace.
const orSayNotRunning = <T>(call: Promise<T>): Promise<T> =>
  call.catch(() => {
    console.error(`Cannot reach CekDulu: is \`npm start\` running on ${workerUrl}? (npm run bot takes npm start's PORT and BOT_STUB_PORT; the stand-in: ${stubUrl})`);
    process.exit(1);
  });

const before = (await orSayNotRunning(stubSent(stubUrl))).length;
const status = await orSayNotRunning(
  values.whatsapp
    ? postWhatsAppDelivery(workerUrl, secrets.WHATSAPP_APP_SECRET, whatsappTextDelivery(PHONE, text, secrets.WHATSAPP_PHONE_NUMBER_ID))
    : postTelegramUpdate(workerUrl, secrets.TELEGRAM_WEBHOOK_SECRET, telegramTextUpdate(CHAT_ID, text, values.lang)),
);
if (status !== 200) {
  console.error(`The Worker at ${workerUrl} answered ${status}: are .dev.vars's bot secrets the ones this script signs with?`);
  process.exit(1);
}
const reply = await orSayNotRunning(waitForReply(stubUrl, values.whatsapp ? PHONE : String(CHAT_ID), before));
if (!reply) {
  console.error('No reply reached the stand-in in 20 seconds (the Worker logs say why).');
  process.exit(1);
}
console.log(`${reply.api === 'telegram' ? 'Telegram' : 'WhatsApp'} reply to ${reply.to}:\n\n${reply.text}`);
