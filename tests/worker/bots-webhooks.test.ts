// Who may talk to the bots' webhooks: Telegram's secret token header, WhatsApp's
// body signature and verification handshake. A refused delivery is 401 (403 for
// the handshake) JSON and nothing is done: no lookup, no reply. An accepted one
// is 200 at once; the same delivery again (a platform's retry, a replay) is
// answered once.
import { createExecutionContext } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { afterEach, beforeAll, describe, expect, test, vi } from 'vitest';
import worker from '../../worker/index.ts';
import { publishFixture } from './fixture.ts';
import {
  BASE, deliver, postTelegram, postWhatsApp, privateText, recordSends, telegramUpdate, whatsappDelivery, whatsappSignature, whatsappText,
} from './bots-fixture.ts';

const SELLER = 'Transfer ke BCA 1234567890 ya kak';

beforeAll(async () => {
  await publishFixture(env.SNAPSHOTS);
});
afterEach(() => {
  vi.unstubAllGlobals();
});

describe('Telegram: X-Telegram-Bot-Api-Secret-Token', () => {
  test('the right secret: 200 at once, and the reply is sent', async () => {
    const sent = recordSends();
    const res = await postTelegram(telegramUpdate(privateText(2001, SELLER)));
    expect(res.status).toBe(200);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.to).toBe('2001');
    expect(sent[0]!.text).toContain('1234567890');
  });

  test.each([
    ['a wrong secret', 'not-the-secret'],
    ['the right secret with one character changed', 'test-telegram-secreT'],
    ['an empty header', ''],
    ['no header', null],
  ])('%s: 401 JSON, nothing sent', async (_name, secret) => {
    const sent = recordSends();
    const res = await postTelegram(telegramUpdate(privateText(2002, SELLER)), secret);
    expect(res.status).toBe(401);
    expect((await res.json<any>()).error.code).toBe('bot_unauthorized');
    expect(sent).toEqual([]);
  });

  test('the same update delivered twice (Telegram retries) is answered once', async () => {
    const sent = recordSends();
    const update = telegramUpdate(privateText(2003, SELLER));
    expect((await postTelegram(update)).status).toBe(200);
    expect((await postTelegram(update)).status).toBe(200);
    expect(sent).toHaveLength(1);
    // A new update from the same chat is a new message.
    await postTelegram(telegramUpdate(privateText(2003, SELLER)));
    expect(sent).toHaveLength(2);
  });

  test('two copies of one update arriving together are answered once', async () => {
    const sent = recordSends();
    const update = telegramUpdate(privateText(2004, SELLER));
    await Promise.all([postTelegram(update), postTelegram(update)]);
    expect(sent).toHaveLength(1);
  });

  test('a body that is not JSON, with the right secret: 400 invalid_json, nothing sent', async () => {
    const sent = recordSends();
    const res = await deliver(new Request(`${BASE}/bot/telegram`, {
      method: 'POST', headers: { 'X-Telegram-Bot-Api-Secret-Token': 'test-telegram-secret' }, body: '{not json',
    }));
    expect(res.status).toBe(400);
    expect((await res.json<any>()).error.code).toBe('invalid_json');
    expect(sent).toEqual([]);
  });

  test('GET /bot/telegram: 405 naming POST', async () => {
    const res = await deliver(new Request(`${BASE}/bot/telegram`));
    expect(res.status).toBe(405);
    expect(res.headers.get('Allow')).toBe('POST');
  });
});

