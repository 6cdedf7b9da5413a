// What a person reads after a lookup: the view of reported, not reported and
// error answers in both languages, and markup that never executes typed input.
import fc from 'fast-check';
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { describe, expect, test } from 'vitest';
import type { CheckQuery, CheckResponse, Match } from '../../worker/core/api-types.ts';
import { ERROR_MESSAGES } from '../../worker/core/errors.ts';
import { spelledAsTyped } from '../../worker/core/identifiers.ts';
import {
  describeCategories,
  describeCheck,
  describeCheckAt,
  describeError,
  describePrivateCheck,
  escapeHtml,
  resultViewToHtml,
  resultViewTree,
  type ResultView,
} from '../../worker/presentation/result-view.ts';

/**
 * A query as the API answers it: with the `display` the server gives it (a number
 * grouped, a username's periods: worker/core/identifiers.ts), which the view shows.
 */
function answered<Q extends CheckQuery>(query: Q): Q {
  const { display } = spelledAsTyped(query);
  return display === undefined ? query : { ...query, display };
}

const snapshot = { version: '20260301T000000Z-abcdef01', generatedAt: '2026-03-01T00:00:00Z' };

const bcaMatch: Match = {
  type: 'bank',
  value: '1234567890',
  bank: '014',
  count: 7,
  categories: { investment: 2, online_shopping: 5 },
  firstReportedAt: '2025-01-31T20:00:00Z', // 1 February in Jakarta
  lastReportedAt: '2026-02-20T03:00:00Z',
  totalLossIdr: 20_600_000,
  disputed: false,
};

const reportedBank: CheckResponse = {
  status: 'reported',
  query: { type: 'bank', value: '1234567890', bank: '014' },
  matches: [bcaMatch],
  snapshot,
};

const reportedPhone: CheckResponse = {
  status: 'reported',
  query: answered({ type: 'phone', value: '+6285711112222' }),
  matches: [
    {
      type: 'phone',
      value: '+6285711112222',
      count: 1,
      categories: { online_shopping: 1 },
      firstReportedAt: '2026-02-18T03:00:00Z',
      lastReportedAt: '2026-02-18T03:00:00Z',
      totalLossIdr: 0,
      disputed: false,
    },
    {
      type: 'ewallet',
      value: '+6285711112222',
      provider: 'dana',
      count: 3,
      categories: { online_shopping: 2, loan: 1 },
      firstReportedAt: '2025-06-01T03:00:00Z',
      lastReportedAt: '2026-02-16T03:00:00Z',
      totalLossIdr: 3_550_000,
      disputed: false,
    },
  ],
  snapshot,
};

const notReported: CheckResponse = {
  status: 'not_reported',
  query: { type: 'bank', value: '1300012345678', bank: '008' },
  matches: [],
  snapshot,
};

const facts = (view: ResultView, i = 0) => Object.fromEntries(view.matches[i]!.facts.map((f) => [f.label, f.value]));

