// What each kind of delivery gets: a message with text (typed, forwarded, a
// picture's caption) is read; a picture alone is asked for its text; edits,
// channel posts, stickers, voice, reactions and WhatsApp's statuses get nothing.
// Commands (/start, /help, /lapor, /bahasa) answer in a few lines; in a Telegram
// group the bot speaks only when mentioned or replied to.
import { env } from 'cloudflare:workers';
import { afterEach, beforeAll, describe, expect, test, vi } from 'vitest';
import { publishFixture } from './fixture.ts';
import { BOT_ID, postTelegram, postWhatsApp, privateText, recordSends, telegramUpdate, whatsappDelivery, whatsappText } from './bots-fixture.ts';

const SELLER = 'Transfer ke BCA 1234567890 ya kak';
const READ_BCA = 'Dilaporkan: rekening BCA 1234567890 telah dilaporkan';

beforeAll(async () => {
  await publishFixture(env.SNAPSHOTS);
});
afterEach(() => {
  vi.unstubAllGlobals();
});

const message = (userId: number, fields: Record<string, unknown>) => ({
  message: { message_id: 9, date: 1_765_000_000, from: { id: userId, is_bot: false, first_name: 'B', language_code: 'id' }, chat: { id: userId, type: 'private' }, ...fields },
});