describe('WhatsApp: X-Hub-Signature-256', () => {
  const SIGNED = whatsappDelivery([whatsappText('6281100002003', SELLER, 'wamid.fixed-for-signature')]);
  test('signed with the app secret: 200 at once, and the reply is sent to the sender through the messages endpoint', async () => {
    const sent = recordSends();
    const res = await postWhatsApp(whatsappDelivery([whatsappText('6281100002001', SELLER)]));
    expect(res.status).toBe(200);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.url).toBe('https://graph.facebook.com/v26.0/1000000001/messages');
    expect(sent[0]!.headers.get('Authorization')).toBe('Bearer test-whatsapp-access-token');
    expect(sent[0]!.body).toMatchObject({ messaging_product: 'whatsapp', to: '6281100002001', type: 'text' });
    expect(sent[0]!.text).toContain('1234567890');
  });

  test('the signature is over the exact bytes: a body re-serialised with a space still verifies when signed as sent', async () => {
    const sent = recordSends();
    const body = JSON.stringify(whatsappDelivery([whatsappText('6281100002002', SELLER)]), null, 1);
    const res = await deliver(new Request(`${BASE}/bot/whatsapp`, {
      method: 'POST', headers: { 'Content-Type': 'application/json', 'X-Hub-Signature-256': await whatsappSignature(body) }, body,
    }));
    expect(res.status).toBe(200);
    expect(sent).toHaveLength(1);
  });

  test.each([
    ['a signature with another secret', async () => whatsappSignature(JSON.stringify(SIGNED), 'another-secret')],
    ['a signature of another body', async () => whatsappSignature(JSON.stringify(whatsappDelivery([whatsappText('6281100002003', 'BCA 0987654321', 'wamid.fixed-for-signature')])))],
    ['the hex without sha256=', async () => (await whatsappSignature(JSON.stringify(SIGNED))).slice(7)],
    ['sha256= and nothing', async () => 'sha256='],
    ['no header', async () => null],
  ])('%s: 401 JSON, nothing sent', async (_name, signature) => {
    const sent = recordSends();
    const res = await postWhatsApp(SIGNED, await signature());
    expect(res.status).toBe(401);
    expect((await res.json<any>()).error.code).toBe('bot_unauthorized');
    expect(sent).toEqual([]);
  });

  test('a signed delivery replayed (or retried by Meta) is answered once', async () => {
    const sent = recordSends();
    const delivery = whatsappDelivery([whatsappText('6281100002004', SELLER)]);
    expect((await postWhatsApp(delivery)).status).toBe(200);
    expect((await postWhatsApp(delivery)).status).toBe(200);
    expect(sent).toHaveLength(1);
  });
});

describe('WhatsApp: the verification handshake (GET /bot/whatsapp)', () => {
  const verify = (params: Record<string, string>) => deliver(new Request(`${BASE}/bot/whatsapp?${new URLSearchParams(params)}`));

  test('hub.mode=subscribe with the verify token: 200 echoing hub.challenge as plain text', async () => {
    const res = await verify({ 'hub.mode': 'subscribe', 'hub.verify_token': 'test-whatsapp-verify-token', 'hub.challenge': '1158201444' });
    expect(res.status).toBe(200);
    expect(res.headers.get('Content-Type')).toContain('text/plain');
    expect(await res.text()).toBe('1158201444');
  });

  test.each([
    ['a wrong verify token', { 'hub.mode': 'subscribe', 'hub.verify_token': 'guess', 'hub.challenge': '1' }],
    ['no verify token', { 'hub.mode': 'subscribe', 'hub.challenge': '1' }],
    ['another mode', { 'hub.mode': 'unsubscribe', 'hub.verify_token': 'test-whatsapp-verify-token', 'hub.challenge': '1' }],
    ['no challenge', { 'hub.mode': 'subscribe', 'hub.verify_token': 'test-whatsapp-verify-token' }],
  ])('%s: 403, the challenge not echoed', async (_name, params) => {
    const res = await verify(params);
    expect(res.status).toBe(403);
    expect((await res.json<any>()).error.code).toBe('bot_verification_failed');
  });
});

describe('a bot whose secrets are unset refuses everything', () => {
  test('Telegram without TELEGRAM_WEBHOOK_SECRET, WhatsApp without WHATSAPP_APP_SECRET or WHATSAPP_VERIFY_TOKEN', async () => {
    const bare = { ...env, TELEGRAM_WEBHOOK_SECRET: undefined, WHATSAPP_APP_SECRET: undefined, WHATSAPP_VERIFY_TOKEN: undefined } as Env;
    const sent = recordSends();
    const tg = await worker.fetch(new Request(`${BASE}/bot/telegram`, {
      method: 'POST', headers: { 'X-Telegram-Bot-Api-Secret-Token': '' }, body: JSON.stringify(telegramUpdate(privateText(2005, SELLER))),
    }), bare, createExecutionContext());
    expect(tg.status).toBe(401);
    const body = JSON.stringify(whatsappDelivery([whatsappText('6281100002005', SELLER)]));
    const wa = await worker.fetch(new Request(`${BASE}/bot/whatsapp`, {
      method: 'POST', headers: { 'X-Hub-Signature-256': `sha256=${'0'.repeat(64)}` }, body,
    }), bare, createExecutionContext());
    expect(wa.status).toBe(401);
    const verify = await worker.fetch(new Request(`${BASE}/bot/whatsapp?hub.mode=subscribe&hub.verify_token=&hub.challenge=1`), bare, createExecutionContext());
    expect(verify.status).toBe(403);
    expect(sent).toEqual([]);
  });
});
