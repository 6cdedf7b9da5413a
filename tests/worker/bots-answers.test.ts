// What the bots answer: each README sample identifier in both languages, on both
// platforms, with the result page's own words and a link to the full result;
// what could not be checked, with why; one message of at most 4,096 characters
// however much the message held; the per-sender brake; and a send that fails is
// logged without the text and retried once. The message text, the chat id and
// the phone number never reach a log line.
import { createExecutionContext, waitOnExecutionContext } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { afterEach, beforeAll, describe, expect, test, vi } from 'vitest';
import worker from '../../worker/index.ts';
import { publishFixture } from './fixture.ts';
import {
  BASE, postTelegram, postWhatsApp, privateText, recordSends, TELEGRAM_SECRET, telegramUpdate, whatsappDelivery, whatsappText, type Sent,
} from './bots-fixture.ts';

beforeAll(async () => {
  await publishFixture(env.SNAPSHOTS);
});
afterEach(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

/** README "Try these in the sample data": as a seller writes each, and what the answer's heading says in each language. */
const SAMPLES: { message: string; id: string | RegExp; en: string | RegExp; link: string }[] = [
  { message: 'BCA 1234567890', id: 'Dilaporkan: rekening BCA 1234567890 telah dilaporkan', en: 'Reported: BCA account 1234567890 has been reported', link: '?type=bank&value=1234567890&bank=014' },
  { message: 'WA 0812-3456-7890', id: 'Dilaporkan: nomor 0812-3456-7890 telah dilaporkan', en: 'Reported: number 0812-3456-7890 has been reported', link: '?type=phone&value=%2B6281234567890' },
  { message: 'DANA 0857-1111-2222', id: 'Dilaporkan: akun DANA 0857-1111-2222 telah dilaporkan', en: 'Reported: DANA account 0857-1111-2222 has been reported', link: '?type=ewallet&value=%2B6285711112222&provider=dana' },
  { message: 'IG @olshop.murah.banget', id: 'Dilaporkan: akun Instagram @olshop.murah.banget telah dilaporkan', en: 'Reported: Instagram account @olshop.murah.banget has been reported', link: '?type=instagram&value=olshop.murah.banget' },
  { message: 'facebook.com/jual.hp.murah.official', id: /Dilaporkan: akun Facebook jual\.?hp\.?murah\.?official telah dilaporkan/, en: /Reported: Facebook account jual\.?hp\.?murah\.?official has been reported/, link: '?type=facebook&value=' },
  { message: 'https://www.tokomurah-promo.com/checkout?x=1', id: 'Dilaporkan: situs web tokomurah-promo.com telah dilaporkan', en: 'Reported: website tokomurah-promo.com has been reported', link: '?type=website&value=tokomurah-promo.com' },
  { message: 'tiktok.com/@hpmurah.sby', id: 'Dilaporkan: akun TikTok @hpmurah.sby telah dilaporkan', en: 'Reported: TikTok account @hpmurah.sby has been reported', link: '?type=tiktok&value=hpmurah.sby' },
  { message: 't.me/tiketkonser_murah', id: 'Dilaporkan: akun Telegram @tiketkonser_murah telah dilaporkan', en: 'Reported: Telegram account @tiketkonser_murah has been reported', link: '?type=telegram&value=tiketkonser_murah' },
  { message: 'https://wa.me/6281398765432', id: 'Dilaporkan: nomor 0813-9876-5432 telah dilaporkan', en: 'Reported: number 0813-9876-5432 has been reported', link: '?type=phone&value=%2B6281398765432' },
  { message: 'Mandiri 1300012345678', id: 'Belum ada laporan terverifikasi untuk rekening Mandiri 1300012345678', en: 'No verified reports for Mandiri account 1300012345678', link: '?type=bank&value=1300012345678&bank=008' },
  { message: 'BNI 0987654321', id: 'Dilaporkan: rekening BNI 0987654321 telah dilaporkan', en: 'Reported: BNI account 0987654321 has been reported', link: '?type=bank&value=0987654321&bank=009' },
];
const PAGE = { id: `${BASE}/cek/`, en: `${BASE}/en/check/` };
const NOT_PROOF = {
  id: 'Penting: “belum dilaporkan” bukan bukti penjual jujur.',
  en: 'Important: “not reported” does not prove a seller is honest.',
};
const DISPUTED = {
  id: 'Pemiliknya menyanggah laporan ini; moderator sedang memeriksa.',
  en: 'Its owner disputes the reports; a moderator is reviewing.',
};

describe.each(['id', 'en'] as const)('each README sample, in %s', (lang) => {
  let user = lang === 'id' ? 4100 : 4200;
  test.each(SAMPLES)('$message', async (sample) => {
    const sent = recordSends();
    user++;
    await postTelegram(telegramUpdate({ message: { ...privateText(user, `Halo kak, ${sample.message} ya`).message, from: { id: user, is_bot: false, first_name: 'B', language_code: lang } } }));
    const phone = `62811000${user}`;
    if (lang === 'en') await postWhatsApp(whatsappDelivery([whatsappText(phone, '/bahasa')]));
    await postWhatsApp(whatsappDelivery([whatsappText(phone, `Halo kak, ${sample.message} ya`)]));
    const answers = sent.filter((s) => s.text.startsWith('CekDulu'));
    expect(answers.map((s) => s.api)).toEqual(['telegram', 'whatsapp']);
    // One renderer: both apps get the same words.
    expect(answers[0]!.text).toBe(answers[1]!.text);
    const text = answers[0]!.text;
    // The Facebook username as the answer spells it (periods kept where the lookup gives `display`).
    expect(text).toMatch(sample[lang]);
    expect(text).toContain(`${PAGE[lang]}${sample.link}`);
    const reported = !sample.message.startsWith('Mandiri');
    expect(text.includes(NOT_PROOF[lang])).toBe(!reported);
    expect(text.includes(DISPUTED[lang])).toBe(sample.message.startsWith('BNI'));
  });
});

describe('what could not be checked', () => {
  test('digits with no bank named, a link that cannot be checked and an impossible account number are listed with why', async () => {
    const sent = recordSends();
    const text = 'Transfer ke 1234567890 atau cek https://bit.ly/promo-murah, atau BCA 123456789012, dan IG @olshop.murah.banget';
    await postTelegram(telegramUpdate(privateText(4301, text)));
    const reply = sent[0]!.text;
    expect(reply).toContain('Terbaca: 1 akun Instagram');
    expect(reply).toContain('Tidak bisa dicek:');
    expect(reply).toMatch(/• 1234567890 \(.+\)/);
    expect(reply).toMatch(/• https:\/\/bit\.ly\/promo-murah \(.+\)/);
    expect(reply).toMatch(/• 123456789012 \(.+\)/);
    expect(reply).toContain('Dilaporkan: akun Instagram @olshop.murah.banget');
  });

  test('a message with nothing to check says so, and points to /help', async () => {
    const sent = recordSends();
    await postTelegram(telegramUpdate(privateText(4302, 'halo kak, barangnya masih ada?')));
    expect(sent[0]!.text).toContain('Tidak ada nomor rekening, nomor HP, akun atau link yang terbaca.');
    expect(sent[0]!.text).toContain('/help');
  });

  test('a message longer than the paste box takes is answered with the API’s own words for it', async () => {
    const sent = recordSends();
    await postWhatsApp(whatsappDelivery([whatsappText('6281100004303', `BCA 1234567890 ${'x'.repeat(2100)}`)]));
    expect(sent).toHaveLength(1);
    expect(sent[0]!.text).toMatch(/terlalu panjang/i);
  });
});

describe('the 4,096-character limit', () => {
  // 20 shops to look up and 60 links that cannot be checked: the whole answer would be far longer than one message.
  const sites = Array.from({ length: 20 }, (_, i) => `tokobaru${i + 1}-contoh.com`);
  const links = Array.from({ length: 60 }, (_, i) => `https://bit.ly/x${i + 1}`);
  const MANY = `${sites.join(' ')} ${links.join(' ')}`;

  test.each([['id', 4401], ['en', 4402]] as const)('in %s: within 4,096 characters, cut between entries, saying how many did not fit', async (lang, user) => {
    expect(MANY.length).toBeLessThanOrEqual(2000);
    const sent = recordSends();
    await postTelegram(telegramUpdate({ message: { ...privateText(user, MANY).message, from: { id: user, is_bot: false, first_name: 'B', language_code: lang } } }));
    const reply = sent[0]!.text;
    expect(reply.length).toBeLessThanOrEqual(4096);
    expect(reply.length).toBeGreaterThan(3500);
    const shown = (reply.match(/^(ℹ|⚠)\uFE0E (Belum ada|No verified)/gmu) ?? []).length + (reply.match(/^• /gm) ?? []).length;
    const more = Number((lang === 'id' ? /…dan (\d+) lagi tidak muat/ : /…and (\d+) more did not fit/).exec(reply)?.[1]);
    expect(shown + more).toBe(80);
    expect(more).toBeGreaterThan(0);
    // The first identifiers are there, whole; the reminder closes the message.
    expect(reply).toContain(`${PAGE[lang]}?type=website&value=tokobaru1-contoh.com`);
    expect(reply).toContain(NOT_PROOF[lang]);
  });

  test('WhatsApp gets the same cut', async () => {
    const sent = recordSends();
    await postWhatsApp(whatsappDelivery([whatsappText('6281100004403', MANY)]));
    expect(sent[0]!.text.length).toBeLessThanOrEqual(4096);
    expect(sent[0]!.text).toMatch(/…dan \d+ lagi tidak muat/);
  });
});

describe('the per-sender limit', () => {
  /** A stand-in for the BOT_LIMITER binding: `limit` calls per key, then refused; the keys it saw. */
  const countingLimiter = (limit: number) => {
    const counts = new Map<string, number>();
    return {
      keys: counts,
      async limit({ key }: { key: string }) {
        counts.set(key, (counts.get(key) ?? 0) + 1);
        return { success: counts.get(key)! <= limit };
      },
    };
  };
  const post = async (bindings: Partial<Env>, update: unknown) => {
    const ctx = createExecutionContext();
    await worker.fetch(new Request(`${BASE}/bot/telegram`, {
      method: 'POST', headers: { 'X-Telegram-Bot-Api-Secret-Token': TELEGRAM_SECRET }, body: JSON.stringify(update),
    }), { ...env, ...bindings } as Env, ctx);
    await waitOnExecutionContext(ctx);
  };

  test('over the limit: one polite reply, then silence until the notice limit allows another; other senders unaffected', async () => {
    const sent = recordSends();
    const limiter = countingLimiter(10);
    const notices = countingLimiter(1);
    const bindings = { BOT_LIMITER: limiter, BOT_NOTICE_LIMITER: notices } as unknown as Partial<Env>;
    for (let i = 0; i < 13; i++) await post(bindings, telegramUpdate(privateText(4501, 'BCA 1234567890')));
    await post(bindings, telegramUpdate(privateText(4502, 'BCA 1234567890')));
    const toFirst = sent.filter((s) => s.to === '4501').map((s) => s.text);
    expect(toFirst).toHaveLength(11);
    expect(toFirst.slice(0, 10).every((t) => t.includes('Dilaporkan: rekening BCA 1234567890'))).toBe(true);
    expect(toFirst[10]).toBe('Pesan Anda terlalu banyak dalam satu menit. Tunggu sebentar, lalu kirim lagi.');
    expect(sent.filter((s) => s.to === '4502')).toHaveLength(1);
    // Keyed by a keyed hash: the limiter never sees the chat id.
    expect([...limiter.keys.keys()]).toHaveLength(2);
    for (const key of limiter.keys.keys()) {
      expect(key).toMatch(/^[0-9a-f]{64}$/);
      expect(key).not.toContain('4501');
    }
  });

  test('RATE_LIMITS=off turns the brake off, as for the site', async () => {
    const sent = recordSends();
    const limiter = countingLimiter(0);
    await post({ BOT_LIMITER: limiter, BOT_NOTICE_LIMITER: limiter, RATE_LIMITS: 'off' } as unknown as Partial<Env>, telegramUpdate(privateText(4503, 'BCA 1234567890')));
    expect(sent[0]!.text).toContain('Dilaporkan: rekening BCA 1234567890');
    expect(limiter.keys.size).toBe(0);
  });
});

describe('a send that fails', () => {
  const logged = () => {
    const lines: string[] = [];
    for (const level of ['log', 'info', 'warn', 'error', 'debug'] as const) {
      vi.spyOn(console, level).mockImplementation((...args: unknown[]) => void lines.push(args.map(String).join(' ')));
    }
    return lines;
  };
  const SECRET_TEXT = 'Rahasia pembeli: BCA 1234567890 dari Bu Sri';

  test('an error status is logged without the text and retried once; the retry delivers', async () => {
    const lines = logged();
    const sent = recordSends((call) => (call === 1 ? 502 : 200));
    await postTelegram(telegramUpdate(privateText(4601, SECRET_TEXT)));
    expect(sent).toHaveLength(2);
    expect(sent[1]!.text).toBe(sent[0]!.text);
    const failures = lines.filter((l) => l.includes('bot_send_failed'));
    expect(failures.map((l) => JSON.parse(l))).toEqual([{ event: 'bot_send_failed', api: 'telegram', attempt: 1, status: 502, retry: true }]);
  });

  test('failing twice: two attempts, never a third, both logged; no log line holds the text, the chat id or the token', async () => {
    const lines = logged();
    const sent: Sent[] = recordSends(() => 500);
    await postTelegram(telegramUpdate(privateText(4602, SECRET_TEXT)));
    await postWhatsApp(whatsappDelivery([whatsappText('6281100004602', SECRET_TEXT)]));
    expect(sent.map((s) => s.api)).toEqual(['telegram', 'telegram', 'whatsapp', 'whatsapp']);
    expect(lines.filter((l) => l.includes('bot_send_failed')).map((l) => JSON.parse(l))).toEqual([
      { event: 'bot_send_failed', api: 'telegram', attempt: 1, status: 500, retry: true },
      { event: 'bot_send_failed', api: 'telegram', attempt: 2, status: 500, retry: false },
      { event: 'bot_send_failed', api: 'whatsapp', attempt: 1, status: 500, retry: true },
      { event: 'bot_send_failed', api: 'whatsapp', attempt: 2, status: 500, retry: false },
    ]);
    for (const line of lines) {
      for (const secret of ['Rahasia', '1234567890', 'Bu Sri', '4602', '6281100004602', 'test-telegram-bot-token', 'test-whatsapp-access-token']) {
        expect(line).not.toContain(secret);
      }
    }
  });

  test('no answer at all (a network error) is retried once too', async () => {
    logged();
    let calls = 0;
    vi.stubGlobal('fetch', async () => {
      calls++;
      throw new TypeError('network down');
    });
    const res = await postTelegram(telegramUpdate(privateText(4603, SECRET_TEXT)));
    expect(res.status).toBe(200);
    expect(calls).toBe(2);
  });
});