describe('Telegram updates', () => {
  test('a typed message is read and answered', async () => {
    const sent = recordSends();
    await postTelegram(telegramUpdate(privateText(3001, SELLER)));
    expect(sent.map((s) => s.text)).toEqual([expect.stringContaining(READ_BCA)]);
  });

  test('a forwarded message is read like a typed one', async () => {
    const sent = recordSends();
    await postTelegram(telegramUpdate(message(3002, { text: SELLER, forward_origin: { type: 'hidden_user', sender_user_name: 'Penjual', date: 1_764_999_000 } })));
    expect(sent.map((s) => s.text)).toEqual([expect.stringContaining(READ_BCA)]);
  });

  test('a picture with a caption: the caption is read', async () => {
    const sent = recordSends();
    await postTelegram(telegramUpdate(message(3003, { photo: [{ file_id: 'x', width: 90, height: 90 }], caption: SELLER })));
    expect(sent.map((s) => s.text)).toEqual([expect.stringContaining(READ_BCA)]);
  });

  test('a picture without a caption: asked to send the text instead', async () => {
    const sent = recordSends();
    await postTelegram(telegramUpdate(message(3004, { photo: [{ file_id: 'x', width: 90, height: 90 }] })));
    expect(sent).toHaveLength(1);
    expect(sent[0]!.text).toContain('Saya belum bisa membaca gambar. Kirim teksnya');
  });

  test.each([
    ['an edited message', { edited_message: message(3005, { text: SELLER, edit_date: 1_765_000_100 }).message }],
    ['a channel post', { channel_post: { message_id: 1, date: 1, chat: { id: -1003005, type: 'channel' }, text: SELLER } }],
    ['a sticker', message(3005, { sticker: { file_id: 's', emoji: '👍' } })],
    ['a voice message', message(3005, { voice: { file_id: 'v', duration: 3 } })],
    ['a reaction', { message_reaction: { chat: { id: 3005, type: 'private' }, message_id: 9, date: 1, old_reaction: [], new_reaction: [{ type: 'emoji', emoji: '👍' }] } }],
    ['a button press', { callback_query: { id: '1', from: { id: 3005, is_bot: false, first_name: 'B' }, data: 'x' } }],
    ['the bot added to a chat', { my_chat_member: { chat: { id: 3005, type: 'private' }, date: 1 } }],
  ])('%s: 200 and no reply', async (_name, fields) => {
    const sent = recordSends();
    const res = await postTelegram(telegramUpdate(fields));
    expect(res.status).toBe(200);
    expect(sent).toEqual([]);
  });

  test('/start and /help explain in a few lines, in Indonesian for an Indonesian app', async () => {
    const sent = recordSends();
    await postTelegram(telegramUpdate(privateText(3006, '/start')));
    await postTelegram(telegramUpdate(privateText(3006, '/help')));
    expect(sent).toHaveLength(2);
    for (const { text } of sent) {
      expect(text).toContain('Teruskan (forward) atau tempel pesan penjual ke sini.');
      expect(text).toContain('/lapor');
      expect(text).toContain('/bahasa');
      expect(text).toContain('https://cekdulu.test/privasi/');
      expect(text.split('\n').length).toBeLessThanOrEqual(8);
    }
  });

  test('/lapor links the report form', async () => {
    const sent = recordSends();
    await postTelegram(telegramUpdate(privateText(3007, '/lapor')));
    expect(sent[0]!.text).toContain('https://cekdulu.test/lapor/');
  });

  test('language_code chooses at first; /bahasa switches, is kept for the chat, and switches back', async () => {
    const sent = recordSends();
    const english = (text: string) => ({ message: { ...privateText(3008, text).message, from: { id: 3008, is_bot: false, first_name: 'B', language_code: 'en-GB' } } });
    await postTelegram(telegramUpdate(english(SELLER)));
    expect(sent.at(-1)!.text).toContain('Reported: BCA account 1234567890 has been reported');
    await postTelegram(telegramUpdate(english('/bahasa')));
    expect(sent.at(-1)!.text).toBe('Bahasa: Indonesia. Ketik /bahasa untuk English.');
    await postTelegram(telegramUpdate(english(SELLER)));
    expect(sent.at(-1)!.text).toContain(READ_BCA);
    await postTelegram(telegramUpdate(english('/bahasa')));
    expect(sent.at(-1)!.text).toBe('Language: English. Send /bahasa for Bahasa Indonesia.');
    expect(sent.map((s) => s.to)).toEqual(['3008', '3008', '3008', '3008']);
  });

  test('an app in another language than Indonesian or English starts in English; no language_code starts in Indonesian', async () => {
    const sent = recordSends();
    await postTelegram(telegramUpdate({ message: { ...privateText(3009, SELLER).message, from: { id: 3009, is_bot: false, first_name: 'B', language_code: 'de' } } }));
    await postTelegram(telegramUpdate({ message: { ...privateText(3010, SELLER).message, from: { id: 3010, is_bot: false, first_name: 'B' } } }));
    expect(sent[0]!.text).toContain('Reported: BCA account 1234567890');
    expect(sent[1]!.text).toContain(READ_BCA);
  });

  describe('in a group', () => {
    const group = -1003011;
    const inGroup = (fields: Record<string, unknown>) => ({
      message: { message_id: 50, date: 1, from: { id: 3011, is_bot: false, first_name: 'B', language_code: 'id' }, chat: { id: group, type: 'supergroup' }, ...fields },
    });

    test('a message that does not speak to the bot gets nothing', async () => {
      const sent = recordSends();
      await postTelegram(telegramUpdate(inGroup({ text: SELLER })));
      await postTelegram(telegramUpdate(inGroup({ text: '/help' })));
      expect(sent).toEqual([]);
    });

    test('mentioned by @username: the message is read, the reply goes to the group under it', async () => {
      const sent = recordSends();
      await postTelegram(telegramUpdate(inGroup({ text: `@CekDuluTestBot ${SELLER}`, entities: [{ type: 'mention', offset: 0, length: 15 }] })));
      expect(sent).toHaveLength(1);
      expect(sent[0]!.to).toBe(String(group));
      expect(sent[0]!.body.reply_parameters).toEqual({ message_id: 50, allow_sending_without_reply: true });
      expect(sent[0]!.text).toContain(READ_BCA);
    });

    test('a mention alone, replying to the seller’s message: that message is read', async () => {
      const sent = recordSends();
      await postTelegram(telegramUpdate(inGroup({ text: '@CekDuluTestBot', reply_to_message: { message_id: 49, from: { id: 77, is_bot: false }, chat: { id: group, type: 'supergroup' }, text: SELLER } })));
      expect(sent.map((s) => s.text)).toEqual([expect.stringContaining(READ_BCA)]);
    });

    test('a reply to the bot’s own message is read; /help@username is a command', async () => {
      const sent = recordSends();
      await postTelegram(telegramUpdate(inGroup({ text: SELLER, reply_to_message: { message_id: 48, from: { id: BOT_ID, is_bot: true }, chat: { id: group, type: 'supergroup' }, text: '…' } })));
      await postTelegram(telegramUpdate(inGroup({ text: '/help@CekDuluTestBot' })));
      expect(sent).toHaveLength(2);
      expect(sent[0]!.text).toContain(READ_BCA);
      expect(sent[1]!.text).toContain('Teruskan (forward) atau tempel pesan penjual ke sini.');
    });
  });
});