describe('a reported answer', () => {
  test('in Indonesian names the account, the bank and how often it was reported', () => {
    const view = describeCheck(reportedBank, 'id');
    expect(view.tone).toBe('reported');
    expect(view.heading).toBe('Dilaporkan: rekening BCA 1234567890 telah dilaporkan 7 kali');
    expect(view.lines.join(' ')).toMatch(/Jangan transfer/);
    expect(view.reminder).toBeUndefined();
    expect(view.matches[0]!.title).toBe('Rekening BCA 1234567890');
    expect(facts(view)).toEqual({
      'Laporan terverifikasi': '7',
      'Jenis penipuan': 'Belanja online (5), Investasi (2)',
      'Laporan pertama': '1 Februari 2025',
      'Laporan terakhir': '20 Februari 2026',
      'Total kerugian dilaporkan': 'Rp\u00a020.600.000',
    });
  });

  test('in English uses English labels and British dates, Rupiah still in Indonesian format', () => {
    const view = describeCheck(reportedBank, 'en');
    expect(view.heading).toBe('Reported: BCA account 1234567890 has been reported 7 times');
    expect(view.lines.join(' ')).toMatch(/Do not transfer/);
    expect(facts(view)).toEqual({
      'Verified reports': '7',
      'Reported for': 'Online shopping (5), Investment (2)',
      'First report': '1 February 2025',
      'Latest report': '20 February 2026',
      'Total reported loss': 'Rp\u00a020.600.000',
    });
  });

  test('categories are listed most frequent first', () => {
    expect(describeCategories({ other: 1, phishing: 4, online_shopping: 9, job: 4 }, 'en')).toBe(
      'Online shopping (9), Fake job offer (4), Phishing (stealing data/OTP) (4), Other (1)',
    );
  });

  test('a number also reported as an e-wallet shows both matches, a zero loss is left out', () => {
    const view = describeCheck(reportedPhone, 'id');
    expect(view.heading).toBe('Dilaporkan: nomor 0857-1111-2222 telah dilaporkan 4 kali');
    expect(view.matches.map((m) => m.title)).toEqual(['DANA 0857-1111-2222', 'Nomor telepon 0857-1111-2222']);
    expect(Object.keys(facts(view, 1))).not.toContain('Total kerugian dilaporkan');
    expect(view.lines.join(' ')).toMatch(/nomor yang sama/);
    expect(describeCheck(reportedPhone, 'en').heading).toBe('Reported: number 0857-1111-2222 has been reported 4 times');
  });
});

describe('a reported answer the owner disputes', () => {
  const disputed: CheckResponse = { ...reportedBank, matches: [{ ...bcaMatch, disputed: true }] };

  test('still says reported and not to transfer, and says in words, beside the advice, that the owner contests it', () => {
    const view = describeCheck(disputed, 'id');
    expect(view.tone).toBe('reported');
    expect(view.heading).toBe('Dilaporkan: rekening BCA 1234567890 telah dilaporkan 7 kali');
    expect(view.lines[0]).toMatch(/Jangan transfer/);
    expect(view.lines[1]).toMatch(/^Pemilik akun ini menyanggah laporannya\..*tetap tercantum sebagai dilaporkan/);
    expect(facts(view)['Sanggahan pemilik']).toBe('Sedang diperiksa');
    const english = describeCheck(disputed, 'en');
    expect(english.lines[1]).toMatch(/^The owner of this account disputes the reports\..*stays listed as reported/);
    expect(facts(english)['Owner’s dispute']).toBe('Under review');
  });

  test('an undisputed answer says nothing of a dispute', () => {
    for (const lang of ['id', 'en'] as const) {
      const view = describeCheck(reportedBank, lang);
      expect(view.lines.join(' ')).not.toMatch(/menyanggah|disputes/);
      expect(Object.keys(facts(view))).not.toContain(lang === 'id' ? 'Sanggahan pemilik' : 'Owner’s dispute');
    }
  });

  test('the no-JavaScript markup carries the words', () => {
    expect(resultViewToHtml(describeCheck(disputed, 'id'))).toContain('Pemilik akun ini menyanggah laporannya.');
  });
});

describe('every answer links to how listing works', () => {
  test.each([
    ['id', '/cara-kerja/'],
    ['en', '/en/how-it-works/'],
  ] as const)('in %s: reported and not reported link to %s, on CekDulu or from the widget on its origin', (lang, path) => {
    for (const answer of [reportedBank, notReported]) {
      const html = resultViewToHtml(describeCheck(answer, lang));
      expect(html).toMatch(new RegExp(`<p class="result__about"><a class="result__about-link" href="${path}">[^<]+</a></p>`));
    }
    expect(resultViewToHtml(describeCheck(reportedBank, lang))).not.toContain('https://');
    const tree = JSON.stringify(resultViewTree(describeCheck(reportedBank, lang), 'https://cekdulu.id'));
    expect(tree).toContain(`"href":"https://cekdulu.id${path}","target":"_blank","rel":"noopener"`);
  });

  test('errors carry no such link', () => {
    expect(resultViewToHtml(describeError(null, 'id', 0))).not.toContain('result__about');
  });
});