describe('WhatsApp messages', () => {
  test('a text message (typed or forwarded) is read and answered to its sender', async () => {
    const sent = recordSends();
    await postWhatsApp(whatsappDelivery([whatsappText('6281100003001', SELLER)]));
    await postWhatsApp(whatsappDelivery([{ ...whatsappText('6281100003001', SELLER), context: { forwarded: true } }]));
    expect(sent.map((s) => [s.to, s.text.includes(READ_BCA)])).toEqual([['6281100003001', true], ['6281100003001', true]]);
  });

  test('a picture with a caption is read; without one, asked for the text', async () => {
    const sent = recordSends();
    await postWhatsApp(whatsappDelivery([{ from: '6281100003002', id: 'wamid.img1', timestamp: '1', type: 'image', image: { id: 'm1', mime_type: 'image/jpeg', caption: SELLER } }]));
    await postWhatsApp(whatsappDelivery([{ from: '6281100003002', id: 'wamid.img2', timestamp: '1', type: 'image', image: { id: 'm2', mime_type: 'image/jpeg' } }]));
    expect(sent).toHaveLength(2);
    expect(sent[0]!.text).toContain(READ_BCA);
    expect(sent[1]!.text).toContain('Saya belum bisa membaca gambar. Kirim teksnya');
  });

  test.each([
    ['a delivery status', whatsappDelivery([], [{ id: 'wamid.sent1', status: 'delivered', timestamp: '1', recipient_id: '6281100003003' }])],
    ['a reaction', whatsappDelivery([{ from: '6281100003003', id: 'wamid.r1', timestamp: '1', type: 'reaction', reaction: { message_id: 'wamid.sent1', emoji: '👍' } }])],
    ['a sticker', whatsappDelivery([{ from: '6281100003003', id: 'wamid.s1', timestamp: '1', type: 'sticker', sticker: { id: 's' } }])],
    ['a voice note', whatsappDelivery([{ from: '6281100003003', id: 'wamid.a1', timestamp: '1', type: 'audio', audio: { id: 'a', voice: true } }])],
    ['an unsupported message', whatsappDelivery([{ from: '6281100003003', id: 'wamid.u1', timestamp: '1', type: 'unsupported', errors: [{ code: 131051 }] }])],
    ['an empty text', whatsappDelivery([whatsappText('6281100003003', '   ')])],
  ])('%s: 200 and no reply', async (_name, delivery) => {
    const sent = recordSends();
    expect((await postWhatsApp(delivery)).status).toBe(200);
    expect(sent).toEqual([]);
  });

  test('two messages in one delivery: each answered', async () => {
    const sent = recordSends();
    await postWhatsApp(whatsappDelivery([whatsappText('6281100003004', SELLER), whatsappText('6281100003005', '/lapor')]));
    expect(sent.map((s) => s.to).sort()).toEqual(['6281100003004', '6281100003005']);
  });

  test('the same commands: /help, /lapor, /bahasa (starting in Indonesian)', async () => {
    const sent = recordSends();
    const from = '6281100003006';
    for (const text of ['/help', '/lapor', '/bahasa', SELLER]) await postWhatsApp(whatsappDelivery([whatsappText(from, text)]));
    expect(sent[0]!.text).toContain('Teruskan (forward) atau tempel pesan penjual ke sini.');
    expect(sent[1]!.text).toContain('https://cekdulu.test/lapor/');
    expect(sent[2]!.text).toBe('Language: English. Send /bahasa for Bahasa Indonesia.');
    expect(sent[3]!.text).toContain('Reported: BCA account 1234567890 has been reported');
  });
});