describe('the kinds added last', () => {
  const answer = (type: 'website' | 'tiktok' | 'telegram', value: string): CheckResponse => ({
    status: 'reported',
    query: { type, value },
    matches: [{ type, value, count: 3, categories: { online_shopping: 3 }, firstReportedAt: snapshot.generatedAt, lastReportedAt: snapshot.generatedAt, totalLossIdr: 0, disputed: false }],
    snapshot,
  });

  test.each([
    ['website', 'tokomurah-promo.com', 'tokomurah-promo.com', 'situs web tokomurah-promo.com', 'website tokomurah-promo.com'],
    ['tiktok', 'hpmurah.sby', 'tiktok.com/@hpmurah.sby', 'akun TikTok @hpmurah.sby', 'TikTok account @hpmurah.sby'],
    ['telegram', 'tiketkonser_murah', 't.me/tiketkonser_murah', 'akun Telegram @tiketkonser_murah', 'Telegram account @tiketkonser_murah'],
  ] as const)('a %s match is titled as the site writes it, the handle with its @ in the heading, in both languages', (type, value, title, id, en) => {
    const [indonesian, english] = [describeCheck(answer(type, value), 'id'), describeCheck(answer(type, value), 'en')];
    expect(indonesian.matches.map((m) => m.title)).toEqual([title]);
    expect(english.matches.map((m) => m.title)).toEqual([title]);
    expect(indonesian.heading).toBe(`Dilaporkan: ${id} telah dilaporkan 3 kali`);
    expect(english.heading).toBe(`Reported: ${en} has been reported 3 times`);
  });
});

describe('a not-reported answer', () => {
  test('in Indonesian says no verified reports and always carries the reminder', () => {
    const view = describeCheck(notReported, 'id');
    expect(view.tone).toBe('not_reported');
    expect(view.heading).toBe('Belum ada laporan terverifikasi untuk rekening Mandiri 1300012345678');
    expect(view.matches).toEqual([]);
    expect(view.reminder).toMatch(/bukan bukti penjual jujur/);
    expect(view.reminder).toMatch(/escrow/);
    expect(view.reminder).toMatch(/cek lagi tepat sebelum membayar/);
  });

  test('in English too', () => {
    const view = describeCheck(notReported, 'en');
    expect(view.heading).toBe('No verified reports for Mandiri account 1300012345678');
    expect(view.reminder).toMatch(/does not prove a seller is honest/);
    expect(view.reminder).toMatch(/right before you pay/);
    expect(resultViewToHtml(view)).toContain('class="result__reminder"');
  });
});

describe('an error', () => {
  test('a bad value shows the API message and says to fix the field', () => {
    const body = { error: { code: 'invalid_instagram' as const, message: ERROR_MESSAGES.invalid_instagram.id, field: 'value' as const } };
    const view = describeError(body, 'id', 400);
    expect(view.tone).toBe('error');
    expect(view.lines[0]).toBe(ERROR_MESSAGES.invalid_instagram.id);
    expect(view.lines[1]).toMatch(/^Perbaiki nomor atau akun/);
    const en = describeError({ error: { code: 'bank_required', message: ERROR_MESSAGES.bank_required.en, field: 'bank' } }, 'en', 400);
    expect(en.lines).toEqual([ERROR_MESSAGES.bank_required.en, 'Correct the bank you chose, then press “Check now” again.']);
  });

  test('every 400 code, and only those, asks to fix the entry; 429 and 5xx say try later, other 4xx reload', () => {
    for (const [code, { status, en }] of Object.entries(ERROR_MESSAGES)) {
      const view = describeError({ error: { code: code as keyof typeof ERROR_MESSAGES, message: en } }, 'en', status);
      expect(view.heading, code).toBe(status === 400 ? 'Please check what you entered' : 'Could not check right now');
      if (status === 429 || status >= 500) expect(view.lines[1], code).toMatch(/Try again in a few minutes/);
      else if (status !== 400) expect(view.lines[1], code).toMatch(/reload|Reload/);
    }
  });

  test('unavailable data and a failed connection say to try again later', () => {
    const unavailable = describeError({ error: { code: 'snapshot_unavailable', message: ERROR_MESSAGES.snapshot_unavailable.en } }, 'en', 503);
    expect(unavailable.heading).toBe('Could not check right now');
    expect(unavailable.lines[1]).toMatch(/Try again in a few minutes/);
    const offline = describeError(null, 'id', 0);
    expect(offline.tone).toBe('error');
    expect(offline.lines.join(' ')).toMatch(/koneksi internet/);
    expect(offline.lines.join(' ')).toMatch(/Coba lagi/);
  });
});

describe('the markup', () => {
  const attack = '<img src=x onerror=alert(1)>';

  test('markup in the query or a match is escaped, never emitted as an element', () => {
    const res: CheckResponse = {
      status: 'reported',
      query: { type: 'instagram', value: attack },
      matches: [{ ...bcaMatch, type: 'instagram', value: attack, bank: undefined, categories: { [attack]: 1 } }],
      snapshot,
    };
    for (const lang of ['id', 'en'] as const) {
      const html = resultViewToHtml(describeCheck(res, lang));
      expect(html).not.toContain('<img');
      expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    }
    const error = resultViewToHtml(describeError({ error: { code: 'invalid_instagram', message: `"${attack}'` } }, 'en', 400));
    expect(error).not.toContain('<img');
    expect(error).toContain('&quot;&lt;img');
  });

  test('escapeHtml covers the five characters that matter in text and attributes', () => {
    expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe('&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;');
  });

  test('the tone is a class, an icon and the heading text', () => {
    const html = resultViewToHtml(describeCheck(reportedBank, 'id'));
    expect(html).toMatch(/^<div class="result result--reported">/);
    expect(html).toContain('<span class="result__icon" aria-hidden="true">⚠');
    expect(html).toContain('<dt class="result__fact-label">Laporan terverifikasi</dt><dd class="result__fact-value">7</dd>');
    expect(resultViewToHtml(describeCheck(notReported, 'id'))).toMatch(/^<div class="result result--not-reported">/);
    expect(resultViewToHtml(describeError(null, 'en', 0))).toMatch(/^<div class="result result--error">/);
  });
});

describe('what the buyer typed, shown as typed', () => {
  const fbMatch: Match = { ...bcaMatch, type: 'facebook', value: 'jualhpmurahofficial', bank: undefined } as Match;
  delete (fbMatch as Partial<Match>).bank;

  test('a Facebook username keeps its periods in the heading and the match title (query.display)', () => {
    const view = describeCheck(
      { status: 'reported', query: { type: 'facebook', value: 'jualhpmurahofficial', display: 'jual.hp.murah.official' }, matches: [fbMatch], snapshot },
      'id',
    );
    expect(view.heading).toBe('Dilaporkan: akun Facebook jual.hp.murah.official telah dilaporkan 7 kali');
    expect(view.matches[0]!.title).toBe('Facebook jual.hp.murah.official');
    // Without a display the key is shown, as before.
    expect(describeCheck({ status: 'not_reported', query: { type: 'facebook', value: 'jualhpmurahofficial' }, matches: [], snapshot }, 'en').heading)
      .toBe('No verified reports for Facebook account jualhpmurahofficial');
  });

  const phoneHeading = (value: string) => describeCheck({ status: 'not_reported', query: answered({ type: 'phone', value }), matches: [], snapshot }, 'id').heading;

  test('landlines read as area code, dash, local number: 022-2034567, 021-93417219, 0274-123456; mobiles stay in fours', () => {
    expect(phoneHeading('+62222034567')).toBe('Belum ada laporan terverifikasi untuk nomor 022-2034567');
    expect(phoneHeading('+622193417219')).toBe('Belum ada laporan terverifikasi untuk nomor 021-93417219');
    expect(phoneHeading('+62274123456')).toBe('Belum ada laporan terverifikasi untuk nomor 0274-123456');
    expect(phoneHeading('+6281234567890')).toBe('Belum ada laporan terverifikasi untuk nomor 0812-3456-7890');
    expect(phoneHeading('+60123456789')).toBe('Belum ada laporan terverifikasi untuk nomor +60123456789');
  });

  test('a landline’s area code is the one libphonenumber puts in brackets, for any Indonesian fixed-line number', () => {
    const fixedLine = fc
      .tuple(fc.stringMatching(/^[2-7][0-9]{1,2}$/), fc.stringMatching(/^[1-9][0-9]{4,7}$/))
      .map(([area, local]) => parsePhoneNumberFromString(`+62${area}${local}`))
      .filter((n) => n !== undefined && n.isValid() && n.getType() === 'FIXED_LINE');
    fc.assert(
      fc.property(fixedLine, (number) => {
        const bracketed = /^\((0\d+)\) ?(.*)$/.exec(number!.formatNational())!;
        expect(phoneHeading(number!.number)).toBe(`Belum ada laporan terverifikasi untuk nomor ${bracketed[1]}-${bracketed[2]!.replace(/\D/g, '')}`);
      }),
      { numRuns: 300 },
    );
  });

  const phoneMatch: Match = { ...reportedPhone.matches[0]!, value: '+6281234567890', count: 4 };

  test('a GoPay number whose reports are on the phone number says so, and names the number in the heading', () => {
    const res: CheckResponse = { status: 'reported', query: answered({ type: 'ewallet', value: '+6281234567890', provider: 'gopay' }), matches: [phoneMatch], snapshot };
    const id = describeCheck(res, 'id');
    expect(id.heading).toBe('Dilaporkan: nomor 0812-3456-7890 telah dilaporkan 4 kali');
    expect(id.lines).toContain('Laporannya untuk nomor ini, bukan untuk akun GoPay-nya. Nomor yang sama dipakai untuk keduanya.');
    expect(id.matches[0]!.title).toBe('Nomor telepon 0812-3456-7890');
    const en = describeCheck({ ...res, query: { ...res.query, provider: 'ovo' } }, 'en');
    expect(en.lines).toContain('The reports are on this number, not on its OVO account. The same number is behind both.');
  });

  test('an e-wallet reported as itself keeps its heading, and other kinds of the number are only mentioned', () => {
    const view = describeCheck({ ...reportedPhone, query: answered({ type: 'ewallet', value: '+6285711112222', provider: 'dana' }) }, 'id');
    expect(view.heading).toBe('Dilaporkan: akun DANA 0857-1111-2222 telah dilaporkan 4 kali');
    expect(view.lines.join(' ')).not.toMatch(/bukan untuk akun/);
    const other = describeCheck({ ...reportedPhone, query: answered({ type: 'ewallet', value: '+6285711112222', provider: 'gopay' }) }, 'id');
    expect(other.heading).toBe('Dilaporkan: nomor 0857-1111-2222 telah dilaporkan 4 kali');
    expect(other.lines).toContain('Laporannya untuk nomor ini, bukan untuk akun GoPay-nya. Nomor yang sama dipakai untuk keduanya.');
  });
});

describe('how fresh an answer is', () => {
  const res = (snap: { version: string; generatedAt: string; updatedAt?: string }): CheckResponse => ({
    status: 'not_reported',
    query: { type: 'bank', bank: '014', value: '1234567890' },
    matches: [],
    snapshot: snap,
  });
  const fresh = res({ ...snapshot, updatedAt: '2026-12-06T07:05:00Z' });

  test("CekDulu's pages say the newest decision included, to the minute in Jakarta time (WIB, UTC+7)", () => {
    expect(describeCheckAt(fresh, 'id').lines).toEqual(['Data laporan per 6 Desember 2026 pukul 14.05 WIB.']);
    expect(describeCheckAt(fresh, 'en').lines).toEqual(['Report data as of 6 December 2026 at 14:05 WIB.']);
    expect(describePrivateCheck({ query: fresh.query, count: 0, snapshot: fresh.snapshot }, 'id').lines).toContain('Data laporan per 6 Desember 2026 pukul 14.05 WIB.');
  });

  test('without a same-day decision, the minute the nightly data was built', () => {
    expect(describeCheckAt(res(snapshot), 'id').lines).toEqual(['Data laporan per 1 Maret 2026 pukul 07.00 WIB.']);
  });

  test("the widget's answers (describeCheck) keep the day: embed.js has no bytes for the minute", () => {
    expect(describeCheck(fresh, 'id').lines).toEqual(['Data laporan per 1 Maret 2026.']);
  });
});
